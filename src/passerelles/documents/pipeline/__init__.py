"""The extraction pipeline: running text in, project drafts with provenance out.

Steps, in order (each a plain function that can be run and scored alone):
`clean` (clean.clean_text), `split` (split.split_fiches, else split.split_article),
`territories` (places.find_places), `organisations` (actors.find_actors), `contacts`
(people.find_people), `budget` and `funding` (money), `years`, `parts` (difficulties,
conditions of success, perspectives), `labels` (the classifier: SDGs, themes, ESS dimension).
"""

import re
from dataclasses import dataclass

from passerelles.classification.pipeline import classify_document
from passerelles.documents.drafts import Draft
from passerelles.documents.pipeline.actors import find_actors
from passerelles.documents.pipeline.clean import clean_text
from passerelles.documents.pipeline.money import find_budget, find_funding
from passerelles.documents.pipeline.people import find_people
from passerelles.documents.pipeline.places import find_places
from passerelles.documents.pipeline.split import Unit, paragraphs_of, split_article, split_fiches
from passerelles.lib.names import core_name, looks_like_organisation, same_actor
from passerelles.territories import geo

START_CUES = re.compile(
    r"(?i)\b(?:n[ée]e?s?|lanc[ée]e?s?|cr[ée]{2}e?s?|d[ée]marr[ée]e?s?|d[ée]but[ée]e?s?|initi[ée]e?s?|"
    r"mise?s? en place|engag[ée]e?s?|sign[ée]e?s?|depuis|d[èe]s|en|d['’]\w+)\s+(?:l['’]ann[ée]e\s+)?"
    r"(?:(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\s+)?"
    r"(?P<year>(?:19[5-9]|20[0-4])\d)\b"
)
END_CUE = re.compile(r"(?i)\b(?:jusqu['’]en|à|au|fin|-)\s+(?:\w+\s+)?(?P<year>(?:19[5-9]|20[0-4])\d)\b")
PART_KINDS = {"difficulties": "difficulties", "success": "success_conditions", "perspectives": "perspectives"}
INLINE_PARTS = {
    "difficulties": re.compile(r"(?i)difficult[ée]s|obstacles|freins"),
    "success_conditions": re.compile(
        r"(?i)conditions de r[ée]ussite|facteurs de (?:r[ée]ussite|succ[èe]s)|cl[ée]s de r[ée]ussite"
    ),
}


@dataclass
class Extraction:
    """The cleaned text of a document and the projects found in it."""

    text: str
    drafts: list[Draft]


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


def _start_year(text: str, origin: str) -> tuple[int, int, int] | None:
    for body, offset in ((origin, text.find(origin) if origin else -1), (text, 0)):
        if not body or offset < 0:
            continue
        match = START_CUES.search(body)
        if match:
            return int(match.group("year")), offset + match.start("year"), offset + match.end("year")
    return None


def _summary(text: str, unit: Unit, title: str) -> str:
    origin = unit.sections.get("origin")
    body = text[origin[0][0] : origin[0][1]].split("\n", 1)[-1] if origin else text[unit.start : unit.end]
    for start, end in paragraphs_of(body):
        paragraph = body[start:end].strip()
        if len(paragraph) > 120 and paragraph != title:
            return paragraph[:1200]
    return ""


def _first_sentence(text: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return sentence[:150].rstrip(" ,;:")


def read_unit(text: str, unit: Unit) -> Draft:
    """Read every field of one unit of TEXT; spans are offsets in TEXT."""
    unit_text = text[unit.start : unit.end]
    base = unit.start
    title = text[unit.title[0] : unit.title[1]].strip() if unit.title else _first_sentence(unit_text)
    spans: dict[str, tuple[int, int]] = {"unit": (unit.start, unit.end)}
    if unit.title:
        spans["title"] = unit.title

    places = find_places(unit_text)
    territories: list[dict] = []
    for place in places:
        spans[f"territories.{len(territories)}"] = (base + place.start, base + place.end)
        territories.append({"name": place.name, "country": place.country, "level": place.level})

    contact_spans = unit.sections.get("contact") or [(unit.start, unit.end)]
    people: list[dict] = []
    for start, end in contact_spans:
        for person in find_people(text[start:end]):
            if all(core_name(person.name) != core_name(p["name"]) for p in people):
                spans[f"contacts.{len(people)}"] = (start + person.start, start + person.end)
                people.append({"name": person.name, "email": person.email, "function": person.function})
    skip = [(s - base, e - base) for s, e in unit.sections.get("keywords", [])]
    skip += [(m.start(), m.end()) for p in people for m in re.finditer(re.escape(p["name"]), unit_text)]

    funding_spans = unit.sections.get("funding") or [(unit.start, unit.end)]
    funding: list[dict] = []
    budget = None
    for start, end in funding_spans:
        for line in find_funding(text[start:end]):
            spans[f"funding.{len(funding)}"] = (start + line.start, start + line.end)
            funding.append({"funder": line.funder, "amount": line.amount, "share_pct": line.share})
        budget = budget or find_budget(text[start:end])
        if budget:
            spans.setdefault("budget_total", (start + budget[1], start + budget[2]))

    organisations: list[dict] = []
    place_names = [p.name for p in places]
    for actor in find_actors(unit_text, place_names, skip):
        spans[f"organisations.{len(organisations)}"] = (base + actor.start, base + actor.end)
        organisations.append({"name": actor.name, "type": actor.type, "role": actor.role, "country": ""})
    for funding_line in funding:
        funder = funding_line["funder"]
        named = [o["name"] for o in organisations] + place_names
        if looks_like_organisation(funder) and not any(same_actor(funder, n) for n in named):
            organisations.append({"name": funder, "type": "autre", "role": "financeur", "country": ""})

    origin = _section_text(text, unit.sections.get("origin", []))
    year = _start_year(unit_text, origin)
    if year:
        spans["start_year"] = (base + year[1], base + year[2])
    countries = sorted({t["country"] for t in territories} | {c for c, _s, _e in geo.countries_in(unit_text)})

    parts = {field: _section_text(text, unit.sections.get(kind, [])) for kind, field in PART_KINDS.items()}
    for field, pattern in INLINE_PARTS.items():
        parts[field] = parts[field] or _inline_part(unit_text, pattern)
    labels = classify_document(unit_text)
    return Draft(
        title=title,
        summary=_summary(text, unit, title),
        territories=territories,
        organisations=organisations,
        countries=countries,
        themes=labels.themes,
        sdgs=labels.sdgs,
        sdg_targets=labels.sdg_targets,
        ess_dimension=labels.ess_dimension,
        evidence=labels.evidence,
        start_year=year[0] if year else None,
        budget_total=budget[0] if budget else None,
        funding=funding,
        contacts=people,
        difficulties=parts["difficulties"],
        success_conditions=parts["success_conditions"],
        perspectives=parts["perspectives"],
        spans=spans,
    )


def extract(raw_text: str) -> Extraction:
    """Run every step on RAW_TEXT and return the cleaned text with the drafts found in it."""
    text = clean_text(raw_text)
    units = split_fiches(text) or split_article(text)
    drafts = [read_unit(text, unit) for unit in units]
    return Extraction(text, [d for d in drafts if d.territories or d.organisations])
