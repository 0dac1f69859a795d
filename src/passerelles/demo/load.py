"""Load the demonstration data set (`data/demo.json` and the documents it cites), idempotently."""

import json
from decimal import Decimal
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from passerelles.documents.models import Document, SourceReference, content_hash
from passerelles.lib.errors import InputError, explain
from passerelles.organisations.actions import upsert_organisation
from passerelles.organisations.models import Organisation
from passerelles.projects.actions import save_project
from passerelles.projects.data import ContactData, FundingData, ProjectData, results_from_rows
from passerelles.projects.models import Project
from passerelles.territories.actions import link_partnership, upsert_territory
from passerelles.territories.models import Territory

DATA = Path(__file__).parent / "data"


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def load_documents(rows: list[dict]) -> dict[str, Document]:
    """Store the cited documents once each (by content hash); return them by key."""
    documents = {}
    for row in rows:
        text = (DATA / "documents" / row["file"]).read_text(encoding="utf-8")
        document = Document.objects.filter(content_hash=content_hash(text)).first() or Document(text=text)
        document.title = row["title"]
        document.publisher = row.get("publisher") or ""
        document.year = row.get("year")
        document.kind = row.get("kind") or "other"
        document.file_name = row["file"]
        document.url = row.get("url") or ""
        document.full_clean(exclude=["content_hash"], validate_unique=False)
        document.save()
        documents[row["key"]] = document
    return documents


def load_territories(rows: list[dict], partnerships: list[dict]) -> dict[str, Territory]:
    """Store the territories, then their parents and partnerships; return them by name."""
    territories = {
        row["name"]: upsert_territory(
            row["name"],
            row["country"],
            row["level"],
            aliases=row.get("aliases") or [],
            latitude=_decimal(row.get("lat")),
            longitude=_decimal(row.get("lon")),
        )
        for row in rows
    }
    for row in rows:
        if row.get("parent"):
            territory = territories[row["name"]]
            territory.parent = territories[row["parent"]]
            territory.save(update_fields=["parent"])
    for row in partnerships:
        link_partnership(
            territories[row["a"]],
            territories[row["b"]],
            row["kind"],
            row.get("since"),
            row.get("description") or "",
        )
    return territories


def load_organisations(rows: list[dict], territories: dict[str, Territory]) -> dict[str, Organisation]:
    """Store the organisations with their skills and places; return them by name."""
    organisations = {}
    for row in rows:
        organisation = upsert_organisation(
            row["name"],
            row["type"],
            row.get("country") or "",
            acronym=row.get("acronym") or "",
            aliases=row.get("aliases") or [],
            is_ess=bool(row.get("ess")),
            territory=territories.get(row.get("territory") or ""),
            action_countries=row.get("action_countries") or [],
            employees=row.get("employees"),
            volunteers=row.get("volunteers"),
            members=row.get("members"),
            founded_year=row.get("founded_year"),
            website=row.get("website") or "",
            description=row.get("description") or "",
            skills=row.get("skills") or [],
        )
        organisations[row["name"]] = organisation
    return organisations


def project_data(row: dict, actors: dict) -> ProjectData:
    """Turn one project of the demonstration file into a ProjectData with stored actors."""
    return ProjectData(
        title=row["title"],
        summary=row.get("summary") or "",
        territories=[actors["territory", name] for name in row.get("territories") or []],
        participants=[
            (
                actors[
                    ("organisation", p["organisation"])
                    if "organisation" in p
                    else ("territory", p["territory"])
                ],
                p["role"],
            )
            for p in row.get("participants") or []
        ],
        themes=row.get("themes") or [],
        sdgs=row.get("sdgs") or [],
        sdg_targets=row.get("sdg_targets") or [],
        action_countries=row.get("action_countries") or [],
        ess_dimension=bool(row.get("ess_dimension")),
        start_year=row.get("start_year"),
        end_year=row.get("end_year"),
        status=row.get("status") or "",
        budget_total=_decimal(row.get("budget_total")),
        currency=row.get("currency") or "EUR",
        funding=[
            FundingData(
                funder=actors[line.get("funder_kind", "organisation"), line["funder"]],
                amount=_decimal(line.get("amount")),
                share_pct=_decimal(line.get("share_pct")),
                currency=line.get("currency") or "EUR",
            )
            for line in row.get("funding") or []
        ],
        results=results_from_rows(row.get("results") or []),
        difficulties=row.get("difficulties") or "",
        success_conditions=row.get("success_conditions") or "",
        perspectives=row.get("perspectives") or "",
        contacts=[
            ContactData(
                name=c["name"],
                function=c.get("function") or "",
                email=c.get("email") or "",
                phone=c.get("phone") or "",
                employer=actors.get(("organisation", c.get("organisation")))
                or actors.get(("territory", c.get("organisation"))),
            )
            for c in row.get("contacts") or []
        ],
    )


def cite_sources(project: Project, sources: list[dict], documents: dict[str, Document]) -> None:
    """Replace the project's source references by the places the demonstration file cites."""
    kind = ContentType.objects.get_for_model(Project)
    SourceReference.objects.filter(content_type=kind, object_id=project.pk).delete()
    for source in sources:
        document = documents[source["document"]]
        quote = source.get("quote") or ""
        start = document.text.find(quote) if quote else -1
        SourceReference.objects.create(
            document=document,
            content_type=kind,
            object_id=project.pk,
            first_line=source.get("first_line"),
            last_line=source.get("last_line"),
            quote=quote,
            start_char=start if start >= 0 else None,
            end_char=start + len(quote) if start >= 0 else None,
        )


@transaction.atomic
def load_demo(path: Path = DATA / "demo.json") -> dict[str, int]:
    """Load the demonstration data; loading it again updates rows and adds none. Return the counts."""
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        documents = load_documents(data["documents"])
        territories = load_territories(data["territories"], data.get("partnerships") or [])
        organisations = load_organisations(data["organisations"], territories)
        actors: dict[tuple[str, str], Territory | Organisation] = {
            ("territory", k): v for k, v in territories.items()
        }
        actors |= {("organisation", k): v for k, v in organisations.items()}
        for number, row in enumerate(data["projects"], start=1):
            try:
                project = save_project(project_data(row, actors))
            except ValidationError as error:
                where = _("%(file)s, project %(number)s (%(title)s)") % {
                    "file": path.name,
                    "number": number,
                    "title": row["title"],
                }
                raise InputError(explain(error, where)) from None
            cite_sources(project, row.get("sources") or [], documents)
    except KeyError as error:
        raise InputError(
            _("%(file)s names %(name)s which it does not define.") % {"file": path.name, "name": error}
        ) from None
    except ValidationError as error:
        raise InputError(explain(error, path.name)) from None
    return {
        "documents": len(documents),
        "territories": len(territories),
        "organisations": len(organisations),
        "projects": len(data["projects"]),
    }
