"""Countries by ISO 3166-1 alpha-2 code, named in French or English through pycountry."""

import gettext
import re
from functools import cache

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from passerelles.lib.text import fold


def is_country(code: str) -> bool:
    """Tell whether CODE is an ISO 3166-1 alpha-2 code (upper case)."""
    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def validate_country(code: str) -> None:
    """Refuse anything that is not an ISO 3166-1 alpha-2 country code."""
    if not is_country(code or ""):
        raise ValidationError(
            _("“%(code)s” is not an ISO 3166-1 alpha-2 country code (such as FR, BJ, MA)."),
            code="country",
            params={"code": code},
        )


@cache
def _translation(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_name(code: str, language: str | None = None) -> str:
    """Return the common name of the country CODE in LANGUAGE (the active one by default)."""
    country = pycountry.countries.get(alpha_2=code or "")
    if country is None:
        return code
    english = getattr(country, "common_name", None) or country.name
    language = (language or get_language() or "fr").split("-")[0]
    if language == "en":
        return english
    # pycountry's catalogues translate the official English name, not the common one.
    translated = _translation(language).gettext(country.name)
    return translated if translated != country.name else _translation(language).gettext(english)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """Return (code, name) pairs for every country, sorted by name."""
    pairs = [(c.alpha_2, country_name(c.alpha_2, language)) for c in pycountry.countries]
    return sorted(pairs, key=lambda pair: pair[1])


def _name_key(name: str) -> str:
    """Return NAME reduced to its folded letters and digits, so that "Viêt Nam" matches "Vietnam"."""
    return "".join(c for c in fold(name) if c.isalnum())


@cache
def _codes_by_name() -> dict[str, str]:
    """Return alpha-2 codes by the keys of every English and French name of each country."""
    french = _translation("fr")
    names: dict[str, str] = {}
    for country in pycountry.countries:
        english = [
            getattr(country, attribute, None) for attribute in ("name", "official_name", "common_name")
        ]
        for name in filter(None, english):
            names[_name_key(name)] = country.alpha_2
            names[_name_key(french.gettext(name))] = country.alpha_2
    # "Tanzanie, République unie de" and "Bolivie (État plurinational de)" are also called by their
    # first words, unless two countries share them ("Korea, Republic of" and "Korea, Democratic...").
    short: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for name in (country.name, french.gettext(country.name)):
            head = re.split(r"[,(]", name)[0]
            if head != name:
                short.setdefault(_name_key(head), set()).add(country.alpha_2)
    for key, codes in short.items():
        if len(codes) == 1 and key not in names:
            names[key] = codes.pop()
    return names


def country_code(name_or_code: str) -> str | None:
    """Return the alpha-2 code of a country given by ISO code (alpha-2 or alpha-3) or by name.

    Names are French or English, compared without case, accents, spaces or punctuation; None when
    nothing matches.
    """
    value = (name_or_code or "").strip()
    if value.isalpha() and len(value) == 2:
        country = pycountry.countries.get(alpha_2=value.upper())
    elif value.isalpha() and len(value) == 3:
        country = pycountry.countries.get(alpha_3=value.upper())
    else:
        country = None
    if country is not None:
        return country.alpha_2
    return _codes_by_name().get(_name_key(value))


def validate_country_list(codes: list) -> None:
    """Refuse a list holding anything but ISO 3166-1 alpha-2 country codes."""
    if not isinstance(codes, list):
        raise ValidationError(_('Give a list of country codes such as ["BJ", "SN"].'), code="countries")
    for code in codes:
        validate_country(code if isinstance(code, str) else "")


def validate_currency(code: str) -> None:
    """Refuse anything that is not an ISO 4217 currency code."""
    if not (len(code or "") == 3 and pycountry.currencies.get(alpha_3=code) is not None):
        raise ValidationError(
            _("“%(code)s” is not an ISO 4217 currency code (such as EUR, XOF, USD)."),
            code="currency",
            params={"code": code},
        )
