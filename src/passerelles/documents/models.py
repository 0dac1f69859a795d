"""Source documents, the link from each stored fact to its place in them, ingestion jobs, the review trail."""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelles.documents.choices import DocumentKind
from passerelles.lib.validators import validate_year


def content_hash(text: str) -> str:
    """Return the SHA-256 of TEXT, which identifies a document whatever its file name."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Document(models.Model):
    """A source text (booklet, fiche, article, spreadsheet, IATI file) that records were taken from."""

    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=[validate_year])
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    url = models.URLField(_("address"), blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True, editable=False)
    text = models.TextField(_("text"))
    added = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.content_hash = content_hash(self.text)
        super().save(*args, **kwargs)

    def lines(self, first: int, last: int) -> str:
        """Return lines FIRST to LAST (1-based, inclusive) of the text."""
        return "\n".join(self.text.splitlines()[first - 1 : last])


class SourceReference(models.Model):
    """The place in a document that a stored fact (a project, one of its fields...) came from."""

    document = models.ForeignKey(
        Document, models.CASCADE, related_name="references", verbose_name=_("document")
    )
    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    fact = GenericForeignKey("content_type", "object_id")
    field = models.CharField(
        _("field"), max_length=60, blank=True, help_text=_("Empty for the whole record.")
    )
    start_char = models.PositiveIntegerField(_("first character"), null=True, blank=True)
    end_char = models.PositiveIntegerField(_("last character"), null=True, blank=True)
    first_line = models.PositiveIntegerField(_("first line"), null=True, blank=True)
    last_line = models.PositiveIntegerField(_("last line"), null=True, blank=True)
    quote = models.TextField(_("quote"), blank=True)
    page = models.PositiveIntegerField(_("page"), null=True, blank=True)
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("How the value was read, where it was not plain.")
    )

    class Meta:
        ordering = ["document", "start_char", "first_line"]
        verbose_name = _("source reference")
        verbose_name_plural = _("source references")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        place = f"l. {self.first_line}-{self.last_line}" if self.first_line else ""
        return f"{self.document} {place}".strip()


class JobStatus(models.TextChoices):
    """Where an ingestion job stands."""

    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class IngestJob(models.Model):
    """A batch of files uploaded by a curator and ingested in the background, with its progress.

    `outcomes` holds one `FileOutcome.as_dict()` per file once the job is done; `error` says why
    a job failed as a whole (a single refused file does not fail the job).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="ingest_jobs", verbose_name=_("uploaded by")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total = models.PositiveIntegerField(_("files"), default=0)
    done = models.PositiveIntegerField(_("files read"), default=0)
    current_file = models.CharField(_("file being read"), max_length=255, blank=True)
    publish = models.BooleanField(_("publish at once"), default=False)
    outcomes = models.JSONField(_("outcomes"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("ingestion job")
        verbose_name_plural = _("ingestion jobs")

    def __str__(self) -> str:
        return f"#{self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("ingest_job", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


class AuditAction(models.TextChoices):
    """What a person did to a project, as recorded in its audit trail."""

    EDIT = "edit", _("edit")
    ACCEPT = "accept", _("accept")
    REJECT = "reject", _("reject")
    INGEST = "ingest", _("ingest")


class AuditEntry(models.Model):
    """One change a person made to a project in review: an edited field, a decision, an ingestion.

    Values are kept as text so that the trail survives later changes of the project's fields.
    """

    who = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("who"),
    )
    when = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    project = models.ForeignKey(
        "projects.Project", models.CASCADE, related_name="audit_entries", verbose_name=_("project")
    )
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    field = models.CharField(_("field"), max_length=60, blank=True)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)

    class Meta:
        ordering = ["-when", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.project}"
