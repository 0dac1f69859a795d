from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Role of an organisation or territory in a project."""

    MAITRE_OUVRAGE = "maitre_ouvrage", _("project owner")
    OPERATEUR = "operateur", _("operator")
    APPUI_TECHNIQUE = "appui_technique", _("technical support")
    FINANCEUR = "financeur", _("funder")
    BENEFICIAIRE = "beneficiaire", _("beneficiary")
    PARTENAIRE = "partenaire", _("partner")


class Status(models.TextChoices):
    EN_PROJET = "en_projet", _("planned")
    EN_COURS = "en_cours", _("ongoing")
    TERMINE = "termine", _("completed")
    INCONNU = "inconnu", _("unknown")


class Review(models.TextChoices):
    """Where a project stands in the curators' review: imported records wait until accepted."""

    PENDING = "pending", _("to review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
