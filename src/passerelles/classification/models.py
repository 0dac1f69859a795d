"""Reference lists that label projects: the 17 SDGs and the field's themes."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _in_active_language(french: str, english: str) -> str:
    return english if (get_language() or "fr").startswith("en") else french


class Sdg(models.Model):
    """One of the 17 Sustainable Development Goals, with its official titles and colour."""

    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    title_fr = models.CharField(_("French title"), max_length=120)
    title_en = models.CharField(_("English title"), max_length=120)
    colour = models.CharField(_("colour"), max_length=7)

    class Meta:
        ordering = ["number"]
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        """Return the title in the active language."""
        return _in_active_language(self.title_fr, self.title_en)


class Theme(models.Model):
    """A theme of cooperation, by the code of the record format (`record.md`)."""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    label_fr = models.CharField(_("French label"), max_length=80)
    label_en = models.CharField(_("English label"), max_length=80)

    class Meta:
        ordering = ["code"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """Return the label in the active language."""
        return _in_active_language(self.label_fr, self.label_en)


class LabelKind(models.TextChoices):
    SDG = "sdg", _("SDG")
    THEME = "theme", _("theme")
    ESS = "ess", _("social and solidarity economy")


class LabelSource(models.TextChoices):
    AUTO = "auto", _("classifier")
    HUMAN = "human", _("curator")


class LabelEvidence(models.Model):
    """Why a project carries (or no longer carries) one label, and who decided it.

    `kind` and `code` name the label: ("sdg", "6"), ("theme", "eau_assainissement") or
    ("ess", "ess"). `source` is "auto" when the classifier gave it, with the words of the
    project's text that carried it in `evidence` (and, for a goal the meaning step settled, the
    model's probability in `likelihood`); "human" when a curator chose it. A curator's
    removal is kept as a human row with `present` false, so that classifying again does not
    bring the label back.
    """

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="label_evidence",
    )
    kind = models.CharField(_("kind"), max_length=5, choices=LabelKind.choices)
    code = models.CharField(_("code"), max_length=40)
    source = models.CharField(
        _("source"), max_length=5, choices=LabelSource.choices, default=LabelSource.AUTO
    )
    present = models.BooleanField(_("present"), default=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    # The probability the classifier's meaning step gave a goal it settled (pipeline.WeighSdgsByMeaning).
    likelihood = models.FloatField(_("likelihood from the meaning of the text"), null=True, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["project", "kind", "code"]
        verbose_name = _("label evidence")
        verbose_name_plural = _("label evidence")
        constraints = [
            models.UniqueConstraint(fields=["project", "kind", "code"], name="unique_label_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.kind}:{self.code} ({self.source})"

    @property
    def likelihood_percent(self) -> int | None:
        """Return the likelihood as a whole percentage, or None when the meaning step did not settle it."""
        return None if self.likelihood is None else round(100 * self.likelihood)

    @property
    def is_human(self) -> bool:
        """Return whether a curator chose this label."""
        return self.source == LabelSource.HUMAN
