"""Step `places`: the local governments and places a document names, settled in reference data.

Assigns: the document's place mentions, each with its level, country and official code.

Names come from three sources: administrative words before a name ("commune de X", "Région
X", "City of X", "X Municipality"), the named-entity recogniser's locations, and names given
with their country ("Dogbo (Bénin)"). Each name is looked up in the reference geography
(`territories.gazetteer`: the INSEE geography of France, GeoNames cities, ISO 3166-2
subdivisions). Its country is settled in this order: a country in brackets after it, a country
written in the same sentence, the only foreign country of its paragraph, then the reference
data by population. A name whose country nothing settles is left out, never put in France.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from passerelles.documents.blocks import Block, BlockKind
from passerelles.documents.pipeline.doc import Place
from passerelles.lib.names import core_name
from passerelles.territories import gazetteer, geo

# Administrative words before a name, with the level they give (French and English).
_LINK = r"(?: (?:de la|de l['’]|des|du|de|d['’]|of the|of) ?| )"
PREFIXES: list[tuple[str, str]] = [
    (r"conseil\s+r[ée]gional", "region"),
    (r"conseil\s+d[ée]partemental", "departement"),
    (r"conseil\s+g[ée]n[ée]ral", "departement"),
    (r"communaut[ée]\s+d['’]\s*agglom[ée]ration", "intercommunalite"),
    (r"communaut[ée]\s+urbaine", "intercommunalite"),
    (r"communaut[ée]\s+de\s+communes", "intercommunalite"),
    (r"agglom[ée]ration", "intercommunalite"),
    (r"m[ée]tropole", "intercommunalite"),
    (r"r[ée]gion", "region"),
    (r"d[ée]partement", "departement"),
    (r"ville", "commune"),
    (r"commune(?:\s+rurale|\s+urbaine)?", "commune"),
    (r"mairie", "commune"),
    (r"municipalit[ée]", "commune"),
    (r"province", "region"),
    (r"gouvernorat", "region"),
    (r"wilaya", "region"),
    (r"pr[ée]fecture", "region"),
    (r"[ÉE]tat", "etat_federe"),
    (r"city", "commune"),
    (r"town", "commune"),
    (r"municipality", "commune"),
    (r"county", "region"),
    (r"district", "region"),
]
# A proper name: capitalised words, joined by hyphens or small words ("Provence-Alpes-Côte d'Azur").
NAME = (
    r"[A-ZÀ-Þ][\w’'\-]*(?:(?:[ \-]| (?:de la|de l['’]|de|du|des|la|le|les|sur|en) ?| d['’]| l['’])"
    r"[A-ZÀ-Þ][\w’'\-]*){0,5}"
)
# Intercommunalities are often named after two places: "Causses et Vallée de la Dordogne".
EPCI_NAME = NAME.replace("|en) ?", "|en|et) ?")
_PREFIXED = re.compile(
    r"\b(?P<prefix>(?i:"
    + "|".join(f"(?:{p})" for p, _ in PREFIXES)
    + r"))"
    + _LINK
    + r"(?P<name>"
    + NAME
    + r")"
)
_EPCI_PREFIXED = re.compile(
    r"\b(?P<prefix>(?i:"
    + "|".join(f"(?:{p})" for p, level in PREFIXES if level == "intercommunalite")
    + r"))"
    + _LINK
    + r"(?P<name>"
    + EPCI_NAME
    + r")"
)
# "Grenoble Métropole", "Utrecht Municipality", "Toronto City Council".
_SUFFIXED = re.compile(
    r"\b(?P<name>[A-ZÀ-Þ][\w\-]+(?: [A-ZÀ-Þ][\w\-]+)?) "
    r"(?P<suffix>M[ée]tropole|Agglom[ée]ration|Municipality|City Council|County|Province|Region|District)\b"
)
_SUFFIX_LEVELS = {
    "metropole": "intercommunalite",
    "agglomeration": "intercommunalite",
    "municipality": "commune",
    "city": "commune",
}
_BRACKETED = re.compile(r"(?P<name>" + NAME + r") ?\((?P<where>[^()\n]{3,40})\)")
# "à Kolda", "in Utrecht": a capitalised name after a preposition of place.
_AFTER_PREPOSITION = re.compile(
    r"(?:\b[àÀ]|\bin|\bat)\s(?P<name>[A-ZÀ-Þ][\w’'\-]+(?:[ \-][A-ZÀ-Þ][\w’'\-]+)?)"
)
_LEVELS_OF_PREFIX = [(re.compile(f"^{p}$", re.IGNORECASE), level) for p, level in PREFIXES]
# Below this population a name without an administrative word, a country or a recogniser's
# location tag is not taken for a place: small places share their names with common words.
BARE_NAME_POPULATION = 50_000
# A French place this large stays French even when its sentence names a country abroad.
SURE_POPULATION = 20_000
# Capitalised words that follow an administrative word without being a place.
_NOT_PLACES = {"france", "europe", "afrique", "ess", "etat", "odd", "union", "unies"}
_LOCATION_LABELS = {"LOC", "GPE"}
_ARTICLE = re.compile(r"^(?:l['’]|la |le |les |the )", re.IGNORECASE)


@dataclass
class _Context:
    """What the text around a name says of its country: in brackets, in its sentence, paragraph, section.

    The sentence's countries come nearest first. The section's only choose among the places the
    reference data knows by that name: they never make an unknown name a place.
    """

    bracket: str | None
    sentence: list[str]
    paragraph: list[str]
    section: list[str]


def country_mentions(text: str) -> list[tuple[str, int, int]]:
    """Return the countries TEXT names, but not those inside a longer proper name ("Villa El Salvador").

    The overseas départements and collectivities that ISO codes apart (Guadeloupe, La Réunion...)
    are France: their local governments cooperate as French ones.
    """
    return [
        ("FR" if code in gazetteer.FRENCH_TERRITORIES else code, start, end)
        for code, start, end in geo.countries_in(text)
        if not re.search(r"[A-ZÀ-Þ][\w’'\-]* $", text[max(0, start - 30) : start])
    ]


def level_of_prefix(prefix: str) -> str:
    for pattern, level in _LEVELS_OF_PREFIX:
        if pattern.match(re.sub(r"\s+", " ", prefix.strip())):
            return level
    return "autre"


def _bracket_country(text: str, end: int) -> str | None:
    """Return the country written in brackets right after a name: "Porto-Novo (Bénin)"."""
    bracket = re.match(r"\s*\(([^()]{3,40})\)", text[end : end + 45])
    if not bracket:
        return None
    inside = bracket.group(1).split(",")[-1].strip()
    return geo.country_of(inside)


def _foreign(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(code for code in codes if code != "FR"))


def settle(name: str, level: str, context: _Context, *, prefixed: bool, tagged: bool) -> Place | None:
    """Return the place NAME designates, with its country and level, or None when nothing settles it.

    LEVEL is what an administrative word said ("autre" without one). PREFIXED tells that an
    administrative word named it a local government; TAGGED that the recogniser called it a place.
    A name absent from the reference data is a place only when an administrative word or a
    country in brackets says so.
    """
    found = gazetteer.lookup(name)
    fitting = [c for c in found if level == "autre" or _level_fits(c.level, level)]
    candidates = fitting or found
    if context.bracket:
        there = [c for c in candidates if c.country == context.bracket]
        if there:
            return _place(name, there[0], level, "", strength=2)
        return _unlisted(name, context.bracket, level, "")
    for code in context.sentence:
        there = [c for c in candidates if c.country == code]
        if there:
            return _place(name, there[0], level, _("country named in the sentence: %(c)s") % {"c": code}, 2)
    french = [c for c in candidates if c.country == "FR"]
    if french and (prefixed or tagged or (french[0].population or 0) >= BARE_NAME_POPULATION):
        return _place(name, french[0], level, _ambiguity(french[0], candidates))
    abroad = _foreign(context.sentence)
    if abroad and prefixed and not candidates:
        return _unlisted(name, abroad[0], level, _("country named in the sentence: %(c)s") % {"c": abroad[0]})
    paragraph = _foreign(context.paragraph)
    section = _foreign(context.section)
    if len(section) == 1:
        there = [c for c in candidates if c.country == section[0]]
        note = _("only foreign country of its paragraph: %(c)s") % {"c": section[0]}
        if there:
            return _place(name, there[0], level, note, strength=1)
    if len(paragraph) == 1 and prefixed and not candidates:
        note = _("only foreign country of its paragraph: %(c)s") % {"c": paragraph[0]}
        return _unlisted(name, paragraph[0], level, note)
    if not candidates:
        return None
    best = candidates[0]
    if not (prefixed or tagged) and (best.population or 0) < BARE_NAME_POPULATION:
        return None
    # An administrative word and a name found in one country only: the reference data settles it.
    sure = 1 if prefixed and len({c.country for c in candidates}) == 1 else 0
    return _place(name, best, level, _ambiguity(best, candidates), strength=sure)


def _unlisted(name: str, country: str, level: str, note: str) -> Place:
    """Return a place absent from the reference data whose country the text gives."""
    return Place(name, country, level if level != "autre" else "commune", 0, 0, note=note, strength=2)


def _ambiguity(chosen: gazetteer.Candidate, candidates: list[gazetteer.Candidate]) -> str:
    """Say how an ambiguous name was settled, for the reviewer; nothing when it was not ambiguous."""
    others = sorted({c.country for c in candidates} - {chosen.country})
    if not others:
        return ""
    return _("the most populous place so named (%(country)s); also a place in %(others)s") % {
        "country": chosen.country,
        "others": ", ".join(others),
    }


def _level_fits(found: str, wanted: str) -> bool:
    return found == wanted or (wanted == "region" and found in {"region", "departement", "etat_federe"})


def _place(name: str, candidate: gazetteer.Candidate, level: str, note: str, strength: int = 0) -> Place:
    return Place(
        name,
        candidate.country,
        level if level != "autre" else candidate.level,
        0,
        0,
        code=candidate.code,
        note=note,
        strength=strength,
    )


def _context(text: str, start: int, end: int, paragraph: list[str], section: list[str]) -> _Context:
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [x for x in (text.find(". ", end), text.find("\n", end)) if x >= 0]
    mentions = country_mentions(text[sentence_start : min(stops, default=len(text))])
    # The nearest country first, and one written after the name before one written before it.
    position = start - sentence_start
    nearest = sorted(mentions, key=lambda m: m[1] - position if m[1] >= position else 2 * (position - m[1]))
    sentence = list(dict.fromkeys(c for c, _s, _e in nearest))
    return _Context(_bracket_country(text, end), sentence, paragraph, section)


def find_places(
    text: str,
    entities: Sequence[tuple[str, int, int]] = (),
    paragraph: Sequence[str] | None = None,
    section: Sequence[str] = (),
) -> list[Place]:
    """Return the places named in TEXT (one block or paragraph), each with the span of its mention.

    ENTITIES are the (label, start, end) of the recogniser's entities in TEXT; PARAGRAPH the
    countries TEXT names (found here when not given); SECTION those of the part of the document
    around it, which help settle a name's country when TEXT names none.
    """
    own = list(paragraph) if paragraph is not None else [code for code, _s, _e in country_mentions(text)]
    around = own or list(section)
    found: list[Place] = []
    taken: list[tuple[int, int]] = []

    def add(
        name: str, written: str, level: str, start: int, end: int, *, prefixed: bool, tagged: bool
    ) -> None:
        name = _ARTICLE.sub("", name)
        if name.endswith(("'s", "’s")):
            name, written, end = name[:-2], written[:-2], end - 2
        core = core_name(name)
        country = geo.country_of(name)
        # A country is no local government, but Guadeloupe or La Réunion is both.
        if (
            not core
            or core in _NOT_PLACES
            or (country and country not in gazetteer.FRENCH_TERRITORIES)
            or any(s < end and start < e for s, e in taken)
        ):
            return
        context = _context(text, start, end, own, around)
        place = settle(name, level, context, prefixed=prefixed, tagged=tagged)
        if place is None:
            return
        place.name, place.start, place.end, place.prefixed = written, start, end, prefixed
        found.append(place)
        taken.append((start, end))

    for match in [*_EPCI_PREFIXED.finditer(text), *_PREFIXED.finditer(text)]:
        prefix, name = match.group("prefix"), match.group("name").strip(" -’'")
        if len(name) >= 3 and not (prefix.isupper() and len(prefix) <= 3):
            level = level_of_prefix(prefix)
            add(
                name,
                match.group(0).strip(" -’'"),
                level,
                match.start(),
                match.end(),
                prefixed=True,
                tagged=False,
            )
    for match in _SUFFIXED.finditer(text):
        level = _SUFFIX_LEVELS.get(geo.normalise(match.group("suffix")).split()[0], "region")
        name = match.group(0) if gazetteer.lookup(match.group(0)) else match.group("name")
        add(name, match.group(0), level, match.start(), match.end(), prefixed=True, tagged=False)
    for label, start, end in entities:
        name = text[start:end].strip()
        if label in _LOCATION_LABELS and name[:1].isupper():
            # A capital at the start of a sentence says nothing: the tag alone does not make it a place.
            tagged = " " in name or bool(re.search(r"\w[\w,;’']* $", text[max(0, start - 30) : start]))
            add(name, name, "autre", start, start + len(name), prefixed=False, tagged=tagged)
    for match in _BRACKETED.finditer(text):
        if _bracket_country(text, match.end("name")):
            name = match.group("name")
            add(name, name, "autre", match.start("name"), match.end("name"), prefixed=False, tagged=True)
    for match in _AFTER_PREPOSITION.finditer(text):
        name = match.group("name")
        add(name, name, "autre", match.start("name"), match.end("name"), prefixed=False, tagged=False)
    return sorted(found, key=lambda p: p.start)


def block_places(
    blocks: list[Block], entities: list[tuple[str, int, int]], countries: list[tuple[str, int, int]]
) -> list[Place]:
    """Return the places of every block of a document, with spans in its text.

    ENTITIES and COUNTRIES are the recogniser's entities and the countries named, found once in
    the whole text; a block's own countries, then its section's, settle the countries of its places.
    """

    def named(start: int, end: int) -> list[str]:
        return [code for code, s, e in countries if start <= s and e <= end]

    found: list[Place] = []
    section: list[str] = []
    for position, block in enumerate(blocks):
        if block.kind == BlockKind.HEADING:
            later = (b.start for b in blocks[position + 1 :] if b.kind == BlockKind.HEADING)
            section = named(block.start, next(later, blocks[-1].end))
        own = [
            (label, s - block.start, e - block.start)
            for label, s, e in entities
            if block.start <= s and e <= block.end
        ]
        for place in find_places(block.text, own, named(block.start, block.end), section):
            place.start += block.start
            place.end += block.start
            found.append(place)
    return found


def coherent(found: list[Place], named_countries: list[str]) -> list[Place]:
    """Return the places of a document without those settled by population alone in a country foreign to it.

    A name that only the size of a faraway namesake made a place ("Ouando" in Congo, in a text
    about Benin) is left out when the document names neither that country nor any place in it
    that its context settled.
    """
    known = set(named_countries) | {p.country for p in found if p.strength > 0} | {"FR"}
    return [p for p in found if p.strength > 0 or p.country in known]
