from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    BOOKLET = "booklet", _("booklet")
    FICHE = "fiche", _("fiche")
    ARTICLE = "article", _("article")
    CASE_STUDY = "case_study", _("case study")
    SPREADSHEET = "spreadsheet", _("spreadsheet")
    IATI = "iati", _("IATI file")
    OTHER = "other", _("other")
