"""Ingestion end to end: files in, reviewed or published projects with provenance out."""

import json
from pathlib import Path

import pytest
from django.utils import translation

from passerelles.cli import main
from passerelles.documents.actions import ingest_file, ingest_paths
from passerelles.documents.models import Document, SourceReference
from passerelles.documents.tests.test_pipeline import BOOKLET
from passerelles.interop.tests import REAL
from passerelles.organisations.models import Organisation
from passerelles.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def booklet(tmp_path) -> Path:
    path = tmp_path / "guide.txt"
    path.write_text(BOOKLET, encoding="utf-8")
    return path


def test_ingested_projects_wait_for_review_unless_published(booklet, tmp_path):
    outcome = ingest_file(booklet)
    assert outcome.ok and len(outcome.project_ids) == 2
    projects = Project.objects.filter(pk__in=outcome.project_ids)
    assert {p.review_status for p in projects} == {"pending"}
    assert not any(p.is_published for p in projects)
    other = tmp_path / "other.txt"
    other.write_text(BOOKLET.replace("Kayes", "Ségou"), encoding="utf-8")
    published = ingest_file(other, publish=True)
    assert all(p.is_published for p in Project.objects.filter(pk__in=published.project_ids))


def test_ingesting_the_same_document_twice_adds_nothing(booklet):
    ingest_file(booklet)
    counts = (Project.objects.count(), Organisation.objects.count(), Document.objects.count())
    again = ingest_file(booklet)
    assert again.ok and again.already_known
    assert (Project.objects.count(), Organisation.objects.count(), Document.objects.count()) == counts


def test_a_known_organisation_is_linked_not_duplicated(booklet, tmp_path):
    ingest_file(booklet)
    afd = Organisation.objects.get(acronym="AFD", name__startswith="Agence Française")
    second = tmp_path / "second.txt"
    second.write_text(
        "Une école à Kayes\n\nCoopération Ville de Tours / Kayes (Mali)\n\nOrigine\n\n"
        "En 2020, la Ville de Tours et la commune de Kayes (Mali) construisent une école.\n\n"
        "Financement\n\nLe projet est cofinancé par l'AFD.\n\n"
        "Contact\n\nJeanne Ferrand, chargée de mission\n",
        encoding="utf-8",
    )
    outcome = ingest_file(second)
    project = Project.objects.get(pk=outcome.project_ids[0])
    assert project.funding_lines.filter(funder_organisation=afd).exists()
    assert Organisation.objects.filter(acronym="AFD").count() == 1


def test_every_field_keeps_the_place_it_came_from(booklet):
    outcome = ingest_file(booklet)
    document = Document.objects.get(pk=outcome.document_id)
    project = Project.objects.get(pk=outcome.project_ids[0])
    title = SourceReference.objects.get(object_id=project.pk, field="title")
    assert document.text[title.start_char : title.end_char] == project.title == title.quote
    contact = SourceReference.objects.get(object_id=project.pk, field="contacts.0")
    assert contact.quote == "Jeanne Ferrand"
    assert contact.first_line == document.text[: contact.start_char].count("\n") + 1


def test_a_bad_file_is_refused_alone_and_stores_nothing(booklet, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    unknown = tmp_path / "notes.odt"
    unknown.write_bytes(b"PK")
    with translation.override("en"):
        outcomes = ingest_paths([broken, unknown, booklet])
    assert [o.ok for o in outcomes] == [False, False, True]
    assert "broken.pdf" in outcomes[0].message and "notes.odt" in outcomes[1].message
    assert Document.objects.filter(file_name__in=["broken.pdf", "notes.odt"]).count() == 0


def test_a_refused_project_leaves_nothing_of_its_document(tmp_path):
    text = BOOKLET.replace("Lancé en 2017", "Lancé en 2017") + "\n"
    path = tmp_path / "guide.txt"
    path.write_text(text, encoding="utf-8")
    from passerelles.documents import actions

    original = actions.save_project

    def refuse_second(data):
        if "Nouakchott" in data.title:
            raise actions.ValidationError({"budget_total": "refused for the test"})
        return original(data)

    actions.save_project = refuse_second
    try:
        outcome = ingest_file(path)
    finally:
        actions.save_project = original
    assert not outcome.ok and "budget_total" in outcome.message
    assert not Document.objects.filter(file_name="guide.txt").exists()
    assert not Project.objects.filter(title="Jardins partagés à Kayes").exists()


def test_iati_activities_are_read_as_records():
    outcome = ingest_file(REAL / "iati_official_example_2.03_annotated.xml", publish=True)
    assert outcome.ok
    project = Project.objects.get(pk=outcome.project_ids[0])
    assert project.external_id == "AA-AAA-123456789-ABC123"
    assert project.participations.exists()


def test_ingest_command_prints_a_json_summary(booklet, capsys):
    assert main(["ingest", str(booklet), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["files"][0]["ok"] is True and len(summary["files"][0]["projects"]) == 2


def test_ingest_command_fails_when_a_file_is_refused(booklet, tmp_path, capsys):
    missing = tmp_path / "missing.txt"
    assert main(["ingest", str(missing), str(booklet)]) == 1
    captured = capsys.readouterr()
    assert "missing.txt" in captured.err and "Traceback" not in captured.err
    assert "guide.txt" in captured.out
