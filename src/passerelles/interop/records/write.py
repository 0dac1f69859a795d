"""Write projects as a records file (version 1)."""

import json
from collections.abc import Iterable
from decimal import Decimal
from typing import IO

from django.db.models import QuerySet

from passerelles.projects.models import Project
from passerelles.projects.privacy import guard

VERSION = 1


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _in_euros(amount: Decimal | None, currency: str) -> int | float | None:
    # Amounts in other currencies are not converted: an exchange rate would be a guess.
    return _number(amount) if currency == "EUR" else None


def project_record(project: Project) -> dict:
    """Return the record of one project, its title masked for the public (`projects.privacy`).

    The contacts stay: whoever passes the record to the public leaves them out.
    """
    organisations: list[dict] = []
    for participation in project.participations.all():
        organisation = participation.organisation
        if organisation and all(o["name"] != organisation.name for o in organisations):
            organisations.append(
                {
                    "name": organisation.name,
                    "type": organisation.type,
                    "country": organisation.country or None,
                }
            )
    return {
        "id": project.slug,
        "title": guard(project)(project.title),
        "territories": [
            {"name": t.name, "country": t.country, "level": t.level} for t in project.territories.all()
        ],
        "countries": project.countries(),
        "organisations": organisations,
        "themes": [theme.code for theme in project.themes.all()],
        "sdgs": [sdg.number for sdg in project.sdgs.all()],
        "sdg_targets": list(project.sdg_targets),
        "start_year": project.start_year,
        "end_year": project.end_year,
        "budget_total_eur": _in_euros(project.budget_total, project.currency),
        "funding": [
            {
                "funder": line.funder_name,
                "funder_kind": "organisation" if line.funder_organisation_id else "territory",
                "amount_eur": _in_euros(line.amount, line.currency),
                "share_pct": _number(line.share_pct),
            }
            for line in project.funding_lines.all()
        ],
        "contacts": [{"name": c.name, "email": c.email or None} for c in project.contacts.all()],
        "ess_dimension": project.ess_dimension,
    }


def exported_projects() -> QuerySet[Project]:
    """Return the published projects with everything a record needs, fetched in few queries."""
    return (
        Project.objects.published()
        .order_by("pk")
        .prefetch_related(
            "territories",
            "themes",
            "sdgs",
            "participations__organisation",
            "funding_lines__funder_organisation",
            "funding_lines__funder_territory",
            "contacts",
        )
    )


def write(projects: Iterable[Project], stream: IO[str]) -> None:
    """Write PROJECTS to STREAM as a records file."""
    document = {"version": VERSION, "records": [project_record(p) for p in projects]}
    json.dump(document, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
