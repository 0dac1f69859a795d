"""Step `clean`: repair text extracted from PDF and web pages before anything is read from it.

Assigns: the document's text. Repairs words cut by a hyphen at a line end, removes page
furniture (page numbers, lines repeated as running headers or footers, formatting marks),
stray letters left by vertical text, and joins lines broken inside a sentence.
"""

import re

from passerelles.documents.blocks import Block, BlockKind
from passerelles.documents.pipeline.sections import heading_kind
from passerelles.documents.pipeline.structure import heading_key, join_wrapped, looks_like_heading

# A running header or footer is a short line that comes back on many pages.
FURNITURE_REPEATS = 3
FURNITURE_MAX_LENGTH = 120
SHORT_FURNITURE = 40
# A contents entry names a heading with at least this many letters, on a line of its own.
CONTENTS_MIN_LETTERS = 15
CONTENTS_MAX_LENGTH = 200
# Vertical text leaves a column of one or two letters per line.
STRAY_RUN = 3


def _is_page_number(line: str) -> bool:
    return bool(re.fullmatch(r"\s*(page\s*)?\d{1,3}\s*(/\s*\d{1,3})?\s*", line, flags=re.IGNORECASE))


def _furniture_key(line: str) -> str:
    """Return LINE with its numbers as one mark: a running footer changes its page number."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip()))


def _drop_furniture(lines: list[str]) -> list[str]:
    """Blank the running headers and footers and the page numbers of text extracted from pages.

    A line that comes back on many pages is furniture when it carries a page mark ("Rapport
    2023 · page 4"), when it once cuts a sentence in two, or when it is short, tops each page
    and a heading follows it; a part heading that comes back in every fiche ("Contexte", then
    its text) stays.
    """
    places: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if line.strip():
            places.setdefault(_furniture_key(line), []).append(index)

    def neighbour(index: int, step: int) -> str:
        index += step
        while 0 <= index < len(lines) and not lines[index].strip():
            index += step
        return lines[index].strip() if 0 <= index < len(lines) else ""

    furniture = set()
    for key, indexes in places.items():
        sample = lines[indexes[0]].strip()
        if len(indexes) < FURNITURE_REPEATS or len(sample) > FURNITURE_MAX_LENGTH or sample.endswith("."):
            continue
        if heading_kind(sample) is not None:
            continue
        cuts_a_sentence = any(
            not neighbour(i, -1).endswith((".", "!", "?", ":", ";")) and neighbour(i, 1)[:1].islower()
            for i in indexes
        )
        # "Rapport 2023 · page 4", "Guide · Coopérer": a page mark, not a fiche's "Case study 3".
        page_mark = bool(re.search(r"(?i)[·|—–]|\bpage\b", key))
        tops_a_page = len(sample) <= SHORT_FURNITURE and all(
            (i == 0 or not lines[i - 1].strip()) and looks_like_heading(neighbour(i, 1)) for i in indexes
        )
        if page_mark or cuts_a_sentence or tops_a_page:
            furniture.add(key)
    blank = [(line.strip() and _furniture_key(line) in furniture) or _is_page_number(line) for line in lines]
    return ["" if drop else line for drop, line in zip(blank, lines, strict=True)]


def _drop_stray_letters(lines: list[str]) -> list[str]:
    kept = list(lines)
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and 0 < len(lines[end].strip()) <= 2 and lines[end].strip().isalpha():
            end += 1
        if end - index >= STRAY_RUN:
            for position in range(index, end):
                kept[position] = ""
        index = max(end, index + 1)
    return kept


def _join_broken_lines(text: str) -> str:
    # A word cut at the line end: "coopé-\nration" -> "coopération"; "Porto-\nNovo" keeps its hyphen.
    text = re.sub(r"(\w)-\n(\s*)([a-zà-ÿ])", r"\1\3", text)
    text = re.sub(r"(\w)-\n(\s*)([A-ZÀ-Þ])", r"\1-\3", text)
    # A sentence broken across lines: the next line goes on in lower case.
    return re.sub(r"([^\n.:;!?»\"])\n(?=[a-zà-ÿ(])", r"\1 ", text)


def _normalise_spaces(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\*\*|__", "", text)


def clean_block(text: str) -> str:
    """Return the text of one block given by a reader, its cut words and broken lines mended."""
    text = _join_broken_lines(_normalise_spaces(text))
    return "\n".join(re.sub(r" {2,}", " ", line).strip(" ") for line in text.split("\n")).strip(" \n")


def clean_blocks(blocks: list[Block]) -> list[Block]:
    """Return the blocks given by a reader, their text mended and their paragraphs' wrapped lines joined."""
    for block in blocks:
        block.text = clean_block(block.text)
        if block.kind == BlockKind.PARAGRAPH:
            block.text = join_wrapped(block.text)
        elif block.kind == BlockKind.HEADING:
            block.text = " ".join(block.text.split())
    return drop_contents(_join_wrapped_headings(blocks))


def _join_wrapped_headings(blocks: list[Block]) -> list[Block]:
    """Return BLOCKS with a heading that a reader gave as several, one after the other in one look, joined."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and block.kind == previous.kind == BlockKind.HEADING
            and block.level
            and (block.level, block.style, block.page) == (previous.level, previous.style, previous.page)
        ):
            previous.text = f"{previous.text} {block.text}"
            continue
        joined.append(block)
    return joined


def drop_contents(blocks: list[Block]) -> list[Block]:
    """Return BLOCKS without the table of contents: lines that repeat the start of a later heading.

    An entry is compared on its letters alone, without its number and page, so a contents line
    cut or wrapped by the layout still matches its heading.
    """
    headings = [
        (position, heading_key(b.text)) for position, b in enumerate(blocks) if b.kind == BlockKind.HEADING
    ]
    entries = set()
    for position, block in enumerate(blocks):
        key = heading_key(block.text)
        if (
            block.kind in (BlockKind.ITEM, BlockKind.PARAGRAPH, BlockKind.ROW, BlockKind.FIELD)
            and len(key) >= CONTENTS_MIN_LETTERS
            and len(block.text) <= CONTENTS_MAX_LENGTH
            and any(later > position and other.startswith(key) for later, other in headings)
        ):
            entries.add(position)
    # The heading of the contents goes with them when nothing else stands under it.
    for position, block in enumerate(blocks):
        if block.kind == BlockKind.HEADING and position + 1 in entries:
            following = blocks[position + 1 :]
            end = next((i for i, b in enumerate(following) if b.kind == BlockKind.HEADING), len(following))
            if all(
                position + 1 + i in entries or len(b.text) < CONTENTS_MIN_LETTERS
                for i, b in enumerate(following[:end])
            ):
                entries.add(position)
    return [block for position, block in enumerate(blocks) if position not in entries]


def clean_text(text: str) -> str:
    """Return TEXT repaired; the result is what is stored and what provenance points into."""
    text = _normalise_spaces(text).replace("\t", " ")
    text = _join_broken_lines("\n".join(_drop_stray_letters(text.split("\n"))))
    text = "\n".join(line.rstrip() for line in _drop_furniture(text.split("\n")))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
