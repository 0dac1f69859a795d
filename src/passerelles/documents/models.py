"""Source documents and the link from any stored fact to the place it came from."""

import hashlib

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
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

    class Meta:
        ordering = ["document", "start_char", "first_line"]
        verbose_name = _("source reference")
        verbose_name_plural = _("source references")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        place = f"l. {self.first_line}-{self.last_line}" if self.first_line else ""
        return f"{self.document} {place}".strip()
