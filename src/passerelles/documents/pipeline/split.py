"""Step `split`: cut a document into project units (one booklet holds many fiches).

Assigns: units, each with its character span, the span of its title and the spans of its parts.
A document whose parts come back several times ("Financement", "Contact"...) is a series of
fiches: a new unit starts where a part comes back. Otherwise the paragraphs that describe a
cooperation between local governments form the units.
"""

import re
from dataclasses import dataclass, field

from passerelles.documents.pipeline.places import find_places
from passerelles.documents.pipeline.sections import heading_kind
from passerelles.lib.names import core_name, initials
from passerelles.territories import geo

# Parts whose return marks the start of the next fiche.
STRUCTURAL = {"origin", "funding", "contact", "keywords"}
TITLE_LOOKBACK = 8
CONTACT_END = re.compile(r"@|\+?\d[\d .]{7,}\d|,")
MONTHS = (
    "janvier",
    "février",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "decembre",
)


@dataclass
class Line:
    number: int
    start: int
    end: int
    text: str


@dataclass
class Unit:
    """A part of the document that describes one project."""

    start: int
    end: int
    title: tuple[int, int] | None = None
    sections: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def lines_of(text: str) -> list[Line]:
    """Return the lines of TEXT with their character offsets."""
    lines, position = [], 0
    for number, line in enumerate(text.split("\n")):
        lines.append(Line(number, position, position + len(line), line))
        position += len(line) + 1
    return lines


def is_title_like(line: str) -> bool:
    """Tell whether LINE could be the title of a fiche: a short line that is not a sentence or a label."""
    stripped = line.strip()
    if not 10 <= len(stripped) <= 200 or heading_kind(stripped):
        return False
    if any(mark in stripped for mark in ("@", "©", "http", "www.")) or stripped[0] in "-•*–(":
        return False
    if stripped.endswith((",", ":", ";")) or not (stripped[0].isupper() or stripped[0] in "«\"'"):
        return False
    letters = [c for c in stripped if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        return False
    lowered = stripped.lower()
    return not (
        any(month in lowered for month in MONTHS)
        and re.search(r"\b(19|20)\d{2}\b", lowered)
        and len(stripped) < 40
    )


def _is_decoration(text: str) -> bool:
    """Tell whether a line around a title is a caption, a date or a banner rather than text."""
    letters = [c for c in text if c.isalpha()]
    shouting = (
        bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.6 and len(text.split()) <= 4
    )
    lowered = text.lower()
    dated = any(month in lowered for month in MONTHS) and len(text) < 40
    return text.startswith("©") or shouting or dated


def _title_before(lines: list[Line], index: int, floor: int) -> int | None:
    """Return the index of the title just above line INDEX (not above FLOOR).

    A title stands on its own line after a blank one; captions, dates and banners between the
    title and the first part are passed over, and any other text ends the search. Of several
    candidates the nearest wins, except the subtitle that names the partners.
    """
    candidates, seen = [], 0
    position = index - 1
    while position > floor and seen < TITLE_LOOKBACK:
        text = lines[position].text.strip()
        if text:
            seen += 1
            standalone = position == 0 or not lines[position - 1].text.strip()
            if is_title_like(text) and standalone:
                candidates.append(position)
            elif not _is_decoration(text):
                break
        position -= 1
    titles = [c for c in candidates if not _names_the_partners(lines[c].text)]
    return titles[0] if titles else (candidates[-1] if candidates else None)


def _names_the_partners(line: str) -> bool:
    """Tell whether LINE is the subtitle naming the partners ("Coopération A / B", "Coopération entre A…")."""
    return " / " in line or bool(re.match(r"(?i)\s*(?:coop[ée]rations?|partenariats?|jumelages?)\b", line))


def _is_contact_line(text: str) -> bool:
    stripped = text.strip()
    return not stripped or (len(stripped) <= 160 and heading_kind(stripped) is None)


def _section_spans(
    lines: list[Line], marks: list[tuple[int, str]], end_line: int
) -> dict[str, list[tuple[int, int]]]:
    sections: dict[str, list[tuple[int, int]]] = {}
    for position, (index, kind) in enumerate(marks):
        stop = marks[position + 1][0] - 1 if position + 1 < len(marks) else end_line
        sections.setdefault(kind, []).append((lines[index].start, lines[stop].end))
    return sections


def _fiche_units(lines: list[Line], marks: list[tuple[int, str]]) -> list[Unit]:
    groups: list[list[tuple[int, str]]] = []
    for index, kind in marks:
        current = groups[-1] if groups else None
        kinds = {k for _, k in current} if current else set()
        starts_new = (
            current is None
            or (kind in STRUCTURAL and kind in kinds)
            or ("contact" in kinds and kind in {"keywords", "origin"})
        )
        if starts_new:
            groups.append([(index, kind)])
        else:
            current.append((index, kind))  # type: ignore[union-attr]
    units = []
    starts = []
    previous_end = -1
    for group in groups:
        first = group[0][0]
        title = _title_before(lines, first, previous_end)
        starts.append(title if title is not None else first)
        previous_end = group[-1][0]
    for number, group in enumerate(groups):
        start = starts[number]
        limit = starts[number + 1] - 1 if number + 1 < len(groups) else len(lines) - 1
        last_index, last_kind = group[-1]
        end = limit
        if last_kind == "contact":
            end = last_index
            while end + 1 <= limit and _is_contact_line(lines[end + 1].text) and end - last_index < 25:
                end += 1
            # The block ends with its last address, phone number or "Name, function" line.
            while end > last_index and not CONTACT_END.search(lines[end].text):
                end -= 1
        while end > start and not lines[end].text.strip():
            end -= 1
        title_span = (lines[start].start, lines[start].end) if start != group[0][0] else None
        if title_span is None and len(group) < 2:
            continue
        units.append(Unit(lines[start].start, lines[end].end, title_span, _section_spans(lines, group, end)))
    return units


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the blank-line separated paragraphs of TEXT."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n](?:.|\n(?!\s*\n))*", text)]


def fiche_marks(text: str) -> tuple[list[Line], list[tuple[int, str]]]:
    """Return the lines of TEXT and the (line index, kind) of each part heading."""
    lines = lines_of(text)
    marks = [(line.number, kind) for line in lines if (kind := heading_kind(line.text))]
    return lines, marks


def split_fiches(text: str) -> list[Unit] | None:
    """Return the fiches of TEXT when its parts come back (a booklet), else None."""
    lines, marks = fiche_marks(text)
    structural = [kind for _, kind in marks if kind in STRUCTURAL]
    if not any(structural.count(kind) >= 2 for kind in set(structural)):
        return None
    return _fiche_units(lines, marks)


def _same_place(a: str, b: str) -> bool:
    """Tell whether two place names are one: same core, or one is the initials of the other (PACA)."""
    core_a, core_b = core_name(a), core_name(b)
    return core_a == core_b or initials(core_a) == core_b.upper() or initials(core_b) == core_a.upper()


def _document_title(lines: list[Line]) -> int | None:
    """Return the line of the article's title: the longest title-like line of its head."""
    candidates = [line for line in lines[:15] if is_title_like(line.text)]
    return max(candidates, key=lambda line: len(line.text.strip())).number if candidates else None


def split_article(text: str) -> list[Unit]:
    """Return the units of an article: runs of paragraphs about one cooperation between territories.

    A paragraph is about a cooperation when it names a French local government and a foreign
    country or local government. A paragraph that brings in another French local government
    starts a new unit; when the whole article has one unit, it is the whole article.
    """
    clusters: list[tuple[int, int, list[str]]] = []
    for start, end in paragraphs_of(text):
        places = find_places(text[start:end])
        french = [p.name for p in places if p.country == "FR"]
        foreign = [p.country for p in places if p.country != "FR"] or [
            code for code, _s, _e in geo.countries_in(text[start:end]) if code != "FR"
        ]
        if not places or not french or not foreign:
            continue
        names = [p.name for p in places]
        if clusters and all(any(_same_place(n, k) for k in clusters[-1][2]) for n in french):
            first, _end, known = clusters[-1]
            clusters[-1] = (first, end, known + names)
        else:
            clusters.append((start, end, names))
    if not clusters:
        return []
    lines = lines_of(text)
    marks = [(line.number, "contact") for line in lines if heading_kind(line.text) == "contact"]
    contact_blocks = []
    for index, _kind in marks:
        last = index
        for position in range(index, min(index + 25, len(lines))):
            if re.search(r"@|\+?\d[\d .]{7,}\d", lines[position].text):
                last = position
        contact_blocks.append((lines[index].start, lines[last].end))
    if len(clusters) == 1:
        title_line = _document_title(lines)
        start = lines[title_line].start if title_line is not None else clusters[0][0]
        title = (lines[title_line].start, lines[title_line].end) if title_line is not None else None
        end = (
            contact_blocks[-1][1]
            if contact_blocks and contact_blocks[-1][0] > clusters[0][1]
            else clusters[0][1]
        )
        return [Unit(start, end, title, {"contact": contact_blocks})]
    return [Unit(start, end, None, {}) for start, end, _names in clusters]
