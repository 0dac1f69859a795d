"""Bad values are refused with a message naming the field, and nothing is stored."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from passerelles.organisations.models import Organisation
from passerelles.projects.actions import forget_person, save_project
from passerelles.projects.data import ContactData, FundingData, ProjectData
from passerelles.projects.models import Contact, Project
from passerelles.territories.actions import upsert_territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def funders():
    return (
        Organisation.objects.create(name="Fonds Test", type="fondation", country="FR"),
        upsert_territory("Ville Test", "FR", "commune"),
    )


def _refused(data: ProjectData) -> ValidationError:
    before = Project.objects.count()
    with pytest.raises(ValidationError) as caught:
        save_project(data)
    assert Project.objects.count() == before
    return caught.value


def test_shares_above_100_percent_are_refused(funders):
    organisation, territory = funders
    error = _refused(
        ProjectData(
            title="Trop financé",
            funding=[
                FundingData(organisation, share_pct=Decimal(60)),
                FundingData(territory, share_pct=Decimal(50)),
            ],
        )
    )
    assert "100" in " ".join(error.messages)


def test_a_negative_amount_is_refused(funders):
    error = _refused(ProjectData(title="Négatif", funding=[FundingData(funders[0], amount=Decimal(-5))]))
    assert "amount" in error.message_dict


def test_a_year_far_in_the_future_is_refused():
    error = _refused(ProjectData(title="Futur", start_year=2999))
    assert "start_year" in error.message_dict


def test_unknown_theme_and_sdg_are_refused():
    assert "themes" in _refused(ProjectData(title="Thème", themes=["astronautique"])).message_dict
    assert "sdgs" in _refused(ProjectData(title="ODD", sdgs=[18])).message_dict


def test_unknown_country_is_refused_with_the_field_named():
    with pytest.raises(ValidationError) as caught:
        upsert_territory("Atlantide", "XX", "commune")
    assert "country" in caught.value.message_dict


def test_malformed_sdg_target_is_refused():
    assert "sdg_targets" in _refused(ProjectData(title="Cible", sdg_targets=["6.99x"])).message_dict


def test_saving_the_same_project_twice_replaces_it(funders):
    data = ProjectData(
        title="Deux fois",
        funding=[FundingData(funders[0], share_pct=Decimal(40))],
        contacts=[ContactData(name="Jeanne Test", email="jeanne@ville-test.fr")],
    )
    first = save_project(data)
    second = save_project(data)
    assert first.pk == second.pk
    assert second.funding_lines.count() == 1
    assert second.contacts.count() == 1


def test_a_person_can_be_forgotten_on_request(funders):
    project = save_project(
        ProjectData(
            title="Contacts", contacts=[ContactData(name="Jeanne Test", email="jeanne@ville-test.fr")]
        )
    )
    assert forget_person(email="JEANNE@ville-test.fr") == 1
    assert not Contact.objects.filter(name="Jeanne Test").exists()
    assert Project.objects.filter(pk=project.pk).exists()
