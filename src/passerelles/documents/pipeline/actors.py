"""Step `organisations`: the organisations a unit names, with their type and role."""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from passerelles.documents.pipeline.language import french
from passerelles.lib.names import CLOSE_SPELLING, core_name, normalise
from passerelles.territories import geo

# The word that says what kind of organisation follows (general French vocabulary).
KIND_WORDS: list[tuple[str, str]] = [
    (r"associations?", "association"),
    (r"ONG", "association"),
    (r"coop[ée]ratives?", "cooperative"),
    (r"SCOP|Scop", "cooperative"),
    (r"SCIC|Scic", "cooperative"),
    (r"mutuelles?", "mutuelle"),
    (r"fondations?", "fondation"),
    (r"fonds", "fondation"),
    (r"minist[èe]re", "etat"),
    (r"agence", "agence"),
    (r"r[ée]seau", "reseau"),
    (r"f[ée]d[ée]ration", "reseau"),
    (r"union", "reseau"),
    (r"collectif", "reseau"),
    (r"plateforme", "reseau"),
    (r"p[ôo]le", "reseau"),
    (r"chambre", "reseau"),
    (r"entreprise", "entreprise"),
    (r"soci[ée]t[ée]", "entreprise"),
    (r"groupement", "cooperative"),
    (r"institut", "autre"),
    (r"centre", "autre"),
    (r"maison", "autre"),
    (r"observatoire", "autre"),
    (r"comit[ée]", "autre"),
    (r"lyc[ée]e", "autre"),
    (r"[ée]cole", "autre"),
    (r"universit[ée]", "autre"),
    (r"office", "agence"),
    (r"commission", "autre"),
    (r"conf[ée]rence", "reseau"),
    (r"ferme", "autre"),
    (r"[ée]codomaine", "autre"),
]
# Words that open a phrase about the cooperation itself, not an organisation's name.
_NOT_NAME_STARTS = {"cooperation", "projet", "programme", "politique", "groupe", "service", "contact", "mots"}
_CONNECTOR = (
    r"(?:de la|de l['’]|des|du|de|d['’]|pour la|pour le|pour les|pour l['’]|pour|en|et des|et de|et|sans|"
    r"à|aux|au|sur|avec les|avec la|avec le|avec|l['’]|la|le|les)"
)
_KIND = re.compile(
    r"(?<![\w-])(?P<kind>(?i:" + "|".join(p for p, _ in KIND_WORDS) + r"))"
    r"(?P<rest>(?: (?:" + _CONNECTOR + r" ?)?[A-ZÀ-Þ][\w’'\-]*| [a-zà-ÿ]+(?= [A-ZÀ-Þ])"
    r"| " + _CONNECTOR + r" [a-zà-ÿ]+(?= " + _CONNECTOR + r" ?[A-ZÀ-Þ]))*"
    # A last word in lower case belongs to the name when a comma or bracket closes it: "Djerba insolite,".
    r"(?: [a-zà-ÿ]+(?=[,(]))?(?: \([^()\n]{2,40}\))?)"
)
# "- Solutions Saveurs : organisme communautaire à but non lucratif..." (a list of partners).
_DEFINED_IN_LIST = re.compile(
    r"(?m)^\s*[-•*–]\s*(?P<name>[A-ZÀ-Þ][^:\n]{1,60}?)\s*:\s*"
    r"(?!(?i:projet|programme|un concept))(?:[\w'’\-]+ ){0,5}?"
    r"(?P<kind>(?i:association|coop[ée]rative|organisme|entreprise|structure|r[ée]seau|ONG|fondation|mutuelle|"
    r"plateforme|collectif|f[ée]d[ée]ration|soci[ée]t[ée]|SCOP|SCIC|tiers-lieu|[ée]picerie|ferme|atelier|chantier))\b"
)
# "A ; La B ; le C ; des réseaux D ; E": a list of partners separated by semicolons.
_SEMICOLON_LIST = re.compile(r"(?:[^;\n]{2,80} ; ){2,}[^;\n.]{2,80}")
_LIST_ITEM = re.compile(
    r"^(?:(?:et )?(?:de nombreux|des|les|le|la|l['’])?\s*(?:[a-zà-ÿ]+ ){0,3})?(?P<name>[A-ZÀ-Þ][^;]{1,70})$"
)
# "Initiative X, une structure du réseau Y"; "une plateforme marocaine, Initiative Z,".
_APPOSITION_AFTER = re.compile(
    r"(?P<name>[A-ZÀ-Þ][\w’'\-]*(?: (?:de |du |des |d['’])?[A-ZÀ-Þ][\w’'\-]*){1,5}), (?:une?|la|le|l['’]) ?"
    r"(?i:structure|association|r[ée]seau|plateforme|entreprise|coop[ée]rative|organisation|ONG|fondation|soci[ée]t[ée])\b"
)
_APPOSITION_BEFORE = re.compile(
    r"(?i:structure|association|r[ée]seau|plateforme|entreprise|coop[ée]rative|organisation|ONG|fondation|soci[ée]t[ée]|"
    r"t[ée]l[ée]vision|radio|chocolatier|boulangerie|[ée]picerie|boutique|ferme)(?: [a-zà-ÿ]+){0,3},? "
    r"(?P<name>(?:[“\"«] ?)?[A-ZÀ-Þ][\w’'\-]*(?: (?:de |du |des |d['’])?[A-ZÀ-Þ][\w’'\-]*){0,5}(?: ?[”\"»])?)"
)
# "le RÉZAS (Réseau Zoodo Action Solidarité)", "maison de l'économie sociale et solidaire (MESS)".
_ACRONYM_EXPANDED = re.compile(r"(?P<name>\b[A-ZÀ-Þ][A-ZÀ-Þ0-9\-]{1,9} \([A-ZÀ-Þ][^()\n]{5,80}\))")
_PHRASE_WITH_ACRONYM = re.compile(
    r"(?P<name>(?i:"
    + "|".join(p for p, _ in KIND_WORDS)
    + r")(?: [\w'’\-]+){1,12} \([A-ZÀ-Þ][A-Za-zÀ-ÿ]{1,9}\))"
)
# Acronyms right after these words name a project or an event, not an organisation.
_EVENT_WORDS = re.compile(
    r"(?i)(?:projet|programme|dispositif|forum|salon|festival|semaine|op[ée]ration|appel)\s+(?:\w+\s+){0,2}$"
)
_QUOTED_AFTER_KIND = re.compile(
    r"(?i)(?P<kind>association|coop[ée]rative|structure|entreprise|soci[ée]t[ée]|plateforme|r[ée]seau)"
    r"(?: \w+)? «\s*(?P<name>[^»]{2,60}?)\s*»"
)
ACRONYM = re.compile(r"(?<![\w-])(?P<acronym>[A-ZÀ-Þ][A-ZÀ-Þ0-9&\-]{1,9})(?![\w-])")
# Capitals that are not organisations.
_NOT_ACRONYMS = {
    "ESS",
    "ODD",
    "SDG",
    "ONG",
    "UE",
    "PME",
    "TPE",
    "RH",
    "TTC",
    "HT",
    "PIB",
    "EUR",
    "CA",
    "OSC",
    "II",
    "III",
    "IV",
    "VI",
    "TV",
    "SA",
    "SAS",
    "SARL",
    "GIE",
    "CONTACT",
    "DE",
    "LA",
    "LE",
    "ET",
    "DU",
    "DES",
    "POUR",
    "VOUS",
    "EN",
    "AU",
    "NB",
    "PS",
    "FR",
    "EU",
    "ONU",
    "USD",
    "FCFA",
    "CFA",
    "NA",
    "ZZ",
}
ROLE_CUES: list[tuple[str, str]] = [
    (r"financ|subvention|cofinanc|bailleur|soutien financier", "financeur"),
    (r"ma[iî]tre d['’]ouvrage|port[ée]e? par|pilot|porteur", "maitre_ouvrage"),
    (r"op[ée]rateur|ma[iî]tre d['’]œuvre|mis(?:e)? en œuvre par|met en œuvre|réalis[ée]e? par", "operateur"),
    (r"appui|accompagn|expertise|form[ée]e?s? par|conseil technique|assistance technique", "appui_technique"),
    (r"b[ée]n[ée]ficiaire|au profit de|au b[ée]n[ée]fice", "beneficiaire"),
]


@dataclass
class Actor:
    name: str
    type: str
    role: str
    start: int
    end: int


def _kind_type(word: str) -> str:
    for pattern, kind in KIND_WORDS:
        if re.fullmatch(f"(?i:{pattern})", word):
            return kind
    return "autre"


def role_near(text: str, start: int, end: int) -> str:
    """Return the role that the words of the sentence around START..END give an actor."""
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [x for x in (text.find(".", end), text.find("\n", end)) if x >= 0]
    sentence = text[sentence_start : min(stops, default=len(text))].lower()
    for pattern, role in ROLE_CUES:
        if re.search(pattern, sentence):
            return role
    return "partenaire"


def _is_place(name: str, places: set[str]) -> bool:
    core = core_name(name)
    return (
        core in places
        or bool(geo.country_of(name))
        or bool(geo.french_level(name))
        or normalise(name) in geo.subdivision_index()
    )


_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*$")


def _tidy(name: str, places: set[str]) -> str:
    """Drop from NAME what is not part of it: articles, quotes, a share or a place in brackets."""
    name = re.sub(r"\s+", " ", name).strip(" ,;:.«»\"'’-")
    name = re.sub(r"^(?i:l['’]|la |le |les )", "", name).strip()
    bracket = _BRACKET.search(name)
    if bracket and (re.search(r"\d|%", bracket.group(1)) or _is_place(bracket.group(1), places)):
        name = name[: bracket.start()].strip()
    return name


def _entity_ok(text: str) -> bool:
    """Tell whether a named entity looks like an organisation's name rather than a phrase."""
    if "\n" in text or len(text) > 100:
        return False
    if ACRONYM.fullmatch(text):
        return _acronym_ok(text)
    words = text.split()
    capitals = sum(1 for w in words if w[:1].isupper())
    return capitals >= 2 or bool(re.match(_KIND.pattern, text))


def find_actors(text: str, place_names: list[str], skip: list[tuple[int, int]] = ()) -> list[Actor]:  # type: ignore[assignment]
    """Return the organisations TEXT names (not the cooperating territories), each once.

    SKIP holds spans not to read organisations from (the people of the contact block, keywords).
    """
    places = {core_name(n) for n in place_names}
    found: list[Actor] = []
    taken: list[tuple[int, int]] = list(skip)

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(name: str, kind: str, start: int, end: int) -> None:
        for part in re.split(r" et (?:la|le|les|l['’]) ?(?=[A-ZÀ-Þ])", name):
            part = _tidy(part, places)
            first = normalise(part).split()[0] if normalise(part) else ""
            if len(part) < 2 or len(part) > 120 or _is_place(part, places) or first in _NOT_NAME_STARTS:
                continue
            if ACRONYM.fullmatch(part) and not _acronym_ok(part):
                continue
            if not free(start, end):
                return
            found.append(Actor(part, kind, role_near(text, start, end), start, end))
        taken.append((start, end))

    for match in _ACRONYM_EXPANDED.finditer(text):
        add(match.group("name"), "autre", match.start(), match.end())
    for match in _PHRASE_WITH_ACRONYM.finditer(text):
        add(match.group("name"), _kind_type(match.group("name").split()[0]), match.start(), match.end())
    for match in _DEFINED_IN_LIST.finditer(text):
        add(match.group("name"), _kind_type(match.group("kind")), match.start("name"), match.end("name"))
    for match in _QUOTED_AFTER_KIND.finditer(text):
        add(match.group("name"), _kind_type(match.group("kind")), match.start(), match.end())
    for match in _SEMICOLON_LIST.finditer(text):
        position = match.start()
        for item in match.group(0).split(" ; "):
            listed = _LIST_ITEM.match(item.split(":")[-1].strip())
            if listed and len(listed.group("name").split()) <= 8:
                start = text.find(listed.group("name"), position)
                add(listed.group("name"), "autre", start, start + len(listed.group("name")))
            position += len(item) + 3
    for match in _APPOSITION_AFTER.finditer(text):
        add(match.group("name"), "autre", match.start("name"), match.end("name"))
    for match in _APPOSITION_BEFORE.finditer(text):
        between = text[match.start() : match.start("name")]
        if re.search(r" (?:de|du|des|d['’])\s*$", between):
            # "la ferme associative de Dkhila" is named by the whole phrase.
            add(
                text[match.start() : match.end("name")],
                _kind_type(between.split()[0]),
                match.start(),
                match.end(),
            )
        elif len(match.group("name").split()) >= 2 or match.group("name")[0] in '“"«':
            add(match.group("name"), "autre", match.start("name"), match.end("name"))
    for match in _KIND.finditer(text):
        rest = match.group("rest")
        written = match.group("kind")
        # "les associations de la région" speaks of a group; "Coopératives Jeunesse" is a name.
        if not re.search(r"[A-ZÀ-Þ]", rest) or (written.endswith("s") and written[0].islower()):
            continue
        kind = _kind_type(match.group("kind"))
        # "l'ONG Tetraktys et AFRAT", "Pôle X et Union Y": two organisations joined by "et".
        parts = re.split(r" et (?=[A-ZÀ-Þ]{2,}\b|(?i:" + "|".join(p for p, _ in KIND_WORDS) + r")\b)", rest)
        # "l'association Compostri" is called Compostri; "l'Association des Maires" keeps its first word.
        named_after = written[0].islower() and parts[0][1:2].isupper()
        first = parts[0].strip() if named_after else written + parts[0]
        add(first, kind, match.start(), match.start() + len(match.group("kind") + parts[0]))
        offset = match.start() + len(match.group("kind") + parts[0])
        for part in parts[1:]:
            offset += 4
            add(part, _kind_type(part.split()[0]) if part.split() else "autre", offset, offset + len(part))
            offset += len(part)
    acronyms = [m for m in ACRONYM.finditer(text) if _acronym_ok(m.group("acronym"))]
    for entity in french()(text).ents:
        if entity.label_ == "ORG" and _entity_ok(entity.text):
            add(entity.text, "autre", entity.start_char, entity.end_char)
    for match in acronyms:
        acronym = match.group("acronym")
        repeated = sum(1 for m in acronyms if m.group("acronym") == acronym) >= 2
        defined = (
            text[match.start() - 1 : match.start()] == "(" or text[match.end() : match.end() + 2] == " ("
        )
        if _EVENT_WORDS.search(text[max(0, match.start() - 40) : match.start()]):
            continue
        if repeated or defined or role_near(text, match.start(), match.end()) != "partenaire":
            add(acronym, "autre", match.start(), match.end())
    return _merge(found)


def _acronym_ok(acronym: str) -> bool:
    letters = sum(c.isalpha() for c in acronym)
    return acronym not in _NOT_ACRONYMS and len(acronym.strip("-&")) >= 3 and letters >= 3


def _merge(found: list[Actor]) -> list[Actor]:
    """Keep one actor per organisation: the longest spelling, the most telling type and role."""
    kept: list[Actor] = []
    for actor in sorted(found, key=lambda a: -len(a.name)):
        key = core_name(actor.name)
        same = next((k for k in kept if _same(key, actor.name, k)), None)
        if same is None:
            kept.append(actor)
            continue
        if same.type == "autre" and actor.type != "autre":
            same.type = actor.type
        if same.role == "partenaire" and actor.role != "partenaire":
            same.role = actor.role
        same.start, same.end = min(same.start, actor.start), max(same.end, actor.end)
    return sorted(kept, key=lambda a: a.start)


def _same(key: str, name: str, other: Actor) -> bool:
    other_key = core_name(other.name)
    if not key or not other_key:
        return False
    if key == other_key or key in other_key.split() or f"({name})" in other.name:
        return True
    if fuzz.ratio(key, other_key) >= CLOSE_SPELLING:
        return True
    # "CRESS" inside "CRESS Nouvelle Aquitaine"; a shorter spelling contained in a longer one.
    return len(key) >= 4 and (other_key.startswith(key + " ") or f" {key} " in f" {other_key} ")
