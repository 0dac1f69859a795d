"""A flat table of projects, one row each, for spreadsheets. Contacts are left out: personal data."""

import csv
from collections.abc import Iterable
from typing import IO

from passerelles.interop.records.write import exported_projects, project_record
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


__all__ = ["COLUMNS", "exported_projects", "row", "write"]
