"""Places in text: country names in French and English, French local governments, foreign provinces.

Built from pycountry (ISO 3166-1 names and their French translations, ISO 3166-2 subdivisions);
French places are looked up in the official geography (`gazetteer`).
"""

import re
from functools import cache

import pycountry

from passerelles.lib.countries import _translation
from passerelles.lib.names import normalise


def _add(index: dict[str, str], name: str, code: str) -> None:
    key = normalise(name)
    if len(key) >= 3:
        index.setdefault(key, code)


@cache
def country_index() -> dict[str, str]:
    """Return folded country names (French and English, official and common) -> alpha-2 code."""
    index: dict[str, str] = {}
    french = _translation("fr")
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")}
        for name in list(names):
            if name:
                names.add(french.gettext(name))
        for name in names:
            if name:
                _add(index, name, country.alpha_2)
                # "Bolivia, Plurinational State of" is also written "Bolivia".
                _add(index, name.split(",")[0].split("(")[0], country.alpha_2)
    return index


@cache
def subdivision_index() -> dict[str, tuple[str, str]]:
    """Return folded names of foreign provinces and regions (ISO 3166-2) -> (country code, name)."""
    index: dict[str, tuple[str, str]] = {}
    for subdivision in pycountry.subdivisions:
        if subdivision.country_code == "FR":
            continue
        key = normalise(subdivision.name)
        if len(key) >= 4 and key not in country_index():
            index.setdefault(key, (subdivision.country_code, subdivision.name))
    return index


def country_of(name: str) -> str | None:
    """Return the alpha-2 code of the country NAME (French or English), or None."""
    return country_index().get(normalise(name))


@cache
def _country_pattern() -> re.Pattern:
    names = sorted(country_index(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")


def countries_in(text: str) -> list[tuple[str, int, int]]:
    """Return (code, start, end) of every country named in TEXT (offsets in TEXT)."""
    folded = fold_same_length(text)
    return [(country_index()[m.group(1)], m.start(), m.end()) for m in _country_pattern().finditer(folded)]


def fold_same_length(text: str) -> str:
    """Return TEXT in lower case without accents or punctuation, one character for each character.

    Offsets in the result are offsets in TEXT, which keeps provenance spans exact.
    """
    out = []
    for character in text:
        base = normalise(character)
        out.append(base[0] if len(base) == 1 else " ")
    return "".join(out)
