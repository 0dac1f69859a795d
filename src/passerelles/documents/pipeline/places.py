"""Step `territories`: the local governments a unit names, with their level and country."""

import re
from dataclasses import dataclass

from passerelles.lib.names import core_name
from passerelles.territories import geo

# French administrative wording before a name, with the level it gives (general vocabulary).
_LINK = r"(?: (?:de la|de l['’]|des|du|de|d['’]) ?| )"
PREFIXES: list[tuple[str, str]] = [
    (r"conseil\s+r[ée]gional", "region"),
    (r"conseil\s+d[ée]partemental", "departement"),
    (r"conseil\s+g[ée]n[ée]ral", "departement"),
    (r"communaut[ée]\s+d['’]\s*agglom[ée]ration", "intercommunalite"),
    (r"communaut[ée]\s+urbaine", "intercommunalite"),
    (r"communaut[ée]\s+de\s+communes", "intercommunalite"),
    (r"agglom[ée]ration", "intercommunalite"),
    (r"m[ée]tropole", "intercommunalite"),
    (r"CA", "intercommunalite"),
    (r"r[ée]gion", "region"),
    (r"d[ée]partement", "departement"),
    (r"ville", "commune"),
    (r"commune(?:\s+rurale|\s+urbaine)?", "commune"),
    (r"mairie", "commune"),
    (r"municipalit[ée]", "commune"),
    (r"province", "region"),
    (r"gouvernorat", "region"),
    (r"wilaya", "region"),
    (r"pr[ée]fecture", "region"),
    (r"[ÉE]tat", "etat_federe"),
]
# A proper name: capitalised words, joined by hyphens or small words ("Provence-Alpes-Côte d'Azur").
NAME = r"[A-ZÀ-Þ][\w’'\-]*(?:(?:[ \-]| (?:de|du|des|la|le|les|sur|en) | d['’]| l['’])[A-ZÀ-Þ][\w’'\-]*){0,4}"
# The administrative word in any case, the name itself capitalised.
_PREFIXED = re.compile(
    r"\b(?P<prefix>(?i:"
    + "|".join(f"(?:{p})" for p, _ in PREFIXES)
    + r"))"
    + _LINK
    + r"(?P<name>"
    + NAME
    + r")"
)
_METROPOLE_AFTER = re.compile(r"\b(?P<name>[A-ZÀ-Þ][\w\-]+)\s+M[ée]tropole\b")
_BRACKETED_PLACE = re.compile(r"(?P<name>" + NAME + r") ?\((?P<where>[^()]{3,40})\)")
_COOPERATION_LINE = re.compile(
    r"^\s*Coop[ée]ration[^\n/]*?(?P<a>[A-ZÀ-Þ][^\n/]*?)\s+/\s+(?P<b>[^\n]+)$", re.MULTILINE
)
_LEVEL_OF_PREFIX = [(re.compile(f"^{p}$", re.IGNORECASE), level) for p, level in PREFIXES]
# Capitalised words that follow an administrative word without being a place.
_NOT_PLACES = {"france", "europe", "afrique", "ess", "etat", "odd"}


@dataclass
class Place:
    name: str
    country: str
    level: str
    start: int
    end: int


def _level(prefix: str) -> str:
    for pattern, level in _LEVEL_OF_PREFIX:
        if pattern.match(prefix.strip()):
            return level
    return "autre"


def _case_ok(prefix: str) -> bool:
    # "CA" is only an intercommunality when written in capitals.
    return prefix != "ca" and (prefix.upper() != "CA" or prefix == "CA")


def _bracket_country(text: str, end: int) -> str | None:
    """Return the country written in brackets right after a name: "Porto-Novo (Bénin)"."""
    bracket = re.match(r"\s*\(([^()]{3,40})\)", text[end : end + 45])
    if not bracket:
        return None
    inside = bracket.group(1).split(",")[-1].strip()
    return geo.country_of(inside) or _subdivision_country(inside)


def _subdivision_country(name: str) -> str | None:
    """Return the country of a foreign province or region called NAME (or whose name starts so)."""
    key = geo.normalise(name)
    exact = geo.subdivision_index().get(key)
    if exact:
        return exact[0]
    if len(key) < 6:
        return None
    countries = {code for other, (code, _n) in geo.subdivision_index().items() if other.startswith(key + " ")}
    return countries.pop() if len(countries) == 1 else None


def _sentence_country(text: str, start: int, end: int) -> str | None:
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [x for x in (text.find(".", end), text.find("\n", end)) if x >= 0]
    found = {code for code, _s, _e in geo.countries_in(text[sentence_start : min(ends, default=len(text))])}
    found.discard("FR")
    return found.pop() if len(found) == 1 else None


class _Context:
    """What the whole unit says about places: names given with a country, foreign countries named."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: dict[str, str] = {}
        for match in _BRACKETED_PLACE.finditer(text):
            code = _bracket_country(text, match.end("name"))
            if code:
                for word in core_name(match.group("name")).split():
                    if len(word) >= 4:
                        self.known.setdefault(word, code)
        foreign = {code for code, _s, _e in geo.countries_in(text)} - {"FR"}
        self.only_foreign_country = foreign.pop() if len(foreign) == 1 else None

    def where(self, name: str, level: str, start: int, end: int, french_word: bool) -> tuple[str, str] | None:
        """Return (country, level) of a place, or None when it is not a place or its country is unknown."""
        core = core_name(name)
        if geo.country_of(name) or not core or core in _NOT_PLACES:
            return None
        code = _bracket_country(self.text, end) or next(
            (self.known[w] for w in core.split() if w in self.known), None
        )
        if code:
            return code, level if level != "autre" else "commune"
        french = geo.french_level(name) or geo.french_level(core.replace(" ", "-"))
        if french:
            return "FR", level if level != "autre" else french
        code = _subdivision_country(name) or _subdivision_country(core)
        if code:
            return code, level if level != "autre" else "region"
        if french_word:
            return "FR", level
        code = _sentence_country(self.text, start, end) or self.only_foreign_country
        if code:
            return code, level if level != "autre" else "commune"
        return ("FR", level) if level != "autre" else None


def find_places(text: str) -> list[Place]:
    """Return the local governments named in TEXT, each once, with the span of its first mention."""
    context = _Context(text)
    found: list[Place] = []
    for match in _PREFIXED.finditer(text):
        prefix, name = match.group("prefix"), match.group("name").strip(" -’'")
        if not _case_ok(prefix) or len(name) < 3:
            continue
        level = _level(prefix)
        where = context.where(name, level, match.start("name"), match.end("name"), _is_french_word(prefix))
        if where:
            found.append(Place(match.group(0).strip(), where[0], where[1], match.start(), match.end()))
    for match in _METROPOLE_AFTER.finditer(text):
        found.append(Place(match.group(0), "FR", "intercommunalite", match.start(), match.end()))
    for match in _BRACKETED_PLACE.finditer(text):
        name = match.group("name")
        code = _bracket_country(text, match.end("name"))
        if code and code != "FR" and not geo.country_of(name):
            level = "region" if _subdivision_country(name) == code else "commune"
            found.append(Place(name, code, level, match.start("name"), match.end("name")))
    for match in _COOPERATION_LINE.finditer(text):
        for side in ("a", "b"):
            raw = re.sub(r"\s*\(.*$", "", match.group(side)).strip()
            start = match.start(side)
            if not raw or any(core_name(raw) == core_name(p.name) for p in found):
                continue
            prefixed = _PREFIXED.match(raw)
            level = _level(prefixed.group("prefix")) if prefixed else "autre"
            where = context.where(raw, level, start, start + len(raw), False)
            if where:
                found.append(
                    Place(raw, where[0], where[1] if level != "autre" else "commune", start, start + len(raw))
                )
    return _merge(found)


def _is_french_word(prefix: str) -> bool:
    """Tell whether PREFIX names a level that exists only in France (département, intercommunalité)."""
    return _level(prefix) in {"departement", "intercommunalite"}


def _merge(found: list[Place]) -> list[Place]:
    """Keep one place per core name: the most formal spelling, at its first position."""
    kept: dict[str, Place] = {}
    for place in sorted(found, key=lambda p: p.start):
        key = core_name(place.name).replace("-", " ")
        if not key:
            continue
        if key in kept:
            if len(place.name) > len(kept[key].name) and place.level != "autre":
                kept[key] = Place(place.name, place.country, place.level, kept[key].start, kept[key].end)
            continue
        kept[key] = place
    return list(kept.values())
