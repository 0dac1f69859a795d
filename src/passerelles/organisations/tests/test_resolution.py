"""The same actor written differently is one record with aliases."""

import pytest

from passerelles.organisations.actions import resolve_organisation
from passerelles.organisations.models import Organisation
from passerelles.territories.actions import resolve_territory
from passerelles.territories.models import Territory

pytestmark = pytest.mark.django_db


def test_an_acronym_and_its_expansion_are_one_organisation():
    agency = resolve_organisation("Agence Nationale de l'Habitat Solidaire (ANHS)", "agence", "FR")
    assert agency.acronym == "ANHS"
    assert resolve_organisation("ANHS", "autre", "") == agency
    assert resolve_organisation("Agence nationale de l'habitat solidaire", "autre", "") == agency
    assert Organisation.objects.filter(acronym="ANHS").count() == 1


def test_an_acronym_matches_the_initials_of_a_known_name():
    chamber = resolve_organisation("Chambre Régionale de l'Économie Sociale", "reseau", "FR")
    assert resolve_organisation("CRES", "autre", "") == chamber
    chamber.refresh_from_db()
    assert chamber.acronym == "CRES"


def test_a_small_spelling_variant_is_the_same_organisation():
    first = resolve_organisation("Électriciens Solidaires du Monde", "association", "FR")
    again = resolve_organisation("Electriciens Solidaire du Monde", "association", "FR")
    assert again == first
    first.refresh_from_db()
    assert "Electriciens Solidaire du Monde" in first.aliases


def test_different_organisations_stay_apart():
    one = resolve_organisation("Terres Vivantes", "association", "FR")
    other = resolve_organisation("Terres Nouvelles", "association", "FR")
    assert one != other


def test_a_local_government_written_three_ways_is_one_territory():
    region = resolve_territory("Région Nouvelle-Aquitaine", "FR", "region")
    count = Territory.objects.count()
    assert resolve_territory("Conseil régional de Nouvelle-Aquitaine", "FR", "region") == region
    assert resolve_territory("la Région Nouvelle Aquitaine", "FR", "region") == region
    assert Territory.objects.count() == count
    assert "Conseil régional de Nouvelle-Aquitaine" in Territory.objects.get(pk=region.pk).aliases


def test_same_name_in_another_country_is_another_territory():
    french = resolve_territory("Ville de Valence", "FR", "commune")
    spanish = resolve_territory("Ville de Valence", "ES", "commune")
    assert french != spanish


def test_an_organisation_based_in_a_territory_takes_its_country_unless_it_has_one():
    dakar = resolve_territory("Dakar", "SN", "commune")
    based = Organisation.objects.create(
        name="Collectif des jardins de Dakar", type="association", territory=dakar
    )
    assert based.country == "SN"
    abroad = Organisation.objects.create(
        name="Réseau des jardins solidaires", type="reseau", country="FR", territory=dakar
    )
    assert abroad.country == "FR"
