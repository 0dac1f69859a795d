import pytest

from passerelles.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_organisation_list_has_type_country_and_theme_facets(client):
    html = client.get("/organisations/").content.decode()
    assert "Type" in html and "Pays" in html and "Thème" in html
    assert f"{Organisation.objects.count()} organisations" in html


def test_organisation_list_filters(client):
    html = client.get("/organisations/", {"type": "reseau", "country": "FR"}).content.decode()
    networks = Organisation.objects.filter(type="reseau", country="FR").count()
    assert f"{networks} organisations" in html
    assert "Cités Unies France" in html


def test_organisation_list_unknown_type_gives_a_notice(client):
    html = client.get("/organisations/", {"type": "ovni"}).content.decode()
    assert "Type d’organisation inconnu" in html


def test_organisation_page_shows_skills_places_and_projects(client):
    organisation = Organisation.objects.filter(participations__isnull=False, skills__isnull=False).first()
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "Compétences" in html
    project = organisation.participations.first().project
    assert project.title.replace("'", "&#x27;") in html
