"""Cooperation projects with their participants, co-financing, results and contacts."""

import re
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from passerelles.classification.models import Sdg, Theme
from passerelles.lib.countries import validate_country_list, validate_currency
from passerelles.lib.text import unique_slug
from passerelles.lib.validators import (
    validate_amount,
    validate_email_address,
    validate_share,
    validate_year,
)
from passerelles.organisations.models import Organisation
from passerelles.projects.choices import Review, Role, Status
from passerelles.territories.models import Territory

SDG_TARGET = re.compile(r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-d])$")


def validate_sdg_targets(targets: list) -> None:
    """Refuse anything that is not a list of SDG targets such as "6.1" or "17.b"."""
    if not isinstance(targets, list):
        raise ValidationError(_('SDG targets must be a list such as ["6.1", "8.8"].'), code="sdg_targets")
    for target in targets:
        if not (isinstance(target, str) and SDG_TARGET.match(target)):
            raise ValidationError(
                _("“%(target)s” is not an SDG target (such as 6.1 or 17.b)."),
                code="sdg_targets",
                params={"target": target},
            )


def validate_funding_shares(shares: Iterable[Decimal | None]) -> None:
    """Refuse co-financing shares that add up to more than 100 %."""
    total = sum((share for share in shares if share is not None), Decimal(0))
    if total > 100:
        raise ValidationError(
            _("The funding shares add up to %(total)s %%, more than 100 %%."),
            code="share_total",
            params={"total": total},
        )


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Project(models.Model):
    """A cooperation project, described like a fiche: who, where, what, with which money and results."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    territories = models.ManyToManyField(
        Territory, blank=True, related_name="projects", verbose_name=_("cooperating territories")
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="projects", verbose_name=_("themes"))
    sdgs = models.ManyToManyField(Sdg, blank=True, related_name="projects", verbose_name=_("SDGs"))
    sdg_targets = models.JSONField(
        _("SDG targets"), default=list, blank=True, validators=[validate_sdg_targets]
    )
    action_countries = models.JSONField(
        _("other countries of action"),
        default=list,
        blank=True,
        validators=[validate_country_list],
        help_text=_("Countries where the project acts without a named partner territory (ISO codes)."),
    )
    ess_dimension = models.BooleanField(_("ESS dimension"), default=False)
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=[validate_year]
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=[validate_year]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INCONNU)
    budget_total = models.DecimalField(
        _("total budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_amount],
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR", validators=[validate_currency])
    difficulties = models.TextField(_("difficulties"), blank=True)
    success_conditions = models.TextField(_("conditions of success"), blank=True)
    perspectives = models.TextField(_("perspectives"), blank=True)
    external_id = models.CharField(
        _("external identifier"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("The identifier the source gives the project, such as its IATI identifier."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    review_status = models.CharField(
        _("review"), max_length=10, choices=Review.choices, default=Review.ACCEPTED, db_index=True
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        # The latest change of any project, read before every match (matching/index.py).
        indexes = [models.Index(fields=["updated"], name="project_updated")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Project, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("project", args=[self.slug])

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year comes before the start year.")})

    def countries(self) -> list[str]:
        """Return the codes of every country involved: territories', participants' and countries of action."""
        codes = {t.country for t in self.territories.all()} | set(self.action_countries)
        codes |= {
            p.organisation.country
            for p in self.participations.all()
            if p.organisation and p.organisation.country
        }
        return sorted(codes)


class Participation(models.Model):
    """The part that an organisation or a territory takes in a project."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="participations", verbose_name=_("project")
    )
    organisation = models.ForeignKey(
        Organisation,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    territory = models.ForeignKey(
        Territory,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("territory"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False, territory__isnull=True)
                | models.Q(organisation__isnull=True, territory__isnull=False),
                name="participation_one_actor",
            ),
            models.UniqueConstraint(
                fields=["project", "organisation", "territory", "role"], name="participation_unique"
            ),
        ]
        # Matching reads the roles of a thousand candidate organisations from this index alone.
        indexes = [models.Index(fields=["organisation", "project", "role"], name="participation_org_project")]

    def __str__(self) -> str:
        return f"{self.actor} – {self.get_role_display()}"

    @property
    def actor(self) -> Organisation | Territory:
        return self.organisation or self.territory  # type: ignore[return-value]

    def clean(self) -> None:
        if bool(self.organisation_id) == bool(self.territory_id):
            raise ValidationError(_("Choose either an organisation or a territory."))


class FundingLine(models.Model):
    """One co-financing line: a funder, the amount and the share of the project it pays."""

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="funding_lines", verbose_name=_("project")
    )
    funder_organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_lines",
        verbose_name=_("funding organisation"),
    )
    funder_territory = models.ForeignKey(
        Territory,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_lines",
        verbose_name=_("funding territory"),
    )
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[validate_amount]
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR", validators=[validate_currency])
    share_pct = models.DecimalField(
        _("share (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=[validate_share]
    )

    class Meta:
        ordering = ["-share_pct", "-amount", "pk"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(funder_organisation__isnull=False, funder_territory__isnull=True)
                | models.Q(funder_organisation__isnull=True, funder_territory__isnull=False),
                name="funding_one_funder",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="funding_amount_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(share_pct__isnull=True) | models.Q(share_pct__gte=0, share_pct__lte=100),
                name="funding_share_percent",
            ),
        ]

    def __str__(self) -> str:
        return str(self.funder)

    @property
    def funder(self) -> Organisation | Territory:
        return self.funder_organisation or self.funder_territory  # type: ignore[return-value]

    @property
    def funder_name(self) -> str:
        return self.funder.name

    def clean(self) -> None:
        if bool(self.funder_organisation_id) == bool(self.funder_territory_id):
            raise ValidationError(_("Choose either a funding organisation or a funding territory."))


class Result(models.Model):
    """An expected or obtained result of a project, followed by indicators."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="results", verbose_name=_("project"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """A measurable indicator of a result, with its baseline and target."""

    result = models.ForeignKey(Result, models.CASCADE, related_name="indicators", verbose_name=_("result"))
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class Measurement(models.Model):
    """The value of an indicator measured in a given year."""

    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="measurements", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_year])
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="measurement_once_a_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"


class Contact(models.Model):
    """A named person to contact about a project. Personal data: shown to signed-in users only."""

    project = models.ForeignKey(
        Project, models.CASCADE, null=True, blank=True, related_name="contacts", verbose_name=_("project")
    )
    organisation = models.ForeignKey(
        Organisation,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    territory = models.ForeignKey(
        Territory,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("territory"),
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=300, blank=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True, validators=[validate_email_address])
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name

    @property
    def employer(self) -> Organisation | Territory | None:
        return self.organisation or self.territory
