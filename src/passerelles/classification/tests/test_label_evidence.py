"""Projects are tagged by the classifier with evidence; a curator's choice is kept over it."""

import pytest

from passerelles.classification import meaning
from passerelles.classification.actions import mark_human, tag_project
from passerelles.classification.models import LabelEvidence, Sdg, Theme
from passerelles.classification.tests.test_meaning import constant_model
from passerelles.documents.review import correct
from passerelles.documents.tests.helpers import pending_project
from passerelles.projects.actions import save_project
from passerelles.projects.data import ProjectData
from passerelles.projects.models import Project

pytestmark = pytest.mark.django_db

SUMMARY = (
    "Accès à l'eau potable et assainissement à Kaya : construction de forages et de latrines, "
    "formation d'une coopérative de gestion de l'eau."
)


def _water_project(**fields) -> Project:
    """Store a published project without labels: save_project tags it."""
    return save_project(ProjectData(title="Eau potable à Kaya", summary=SUMMARY, **fields))


def _row(project: Project, kind: str, code: str) -> LabelEvidence:
    return LabelEvidence.objects.get(project=project, kind=kind, code=code)


def test_a_project_without_labels_is_tagged_with_evidence():
    project = _water_project()
    assert 6 in {sdg.number for sdg in project.sdgs.all()}
    assert "eau_assainissement" in {theme.code for theme in project.themes.all()}
    water = _row(project, "sdg", "6")
    assert water.source == "auto" and water.present
    assert "latrines" in water.evidence
    assert "assainissement" in _row(project, "theme", "eau_assainissement").evidence
    assert (
        project.label_evidence.filter(kind="ess").exists()
        and Project.objects.get(pk=project.pk).ess_dimension
    )


def test_tagging_again_adds_nothing():
    project = _water_project()
    count = project.label_evidence.count()
    tag_project(project)
    assert project.label_evidence.count() == count


def test_labels_given_are_kept_exactly():
    project = save_project(ProjectData(title="Eau à Kaya, étiquetée", summary=SUMMARY, themes=["sante"]))
    assert [theme.code for theme in project.themes.all()] == ["sante"]
    assert not project.sdgs.exists() and not project.label_evidence.exists()


def test_labels_given_show_the_evidence_of_those_the_classifier_finds_too():
    data = ProjectData(title="Eau à Kaya, étiquetée", summary=SUMMARY, sdgs=[6], themes=["sante"])
    project = save_project(data)
    assert [sdg.number for sdg in project.sdgs.all()] == [6]
    assert [theme.code for theme in project.themes.all()] == ["sante"]
    water = _row(project, "sdg", "6")
    assert water.source == "auto" and "latrines" in water.evidence
    assert not project.label_evidence.filter(kind="theme").exists()  # "sante" is not in the text
    reviewed = save_project(ProjectData(title="Eau à Ouaga", summary=SUMMARY, sdgs=[6], classify=False))
    assert not reviewed.label_evidence.exists()


def test_a_human_removal_is_not_undone(alice):
    project = _water_project()
    kept = [theme for theme in project.themes.all() if theme.code != "eau_assainissement"]
    mark_human(project, None, kept, alice)
    project.themes.set(kept)
    tag_project(project)
    assert "eau_assainissement" not in {theme.code for theme in project.themes.all()}
    removed = _row(project, "theme", "eau_assainissement")
    assert removed.source == "human" and not removed.present and removed.evidence == []
    assert _row(project, "sdg", "6").source == "auto"


def test_a_human_label_is_not_changed_by_the_classifier(alice):
    project = _water_project()
    mark_human(project, [*project.sdgs.all(), Sdg.objects.get(number=3)], None, alice)
    tag_project(project)  # puts back the SDG a curator kept, which the project did not carry yet
    assert {3, 6} <= {sdg.number for sdg in project.sdgs.all()}
    assert _row(project, "sdg", "6").source == "human" and _row(project, "sdg", "6").evidence
    assert _row(project, "sdg", "3").source == "human" and _row(project, "sdg", "3").present


def test_a_correction_in_review_marks_the_labels_human(alice):
    project = pending_project()
    correct(
        project, {"themes": [Theme.objects.get(code="sante")], "sdgs": [Sdg.objects.get(number=3)]}, alice
    )
    assert _row(project, "theme", "sante").source == "human" and _row(project, "theme", "sante").present
    removed = _row(project, "theme", "agriculture_alimentation")
    assert removed.source == "human" and not removed.present
    assert not _row(project, "sdg", "2").present and _row(project, "sdg", "3").present


def test_the_project_page_shows_the_evidence(client, alice):
    project = _water_project()
    mark_human(project, None, [Theme.objects.get(code="eau_assainissement")], alice)
    page = client.get(project.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="label-evidence"' in page and "latrines" in page
    assert 'class="label-human"' in page


def test_the_api_returns_the_record_with_its_labels(client):
    project = _water_project()
    response = client.get(f"/api/v1/projects/{project.slug}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == project.slug and 6 in body["sdgs"]
    sdg = next(label for label in body["labels"] if label["kind"] == "sdg" and label["code"] == "6")
    assert sdg["source"] == "auto" and "latrines" in sdg["evidence"]


def test_a_goal_settled_by_the_meaning_step_shows_its_likelihood_on_the_page_and_in_the_api(
    client, alice, monkeypatch
):
    monkeypatch.setattr(meaning, "shipped", lambda: constant_model({4: 0.62}))
    project = save_project(ProjectData(title="Comité villageois", summary="Les réunions ont lieu à l'école."))
    school = _row(project, "sdg", "4")
    assert school.evidence == ["école"] and school.likelihood == pytest.approx(0.62)
    assert _water_project().label_evidence.get(kind="sdg", code="6").likelihood is None  # two clues
    page = client.get(project.get_absolute_url()).content.decode()
    assert "confirmé par le sens du texte entier (62 %)" in page
    page = client.get(f"/en/projects/{project.slug}/").content.decode()
    assert "confirmed by the meaning of the whole text (62 %)" in page
    label = client.get(f"/api/v1/projects/{project.slug}").json()["labels"]
    assert {"kind": "sdg", "code": "4", "source": "auto", "evidence": ["école"], "likelihood": 0.62} in label
    mark_human(project, [Sdg.objects.get(number=4)], None, alice)
    # Kept by a curator, the goal keeps the classifier's reasons; removed, it loses them.
    assert _row(project, "sdg", "4").likelihood == pytest.approx(0.62)
    mark_human(project, [], None, alice)
    assert _row(project, "sdg", "4").likelihood is None


def test_the_api_answers_404_for_unknown_or_unpublished_projects(client):
    assert client.get("/api/v1/projects/no-such-project").status_code == 404
    hidden = pending_project()
    assert client.get(f"/api/v1/projects/{hidden.slug}").status_code == 404


def test_the_api_hides_contacts_from_anonymous_visitors(client, bob):
    project = Project.objects.published().filter(contacts__isnull=False).first()
    assert project is not None
    assert "contacts" not in client.get(f"/api/v1/projects/{project.slug}").json()
    client.force_login(bob)
    contacts = client.get(f"/api/v1/projects/{project.slug}").json()["contacts"]
    assert contacts and contacts[0]["name"]
