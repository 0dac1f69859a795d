import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from passerelles.lib.countries import country_name, validate_country, validate_currency
from passerelles.lib.validators import validate_email_address, validate_year


def test_country_names_in_french_and_english():
    assert country_name("BJ", "fr") == "Bénin"
    assert country_name("BJ", "en") == "Benin"
    assert country_name("MA", "fr") == "Maroc"
    with translation.override("en"):
        assert country_name("BO") == "Bolivia"


@pytest.mark.parametrize("code", ["XX", "fr", "FRA", "", "U1"])
def test_unknown_country_codes_are_refused(code):
    with pytest.raises(ValidationError):
        validate_country(code)


def test_currency_codes():
    validate_currency("XOF")
    with pytest.raises(ValidationError):
        validate_currency("EURO")


def test_years_beyond_reason_are_refused():
    validate_year(2019)
    with pytest.raises(ValidationError):
        validate_year(2300)
    with pytest.raises(ValidationError):
        validate_year(1492)


@pytest.mark.parametrize("address", ["sébastien.lefeuvre@ille-et-vilaine.fr", "a.b@ville.fr"])
def test_email_addresses_with_accents_are_accepted(address):
    validate_email_address(address)


@pytest.mark.parametrize("address", ["nobody", "a@b", "a b@ville.fr", "a..b@ville.fr", "@ville.fr"])
def test_malformed_email_addresses_are_refused(address):
    with pytest.raises(ValidationError):
        validate_email_address(address)
