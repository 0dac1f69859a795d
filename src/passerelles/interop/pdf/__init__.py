"""PDF files, read with pdfplumber into blocks from the characters' sizes, fonts and positions.

Each page's words are grouped into rows; rows in the top and bottom margins that repeat on several
pages (running headers and footers) and page numbers are dropped; a page set in two columns is
read column by column; the lines are then grouped into headings, paragraphs, list items and
"Label : value" fields. Words cut at a line's end are left cut and lines within a paragraph are
kept apart by "\\n": the pipeline's cleaning step mends them.
"""

import re
import statistics
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pdfplumber
from django.conf import settings
from django.utils.translation import gettext as _
from pdfminer.layout import LTChar, LTComponent, LTFigure, LTImage
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from passerelles.documents.blocks import Block, BlockKind
from passerelles.documents.choices import DocumentKind
from passerelles.interop.reading import Deadline, ReadResult, composed, field_label, is_label
from passerelles.lib.errors import InputError

# On a damaged file pdfminer fails with its own errors and with these, depending on where it breaks.
_BROKEN = (
    PdfminerException, PSException, OSError, ValueError, KeyError, TypeError, AttributeError, IndexError,
    zlib.error,
)  # fmt: skip
_BOLD = re.compile(r"bold|black|heavy|demi", re.IGNORECASE)
# A share of the page's height at its top and at its bottom where running headers and footers sit.
_MARGIN = 0.1
_PAGE_NUMBER = re.compile(r"(?:page|p\.)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|sur|of)\s*\d{1,4})?", re.I)
# Bullets that open a list item wherever they stand; dashes and numbers open one only where a
# paragraph could not go on (after a break, a colon, a short line or another item).
_BULLET = re.compile(r"[•◦▪▫●○■□‣∙➢➤►▶✓✔\uf0a7\uf0b7\uf0d8\uf076\uf0fc]\s*")
_MARKER = re.compile(r"(?:(?P<dash>[-–—*])|\d{1,2}[.)]|[a-z][)])\s+")
_SENTENCE_END = (".", "!", "?", ":", ";", "…")
# Lines this much larger than the body text are headings.
_LARGER = 1.1


def _marker(text: str) -> re.Match[str] | None:
    """Return the bullet, dash or number that TEXT opens with, if any."""
    return _BULLET.match(text) or _MARKER.match(text)


class _Char(NamedTuple):
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float
    bold: bool


@dataclass(slots=True)
class _Word:
    """A word; a document's words are all kept until its running headers and footers are known."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    sizes: tuple[tuple[float, int], ...]  # how many of its characters have each size (small capitals mix two)
    bold: bool

    @property
    def size(self) -> float:
        return max(self.sizes, key=lambda pair: pair[1])[0]

    @property
    def length(self) -> int:
        return sum(count for _size, count in self.sizes)


@dataclass
class _Line:
    """A line of one column, with the edges of the column (or page body) it sits in."""

    words: list[_Word]
    page: int
    region: tuple[int, int]  # the page and the stretch or column on it
    left: float
    right: float
    text: str = ""
    size: float = 0.0  # the size most of its characters have
    look: float = 0.0  # its largest size held by a quarter of its characters (small capitals)
    bold: bool = False

    def __post_init__(self) -> None:
        self.words.sort(key=lambda word: word.x0)
        parts = [self.words[0].text]
        gaps = [word.x0 - before.x1 for before, word in pairwise(self.words)]
        # A justified line of four words or more spreads them all: no gap of it parts cells.
        after = [word.size for word in self.words[1:]]
        justified = len(gaps) >= 3 and all(gap >= 2 * size for gap, size in zip(gaps, after, strict=True))
        for number, (before, word) in enumerate(pairwise(self.words)):
            # A gap of two sizes parts the cells of a table row or a label from its value; a
            # bullet or a number is as far from its item's text.
            marker = number == 0 and _marker(before.text + " ")
            wide = gaps[number] >= 2 * word.size and not justified and not marker
            parts.append(("\t" if wide else " ") + word.text)
        self.text = "".join(parts)
        sizes: Counter[float] = Counter()
        bold = 0
        for word in self.words:
            sizes.update(dict(word.sizes))
            bold += word.length if word.bold else 0
        total = sizes.total()
        self.size = sizes.most_common(1)[0][0]
        self.look = max(size for size, count in sizes.items() if count >= total / 4)
        self.bold = bold >= 0.9 * total

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)


@dataclass
class _Page:
    number: int
    height: float
    rows: list[list[_Word]]


@dataclass
class _Draft:
    """A block being built from lines."""

    kind: BlockKind
    lines: list[_Line]
    level: int = 0
    indent: float = 0.0  # where an item's text starts, right of its bullet
    texts: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)


def _size(value: float) -> float:
    return round(value * 2) / 2


@cache
def _bold(fontname: str) -> bool:
    return bool(_BOLD.search(fontname))


def _objects(container: Iterable[LTComponent]) -> Iterator[LTComponent]:
    """Yield the objects of CONTAINER, those of its figures (form XObjects, images) included."""
    for obj in container:
        if isinstance(obj, LTFigure):
            yield from _objects(obj)
        else:
            yield obj


def _read_page(page: Any, number: int) -> tuple[_Page, bool]:
    """Return the page's rows of words and whether it shows an image.

    pdfminer's own objects are read rather than pdfplumber's dictionaries of them, four times
    faster. Rotated characters are margin decoration, not the page's text; a character drawn twice
    at the same place (a shadow, a fake bold) is read once.
    """
    layout = page.layout
    seen = set()
    chars = []
    images = False
    for obj in _objects(layout):
        if isinstance(obj, LTImage):
            images = True
        elif isinstance(obj, LTChar) and obj.upright:
            top = layout.y1 - obj.y1
            key = (obj.get_text(), round(obj.x0), round(top))
            if key not in seen:
                seen.add(key)
                chars.append(
                    _Char(
                        top, layout.y1 - obj.y0, obj.x0, obj.x1, key[0], _size(obj.size), _bold(obj.fontname)
                    )
                )
    return _Page(number, float(layout.height), _rows(chars)), images


def _rows(chars: list[_Char]) -> list[list[_Word]]:
    """Group CHARS into rows of words, top to bottom: a character joins the row whose first
    character spans its middle (the rows of two columns set at different heights stay apart)."""
    rows: list[list[_Char]] = []
    for char in sorted(chars, key=lambda c: (c.top, c.x0)):
        if rows and rows[-1][0].top <= (char.top + char.bottom) / 2 <= rows[-1][0].bottom:
            rows[-1].append(char)
        else:
            rows.append([char])
    return [_row_words(sorted(row, key=lambda c: c.x0)) for row in rows]


def _row_words(row: list[_Char]) -> list[_Word]:
    """Cut a row's characters, left to right, into words.

    Where the row has spaces, words end at them (and at gaps of half a size, between columns);
    elsewhere at gaps wider than the usual one between letters, which letter-spaced capitals widen.
    """
    letters = [c for c in row if not c.text.isspace()]
    spaced = len(letters) < len(row)
    gaps = [after.x0 - before.x1 for before, after in pairwise(letters)]
    tracking = max(statistics.median(gaps), 0.0) if gaps and not spaced else 0.0
    words = []
    current: list[_Char] = []
    for char in [*row, None]:
        if current and (
            char is None
            or char.text.isspace()
            or char.x0 - current[-1].x1 > (0.5 * char.size if spaced else tracking + 0.1 * char.size)
        ):
            sizes = tuple(Counter(c.size for c in current).items())
            bold = 2 * sum(c.bold for c in current) > len(current)
            top, bottom = min(c.top for c in current), max(c.bottom for c in current)
            text = "".join(c.text for c in current)
            words.append(_Word(text, current[0].x0, current[-1].x1, top, bottom, sizes, bold))
            current = []
        if char is not None and not char.text.isspace():
            current.append(char)
    return words


def _row_text(row: list[_Word]) -> str:
    return " ".join(word.text for word in row)


def _margin(row: list[_Word], height: float) -> str:
    """Return "top" or "bottom" when ROW lies in the page's top or bottom margin, else ""."""
    if max(w.bottom for w in row) <= _MARGIN * height:
        return "top"
    if min(w.top for w in row) >= (1 - _MARGIN) * height:
        return "bottom"
    return ""


def _furniture_key(row: list[_Word], height: float, body: float) -> tuple[str, str] | None:
    """Return what a margin row is across pages (its place, its text with numbers masked), or None.

    Running headers and footers are set no larger than the body text; a larger row at the top of
    several pages is a heading that opens each of them.
    """
    place = _margin(row, height) if max(word.size for word in row) <= body + 0.5 else ""
    return (place, re.sub(r"\d+", "#", " ".join(_row_text(row).casefold().split()))) if place else None


def _body_size(pages: list[_Page]) -> float:
    """Return the size of most of the document's characters."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for row in page.rows:
            for word in row:
                sizes.update(dict(word.sizes))
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _drop_furniture(pages: list[_Page], body: float) -> None:
    """Remove page numbers and the margin rows that repeat on two pages or more."""
    seen: Counter[tuple[str, str]] = Counter()
    for page in pages:
        seen.update({key for row in page.rows if (key := _furniture_key(row, page.height, body))})
    for page in pages:
        kept = []
        for row in page.rows:
            key = _furniture_key(row, page.height, body)
            if key and (seen[key] >= 2 or _PAGE_NUMBER.fullmatch(_row_text(row))):
                continue
            kept.append(row)
        page.rows = kept


def _gutter(rows: list[list[_Word]]) -> tuple[float, float] | None:
    """Return the empty band between two columns of text, if the page has one.

    The band lies in the middle three fifths of the text, is crossed by the fewest rows (headings
    and paragraphs that span both columns), and both sides hold lines that fill their column, which
    tells running text from a table or a column of labels.
    """
    words = [word for row in rows for word in row]
    if len(rows) < 6:
        return None
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    width = int(right - left) + 1
    coverage = np.zeros(width + 1, dtype=np.int32)
    for word in words:
        coverage[int(word.x0 - left)] += 1
        coverage[int(word.x1 - left) + 1] -= 1
    coverage = np.cumsum(coverage)[:width]
    low, high = int(width * 0.2), int(width * 0.8)
    middle = coverage[low:high]
    if not len(middle):
        return None
    empty = np.flatnonzero(middle == middle.min())
    # The widest run of consecutive bins at that minimum.
    runs = np.split(empty, np.flatnonzero(np.diff(empty) > 1) + 1)
    run = max(runs, key=len)
    if len(run) < 7:
        return None
    start, end = left + low + run[0], left + low + run[-1] + 1
    sides: tuple[list[float], list[float]] = ([], [])
    for row in rows:
        if any(w.x1 > start and w.x0 < end for w in row):
            continue
        for side, part in enumerate(([w for w in row if w.x1 <= start], [w for w in row if w.x0 >= end])):
            if part:
                sides[side].append(part[-1].x1 - part[0].x0)
    widths = (start - left, right - end)
    if all(
        len(parts) >= 3 and float(np.median(parts)) >= 0.6 * widths[side] for side, parts in enumerate(sides)
    ):
        return start, end
    return None


def _page_lines(page: _Page) -> list[_Line]:
    """Return the page's lines in reading order: a two-column stretch column by column."""
    rows = page.rows
    if not rows:
        return []
    words = [word for row in rows for word in row]
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    gutter = _gutter(rows)
    if gutter is None:
        return [_Line(row, page.number, (page.number, 0), left, right) for row in rows]
    start, end = gutter
    lines: list[_Line] = []
    stretch: list[list[_Word]] = []

    def close_stretch() -> None:
        for part, edges in (
            ([[w for w in row if w.x1 <= start] for row in stretch], (left, start)),
            ([[w for w in row if w.x0 >= end] for row in stretch], (end, right)),
        ):
            region = (page.number, len(lines) + 1)
            lines.extend(_Line(words, page.number, region, *edges) for words in part if words)
        stretch.clear()

    for row in rows:
        if any(w.x1 > start and w.x0 < end for w in row):
            close_stretch()
            lines.append(_Line(row, page.number, (page.number, len(lines) + 1), left, right))
        else:
            stretch.append(row)
    close_stretch()
    return lines


def _pitches(lines: list[_Line]) -> dict[float, float]:
    """Return the usual distance from one baseline to the next for each text size."""
    seen: dict[float, Counter[float]] = {}
    for before, line in pairwise(lines):
        distance = line.bottom - before.bottom
        if line.region == before.region and line.size == before.size and 0 < distance < 3 * line.size:
            seen.setdefault(line.size, Counter())[_size(distance)] += 1
    return {size: counter.most_common(1)[0][0] for size, counter in seen.items()}


class _Builder:
    """Group the lines of a document into blocks, top to bottom and column by column."""

    def __init__(self, lines: list[_Line], body: float) -> None:
        self.body = body
        self.pitches = _pitches(lines)
        self.drafts: list[_Draft] = []
        self.indents: list[float] = []  # the bullets' positions in the current list, outermost first

    def heading_look(self, line: _Line) -> tuple[float, bool] | None:
        """Return the look of LINE as a heading (size, bold), or None for body text."""
        if "\t" in line.text:
            return None  # a table row
        if line.look >= self.body * _LARGER and line.look >= self.body + 0.9:
            return line.look, line.bold
        # Bold lines of body size are headings when short; "Label : value" in bold is a field.
        if line.bold and line.size >= self.body - 0.5 and len(line.text) <= 90 and not field_label(line.text):
            return line.size, True
        return None

    def spaced(self, before: _Line, line: _Line) -> bool:
        """Say whether LINE stands further below BEFORE than the lines of a paragraph do."""
        pitch = self.pitches.get(line.size, 1.2 * line.size)
        return line.bottom - before.bottom > pitch + max(2.0, 0.15 * pitch)

    @staticmethod
    def full(line: _Line) -> bool:
        """Say whether LINE runs to its column's right edge, as lines do that a paragraph goes on from."""
        return line.x1 >= line.right - 0.15 * (line.right - line.left)

    def goes_on(self, draft: _Draft, line: _Line) -> bool:
        """Say whether LINE continues DRAFT, the block of the line before it."""
        before = draft.lines[-1]
        if "\t" in line.text or draft.kind == BlockKind.ROW:
            return False
        look = self.heading_look(line)
        if draft.kind == BlockKind.HEADING:
            return (
                look == self.heading_look(before)
                and line.region == before.region
                and not self.spaced(before, line)
            )
        if look or _BULLET.match(line.text):
            return False
        ended = before.text.endswith(_SENTENCE_END)
        if line.region != before.region:
            # A paragraph runs on into the next column or page where its last line ended no sentence.
            return (
                draft.kind == BlockKind.PARAGRAPH
                and self.full(before)
                and not ended
                and line.size == before.size
                and line.x0 - line.left < 0.5 * line.size
            )
        if self.spaced(before, line) or (ended and not self.full(before)):
            return False
        if _MARKER.match(line.text) and (
            draft.kind == BlockKind.ITEM or before.text.endswith(":") or not self.full(before)
        ):
            return False
        if draft.kind == BlockKind.FIELD:
            return not field_label(line.text)
        if draft.kind == BlockKind.ITEM:
            # An item's lines are set in under its text, or start at the margin after a full line.
            return line.x0 >= draft.indent - 0.5 * line.size or (self.full(before) and not ended)
        # A first line set in from its paragraph's left edge opens a new paragraph.
        return not (line.x0 - before.x0 >= 0.8 * line.size and before.x0 - line.left < 0.5 * line.size)

    def start(self, line: _Line) -> _Draft:
        """Open a block with LINE."""
        if "\t" in line.text:
            self.indents.clear()
            cells = line.text.split("\t")
            if len(cells) == 2 and is_label(cells[0]):
                label = cells[0].rstrip(":： ")
                return _Draft(BlockKind.FIELD, [line], texts=[f"{label} : {cells[1]}"])
            return _Draft(BlockKind.ROW, [line], texts=[line.text], cells=cells)
        if self.heading_look(line):
            self.indents.clear()
            return _Draft(BlockKind.HEADING, [line], texts=[line.text])
        marker = _marker(line.text)
        if marker:
            while self.indents and line.x0 < self.indents[-1] - 2:
                self.indents.pop()
            if not self.indents or line.x0 > self.indents[-1] + 2:
                self.indents.append(line.x0)
            # A bullet or a dash is dropped, a number kept (it may be referred to); the item's text
            # starts after it.
            numbered = marker.re is _MARKER and not marker.group("dash")
            text = line.text if numbered else line.text[marker.end() :]
            after = next((w.x0 for w in line.words if w.x0 > line.x0 + 1), line.x0 + line.size)
            return _Draft(BlockKind.ITEM, [line], level=len(self.indents), indent=after, texts=[text])
        self.indents.clear()
        kind = BlockKind.FIELD if field_label(line.text) else BlockKind.PARAGRAPH
        return _Draft(kind, [line], texts=[line.text])

    def build(self, lines: list[_Line]) -> list[Block]:
        draft: _Draft | None = None
        for line in lines:
            if draft is not None and self.goes_on(draft, line):
                draft.lines.append(line)
                draft.texts.append(line.text)
                continue
            draft = self.start(line)
            self.drafts.append(draft)
        return self.blocks()

    def blocks(self) -> list[Block]:
        """Return the blocks, heading levels ranked by size then weight (the largest is 1).

        Text set large or bold that runs over more than three lines, or reads as a long sentence,
        is a lead paragraph, not a heading.
        """
        for draft in self.drafts:
            text = "\n".join(draft.texts)
            if draft.kind == BlockKind.HEADING and (
                len(draft.lines) > 3 or len(text) > 200 or (len(text) > 80 and text.endswith(_SENTENCE_END))
            ):
                draft.kind = BlockKind.PARAGRAPH
        looks = sorted(
            {
                look
                for d in self.drafts
                if d.kind == BlockKind.HEADING and (look := self.heading_look(d.lines[0]))
            },
            key=lambda look: (-look[0], not look[1]),
        )
        blocks = []
        for draft in self.drafts:
            text = "\n".join(draft.texts)
            page = draft.lines[0].page
            if draft.kind == BlockKind.HEADING:
                size, bold = look = self.heading_look(draft.lines[0]) or (0.0, False)
                style = f"{size:.1f} bold" if bold else f"{size:.1f}"
                blocks.append(
                    Block(BlockKind.HEADING, text, level=looks.index(look) + 1, page=page, style=style)
                )
            elif draft.kind == BlockKind.FIELD:
                blocks.append(Block(BlockKind.FIELD, text, label=field_label(text), page=page))
            else:
                blocks.append(Block(draft.kind, text, level=draft.level, page=page, cells=draft.cells))
        return blocks


def _open(path: Path) -> Any:
    try:
        return pdfplumber.open(path)
    except PdfminerException as error:
        # Many PDFs are encrypted with an empty user password only to restrict printing or copying;
        # pdfminer opens those and refuses the others.
        if error.args and isinstance(error.args[0], PDFPasswordIncorrect | PDFEncryptionError):
            raise InputError(
                _("%(file)s is encrypted; give a copy without a password.") % {"file": path.name}
            ) from None
        raise


def read(path: Path) -> ReadResult:
    """Read the blocks of every page as a booklet; refuse a scanned document, which has no text layer."""
    deadline = Deadline(path)
    pages = []
    images = False
    try:
        with _open(path) as pdf:
            if len(pdf.pages) > settings.INGEST_MAX_PAGES:
                raise InputError(
                    _("%(file)s has too many pages (%(pages)s; the limit is %(limit)s).")
                    % {"file": path.name, "pages": len(pdf.pages), "limit": settings.INGEST_MAX_PAGES}
                )
            for number, page in enumerate(pdf.pages, start=1):
                deadline.check()
                read_page, shown = _read_page(page, number)
                pages.append(read_page)
                images = images or shown
                page.close()
            title = pdf.metadata.get("Title", "")
    except _BROKEN as error:
        raise InputError(
            _("%(file)s is not a readable PDF (damaged or truncated: %(reason)s).")
            % {"file": path.name, "reason": error}
        ) from None
    if images and not any(page.rows for page in pages):
        raise InputError(
            _("%(file)s has no text layer (a scanned document?): give a copy whose text can be selected.")
            % {"file": path.name}
        )
    body = _body_size(pages)
    _drop_furniture(pages, body)
    lines = [line for page in pages for line in _page_lines(page)]
    blocks = _Builder(lines, body).build(lines)
    title = title.strip() if isinstance(title, str) else ""
    return composed(blocks, path, title, DocumentKind.BOOKLET)
