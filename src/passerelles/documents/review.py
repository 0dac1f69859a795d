"""The curators' review of ingested projects: correct, accept or reject, each step in the audit trail.

Views, the admin and the command line call these same functions; each runs in one transaction.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from passerelles.classification.actions import mark_human
from passerelles.documents.models import AuditAction, AuditEntry
from passerelles.projects.choices import Review
from passerelles.projects.models import Project
from passerelles.search.index import update_project

REVIEWED_FIELDS = [
    "title",
    "summary",
    "start_year",
    "end_year",
    "budget_total",
    "currency",
    "ess_dimension",
    "themes",
    "sdgs",
    "difficulties",
    "success_conditions",
    "perspectives",
]
MANY_FIELDS = {"themes", "sdgs"}


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Iterable) and not isinstance(value, str):
        return ", ".join(str(pk) for pk in sorted(item.pk for item in value))
    return str(value)


@transaction.atomic
def correct(project: Project, changes: dict, by: User) -> list[AuditEntry]:
    """Apply CHANGES (field name -> value) to PROJECT and record one audit entry per changed field.

    The project is read again from the database so that the old values are the stored ones.
    Themes and SDGs are given as iterables of Theme and Sdg rows; a change to them is kept as the
    curator's choice (`mark_human`), which the classifier does not undo. Raise ValidationError naming
    the field when the model refuses a value; nothing is then saved.
    """
    unknown = set(changes) - set(REVIEWED_FIELDS)
    if unknown:
        raise ValueError(f"Not a field corrected in review: {', '.join(sorted(unknown))}.")
    stored = Project.objects.select_for_update().get(pk=project.pk)
    entries = []
    relations: dict[str, list[models.Model]] = {}
    for name, value in changes.items():
        if name in MANY_FIELDS:
            old_value = list(getattr(stored, name).all())
            new_value = list(value)
            changed = {item.pk for item in old_value} != {item.pk for item in new_value}
            if changed:
                relations[name] = new_value
        else:
            old_value, new_value = getattr(stored, name), value
            changed = old_value != new_value
            if changed:
                setattr(stored, name, new_value)
        if changed:
            entries.append(
                AuditEntry(
                    who=by,
                    project=stored,
                    action=AuditAction.EDIT,
                    field=name,
                    old_value=_as_text(old_value),
                    new_value=_as_text(new_value),
                )
            )
    if not entries:
        return []
    stored.full_clean(validate_unique=False)
    stored.save()
    if relations:
        mark_human(stored, relations.get("sdgs"), relations.get("themes"), by)
    for name, rows in relations.items():
        getattr(stored, name).set(rows)
    update_project(stored)
    return AuditEntry.objects.bulk_create(entries)


def _decide(project: Project, by: User, status: str, action: str) -> AuditEntry:
    old_status = project.review_status
    project.review_status = status
    project.is_published = status == Review.ACCEPTED
    project.save(update_fields=["review_status", "is_published", "updated"])
    update_project(project)
    return AuditEntry.objects.create(
        who=by, project=project, action=action, field="review_status", old_value=old_status, new_value=status
    )


@transaction.atomic
def accept(project: Project, by: User) -> AuditEntry:
    """Mark PROJECT as accepted and publish it; return the audit entry that records the decision."""
    return _decide(project, by, Review.ACCEPTED, AuditAction.ACCEPT)


@transaction.atomic
def reject(project: Project, by: User) -> AuditEntry:
    """Mark PROJECT as rejected and hide it from the public pages; return the audit entry."""
    return _decide(project, by, Review.REJECTED, AuditAction.REJECT)


@dataclass
class Mark:
    """One highlighted passage of a source text: its anchor, the fields read from it, its text."""

    anchor: str
    fields: list[str]
    quote: str


def highlight(
    text: str, spans: Iterable[tuple[int, int, str]], first: int = 1
) -> tuple[SafeString, list[Mark]]:
    """Return TEXT as HTML with each span (start, end, field) in a `<mark id="span-N" title="field">`.

    Overlapping spans merge into one mark whose title names all their fields; spans are clipped to
    the text and empty ones dropped. Marks are numbered from FIRST so that several texts on one
    page keep distinct anchors. Every character of the text is escaped.
    """
    merged: list[tuple[int, int, list[str]]] = []
    clipped = sorted((max(0, start), min(len(text), end), field) for start, end, field in spans)
    for start, end, field in clipped:
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            last_start, last_end, fields = merged[-1]
            merged[-1] = (last_start, max(last_end, end), fields if field in fields else [*fields, field])
        else:
            merged.append((start, end, [field]))
    parts: list[str] = []
    marks = []
    position = 0
    for number, (start, end, fields) in enumerate(merged, start=first):
        anchor = f"span-{number}"
        parts.append(escape(text[position:start]))
        parts.append(
            format_html('<mark id="{}" title="{}">{}</mark>', anchor, ", ".join(fields), text[start:end])
        )
        marks.append(Mark(anchor, fields, text[start:end]))
        position = end
    parts.append(escape(text[position:]))
    # Safe: the text between marks went through escape() and the marks through format_html().
    return mark_safe("".join(parts)), marks
