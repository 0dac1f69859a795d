"""Step `contacts`: named people with their e-mail, function and organisation."""

import re
from dataclasses import dataclass

from passerelles.lib.names import normalise

EMAIL = re.compile(r"[\w.+\-À-ÿ]+@[\w\-]+(?:\.[\w\-]+)+")
PHONE = re.compile(r"(?:\+\d{2,3}[ .]?)?(?:\(0\)[ .]?)?\d{1,2}(?:[ .]?\d{2}){4}")
# "Jeanne MARTIN", "Jean-Luc Dupont", "Anne Laure Jullian": two to four capitalised words.
_NAME_WORD = r"[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?"
_SURNAME = r"(?:[A-ZÀ-Þ][A-ZÀ-Þ'\-]+|[A-ZÀ-Þ][a-zà-ÿ'’]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?)"
PERSON = re.compile(
    r"\b(?P<name>" + _NAME_WORD + r"(?: " + _NAME_WORD + r")?(?: (?:de |du |le )?" + _SURNAME + r"){1,2})\b"
)
# Words that start a capitalised group without being a first name.
_NOT_FIRST_NAMES = {
    "le",
    "la",
    "les",
    "de",
    "du",
    "des",
    "pour",
    "avec",
    "dans",
    "par",
    "sur",
    "une",
    "un",
    "en",
    "au",
    "aux",
    "et",
    "ou",
    "contact",
    "contacts",
    "ville",
    "mairie",
    "conseil",
    "region",
    "communaute",
    "pole",
    "association",
    "direction",
    "service",
    "agence",
    "ministere",
    "chargee",
    "charge",
    "directeur",
    "directrice",
    "president",
    "presidente",
    "responsable",
    "mission",
    "projet",
    "cress",
    "maison",
    "relations",
    "cooperation",
    "europe",
    "international",
    "internationale",
    "departement",
    "province",
    "centre",
    "fonds",
    "reseau",
    "union",
    "chambre",
    "federation",
    "plateforme",
    "tel",
    "courriel",
    "email",
    "mail",
    "site",
    "fondation",
    "institut",
    "cooperative",
    "groupe",
    "secretaire",
    "conseillere",
    "conseiller",
    "vice",
    "adjoint",
    "adjointe",
    "delegue",
    "deleguee",
    "elu",
    "elue",
    "maire",
    "chef",
}


# An article or an organisation's kind word right before capitalised words: "l'association
# Vergers du Monde", "la coopérative Terre Rouge" name an organisation, not a person.
_NAMES_A_THING = re.compile(
    r"(?i)(?:\b(?:l['’]|la|le|les|du|des|une?|the|association|coop[ée]rative|fondation|r[ée]seau|ong|"
    r"soci[ée]t[ée]|entreprise|mutuelle|collectif|groupement|union)\s*)$"
)


@dataclass
class Person:
    name: str
    email: str
    function: str
    organisation: str
    start: int
    end: int


def _looks_like_person(name: str) -> bool:
    words = normalise(name).split()
    return (
        len(words) >= 2 and words[0] not in _NOT_FIRST_NAMES and not any(w in {"de", "du"} for w in words[:1])
    )


def _email_matches(email: str, name: str) -> bool:
    """Tell whether the address belongs to the person: "sylvain.davila@" for "Sylvain DAVILA"."""
    local = normalise(email.split("@")[0]).replace(" ", "")
    words = [w for w in normalise(name).split() if len(w) > 1]
    if not words:
        return False
    surname = words[-1]
    return surname in local or (len(words) >= 2 and local.startswith(words[0][0]) and surname[:4] in local)


def find_people(text: str) -> list[Person]:
    """Return the people of a contact block, each once, paired with their address when written."""
    people: list[Person] = []
    emails = [(m.group(0), m.start(), m.end()) for m in EMAIL.finditer(text)]
    for match in PERSON.finditer(text):
        name = match.group("name")
        if not _looks_like_person(name) or "@" in text[max(0, match.start() - 1) : match.end() + 1]:
            continue
        if _NAMES_A_THING.search(text[max(0, match.start() - 25) : match.start()]):
            continue
        if any(normalise(p.name) == normalise(name) for p in people):
            continue
        line_end = text.find("\n", match.end())
        rest = text[match.end() : line_end if line_end >= 0 else len(text)]
        function = rest.strip(" ,:").split(",")[0].strip() if rest.startswith(",") else ""
        people.append(Person(name, "", function[:200], "", match.start(), match.end()))
    used: set[str] = set()
    for person in people:
        for email, _s, _e in emails:
            if email not in used and _email_matches(email, person.name):
                person.email = email
                used.add(email)
                break
    # An address right after a person with none, on the following lines, is theirs.
    for email, start, _e in emails:
        if email in used:
            continue
        before = [p for p in people if p.end <= start and not p.email]
        if before and start - before[-1].end < 400:
            before[-1].email = email
            used.add(email)
    # A contact is a person given with an address or a function, not any capitalised pair of words.
    return [p for p in people if p.email or p.function]
