"""The labels that name a project's fields, in French and English: table headers, fiche labels.

A spreadsheet's column "Montant (€)" and a fiche's line "Budget global : 45 000 €" name the same
field; both readers look labels up here, without case, accents, punctuation or brackets.
"""

import re
from functools import cache

from passerelles.lib.text import fold

HEADERS = {
    "title": [
        "Intitulé de l'action", "Nom de l'action", "Action", "Objet", "Objet du projet", "Libellé",
        "Opération", "Intitulé de l'opération", "Désignation",
        "Titre", "Titre du projet", "Projet", "Nom du projet", "Intitulé", "Intitulé du projet",
        "Title", "Project", "Project title", "Project name",
    ],
    "territory": [
        "Collectivité", "Collectivité française", "Collectivité territoriale", "Territoire",
        "Commune", "Ville", "Intercommunalité", "EPCI", "Département", "Région",
        "Local government", "French local government", "Municipality", "City",
    ],
    "partner_territory": [
        "Collectivité partenaire", "Collectivité étrangère", "Territoire partenaire",
        "Commune partenaire", "Ville partenaire", "Région partenaire", "Province partenaire",
        "Partner", "Partner local government", "Partner municipality", "Partner city", "Partner region",
    ],
    "country": ["Pays", "Pays partenaire", "Code pays", "Country", "Partner country", "Country code"],
    "theme": [
        "Thématique", "Thématiques", "Thème", "Thèmes", "Secteur", "Mots-clés", "Theme", "Themes", "Sector",
        "Keywords",
    ],
    "amount": [
        "Montant", "Montant total", "Budget", "Budget total", "Budget global", "Coût", "Coût total",
        "Amount", "Total amount", "Total budget", "Cost",
    ],
    "year": [
        "Année", "Année de début", "Date de début", "Year", "Start year", "Start date",
        "Dates", "Date", "Période", "Durée", "Calendrier", "Period", "Dates of the project",
    ],
    "end_year": ["Année de fin", "Date de fin", "Fin", "End year", "End date"],
    "place": ["Lieu", "Lieux", "Localisation", "Zone d'intervention", "Location", "Place"],
    "organisation": [
        "Organisation", "Organisations", "Structure", "Association", "Partenaire ESS", "Acteur ESS",
        "Opérateur", "Organization", "Operator", "Partenaires", "Porteur", "Porteur du projet",
        "Porteur de projet", "Bénéficiaire", "Partners", "Project holder", "Lead organisation",
        "Beneficiary",
    ],
    "funder": [
        "Financeur", "Financeurs", "Bailleur", "Bailleurs", "Financement", "Financements",
        "Cofinancement", "Cofinancements", "Funder", "Funders", "Funding",
    ],
    "sdg": ["ODD", "SDG", "SDGs", "Objectifs de développement durable", "Sustainable Development Goals"],
    "contact": ["Contact", "Nom du contact", "Personne contact", "Contact name", "Contact person"],
    "email": ["Courriel", "Adresse électronique", "E-mail", "Email", "Mail"],
    "description": ["Description", "Résumé", "Summary"],
}  # fmt: skip


def field_key(text: str) -> str:
    """Return TEXT folded, without parentheses, with words apart by single spaces."""
    text = re.sub(r"\([^)]*\)", " ", fold(text))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


@cache
def _field_by_key() -> dict[str, str]:
    return {field_key(label): field for field, labels in HEADERS.items() for label in labels}


def field_of(label: str) -> str | None:
    """Return the field that LABEL names ("title", "amount", "year"...), or None.

    A label that opens with a known one names its field too: "Budget global prévisionnel" is an
    amount, "Partenaires techniques" an organisation.
    """
    key = field_key(label)
    known = _field_by_key()
    if key in known:
        return known[key]
    words = key.split()
    for length in range(len(words) - 1, 0, -1):
        field = known.get(" ".join(words[:length]))
        if field:
            # "Titre:Pays" is two labels run together, not a title.
            fused = re.search(r"[:;|/]", label) and " ".join(words[length:]) in known
            return None if fused else field
    return None
