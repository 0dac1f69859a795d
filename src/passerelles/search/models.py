"""The search index: one entry per searchable record, its terms and facets, and its vector.

The lexical side lives in an engine-specific structure beside `SearchEntry` (an FTS5 table on
SQLite, tsvector columns on PostgreSQL), created by the migrations and written by
`search.backends`. Vectors live in one table per kind, as float32 bytes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PROJECT = "project", _("project")
    ORGANISATION = "organisation", _("organisation")
    TERRITORY = "territory", _("territory")


class SearchEntry(models.Model):
    """What the index knows of one project, organisation or territory: text, terms, facets, years."""

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    object_id = models.BigIntegerField(_("object"))
    name = models.CharField(_("name"), max_length=300)
    text = models.TextField(_("text"), help_text=_("The text the snippets are cut from."))
    terms = models.TextField(_("terms"), help_text=_("The stems of the text, as indexed."))
    facets = models.TextField(_("facets"), help_text=_("Facet tokens such as xcountryfr or xsdg6."))
    year_from = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.name}"


class Vector(models.Model):
    """The sentence embedding of one record (float32 little-endian bytes, L2-normalised)."""

    object_id = models.BigIntegerField(_("object"), primary_key=True)
    vector = models.BinaryField(_("vector"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.object_id)


class ProjectVector(Vector):
    """The embedding of a published project's title and summary."""

    class Meta:
        verbose_name = _("project vector")
        verbose_name_plural = _("project vectors")


class OrganisationVector(Vector):
    """The embedding of an organisation's name, kind, skills and description."""

    class Meta:
        verbose_name = _("organisation vector")
        verbose_name_plural = _("organisation vectors")


class TerritoryVector(Vector):
    """The embedding of a territory's name, level and country."""

    class Meta:
        verbose_name = _("territory vector")
        verbose_name_plural = _("territory vectors")


class IndexVersion(models.Model):
    """A counter per kind, raised on every change, so that each process knows its caches are stale."""

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, primary_key=True)
    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("index version")
        verbose_name_plural = _("index versions")

    def __str__(self) -> str:
        return f"{self.kind} {self.version}"


class Word(models.Model):
    """A folded word seen in the index, the vocabulary against which misspellings are corrected."""

    word = models.CharField(_("word"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("word")
        verbose_name_plural = _("words")

    def __str__(self) -> str:
        return self.word
