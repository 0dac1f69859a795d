"""Organisations that take part in cooperation: ESS actors, networks, funders, state bodies."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from passerelles.classification.models import Theme
from passerelles.lib.countries import country_name, validate_country, validate_country_list
from passerelles.lib.text import unique_slug
from passerelles.lib.validators import validate_year
from passerelles.organisations.choices import OrganisationType
from passerelles.territories.models import Territory


class Organisation(models.Model):
    """An organisation with its legal form, ESS membership, places, skills and size."""

    name = models.CharField(_("name"), max_length=250, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    aliases = models.JSONField(_("other names"), default=list, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    is_ess = models.BooleanField(_("part of the social and solidarity economy"), default=False)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        validators=[validate_country],
        help_text=_("Empty for an international organisation."),
    )
    territory = models.ForeignKey(
        Territory,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations_based",
        verbose_name=_("home territory"),
    )
    action_territories = models.ManyToManyField(
        Territory, blank=True, related_name="organisations_acting", verbose_name=_("territories of action")
    )
    action_countries = models.JSONField(
        _("countries of action"), default=list, blank=True, validators=[validate_country_list]
    )
    skills = models.ManyToManyField(Theme, blank=True, related_name="organisations", verbose_name=_("skills"))
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    volunteers = models.PositiveIntegerField(_("volunteers"), null=True, blank=True)
    members = models.PositiveIntegerField(_("members"), null=True, blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founding year"), null=True, blank=True, validators=[validate_year]
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # Matching reads the ids of the organisations based in a country from the index alone.
        indexes = [models.Index(fields=["country", "id"], name="organisation_country_id")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name)
        if not self.country and self.territory is not None:
            self.country = self.territory.country  # based in a place is based in its country
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("organisation", args=[self.slug])

    @property
    def country_name(self) -> str:
        return country_name(self.country) if self.country else ""
