from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    """Kind of organisation, as in the record format."""

    ASSOCIATION = "association", _("association")
    COOPERATIVE = "cooperative", _("cooperative")
    MUTUELLE = "mutuelle", _("mutual")
    FONDATION = "fondation", _("foundation")
    ENTREPRISE = "entreprise", _("company")
    RESEAU = "reseau", _("network")
    ETAT = "etat", _("state body")
    AGENCE = "agence", _("public agency")
    COLLECTIVITE = "collectivite", _("local government")
    AUTRE = "autre", _("other")
