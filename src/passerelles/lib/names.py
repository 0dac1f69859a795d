"""Names of actors as the field writes them: generic words that do not tell two actors apart.

"Conseil régional de Nouvelle-Aquitaine", "Région Nouvelle-Aquitaine" and "la Région
Nouvelle-Aquitaine" name the same local government; these helpers reduce such names to a core
that can be compared. The wording is general French administrative vocabulary.
"""

import re

from passerelles.lib.text import fold

# Two core names this close (rapidfuzz ratio, 0-100) are taken as one spelling with a typo.
CLOSE_SPELLING = 92

# Longest first, so "conseil regional de" is removed before "conseil".
_GENERIC_PREFIXES = sorted(
    [
        "conseil regional de",
        "conseil regional d",
        "conseil regional du",
        "conseil regional des",
        "conseil departemental de",
        "conseil departemental d",
        "conseil departemental du",
        "conseil departemental des",
        "conseil general de",
        "conseil general d",
        "conseil general du",
        "conseil general des",
        "communaute d agglomeration de",
        "communaute d agglomeration du",
        "communaute d agglomeration d",
        "communaute d agglomeration des",
        "communaute urbaine de",
        "communaute urbaine du",
        "communaute de communes de",
        "communaute de communes du",
        "communaute de communes des",
        "metropole de",
        "metropole du",
        "metropole d",
        "region de",
        "region du",
        "region d",
        "region des",
        "region",
        "departement de",
        "departement du",
        "departement d",
        "departement des",
        "departement",
        "ville de",
        "ville d",
        "commune de",
        "commune d",
        "commune rurale de",
        "commune urbaine de",
        "mairie de",
        "mairie d",
        "municipalite de",
        "municipalite d",
        "province de",
        "province d",
        "province du",
        "gouvernorat de",
        "gouvernorat d",
        "wilaya de",
        "wilaya d",
        "prefecture de",
        "prefecture d",
        "agglomeration de",
        "agglomeration d",
        "etat de",
        "etat d",
        "ca de",
        "ca du",
        "ca d",
        "cc de",
        "cc du",
        "city of",
        "town of",
        "municipality of",
        "commune of",
        "province of",
        "region of",
        "county of",
        "district of",
        "the",
        "l",
        "la",
        "le",
        "les",
    ],
    key=len,
    reverse=True,
)
_ACRONYM_IN_BRACKETS = re.compile(r"\(([A-Za-zÀ-ÿ0-9&'’ .-]{2,15})\)")


def normalise(name: str) -> str:
    """Return NAME folded (lower case, no accents), with punctuation as spaces."""
    text = fold(name)
    text = re.sub(r"[’'`\-_/.,;:!?()\[\]«»\"&]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def core_name(name: str) -> str:
    """Return NAME without brackets and generic prefixes ("Ville de", "Conseil régional de"...)."""
    text = normalise(_ACRONYM_IN_BRACKETS.sub(" ", name or ""))
    changed = True
    while changed:
        changed = False
        for prefix in _GENERIC_PREFIXES:
            if text.startswith(prefix + " "):
                text = text[len(prefix) + 1 :]
                changed = True
                break
    return text


def acronym_of(name: str) -> str:
    """Return the acronym written in brackets in NAME ("Agence française de développement (AFD)")."""
    found = _ACRONYM_IN_BRACKETS.search(name or "")
    if found and found.group(1).replace(".", "").replace("&", "").isupper():
        return found.group(1).replace(".", "").strip()
    return ""


def initials(name: str) -> str:
    """Return the initials of the significant words of NAME, to compare with an acronym."""
    small = {
        "de",
        "d",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "et",
        "en",
        "pour",
        "a",
        "au",
        "aux",
        "of",
        "the",
        "and",
    }
    return "".join(word[0] for word in normalise(name).split() if word not in small).upper()


def is_acronym(name: str) -> bool:
    """Tell whether NAME is written as an acronym (CRESS, AFD, MEAE, F3E)."""
    letters = name.replace(".", "").replace("&", "").strip()
    return 2 <= len(letters) <= 10 and letters.isupper() and " " not in letters


def same_actor(name: str, other: str) -> bool:
    """Tell whether two spellings name one actor: same core, an acronym of the other, or one inside the other.

    "Ministère de l'Europe" and "Ministère de l'Europe et des Affaires étrangères (MEAE)", "AFD" and
    "Agence française de développement (AFD)", "Sicoval" and "CA du Sicoval" are the same actor.
    """
    a, b = core_name(name), core_name(other)
    if not a or not b:
        return False
    if a == b or acronym_of(other).lower() == a or acronym_of(name).lower() == b:
        return True
    if is_acronym(name.strip()) and initials(other) == name.strip():
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter.split()) >= 2 and f" {shorter} " in f" {longer} "


def looks_like_organisation(name: str) -> bool:
    """Tell whether NAME reads as an organisation's name: an acronym or several capitalised words."""
    words = name.split()
    return (
        bool(words)
        and words[0][:1].isupper()
        and (
            len([w for w in words if w[:1].isupper()]) >= 2 or any(w.isupper() and len(w) > 2 for w in words)
        )
    )
