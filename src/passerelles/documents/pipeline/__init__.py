"""The extraction pipeline: a document's blocks in, project drafts with provenance out.

Like the classifier's and spaCy's, it is a list of small named steps sharing one interface
(`__call__(doc) -> doc` and a batched `pipe(docs)`), registered by name in STEPS, their order
set once in ORDER. Each says what it assigns and can be run, or scored, alone
(`passerelles bench extract --step NAME`).
"""

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from passerelles.classification.language import detect, fold, words
from passerelles.classification.pipeline import classify_documents
from passerelles.documents.blocks import Block, BlockKind, compose, page_at
from passerelles.documents.drafts import Draft
from passerelles.documents.pipeline import actors, money, people, places
from passerelles.documents.pipeline.clean import clean_blocks, clean_text, drop_contents
from passerelles.documents.pipeline.doc import Actor, ExtractDoc, Place, Unit
from passerelles.documents.pipeline.segment import segment
from passerelles.documents.pipeline.structure import blocks_from_text, paragraphs_of
from passerelles.lib.names import core_name, looks_like_organisation, same_actor
from passerelles.territories import geo

START_CUES = re.compile(
    r"(?i)\b(?:n[ée]e?s?|lanc[ée]e?s?|cr[ée]{2}e?s?|d[ée]marr[ée]e?s?|d[ée]but[ée]e?s?|initi[ée]e?s?|"
    r"mise?s? en place|engag[ée]e?s?|sign[ée]e?s?|depuis|d[èe]s|en|d['’]\w+|"
    r"since|in|started|launched|began|from)\s+(?:l['’]ann[ée]e\s+)?"
    r"(?:(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)\s+)?"
    r"(?P<year>(?:19[5-9]|20[0-4])\d)\b"
)
YEAR = re.compile(r"(?<!\d)(?P<year>(?:19[5-9]|20[0-4])\d)(?!\d)")
PART_KINDS = {"difficulties": "difficulties", "success": "success_conditions", "perspectives": "perspectives"}
INLINE_PARTS = {
    "difficulties": re.compile(r"(?i)difficult[ée]s|obstacles|freins|challenges"),
    "success_conditions": re.compile(
        r"(?i)conditions de r[ée]ussite|facteurs de (?:r[ée]ussite|succ[èe]s)|cl[ée]s de r[ée]ussite|"
        r"success factors|lessons learn"
    ),
}
_LIST_SEPARATORS = re.compile(r"\s*(?:[;,\n]| et | and )\s*")


class Step(ABC):
    """One step of the pipeline: reads the document and assigns what `assigns` names."""

    name = ""
    assigns: tuple[str, ...] = ()

    @abstractmethod
    def __call__(self, doc: ExtractDoc) -> ExtractDoc: ...

    def pipe(self, docs: Iterable[ExtractDoc]) -> Iterator[ExtractDoc]:
        for doc in docs:
            yield self(doc)


class UnitStep(Step):
    """A step that reads each project unit on its own."""

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        for unit in doc.units:
            assert unit.draft is not None
            self.read(doc, unit, unit.draft)
        return doc

    @abstractmethod
    def read(self, doc: ExtractDoc, unit: Unit, draft: Draft) -> None: ...


STEPS: dict[str, type[Step]] = {}


def register(step: type[Step]) -> type[Step]:
    STEPS[step.name] = step
    return step


@register
class Clean(Step):
    """Repair text extracted from PDF and web pages: cut words, page furniture, broken lines."""

    name = "clean"
    assigns = ("text",)

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        if doc.blocks:
            doc.blocks = clean_blocks(doc.blocks)
        else:
            doc.text = clean_text(doc.text)
        return doc


@register
class Structure(Step):
    """Give plain text its blocks from typography; write the blocks into the stored text."""

    name = "structure"
    assigns = ("blocks", "text")

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        if not doc.blocks:
            doc.blocks = drop_contents(blocks_from_text(doc.text))
        doc.text, doc.blocks = compose(doc.blocks)
        tokens = words(fold(doc.text[:20_000]))
        doc.language = detect(tokens)[0] or "fr"
        return doc


@register
class Mentions(Step):
    """Find every place, country and organisation the document names, once, with its span."""

    name = "mentions"
    assigns = ("places", "actors", "countries")

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        entities = actors.entities(doc.text)
        doc.countries = places.country_mentions(doc.text)
        found = places.block_places(doc.blocks, entities, doc.countries)
        doc.places = places.coherent(found, [code for code, _s, _e in doc.countries])
        titles = [(b.start, b.end) for b in doc.blocks if b.kind == BlockKind.HEADING]
        doc.actors = actors.find_actors(
            doc.text,
            [p.name for p in doc.places],
            titles=titles,
            entities_in_text=entities,
            language=doc.language,
        )
        return doc


@register
class Segment(Step):
    """Cut the document into project units (see segment.py)."""

    name = "segment"
    assigns = ("units",)

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        doc.units = segment(doc)
        for unit in doc.units:
            unit.draft = Draft(title=_title(doc, unit), spans={"unit": (unit.start, unit.end)})
            if unit.title:
                unit.draft.spans["title"] = unit.title
        return doc


@register
class Contacts(UnitStep):
    """Named people with their e-mail and function, from the unit's contact parts (or the whole unit)."""

    name = "contacts"
    assigns = ("contacts",)

    def read(self, doc: ExtractDoc, unit: Unit, draft: Draft) -> None:
        spans = unit.sections.get("contact") or [(b.start, b.end) for b in unit.fields.get("contact", [])]
        for start, end in spans or [(unit.start, unit.end)]:
            for person in people.find_people(doc.text[start:end]):
                if all(core_name(person.name) != core_name(p["name"]) for p in draft.contacts):
                    draft.add("contacts", _contact(person), (start + person.start, start + person.end))


@register
class Territories(UnitStep):
    """The local governments of the unit: its place mentions, each once."""

    name = "territories"
    assigns = ("territories", "countries")

    def read(self, doc: ExtractDoc, unit: Unit, draft: Draft) -> None:
        people_spans = _people_spans(draft)
        chosen: dict[str, Place] = {}
        mentions: dict[str, list[Place]] = {}
        for place in doc.places_in(unit.start, unit.end):
            key = core_name(place.name).replace("-", " ")
            if any(s <= place.start < e for s, e in people_spans):
                continue
            mentions.setdefault(key, []).append(place)
            # One name, one place: the mention whose country the words around it settle wins.
            if key not in chosen or place.strength > chosen[key].strength:
                chosen[key] = place
        head = unit.blocks[:2]
        for key in list(chosen):
            # A place named once in passing ("vendu à Marseille") is where something happens,
            # not a cooperating local government: those are named as such, up front, or again.
            acts = any(p.prefixed for p in mentions[key]) or len(mentions[key]) >= 2
            up_front = any(b.start <= p.start < b.end for b in head for p in mentions[key])
            if not (acts or up_front):
                del chosen[key]
        for place in sorted(chosen.values(), key=lambda p: p.start):
            if place.note:
                draft.notes[f"territories.{len(draft.territories)}"] = place.note
            draft.add("territories", _territory(place), (place.start, place.end))
        for block in unit.fields.get("country", []):
            code = geo.country_of(block.value)
            if code:
                draft.countries.append(code)
        named = {t["country"] for t in draft.territories if t["country"]}
        draft.countries = sorted(named | set(draft.countries) | set(doc.countries_in(unit.start, unit.end)))


@register
class Organisations(UnitStep):
    """The organisations of the unit, with their type and role; funders named on funding lines."""

    name = "organisations"
    assigns = ("organisations",)

    def read(self, doc: ExtractDoc, unit: Unit, draft: Draft) -> None:
        skip = _people_spans(draft) + [(b.start, b.end) for b in unit.fields.get("theme", [])]
        place_names = [t["name"] for t in draft.territories]
        for actor in doc.actors_in(unit.start, unit.end):
            if any(s < actor.end and actor.start < e for s, e in skip):
                continue
            if any(same_actor(actor.name, n) for n in place_names):
                continue
            known = next((o for o in draft.organisations if same_actor(actor.name, o["name"])), None)
            if known is not None:
                # A later mention may say what the first did not: who funds, who carries out.
                if known["role"] == "partenaire":
                    known["role"] = actor.role
                continue
            draft.add("organisations", _organisation(actor), (actor.start, actor.end))
        for block in unit.fields.get("organisation", []):
            value_start = block.end - len(block.value)
            for name in _LIST_SEPARATORS.split(block.value):
                name = name.strip(" .")
                named = [o["name"] for o in draft.organisations] + place_names
                if len(name) >= 2 and not any(same_actor(name, n) for n in named):
                    start = doc.text.find(name, value_start)
                    listed = {"name": name, "type": "autre", "role": "partenaire", "country": ""}
                    draft.add("organisations", listed, (start, start + len(name)))


@register
class Shared(Step):
    """What a list of projects says once for all of them: its owner, its local government, its contacts.

    The text before the first project (a page's presentation of its association, a report's
    local government) names who carries every project of the list, and a contact given outside
    every project is the list's contact.
    """

    name = "shared"
    assigns = ("territories", "organisations", "contacts")

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        if len(doc.units) < 2:
            return doc
        outside = [b for b in doc.blocks if not any(u.start <= b.start < u.end for u in doc.units)]
        lead = [b for b in outside if b.end <= doc.units[0].start and b.kind != BlockKind.HEADING]
        contacts = [
            (block.start + person.start, block.start + person.end, person)
            for block in outside
            if people.EMAIL.search(block.text) or people.PHONE.search(block.text)
            for person in people.find_people(block.text)
        ]
        carriers = [a for b in lead for a in doc.actors_in(b.start, b.end)]
        governments = [
            p for b in lead for p in doc.places_in(b.start, b.end) if p.country == "FR" and p.prefixed
        ]
        for unit in doc.units:
            draft = unit.draft
            assert draft is not None
            for start, end, person in contacts:
                if all(core_name(person.name) != core_name(c["name"]) for c in draft.contacts):
                    draft.add("contacts", _contact(person), (start, end))
            for place in governments:
                if not any(same_actor(place.name, t["name"]) for t in draft.territories):
                    draft.add("territories", _territory(place), (place.start, place.end))
            for actor in carriers:
                if not any(same_actor(actor.name, o["name"]) for o in draft.organisations):
                    draft.add("organisations", _organisation(actor), (actor.start, actor.end))
            draft.countries = sorted(set(draft.countries) | {t["country"] for t in draft.territories})
        return doc


@register
class Funding(UnitStep):
    """The total budget and the co-financing lines, from the funding parts (or the whole unit)."""

    name = "funding"
    assigns = ("budget_total", "funding")

    def read(self, doc: ExtractDoc, unit: Unit, draft: Draft) -> None:
        sections = unit.sections.get("funding", [])
        spans = sections + [
            (b.start, b.end)
            for name in ("amount", "funder")
            for b in unit.fields.get(name, [])
            if not any(s <= b.start < e for s, e in sections)
        ]
        for start, end in spans or [(unit.start, unit.end)]:
            for found in money.find_funding(doc.text[start:end]):
                read = {"funder": found.funder, "amount": found.amount, "share_pct": found.share}
                draft.add("funding", read, (start + found.start, start + found.end))
            budget = money.find_budget(doc.text[start:end])
            if budget is None and doc.text[start:end] in {b.text for b in unit.fields.get("amount", [])}:
                amounts = money.amounts_in(doc.text[start:end])
                budget = amounts[0] if amounts else None
            if budget and draft.budget_total is None:
                draft.budget_total = budget[0]
                draft.spans["budget_total"] = (start + budget[1], start + budget[2])
        _one_line_per_funder(draft)
        named = [o["name"] for o in draft.organisations] + [t["name"] for t in draft.territories]
        for line in draft.funding:
            funder = line["funder"]
            if looks_like_organisation(funder) and not any(same_actor(funder, n) for n in named):
                draft.organisations.append(
                    {"name": funder, "type": "autre", "role": "financeur", "country": ""}
                )
                named.append(funder)


@register
class Years(UnitStep):
    """The first year of the project: a dated field, else the year a start word gives."""

    name = "years"
    assigns = ("start_year",)

    def read(self, doc: ExtractDoc, unit: Unit, draft: Draft) -> None:
        for block in unit.fields.get("year", []):
            found = YEAR.search(block.value)
            if found:
                offset = block.end - len(block.value)
                draft.start_year = int(found.group("year"))
                draft.spans["start_year"] = (offset + found.start(), offset + found.end())
                return
        origin = unit.sections.get("origin", [])
        spans = [*origin, (unit.start, unit.end)]
        for start, end in spans:
            match = START_CUES.search(doc.text[start:end])
            if match:
                draft.start_year = int(match.group("year"))
                draft.spans["start_year"] = (start + match.start("year"), start + match.end("year"))
                return


@register
class Parts(UnitStep):
    """The summary, difficulties, conditions of success and perspectives of the unit."""

    name = "parts"
    assigns = ("summary", "difficulties", "success_conditions", "perspectives")

    def read(self, doc: ExtractDoc, unit: Unit, draft: Draft) -> None:
        unit_text = doc.text[unit.start : unit.end]
        for kind, field_name in PART_KINDS.items():
            setattr(draft, field_name, _section_text(doc.text, unit.sections.get(kind, [])))
        for field_name, pattern in INLINE_PARTS.items():
            if not getattr(draft, field_name):
                setattr(draft, field_name, _inline_part(unit_text, pattern))
        draft.summary = _summary(doc, unit, draft.title)


@register
class Labels(Step):
    """SDGs, themes and ESS dimension of every unit, classified together (one embedding batch)."""

    name = "labels"
    assigns = ("sdgs", "themes", "ess_dimension")

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        units = [u for u in doc.units if u.draft is not None]
        for unit, labels in zip(
            units, classify_documents(doc.text[u.start : u.end] for u in units), strict=True
        ):
            draft = unit.draft
            assert draft is not None
            draft.themes, draft.sdgs, draft.sdg_targets = labels.themes, labels.sdgs, labels.sdg_targets
            draft.ess_dimension, draft.evidence = labels.ess_dimension, labels.evidence
        return doc


@register
class Projects(Step):
    """Keep the units that are projects (an actor and a partner), say why when none is, page the spans."""

    name = "projects"
    assigns = ("units", "notes", "pages")

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        kept = [u for u in doc.units if u.draft and (u.draft.territories or u.draft.organisations)]
        if not kept:
            doc.notes.append(_why_nothing(doc))
        doc.units = kept
        if any(block.page for block in doc.blocks):
            for draft in doc.drafts:
                for path, (start, _end) in draft.spans.items():
                    page = page_at(doc.blocks, start)
                    if page:
                        draft.pages[path] = page
        return doc


ORDER = [
    "clean",
    "structure",
    "mentions",
    "segment",
    "contacts",
    "territories",
    "organisations",
    "shared",
    "funding",
    "years",
    "parts",
    "labels",
    "projects",
]


def run(doc: ExtractDoc, *, until: str | None = None) -> ExtractDoc:
    """Run the steps of ORDER on DOC, stopping before the step UNTIL when it is given."""
    for name in ORDER:
        if name == until:
            break
        doc = STEPS[name]()(doc)
    return doc


def extract(raw_text: str = "", blocks: list[Block] | None = None, title: str = "") -> ExtractDoc:
    """Run every step on a document given as RAW_TEXT or as its reader's BLOCKS; return it read."""
    return run(ExtractDoc(text=raw_text, blocks=list(blocks or []), title=title))


# What the steps share.
def _territory(place: Place) -> dict:
    return {"name": place.name, "country": place.country, "level": place.level, "code": place.code}


def _organisation(actor: Actor) -> dict:
    return {"name": actor.name, "type": actor.type, "role": actor.role, "country": actor.country}


def _contact(person: people.Person) -> dict:
    return {"name": person.name, "email": person.email, "function": person.function}


def _one_line_per_funder(draft: Draft) -> None:
    """Keep one funding line per funder, and leave out shares that cannot all be right.

    A funder read twice (a list, then a sentence) keeps its first line, completed by the
    second; shares that add up to more than 100 % are dropped, with a note for the reviewer,
    so that a slip of reading never refuses a whole document.
    """
    kept: list[dict] = []
    spans: dict[str, tuple[int, int]] = {}
    for number, line in enumerate(draft.funding):
        same = next((k for k in kept if same_actor(k["funder"], line["funder"])), None)
        if same is not None:
            same["amount"] = same["amount"] if same["amount"] is not None else line["amount"]
            same["share_pct"] = same["share_pct"] if same["share_pct"] is not None else line["share_pct"]
            continue
        spans[f"funding.{len(kept)}"] = draft.spans[f"funding.{number}"]
        kept.append(line)
    for path in [p for p in draft.spans if p.startswith("funding.")]:
        del draft.spans[path]
    draft.spans.update(spans)
    total = sum(line["share_pct"] or 0 for line in kept)
    if total > 100:
        for line in kept:
            line["share_pct"] = None
        note = _("shares left out: as read, they add up to %(total)s %%")
        draft.notes["funding.0"] = note % {"total": total}
    draft.funding = kept


def _people_spans(draft: Draft) -> list[tuple[int, int]]:
    return [span for path, span in draft.spans.items() if path.startswith("contacts.")]


def _title(doc: ExtractDoc, unit: Unit) -> str:
    if unit.title:
        return " ".join(doc.text[unit.title[0] : unit.title[1]].split())
    if len(doc.units) == 1 and doc.title:
        return doc.title
    first = doc.text[unit.start : unit.end].strip().split("\n", 1)[0]
    first = re.sub(r"^\s*(?:[-•*–▪►●◦]|\d{1,2}[.)])\s+", "", first)
    # "Name of the project: what it does" in a list; else the first sentence.
    head = re.split(r"(?<=[.!?])\s|\s[:–—]\s", first, maxsplit=1)[0]
    return head[:150].rstrip(" ,;:.")


def _section_text(text: str, spans: list[tuple[int, int]]) -> str:
    parts = []
    for start, end in spans:
        body = text[start:end].split("\n", 1)
        parts.append(body[1].strip() if len(body) > 1 else "")
    return "\n".join(p for p in parts if p)[:3000]


def _inline_part(unit_text: str, pattern: re.Pattern) -> str:
    """Return the sentence or list that a phrase such as "les conditions de réussite" introduces."""
    match = pattern.search(unit_text)
    if not match:
        return ""
    start = max(unit_text.rfind("\n", 0, match.start()) + 1, 0)
    end = unit_text.find("\n\n", match.end())
    block = unit_text[start : end if end >= 0 else len(unit_text)]
    following = re.match(r"(?:\n\s*[-•*–][^\n]*|\n)+", unit_text[end:]) if end >= 0 else None
    if block.rstrip().endswith(":") and following:
        block += following.group(0)
    return block.strip()[:2000]


def _summary(doc: ExtractDoc, unit: Unit, title: str) -> str:
    description = unit.fields.get("description")
    if description:
        return description[0].value[:1200]
    origin = unit.sections.get("origin")
    body = (
        doc.text[origin[0][0] : origin[0][1]].split("\n", 1)[-1]
        if origin
        else doc.text[unit.start : unit.end]
    )
    paragraphs = [body[s:e].strip() for s, e in paragraphs_of(body)]
    for paragraph in paragraphs:
        if len(paragraph) > 120 and paragraph != title:
            return paragraph[:1200]
    return max(paragraphs, key=len, default="")[:1200] if len(doc.units) > 1 else ""


def _why_nothing(doc: ExtractDoc) -> str:
    """Say why no project was found in a document, in one sentence for the person who gave it."""
    if doc.language not in ("fr", "en"):
        return _("its language could not be read as French or English")
    if not doc.places and not doc.actors:
        return _("it names no local government, place or organisation")
    if not any(p.country and p.country != "FR" for p in doc.places) and not any(
        code != "FR" for code, _s, _e in doc.countries
    ):
        return _("no cooperation abroad was found: it names no foreign place or country")
    return _("no passage names both an actor and a partner abroad")
