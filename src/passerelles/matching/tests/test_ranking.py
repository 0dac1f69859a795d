"""Needs written for these tests (not taken from any gold file) against the demonstration data."""

import pytest

from passerelles.lib.errors import InputError
from passerelles.matching.pipeline import match

pytestmark = pytest.mark.django_db


def names(found) -> list[str]:
    return [candidate.organisation.name for candidate in found.organisations]


def test_composting_need_ranks_the_composting_organisation_first():
    found = match("Notre ville veut composter les déchets organiques de ses marchés et de ses cantines")
    assert names(found)[0] == "Compostri"


def test_solar_need_in_english_ranks_the_electricity_organisation_first():
    found = match("A rural health post needs solar panels and a small electricity network")
    assert names(found)[0] == "Electriciens Sans Frontières"


def test_reasons_mention_the_supporting_project():
    found = match("Mettre en place le compostage collectif dans les quartiers")
    first = found.organisations[0]
    title = first.supporting()[0].project.title
    assert any(title in reason for reason in first.reasons)
    assert first.as_dict()["projects"][0] == title


def test_country_boosts_experience_there():
    need = "Accompagner la création de coopératives et de petites entreprises solidaires"
    anywhere = names(match(need, limit=100))
    found = match(need, "MA", limit=100)
    in_morocco = names(found)
    boosted = [c.organisation.name for c in found.organisations if c.signals.get("place") == 1.0]
    assert boosted
    assert all(in_morocco.index(name) <= anywhere.index(name) for name in boosted)
    assert any(in_morocco.index(name) < anywhere.index(name) for name in boosted)
    assert any("Maroc" in reason for reason in found.organisations[in_morocco.index(boosted[0])].reasons)


def test_public_funders_rank_below_ess_operators():
    found = match("Développer l'artisanat et le tourisme solidaire avec des artisans palestiniens", limit=100)
    ranked = names(found)
    assert ranked.index("Solidarité avec les Groupes d'Artisans Palestiniens (SGAP)") < ranked.index(
        "Agence Française de Développement (AFD)"
    )


def test_scores_lie_between_zero_and_one():
    found = match("prêts d'honneur pour créer des entreprises")
    assert all(0 < c.score <= 1 for c in found.organisations)


@pytest.mark.parametrize(
    ("need", "country"), [("", None), ("   ", None), ("compost", "XX"), ("compost", "France")]
)
def test_empty_need_or_unknown_country_is_refused(need, country):
    with pytest.raises(InputError):
        match(need, country)
