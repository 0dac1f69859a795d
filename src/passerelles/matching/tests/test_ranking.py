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


def test_an_organisation_based_in_the_country_asked_is_a_candidate_without_any_project():
    from passerelles.classification.models import Theme
    from passerelles.organisations.models import Organisation
    from passerelles.territories.actions import resolve_territory

    need = "Organiser la collecte et le compostage des déchets organiques"
    local = Organisation.objects.create(
        name="Association sénégalaise du compost",
        type="association",
        is_ess=True,
        territory=resolve_territory("Thiès", "SN", "commune"),
    )
    local.skills.set(Theme.objects.filter(pk="dechets_economie_circulaire"))
    found = match(need, "SN", limit=1000)
    candidate = next(c for c in found.organisations if c.organisation == local)
    assert candidate.signals["place"] > 0 and not candidate.involvements
    assert any("Thiès" in reason for reason in candidate.reasons)


def test_the_project_index_follows_deletions_and_edits():
    from passerelles.matching.index import project_index
    from passerelles.projects.models import Project

    before = project_index()
    assert project_index() is before  # nothing changed: the same index
    gone, edited = Project.objects.published().order_by("pk")[:2]
    gone.delete()
    middle = project_index()
    assert gone.pk not in middle.ids and len(middle.ids) == len(before.ids) - 1
    edited.summary = "Un verger conservatoire de manguiers greffés, planté avec les écoles du quartier."
    edited.save()
    after = project_index()
    assert after is not middle and after.ids.tolist() == middle.ids.tolist()
