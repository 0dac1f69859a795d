from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Level of a local government, as in the record format."""

    COMMUNE = "commune", _("municipality")
    INTERCOMMUNALITE = "intercommunalite", _("inter-municipal body")
    DEPARTEMENT = "departement", _("département")
    REGION = "region", _("region or province")
    ETAT_FEDERE = "etat_federe", _("federated state")
    AUTRE = "autre", _("other")


class PartnershipKind(models.TextChoices):
    CONVENTION_CADRE = "convention_cadre", _("framework convention")
    JUMELAGE = "jumelage", _("twinning")
    COOPERATION_DECENTRALISEE = "cooperation_decentralisee", _("decentralised cooperation")
    AUTRE = "autre", _("other")
