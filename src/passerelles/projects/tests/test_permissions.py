"""Contact people are personal data: only signed-in people see them; only curators use the admin."""

import pytest

from passerelles.conftest import admin_form_data
from passerelles.projects.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact():
    return Contact.objects.exclude(email="").select_related("project").first()


def test_anonymous_visitor_sees_the_organisation_never_the_person(client, contact):
    html = client.get(contact.project.get_absolute_url()).content.decode()
    assert contact.email not in html
    assert contact.name not in html
    assert "Connectez-vous pour voir" in html
    if contact.employer:
        assert contact.employer.name.replace("'", "&#x27;") in html


def test_bob_signed_in_member_sees_names_and_emails(bob_client, contact):
    html = bob_client.get(contact.project.get_absolute_url()).content.decode()
    assert contact.email in html
    assert contact.name in html


def test_bob_is_refused_from_the_admin(bob_client):
    response = bob_client.get("/admin/projects/contact/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_anonymous_visitor_is_refused_from_the_admin(client):
    assert client.get("/admin/projects/project/").status_code == 302


def test_alice_curator_searches_and_filters_every_model_in_the_admin(alice_client):
    paths = [
        "projects/project",
        "projects/participation",
        "projects/fundingline",
        "projects/result",
        "projects/indicator",
        "projects/measurement",
        "projects/contact",
        "organisations/organisation",
        "territories/territory",
        "territories/partnership",
        "documents/document",
        "documents/sourcereference",
        "classification/sdg",
        "classification/theme",
    ]
    for path in paths:
        assert alice_client.get(f"/admin/{path}/", {"q": "a"}).status_code == 200, path
    html = alice_client.get("/admin/projects/project/", {"q": "Porto-Novo"}).content.decode()
    assert "vodùn" in html


def test_alice_erases_a_person_from_the_admin(alice_client, contact):
    response = alice_client.post(
        "/admin/projects/contact/",
        {
            "action": "erase_personal_data",
            "_selected_action": [contact.pk],
        },
    )
    assert response.status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_admin_refuses_funding_shares_above_100(alice_client):
    from passerelles.projects.models import Project

    project = Project.objects.filter(funding_lines__share_pct__isnull=False).distinct().first()
    data = admin_form_data(alice_client, f"/admin/projects/project/{project.pk}/change/")
    lines = sorted(key for key in data if key.startswith("funding_lines-") and key.endswith("-share_pct"))
    for index, key in enumerate(lines):
        data[key] = 90 if index < 2 else 0
    response = alice_client.post(f"/admin/projects/project/{project.pk}/change/", data)
    assert response.status_code == 200
    assert "100" in response.content.decode()
    assert "plus de 100" in response.content.decode()
