"""Local governments, French or foreign, and the lasting partnerships between them."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from passerelles.lib.countries import country_name, validate_country
from passerelles.lib.text import unique_slug
from passerelles.lib.validators import validate_year
from passerelles.territories.choices import Level, PartnershipKind


class Territory(models.Model):
    """A local government (commune, région, foreign province...) with its level and country."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    aliases = models.JSONField(_("other names"), default=list, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    parent = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        constraints = [models.UniqueConstraint(fields=["name", "country"], name="territory_name_country")]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Territory, f"{self.name}-{self.country}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("territory", args=[self.slug])

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def is_french(self) -> bool:
        return self.country == "FR"


class Partnership(models.Model):
    """A lasting link between two territories (a convention, a twinning) under which projects run."""

    territory_a = models.ForeignKey(
        Territory, models.CASCADE, related_name="partnerships_as_a", verbose_name=_("territory")
    )
    territory_b = models.ForeignKey(
        Territory, models.CASCADE, related_name="partnerships_as_b", verbose_name=_("partner territory")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PartnershipKind.choices)
    since = models.PositiveSmallIntegerField(_("since"), null=True, blank=True, validators=[validate_year])
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["since"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.UniqueConstraint(fields=["territory_a", "territory_b", "kind"], name="partnership_unique"),
            models.CheckConstraint(
                condition=~models.Q(territory_a=models.F("territory_b")), name="partnership_two_territories"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.territory_a.name} – {self.territory_b.name}"

    def other(self, territory: Territory) -> Territory:
        """Return the partner of TERRITORY in this partnership."""
        return self.territory_b if territory.pk == self.territory_a_id else self.territory_a
