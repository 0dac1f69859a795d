"""Word files (.docx), read into blocks through their styles with python-docx after the ZIP checks.

Title and "Heading N" (or a localised "Titre N") give headings: Title is level 1 and, when the
document has one, "Heading N" becomes level N + 1 so that no heading ranks with the title. Short
paragraphs wholly in bold are the headings of authors who do not use styles, one level below the
deepest styled heading. Numbered or bulleted paragraphs are list items; tables give rows, or
"Label : value" fields when they are two columns of labels and values.
"""

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from django.utils.translation import gettext as _
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from passerelles.documents.blocks import Block, BlockKind
from passerelles.documents.choices import DocumentKind
from passerelles.interop.reading import Deadline, ReadResult, composed, table_blocks, text_block
from passerelles.interop.zipguard import check_zip
from passerelles.lib.errors import InputError

_HEADING = re.compile(r"(?:heading|titre)\s*(\d)", re.IGNORECASE)
_TITLE = {"title", "titre"}
_LIST = {"list paragraph", "paragraphe de liste"}
_LIST_DEPTH = re.compile(r"list (?:bullet|number) (\d)", re.IGNORECASE)
# A paragraph wholly in bold is a heading when it is this short and ends no sentence.
_SHORT = 90


def _chain(style: Any) -> Iterator[Any]:
    """Yield STYLE and the styles it is based on."""
    while style is not None:
        yield style
        style = style.base_style


def _heading_level(paragraph: Paragraph) -> int | None:
    """Return 0 for a Title paragraph, N for "Heading N", None for any other style."""
    for style in _chain(paragraph.style):
        name = (style.name or "").strip()
        if name.casefold() in _TITLE:
            return 0
        if match := _HEADING.fullmatch(name):
            return int(match.group(1))
    return None


def _item_level(paragraph: Paragraph) -> int | None:
    """Return the nesting of a list item (1 the outermost), or None when PARAGRAPH is no item."""
    properties = paragraph._p.pPr
    numbering: Any = properties.numPr if properties is not None else None
    for style in _chain(paragraph.style):
        if numbering is not None:
            break
        if style.element.pPr is not None:
            numbering = style.element.pPr.numPr
    if numbering is not None and numbering.numId is not None and numbering.numId.val == 0:
        return None  # numbering switched off
    if numbering is not None and numbering.ilvl is not None:
        return int(numbering.ilvl.val) + 1
    name = (paragraph.style.name or "") if paragraph.style is not None else ""
    if match := _LIST_DEPTH.fullmatch(name):
        return int(match.group(1))
    return 1 if numbering is not None or name.casefold() in _LIST else None


def _bold(paragraph: Paragraph) -> bool:
    """Say whether every run holding text is bold, by its own format or by its styles."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    paragraph_bold = next((s.font.bold for s in _chain(paragraph.style) if s.font.bold is not None), False)

    def bold(run: Any) -> bool:
        if run.bold is not None:
            return bool(run.bold)
        inherited = next((s.font.bold for s in _chain(run.style) if s.font.bold is not None), None)
        return bool(paragraph_bold if inherited is None else inherited)

    return bool(runs) and all(bold(run) for run in runs)


def _table(table: Table) -> list[Block]:
    """Return the blocks of TABLE; a merged cell is read once."""
    rows = []
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        rows.append(cells)
    if not rows:
        return []
    # A first row repeated on each page, or all in bold, heads the columns.
    first = table.rows[0]
    written = [p for cell in first.cells for p in cell.paragraphs if p.text.strip()]
    repeated = first._tr.trPr is not None and first._tr.trPr.find(qn("w:tblHeader")) is not None
    return table_blocks(rows, header=repeated or (bool(written) and all(_bold(p) for p in written)))


def read(path: Path) -> ReadResult:
    """Read headings, paragraphs, list items, fields and table rows in document order."""
    deadline = Deadline(path)
    check_zip(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError):
        raise InputError(_("%(file)s is not a valid Word file (.docx).") % {"file": path.name}) from None
    blocks: list[Block] = []
    styled: list[tuple[Block, int]] = []  # headings with their style's level (0 for Title)
    for part in document.iter_inner_content():
        deadline.check()
        if isinstance(part, Table):
            blocks.extend(_table(part))
            continue
        text = part.text.strip()
        if not text:
            continue
        style = part.style.name if part.style is not None else ""
        if (level := _heading_level(part)) is not None:
            block = Block(BlockKind.HEADING, text, style=style)
            styled.append((block, level))
        elif (depth := _item_level(part)) is not None:
            block = Block(BlockKind.ITEM, text, level=depth)
        else:
            block = text_block(text)
            if (
                block.kind == BlockKind.PARAGRAPH
                and len(text) <= _SHORT
                and not text.endswith(".")
                and _bold(part)
            ):
                block = Block(BlockKind.HEADING, text, style="bold")
        blocks.append(block)
    shift = 1 if any(level == 0 for _block, level in styled) else 0
    for block, level in styled:
        block.level = max(level + shift, 1)
    deepest = max((block.level for block, _level in styled), default=0)
    for block in blocks:
        if block.kind == BlockKind.HEADING and not block.level:
            block.level = deepest + 1
    title = (document.core_properties.title or "").strip()
    return composed(blocks, path, title, DocumentKind.ARTICLE)
