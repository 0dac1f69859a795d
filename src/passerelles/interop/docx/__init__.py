"""Word files (.docx), read with python-docx after the ZIP checks."""

import zipfile
from pathlib import Path

import docx
from django.utils.translation import gettext as _
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from lxml import etree

from passerelles.documents.choices import DocumentKind
from passerelles.interop.reading import TITLE_LENGTH, Deadline, ReadResult, require_text, text_title
from passerelles.interop.zipguard import check_zip
from passerelles.lib.errors import InputError


def _table_lines(table: Table) -> list[str]:
    """Return one line per row, its cells apart by tabs; a merged cell is written once."""
    lines = []
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def read(path: Path) -> ReadResult:
    """Read paragraphs and table rows in document order, one line each, headings included."""
    deadline = Deadline(path)
    check_zip(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError):
        raise InputError(_("%(file)s is not a valid Word file (.docx).") % {"file": path.name}) from None
    lines = []
    heading = ""
    for block in document.iter_inner_content():
        deadline.check()
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        elif block.text.strip():
            lines.append(block.text.strip())
            style = block.style.name if block.style is not None else ""
            if not heading and style.startswith(("Heading", "Title", "Titre")):
                heading = block.text.strip()
    text = require_text("\n".join(lines), path)
    title = (document.core_properties.title or "").strip() or heading or text_title(text, path.stem)
    return ReadResult(text=text, title=title[:TITLE_LENGTH], kind=DocumentKind.ARTICLE)
