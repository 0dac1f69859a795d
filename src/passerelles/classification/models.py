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
