"""Only curators reach the curation pages: anonymous visitors sign in first, members are refused."""

import pytest
from django.urls import reverse

from passerelles.documents.models import AuditEntry, IngestJob
from passerelles.documents.tests.helpers import pending_project
from passerelles.projects.choices import Review

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return pending_project()


@pytest.fixture
def pages(alice, project):
    job = IngestJob.objects.create(user=alice)
    return {
        "upload": reverse("curation_upload"),
        "job": reverse("ingest_job", args=[job.pk]),
        "queue": reverse("review_queue"),
        "review": reverse("review_project", args=[project.slug]),
    }


def test_anonymous_visitor_is_sent_to_sign_in_from_every_curation_page(client, pages):
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(f"{reverse('login')}?next="), name
    assert client.post(pages["review"], {"action": "accept"}).status_code == 302


def test_bob_member_without_role_is_refused_everywhere(bob_client, pages):
    for name, url in pages.items():
        assert bob_client.get(url).status_code == 403, name
    assert bob_client.post(pages["upload"], {}).status_code == 403


def test_bob_can_neither_accept_nor_reject(bob_client, pages, project):
    for action in ["accept", "reject"]:
        assert bob_client.post(pages["review"], {"action": action}).status_code == 403
    project.refresh_from_db()
    assert project.review_status == Review.PENDING
    assert not project.is_published
    assert not AuditEntry.objects.filter(project=project).exists()


@pytest.mark.parametrize("person", ["alice", "carol"])
def test_curators_reach_every_page_and_see_the_menu_link(client, pages, person, request):
    client.force_login(request.getfixturevalue(person))
    for name, url in pages.items():
        assert client.get(url).status_code == 200, name
    assert f'href="{pages["queue"]}"' in client.get(reverse("home")).content.decode()


def test_bob_sees_no_curation_link(bob_client, pages):
    assert f'href="{pages["queue"]}"' not in bob_client.get(reverse("home")).content.decode()
