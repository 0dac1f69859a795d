"""Curators read a project beside its highlighted source, correct it, accept or reject it, with a trail."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from passerelles.classification.models import Sdg, Theme
from passerelles.documents.models import AuditAction, AuditEntry
from passerelles.documents.review import accept, correct, highlight, reject
from passerelles.documents.tests.helpers import SOURCE, TITLE, cite, pending_project
from passerelles.projects.choices import Review
from passerelles.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return pending_project()


def _english(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def _form(project: Project, **changes) -> dict:
    """Return the review form as the page fills it for PROJECT, with CHANGES typed in."""
    data = {
        "title": project.title,
        "summary": project.summary,
        "start_year": project.start_year or "",
        "end_year": project.end_year or "",
        "budget_total": project.budget_total if project.budget_total is not None else "",
        "currency": project.currency,
        "themes": [theme.code for theme in project.themes.all()],
        "sdgs": [sdg.number for sdg in project.sdgs.all()],
        "difficulties": project.difficulties,
        "success_conditions": project.success_conditions,
        "perspectives": project.perspectives,
    }
    if project.ess_dimension:
        data["ess_dimension"] = "on"
    data.update(changes)
    return data


def test_queue_lists_pending_projects_newest_first_with_their_documents(alice_client, project):
    cite(project, title=(26, 61))
    newer = pending_project("Composteurs partagés à Dakar")
    html = alice_client.get(_english("review_queue")).content.decode()
    assert html.index("Composteurs partagés à Dakar") < html.index(
        "Maraîchage solidaire &lt;bio&gt; à Niamey"
    )
    assert "Fiche Niamey" in html
    assert f'href="{_english("review_project", newer.slug)}"' in html
    assert "Projets récents" not in html
    published = Project.objects.published().first()
    assert published.title.replace("'", "&#x27;") not in html


def test_review_page_highlights_every_span_of_the_project_in_its_source(alice_client, project):
    title_start = SOURCE.index("Maraîchage")
    cite(
        project,
        title=(title_start, title_start + len(TITLE)),
        summary=(SOURCE.index("Une coopérative"), len(SOURCE) - 1),
        start_year=(SOURCE.index("2019"), SOURCE.index("2019") + 4),
    )
    html = alice_client.get(_english("review_project", project.slug)).content.decode()
    assert '<mark id="span-1" title="title">Maraîchage solidaire &lt;bio&gt; à Niamey</mark>' in html
    assert '<mark id="span-2" title="summary, start_year">Une coopérative' in html
    assert "<bio>" not in html
    assert 'href="#span-2"' in html


def test_highlight_merges_overlapping_spans_clips_and_escapes():
    html, marks = highlight("a <b> & c", [(2, 5, "x"), (4, 7, "y"), (8, 99, "z"), (3, 3, "empty")])
    assert (
        html == 'a <mark id="span-1" title="x, y">&lt;b&gt; &amp;</mark> <mark id="span-2" title="z">c</mark>'
    )
    assert [mark.fields for mark in marks] == [["x", "y"], ["z"]]
    html, marks = highlight('<"quoted">', [(0, 3, 'field "1"')], first=5)
    assert html == '<mark id="span-5" title="field &quot;1&quot;">&lt;&quot;q</mark>uoted&quot;&gt;'


def test_correcting_a_field_records_old_and_new_values(alice_client, alice, project):
    url = _english("review_project", project.slug)
    response = alice_client.post(
        url,
        _form(project, start_year="2018", budget_total="12000", themes=["eau_assainissement"], action="save"),
    )
    assert response.status_code == 302
    assert response["Location"] == url
    project.refresh_from_db()
    assert project.start_year == 2018
    assert project.budget_total == Decimal("12000")
    assert list(project.themes.values_list("code", flat=True)) == ["eau_assainissement"]
    assert project.review_status == Review.PENDING
    entries = {entry.field: entry for entry in AuditEntry.objects.filter(project=project)}
    assert set(entries) == {"start_year", "budget_total", "themes"}
    assert (entries["start_year"].old_value, entries["start_year"].new_value) == ("2019", "2018")
    assert (entries["budget_total"].old_value, entries["budget_total"].new_value) == ("", "12000")
    assert entries["themes"].old_value == "agriculture_alimentation"
    assert entries["themes"].new_value == "eau_assainissement"
    assert all(entry.who == alice and entry.action == AuditAction.EDIT for entry in entries.values())
    html = alice_client.get(url).content.decode()
    assert "start_year" in html and "alice" in html


def test_a_bad_year_is_refused_naming_the_field_and_nothing_changes(alice_client, project):
    response = alice_client.post(
        _english("review_project", project.slug),
        _form(project, start_year="1700", title="Changed", action="save"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert 'href="#id_start_year">Start year</a>' in html
    assert "1700 is not a plausible year" in html
    project.refresh_from_db()
    assert (project.title, project.start_year) == (TITLE, 2019)
    assert not AuditEntry.objects.filter(project=project).exists()


def test_correct_refuses_an_end_before_the_start_and_saves_nothing(alice, project):
    with pytest.raises(ValidationError) as refused:
        correct(project, {"end_year": 2010, "summary": "Autre"}, by=alice)
    assert "end_year" in refused.value.message_dict
    project.refresh_from_db()
    assert (project.end_year, project.summary) == (None, "Une coopérative de femmes cultive 4 hectares.")
    assert not AuditEntry.objects.exists()


def test_correct_records_nothing_when_nothing_changes(alice, project):
    same = {
        "title": project.title,
        "sdgs": Sdg.objects.filter(number=2),
        "themes": list(project.themes.all()),
    }
    assert correct(project, same, by=alice) == []
    assert not AuditEntry.objects.exists()
    assert Theme.objects.filter(code="agriculture_alimentation", projects=project).exists()


def test_accept_publishes_the_project(alice_client, alice, project):
    response = alice_client.post(_english("review_project", project.slug), _form(project, action="accept"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.is_published and project.review_status == Review.ACCEPTED
    entry = AuditEntry.objects.get(project=project)
    assert (entry.action, entry.who) == ("accept", alice)
    assert (entry.old_value, entry.new_value) == ("pending", "accepted")
    assert project.slug in alice_client.get("/projects/", {"q": "Niamey"}).content.decode()
    assert alice_client.get(project.get_absolute_url()).status_code == 200


def test_accept_saves_the_corrections_typed_before(alice_client, project):
    alice_client.post(
        _english("review_project", project.slug), _form(project, title="Maraîchage à Niamey", action="accept")
    )
    project.refresh_from_db()
    assert (project.title, project.is_published) == ("Maraîchage à Niamey", True)
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {"edit", "accept"}


def test_reject_hides_the_project(alice_client, carol, project):
    accept(project, by=carol)
    assert alice_client.get(project.get_absolute_url()).status_code == 200
    response = alice_client.post(_english("review_project", project.slug), {"action": "reject"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert not project.is_published and project.review_status == Review.REJECTED
    assert alice_client.get(project.get_absolute_url()).status_code == 404
    assert project.slug not in alice_client.get("/projects/").content.decode()
    assert [entry.action for entry in AuditEntry.objects.filter(project=project)] == ["reject", "accept"]


def test_carol_curator_through_the_group_reviews_too(client, carol, project):
    client.force_login(carol)
    client.post(_english("review_project", project.slug), {"action": "reject"})
    project.refresh_from_db()
    assert project.review_status == Review.REJECTED
    assert reject(project, by=carol).who == carol


def test_review_page_says_how_an_uncertain_place_was_settled(alice_client, project):
    document = cite(project, territories_0=(SOURCE.index("Niamey"), SOURCE.index("Niamey") + 6))
    document.references.update(field="territories.0", note="country named in the sentence: NE")
    html = alice_client.get(_english("review_project", project.slug)).content.decode()
    assert 'title="territories.0 (country named in the sentence: NE)"' in html
