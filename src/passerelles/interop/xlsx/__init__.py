"""Excel workbooks (.xlsx) of projects, read with openpyxl after the ZIP checks."""

import zipfile
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _
from openpyxl.utils.exceptions import InvalidFileException

from passerelles.documents.choices import DocumentKind
from passerelles.interop.reading import Deadline, ReadResult
from passerelles.interop.tables import cell_text, map_columns, missing_title, rows_to_drafts
from passerelles.interop.zipguard import check_zip
from passerelles.lib.errors import InputError

# Rows above the header that are looked through: a sheet often starts with a title line or two.
_HEADER_SEARCH = 10
_BROKEN = (
    InvalidFileException,
    KeyError,
    ValueError,
    TypeError,
    zipfile.BadZipFile,
    ParseError,
    DefusedXmlException,
)


def _sheets(path: Path, deadline: Deadline) -> list[list[list[Any]]]:
    """Return the rows of every sheet, trailing empty cells left out."""
    check_zip(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except _BROKEN:
        raise InputError(_("%(file)s is not a valid Excel file (.xlsx).") % {"file": path.name}) from None
    try:
        sheets = []
        for sheet in workbook.worksheets:
            rows = []
            for values in sheet.iter_rows(values_only=True):
                deadline.check()
                cells = list(values)
                while cells and cells[-1] in (None, ""):
                    cells.pop()
                rows.append(cells)
            sheets.append(rows)
        return sheets
    except _BROKEN:
        raise InputError(_("%(file)s is not a valid Excel file (.xlsx).") % {"file": path.name}) from None
    finally:
        # A read-only workbook keeps its file open until closed.
        workbook.close()


def _table(path: Path, deadline: Deadline) -> tuple[list[list[Any]], int]:
    """Return the rows of the first sheet with a title column and the index of its header row."""
    sheets = _sheets(path, deadline)
    for rows in sheets:
        for index, cells in enumerate(rows[:_HEADER_SEARCH]):
            if "title" in map_columns(cells):
                return rows, index
    first = next((cells for rows in sheets for cells in rows if any(cells)), [])
    raise missing_title(path.name, first)


def _render(value: Any) -> str:
    return cell_text(value).replace("\t", " ").replace("\n", " ")


def table(path: Path) -> tuple[list[Any], list[list[Any]], int]:
    """Return the header row, the rows under it and the number the sheet shows for the first of them."""
    rows, header = _table(path, Deadline(path))
    return rows[header], rows[header + 1 :], header + 2


def read(path: Path) -> ReadResult:
    """Read the first sheet of projects, one draft per row; the text kept is the sheet, tab-separated."""
    deadline = Deadline(path)
    rows, header = _table(path, deadline)
    drafts = rows_to_drafts(
        path.name, rows[header], rows[header + 1 :], first_row=header + 2, deadline=deadline
    )
    text = "\n".join("\t".join(_render(value) for value in cells) for cells in rows)
    return ReadResult(text=text, title=path.name, kind=DocumentKind.SPREADSHEET, drafts=drafts)
