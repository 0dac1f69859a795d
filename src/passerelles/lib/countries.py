"""Countries by ISO 3166-1 alpha-2 code, named in French or English through pycountry."""

import gettext
from functools import cache

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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


def validate_currency(code: str) -> None:
    """Refuse anything that is not an ISO 4217 currency code."""
    if not (len(code or "") == 3 and pycountry.currencies.get(alpha_3=code) is not None):
        raise ValidationError(
            _("“%(code)s” is not an ISO 4217 currency code (such as EUR, XOF, USD)."),
            code="currency",
            params={"code": code},
        )
