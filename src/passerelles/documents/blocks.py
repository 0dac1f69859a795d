"""A document as its readers see it: a sequence of blocks (headings, paragraphs, list items...).

Readers of running-text formats (PDF, DOCX, HTML, plain text) return blocks rather than flat text,
so that the extraction pipeline can use the document's own structure: heading levels, lists,
label/value pairs, table rows, pages. `compose` then writes the blocks into the one text that is
stored and that every provenance span points into, and gives each block its span in it.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    """What a block is in the document's structure."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"  # an item of a bulleted or numbered list
    FIELD = "field"  # "Label : value", a labelled fiche's line or an HTML <dt>/<dd> pair
    ROW = "row"  # a table row, its cells apart by tabs


@dataclass
class Block:
    """One block of a document.

    `level` is the heading level (1 the largest) or the nesting of a list item (1 the outermost);
    `label` is the label of a FIELD, whose `text` holds the whole "Label : value" line; `page` is
    the 1-based page of paged formats; `style` says how the reader saw a heading ("size 14 bold",
    "Heading 2", "h3", "capitals") so that blocks of the same look can be compared. `start` and
    `end` are set by `compose`: the block's characters in the stored text.
    """

    kind: BlockKind
    text: str
    level: int = 0
    label: str = ""
    page: int | None = None
    style: str = ""
    start: int = 0
    end: int = 0
    cells: list[str] = field(default_factory=list)

    @property
    def value(self) -> str:
        """Return a FIELD's value (what follows its label), or the whole text of any other block."""
        if self.kind != BlockKind.FIELD or not self.label:
            return self.text
        return self.text[len(self.label) :].lstrip(" \t:：-–").strip()


# Consecutive blocks of these kinds are written one per line; any other block stands alone,
# between blank lines, so that the paragraphs of the stored text are the document's own.
_LINE_KINDS = {BlockKind.ITEM, BlockKind.FIELD, BlockKind.ROW}


def compose(blocks: list[Block]) -> tuple[str, list[Block]]:
    """Return the stored text of BLOCKS and the blocks kept, each with its span in that text.

    Empty blocks are dropped; a block's text is written on one line or more as it is.
    """
    parts: list[str] = []
    kept: list[Block] = []
    position = 0
    previous: Block | None = None
    for block in blocks:
        text = block.text.strip()
        if not text:
            continue
        if previous is not None:
            together = previous.kind in _LINE_KINDS and block.kind == previous.kind
            separator = "\n" if together else "\n\n"
            parts.append(separator)
            position += len(separator)
        block.text = text
        block.start, block.end = position, position + len(text)
        parts.append(text)
        position += len(text)
        kept.append(block)
        previous = block
    return "".join(parts) + "\n", kept


def page_at(blocks: list[Block], offset: int) -> int | None:
    """Return the page of the block holding character OFFSET of the stored text, if the format has pages."""
    for block in blocks:
        if block.start <= offset < block.end or offset < block.start:
            return block.page
    return blocks[-1].page if blocks else None
