"""Ingestion: read a file, extract its projects, resolve the actors and store all with provenance."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from passerelles.documents.drafts import Draft
from passerelles.documents.models import Document, SourceReference, content_hash
from passerelles.documents.pipeline import extract
from passerelles.interop.reading import ReadResult, read_file
from passerelles.lib.errors import InputError, explain
from passerelles.lib.names import looks_like_organisation, same_actor
from passerelles.lib.numbers import to_decimal
from passerelles.lib.privacy import MARK, scrub
from passerelles.organisations.actions import resolve_organisation
from passerelles.organisations.choices import OrganisationType
from passerelles.organisations.models import Organisation
from passerelles.projects.actions import save_project
from passerelles.projects.choices import Review, Role
from passerelles.projects.data import Actor, ContactData, FundingData, ProjectData, results_from_rows
from passerelles.projects.models import Project
from passerelles.territories.actions import resolve_territory
from passerelles.territories.models import Territory

Progress = Callable[[int, int, str], None]


@dataclass
class FileOutcome:
    """What happened to one file of an ingestion run."""

    file: str
    ok: bool
    message: str
    document_id: int | None = None
    project_ids: list[int] = field(default_factory=list)
    already_known: bool = False

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "ok": self.ok,
            "message": self.message,
            "document": self.document_id,
            "projects": self.project_ids,
            "already_known": self.already_known,
        }


def _project_data(draft: Draft, publish: bool) -> ProjectData:
    """Resolve the draft's names to stored territories and organisations.

    Every reader's drafts (running text, tables, IATI) pass here: the contacts go to Contact
    records only, and the public text fields lose their names, e-mails and phones.
    """
    names = [c["name"] for c in draft.contacts]

    def public(text: str) -> str:
        return scrub(text, names)

    territories = [
        resolve_territory(t["name"], t["country"], t.get("level") or "autre") for t in draft.territories
    ]
    organisations: list[tuple[Organisation, str]] = []
    for entry in draft.organisations:
        organisation = resolve_organisation(
            entry["name"], entry.get("type") or OrganisationType.AUTRE, entry.get("country") or ""
        )
        organisations.append((organisation, entry.get("role") or Role.PARTENAIRE))

    def actor(name: str) -> Actor:
        for stored, written in zip(territories, draft.territories, strict=True):
            if same_actor(name, written["name"]) or same_actor(name, stored.name):
                return stored
        for known, _role in organisations:
            if same_actor(name, known.name):
                return known
        return resolve_organisation(name, OrganisationType.AUTRE, "")

    funding = [
        FundingData(
            funder=actor(line["funder"]),
            amount=to_decimal(line.get("amount")),
            share_pct=to_decimal(line.get("share_pct")),
            currency=line.get("currency") or draft.currency,
        )
        for line in draft.funding
    ]
    participants: list[tuple[Actor, str]] = [(t, Role.PARTENAIRE) for t in territories]
    participants += organisations
    # A funder named only in passing ("les acteurs impliqués") is kept on its line, not as a participant.
    participants += [
        (line.funder, Role.FINANCEUR)
        for line in funding
        if isinstance(line.funder, Territory)
        or looks_like_organisation(line.funder.name)
        or any(line.funder == organisation for organisation, _role in organisations)
    ]
    named = {t.country for t in territories} | {o.country for o, _ in organisations if o.country}
    results = [
        row | {"title": public(row["title"]) or MARK, "description": public(row.get("description") or "")}
        for row in draft.results
    ]
    return ProjectData(
        # A title that was nothing but personal data keeps a mark: a project needs one.
        title=(public(draft.title).strip() or MARK)[:300],
        summary=public(draft.summary),
        territories=territories,
        participants=participants,
        themes=draft.themes,
        sdgs=draft.sdgs,
        sdg_targets=draft.sdg_targets,
        label_evidence=draft.evidence,
        action_countries=sorted(set(draft.countries) - named),
        ess_dimension=bool(draft.ess_dimension),
        start_year=draft.start_year,
        end_year=draft.end_year,
        status=draft.status,
        budget_total=to_decimal(draft.budget_total),
        currency=draft.currency,
        funding=funding,
        results=results_from_rows(results),
        difficulties=public(draft.difficulties),
        success_conditions=public(draft.success_conditions),
        perspectives=public(draft.perspectives),
        contacts=[
            ContactData(
                name=c["name"],
                function=c.get("function") or "",
                email=c.get("email") or "",
                phone=c.get("phone") or "",
                employer=actor(c["organisation"]) if c.get("organisation") else None,
            )
            for c in draft.contacts
        ],
        is_published=publish,
        review_status=Review.ACCEPTED if publish else Review.PENDING,
        external_id=draft.external_id,
    )


def cite(
    document: Document,
    project: Project,
    spans: dict[str, tuple[int, int]],
    notes: dict[str, str] | None = None,
    pages: dict[str, int] | None = None,
) -> None:
    """Record, for each field of PROJECT, the characters of DOCUMENT it was read from."""
    kind = ContentType.objects.get_for_model(Project)
    SourceReference.objects.filter(content_type=kind, object_id=project.pk, document=document).delete()

    def line_of(offset: int) -> int:
        return document.text.count("\n", 0, offset) + 1

    SourceReference.objects.bulk_create(
        SourceReference(
            document=document,
            content_type=kind,
            object_id=project.pk,
            field="" if path == "unit" else path,
            start_char=start,
            end_char=end,
            first_line=line_of(start),
            last_line=line_of(max(start, end - 1)),
            quote=document.text[start:end][:1000],
            note=(notes or {}).get(path, "")[:300],
            page=(pages or {}).get(path),
        )
        for path, (start, end) in spans.items()
    )


def store_drafts(document: Document, drafts: Iterable[Draft], *, publish: bool) -> list[Project]:
    """Store every draft as a project of DOCUMENT; raise InputError naming the draft if one is refused."""
    projects = []
    for number, draft in enumerate(drafts, start=1):
        try:
            project = save_project(_project_data(draft, publish))
        except ValidationError as error:
            where = _("%(file)s, project %(number)s (%(title)s)") % {
                "file": document.file_name,
                "number": number,
                "title": draft.title[:80],
            }
            raise InputError(explain(error, where)) from None
        cite(document, project, draft.spans, draft.notes, draft.pages)
        projects.append(project)
    return projects


def _read(path: Path) -> tuple[ReadResult, list[Draft], list[str]]:
    """Read PATH and extract its projects; also return why none was found, when none was."""
    result = read_file(path)
    if result.drafts is not None:
        return result, result.drafts, []
    doc = extract(result.text if not result.blocks else "", blocks=result.blocks, title=result.title)
    result.text = doc.text
    return result, doc.drafts, doc.notes


def ingest_file(path: Path, *, publish: bool = False) -> FileOutcome:
    """Read PATH and store what it holds in one transaction: all of it, or nothing and a message."""
    try:
        result, drafts, notes = _read(path)
        known = Document.objects.filter(content_hash=content_hash(result.text)).first()
        if known:
            return FileOutcome(
                path.name,
                True,
                _("%(file)s was already ingested; nothing added.") % {"file": path.name},
                document_id=known.pk,
                already_known=True,
            )
        with transaction.atomic():
            document = Document(
                title=result.title[:300], kind=result.kind, file_name=path.name[:255], text=result.text
            )
            document.save()
            projects = store_drafts(document, drafts, publish=publish)
    except InputError as error:
        return FileOutcome(path.name, False, str(error))
    if not projects and notes:
        reason = {"file": path.name, "reason": notes[0]}
        message = _("%(file)s: no project found, because %(reason)s.") % reason
    else:
        message = ngettext(
            "%(file)s: %(count)d project read.", "%(file)s: %(count)d projects read.", len(projects)
        ) % {"file": path.name, "count": len(projects)}
    return FileOutcome(
        path.name, True, message, document_id=document.pk, project_ids=[p.pk for p in projects]
    )


def ingest_paths(
    paths: Iterable[Path], *, publish: bool = False, progress: Progress | None = None
) -> list[FileOutcome]:
    """Ingest each file in turn; a refused file does not stop the others. PROGRESS(done, total, file)."""
    paths = list(paths)
    outcomes = []
    for done, path in enumerate(paths):
        if progress:
            progress(done, len(paths), path.name)
        outcomes.append(ingest_file(path, publish=publish))
    if progress:
        progress(len(paths), len(paths), "")
    return outcomes
