"""The parts a project fiche or case study is made of, recognised by the usual French headings.

This is general vocabulary of the field's documents (domain.md: "Origine et présentation",
"Rôle des collectivités", "Financement", "Perspectives", "Contact", "Les parties prenantes"...),
not the layout of any particular document.
"""

import re

from passerelles.lib.text import fold

HEADINGS: dict[str, list[str]] = {
    "origin": [
        "origine",
        "presentation",
        "contexte",
        "historique",
        "genese",
        "description du projet",
        "le projet",
        "l initiative",
        "objectifs",
        "objectif du projet",
    ],
    "roles": [
        "role des collectivites",
        "role de la collectivite",
        "role des collectivites locales",
        "parties prenantes",
        "les parties prenantes",
        "partenaires",
        "les partenaires",
        "cadre partenarial",
        "le cadre partenarial",
        "acteurs",
        "les acteurs",
        "gouvernance",
    ],
    "funding": [
        "financement",
        "financements",
        "budget",
        "cout",
        "couts",
        "plan de financement",
        "montage financier",
        "cofinancement",
        "cofinancements",
        "moyens",
    ],
    "results": [
        "resultats",
        "les resultats",
        "retombees",
        "les retombees",
        "impacts",
        "impact",
        "bilan",
        "realisations",
        "apports et expertises",
        "effets",
    ],
    "perspectives": [
        "perspectives",
        "perspectives du projet",
        "suites",
        "et apres",
        "prochaines etapes",
        "suite du projet",
        "evolutions",
    ],
    "difficulties": [
        "difficultes",
        "difficultes rencontrees",
        "obstacles",
        "freins",
        "limites",
        "points de vigilance",
        "contraintes",
    ],
    "success": [
        "conditions de reussite",
        "facteurs de reussite",
        "facteurs de succes",
        "cles de reussite",
        "enseignements",
        "lecons",
        "les enseignements",
        "bonnes pratiques",
        "recommandations",
    ],
    "contact": [
        "contact",
        "contacts",
        "pour en savoir plus",
        "en savoir plus",
        "pour aller plus loin",
        "personne a contacter",
        "coordonnees",
    ],
    "keywords": ["mots cles", "mot cle", "thematiques", "themes"],
}
MAX_HEADING_LENGTH = 70


def _key(line: str) -> str:
    text = fold(line).strip()
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def heading_kind(line: str) -> str | None:
    """Return the kind of section LINE opens ("funding", "contact"...), or None for an ordinary line.

    A heading is a short line that starts with a known heading and does not end like a sentence;
    "CONTACT: Jeanne Martin," opens a contact part and already holds its first words.
    """
    stripped = line.strip()
    if not stripped or (len(stripped) > MAX_HEADING_LENGTH and ":" not in stripped[:40]):
        return None
    head = stripped.split(":", 1)[0] if ":" in stripped[:40] else stripped
    if len(head) > MAX_HEADING_LENGTH or head.rstrip().endswith("."):
        return None
    key = _key(head)
    for kind, words in HEADINGS.items():
        for word in words:
            if key == word or (
                key.startswith(word + " ") and len(key) <= len(word) + 40 and ":" not in stripped[:40]
            ):
                return kind
            if key == word and ":" in stripped[:40]:
                return kind
    return None
