"""Curators upload files, follow the job's progress and see what happened to each file."""

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from passerelles.documents import views
from passerelles.documents.models import AuditAction, AuditEntry, IngestJob, JobStatus
from passerelles.documents.tests.helpers import pending_project
from passerelles.projects.choices import Review
from passerelles.projects.models import Project

pytestmark = pytest.mark.django_db

CSV = "Titre;Pays;Collectivité\nJardins partagés de Ségou;Mali;Ville d'Angers\n".encode()


def _ingestion_ready() -> bool:
    """Tell whether the CSV reader and the extraction pipeline that ingestion imports are in place yet."""
    try:
        importlib.import_module("passerelles.documents.actions")
    except ImportError:
        return False
    return hasattr(importlib.import_module("passerelles.interop.csv"), "read")


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.INGEST_RUN_INLINE = True
    return tmp_path


@pytest.mark.skipif(
    not _ingestion_ready(), reason="the CSV reader or the extraction pipeline is not there yet"
)
def test_alice_uploads_a_csv_and_the_job_page_shows_its_outcome(alice_client, alice, data_dir):
    response = alice_client.post(
        reverse("curation_upload"), {"uploads": [SimpleUploadedFile("projets ségou.csv", CSV)]}
    )
    job = IngestJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.DONE
    assert (job.done, job.total) == (1, 1)
    [outcome] = job.outcomes
    assert outcome["ok"], outcome["message"]
    project = Project.objects.get(pk=outcome["projects"][0])
    assert project.review_status == Review.PENDING and not project.is_published
    entry = AuditEntry.objects.get(project=project)
    assert (entry.action, entry.who, entry.new_value) == (AuditAction.INGEST, alice, "projets_ségou.csv")
    html = alice_client.get(response["Location"]).content.decode()
    assert "projets_ségou.csv" in html
    assert outcome["message"].replace("'", "&#x27;") in html
    assert reverse("review_project", args=[project.slug]) in html
    assert 'hx-trigger="every 1s"' not in html
    assert not (data_dir / "uploads" / str(job.pk)).exists()


def test_upload_stores_the_files_under_safe_names_and_starts_the_job(client, carol, data_dir, monkeypatch):
    started = []
    monkeypatch.setattr(views, "start_ingest", lambda job, paths: started.append((job, paths)))
    client.force_login(carol)
    files = [
        SimpleUploadedFile("../../fiche Niamey.txt", b"Un"),
        SimpleUploadedFile("fiche Niamey.txt", b"Deux"),
        SimpleUploadedFile("<script>.csv", b"Trois"),
    ]
    response = client.post(reverse("curation_upload"), {"uploads": files, "publish": "on"})
    [(job, paths)] = started
    assert response["Location"] == job.get_absolute_url()
    assert (job.user, job.publish, job.total, job.status) == (carol, True, 3, JobStatus.QUEUED)
    folder = data_dir / "uploads" / str(job.pk)
    assert paths == [folder / "fiche_Niamey.txt", folder / "fiche_Niamey-2.txt", folder / "script.csv"]
    assert [path.read_bytes() for path in paths] == [b"Un", b"Deux", b"Trois"]


def test_upload_without_files_is_refused_with_the_field_named(alice_client, data_dir):
    response = alice_client.post(reverse("curation_upload"), {})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not IngestJob.objects.exists()


def test_job_page_shows_progress_and_outcomes(alice_client, alice):
    project = pending_project()
    job = IngestJob.objects.create(
        user=alice,
        status=JobStatus.DONE,
        total=2,
        done=2,
        outcomes=[
            {"file": "a.txt", "ok": True, "message": "a.txt: 1 project read.", "projects": [project.pk]},
            {"file": "b.pdf", "ok": False, "message": "b.pdf contains no text.", "projects": []},
        ],
    )
    html = alice_client.get(job.get_absolute_url()).content.decode()
    assert '<progress id="job-progress-bar" max="2" value="2">' in html
    assert "a.txt: 1 project read." in html and "b.pdf contains no text." in html
    assert reverse("review_project", args=[project.slug]) in html
    assert "hx-get" not in html


def test_a_running_job_polls_and_htmx_gets_the_partial_only(alice_client, alice):
    job = IngestJob.objects.create(
        user=alice, status=JobStatus.RUNNING, total=3, done=1, current_file="fiche.pdf"
    )
    html = alice_client.get(job.get_absolute_url()).content.decode()
    assert "<html" in html
    assert f'hx-get="{job.get_absolute_url()}" hx-trigger="every 1s"' in html
    assert "vendor/htmx.min" in html
    partial = alice_client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "<main" not in partial
    assert partial.lstrip().startswith('<div id="ingest-progress"')
    assert '<progress id="job-progress-bar" max="3" value="1">' in partial
    assert "fiche.pdf" in partial
