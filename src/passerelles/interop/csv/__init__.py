"""A flat table of projects, one row each, for spreadsheets.

`write` exports the published projects (contacts left out: personal data); `read` takes a table of
projects from the field, whatever its delimiter and encoding, as drafts.
"""

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from passerelles.documents.choices import DocumentKind
from passerelles.interop.reading import Deadline, ReadResult
from passerelles.interop.records.write import exported_projects, project_record
from passerelles.interop.tables import map_columns, missing_title, rows_to_drafts
from passerelles.interop.text import decode
from passerelles.lib.errors import InputError
from passerelles.projects.models import Project

COLUMNS = [
    "id",
    "title",
    "countries",
    "territories",
    "organisations",
    "themes",
    "sdgs",
    "start_year",
    "end_year",
    "budget_total_eur",
    "funders",
    "ess_dimension",
]


def _joined(values: Iterable) -> str:
    return "; ".join(str(value) for value in values)


def row(project: Project) -> dict:
    """Return the CSV row of one project."""
    record = project_record(project)
    return {
        "id": record["id"],
        "title": record["title"],
        "countries": _joined(record["countries"]),
        "territories": _joined(t["name"] for t in record["territories"]),
        "organisations": _joined(o["name"] for o in record["organisations"]),
        "themes": _joined(record["themes"]),
        "sdgs": _joined(record["sdgs"]),
        "start_year": record["start_year"] or "",
        "end_year": record["end_year"] or "",
        "budget_total_eur": "" if record["budget_total_eur"] is None else record["budget_total_eur"],
        "funders": _joined(
            f"{f['funder']} ({f['share_pct']} %)" if f["share_pct"] is not None else f["funder"]
            for f in record["funding"]
        ),
        "ess_dimension": "true" if record["ess_dimension"] else "false",
    }


def write(projects: Iterable[Project], stream: IO[str]) -> None:
    """Write PROJECTS to STREAM as CSV with a header row (UTF-8, comma)."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    for project in projects:
        writer.writerow(row(project))


DELIMITERS = [",", ";", "\t", "|"]
# The sniffer reads this many characters from the start of the file.
_SAMPLE = 64_000


def _rows(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _delimiter(text: str, file_name: str) -> str:
    """Return the delimiter that the sniffer sees, else the one that makes most headers recognised.

    Only a delimiter that yields a title column is taken. Without one, list the headers recognised
    if any delimiter recognises some (the title header is wrong), else blame the delimiter.
    """
    try:
        sniffed = [csv.Sniffer().sniff(text[:_SAMPLE], delimiters="".join(DELIMITERS)).delimiter]
    except csv.Error:
        sniffed = []
    first_line = next(iter(text.splitlines()), "")
    headers = {delimiter: next(csv.reader([first_line], delimiter=delimiter)) for delimiter in DELIMITERS}
    found = {delimiter: map_columns(headers[delimiter]) for delimiter in DELIMITERS}
    ranked = sorted(DELIMITERS, key=lambda delimiter: -len(found[delimiter]))
    for delimiter in sniffed + ranked:
        if "title" in found[delimiter]:
            return delimiter
    if found[ranked[0]]:
        raise missing_title(file_name, headers[ranked[0]])
    raise InputError(
        _(
            "%(file)s has no title column whatever the delimiter (comma, semicolon, tab, vertical "
            "bar): check the delimiter and the header row, which needs a header such as “Titre”, "
            "“Projet” or “Title”."
        )
        % {"file": file_name}
    )


def _parse(path: Path) -> tuple[str, list[list[str]]]:
    text = decode(path.read_bytes(), path.name)
    return text, _rows(text, _delimiter(text, path.name))


def table(path: Path) -> tuple[list[str], list[list[str]], int]:
    """Return the header row, the rows under it and the number of the first of them."""
    rows = _parse(path)[1]
    return rows[0], rows[1:], 2


def read(path: Path) -> ReadResult:
    """Read a CSV table of projects, one draft per row; the text kept is the file as decoded."""
    deadline = Deadline(path)
    text, rows = _parse(path)
    drafts = rows_to_drafts(path.name, rows[0], rows[1:], first_row=2, deadline=deadline)
    return ReadResult(text=text, title=path.name, kind=DocumentKind.SPREADSHEET, drafts=drafts)


__all__ = ["COLUMNS", "exported_projects", "read", "row", "table", "write"]
