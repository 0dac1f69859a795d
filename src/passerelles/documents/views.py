"""Curation pages: upload files to ingest, follow the job, review the projects read from them."""

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from passerelles.documents.forms import ReviewForm, UploadForm
from passerelles.documents.models import Document, IngestJob, SourceReference
from passerelles.documents.review import REVIEWED_FIELDS, accept, correct, highlight, reject
from passerelles.documents.tasks import start_ingest, upload_folder
from passerelles.lib.htmx import is_htmx
from passerelles.projects.choices import Review
from passerelles.projects.models import Contact, FundingLine, Project

CURATOR_PERMISSION = "projects.change_project"
REVIEW_ACTIONS = ("save", "accept", "reject")


def curator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send anonymous visitors to the sign-in page and refuse (403) signed-in people who are not curators."""
    return login_required(permission_required(CURATOR_PERMISSION, raise_exception=True)(view))


def _curator(request: HttpRequest) -> User:
    assert isinstance(request.user, User), "curator_required lets only signed-in users through"
    return request.user


def _safe_name(name: str, taken: set[str]) -> str:
    """Return a file name made of NAME's safe characters, distinct from the names in TAKEN."""
    try:
        safe = get_valid_filename(Path(name).name)
    except SuspiciousFileOperation:
        safe = "file"
    stem, suffix = Path(safe).stem[:100], Path(safe).suffix[:10]
    candidate, number = f"{stem}{suffix}", 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}{suffix}"
    taken.add(candidate)
    return candidate


def _store(job: IngestJob, files: list[UploadedFile]) -> list[Path]:
    folder = upload_folder(job)
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    paths = []
    for file in files:
        path = folder / _safe_name(file.name or "", taken)
        with path.open("wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
        paths.append(path)
    return paths


@curator_required
def upload(request: HttpRequest) -> HttpResponse:
    """Take files to ingest, start the job in the background and show its page."""
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_valid():
        files = form.cleaned_data["uploads"]
        job = IngestJob.objects.create(
            user=_curator(request), publish=form.cleaned_data["publish"], total=len(files)
        )
        start_ingest(job, _store(job, files))
        return redirect(job)
    jobs = IngestJob.objects.select_related("user")[:10]
    return render(request, "documents/upload.html", {"form": form, "jobs": jobs})


@curator_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a job's progress and, once done, what happened to each file; htmx polls the progress part."""
    job = get_object_or_404(IngestJob.objects.select_related("user"), pk=pk)
    projects = Project.objects.in_bulk(
        [project_id for outcome in job.outcomes for project_id in outcome.get("projects") or []]
    )
    outcomes = [
        {**outcome, "projects": [projects[i] for i in outcome.get("projects") or [] if i in projects]}
        for outcome in job.outcomes
    ]
    template = "htmx/ingest_progress.html" if is_htmx(request) else "documents/job.html"
    return render(request, template, {"job": job, "outcomes": outcomes})


def _project_references(project_ids: list[int]) -> QuerySet[SourceReference]:
    return SourceReference.objects.filter(
        content_type=ContentType.objects.get_for_model(Project), object_id__in=project_ids
    ).select_related("document")


@curator_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """List the projects waiting for review, newest first, with the documents they were read from."""
    pending = Project.objects.filter(review_status=Review.PENDING).order_by("-created", "-pk")
    page = Paginator(pending.prefetch_related("territories"), settings.PROJECTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    documents: dict[int, dict[Document, None]] = {}
    for reference in _project_references([project.pk for project in page]):
        documents.setdefault(reference.object_id, {})[reference.document] = None
    rows = [(project, list(documents.get(project.pk, {}))) for project in page]
    return render(request, "documents/review_queue.html", {"page": page, "rows": rows})


def _sources(project: Project) -> list[dict]:
    """Return each document PROJECT was read from, its text highlighted where each field was found."""
    spans: dict[Document, list[tuple[int, int, str]]] = {}
    for reference in _project_references([project.pk]):
        place = spans.setdefault(reference.document, [])
        # The whole record's span would swallow its fields' marks: only the fields are highlighted.
        if reference.field and reference.start_char is not None and reference.end_char is not None:
            label = reference.field + (f", p. {reference.page}" if reference.page else "")
            label += f" ({reference.note})" if reference.note else ""
            place.append((reference.start_char, reference.end_char, label))
    sources = []
    first = 1
    for document, document_spans in spans.items():
        html, marks = highlight(document.text, document_spans, first=first)
        first += len(marks)
        sources.append({"document": document, "html": html, "marks": marks})
    return sources


def _add_errors(form: ReviewForm, error: ValidationError) -> None:
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


@curator_required
def review_project(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a project beside its highlighted source; save corrections, accept and publish, or reject it."""
    project = get_object_or_404(Project, slug=slug)
    form = ReviewForm(instance=project)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action not in REVIEW_ACTIONS:
            return HttpResponseBadRequest()
        curator = _curator(request)
        if action == "reject":
            reject(project, by=curator)
            messages.success(request, _("“%(title)s” is rejected and hidden.") % {"title": project.title})
            return redirect("review_queue")
        # The form works on its own copy: validation writes the submitted values into its instance.
        form = ReviewForm(request.POST, instance=Project.objects.get(pk=project.pk))
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in REVIEWED_FIELDS}
            try:
                with transaction.atomic():
                    entries = correct(project, changes, by=curator)
                    if action == "accept":
                        accept(project, by=curator)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if action == "accept":
                    messages.success(request, _("“%(title)s” is published.") % {"title": form.instance.title})
                    return redirect("review_queue")
                messages.success(
                    request,
                    ngettext("%(count)d field corrected.", "%(count)d fields corrected.", len(entries))
                    % {"count": len(entries)},
                )
                return redirect("review_project", slug=project.slug)
    context = {
        "project": project,
        "form": form,
        "sources": _sources(project),
        "participations": project.participations.select_related("organisation", "territory"),
        "funding": FundingLine.objects.filter(project=project).select_related(
            "funder_organisation", "funder_territory"
        ),
        "contacts": Contact.objects.filter(project=project).select_related("organisation", "territory"),
        "audit": project.audit_entries.select_related("who"),
    }
    return render(request, "documents/review.html", context)
