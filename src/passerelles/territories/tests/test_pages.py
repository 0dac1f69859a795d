import pytest

from passerelles.territories.models import Partnership, Territory

pytestmark = pytest.mark.django_db


def test_territory_page_shows_partnerships_projects_and_organisations(client):
    partnership = Partnership.objects.select_related("territory_a", "territory_b").first()
    territory = partnership.territory_a
    html = client.get(territory.get_absolute_url()).content.decode()
    assert "Partenariats" in html
    assert partnership.territory_b.name.replace("'", "&#x27;") in html
    for project in territory.projects.all():
        assert project.title.replace("'", "&#x27;") in html


def test_territory_page_lists_organisations_based_there(client):
    territory = Territory.objects.filter(organisations_based__isnull=False).first()
    html = client.get(territory.get_absolute_url()).content.decode()
    for organisation in territory.organisations_based.all():
        assert organisation.name.replace("'", "&#x27;") in html
