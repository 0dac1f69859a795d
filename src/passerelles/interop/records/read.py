"""Read a records file (version 1) into projects, all or nothing."""

import json
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from passerelles.lib.errors import InputError, explain
from passerelles.organisations.actions import find_organisation, upsert_organisation
from passerelles.organisations.choices import OrganisationType
from passerelles.projects.actions import save_project
from passerelles.projects.choices import Role
from passerelles.projects.data import ContactData, FundingData, ProjectData
from passerelles.projects.models import Project
from passerelles.territories.actions import upsert_territory
from passerelles.territories.models import Territory


def _decimal(value: Any, field: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({field: _("“%(value)s” is not a number.") % {"value": value}}) from None


def _project_data(record: dict) -> ProjectData:
    territories = [
        upsert_territory(t["name"], t.get("country") or "", t.get("level") or "autre")
        for t in record.get("territories") or []
    ]
    organisations = [
        upsert_organisation(o["name"], o.get("type") or OrganisationType.AUTRE, o.get("country") or "")
        for o in record.get("organisations") or []
    ]
    by_name = {t.name: t for t in territories} | {o.name: o for o in organisations}
    funding = []
    for line in record.get("funding") or []:
        funder = by_name.get(line["funder"]) or find_organisation(line["funder"])
        if funder is None:
            funder = upsert_organisation(line["funder"], OrganisationType.AUTRE, "")
        funding.append(
            FundingData(
                funder=funder,
                amount=_decimal(line.get("amount_eur"), "funding"),
                share_pct=_decimal(line.get("share_pct"), "funding"),
            )
        )
    funders = {id(line.funder) for line in funding}
    participants: list[tuple[Territory | Any, str]] = [(t, Role.PARTENAIRE) for t in territories]
    participants += [(o, Role.FINANCEUR if id(o) in funders else Role.PARTENAIRE) for o in organisations]
    named = {t.country for t in territories} | {o.country for o in organisations if o.country}
    return ProjectData(
        title=record["title"],
        action_countries=sorted(set(record.get("countries") or []) - named),
        territories=territories,
        participants=participants,
        themes=list(record.get("themes") or []),
        sdgs=list(record.get("sdgs") or []),
        sdg_targets=list(record.get("sdg_targets") or []),
        ess_dimension=bool(record.get("ess_dimension")),
        start_year=record.get("start_year"),
        end_year=record.get("end_year"),
        budget_total=_decimal(record.get("budget_total_eur"), "budget_total_eur"),
        funding=funding,
        contacts=[
            ContactData(name=c["name"], email=c.get("email") or "") for c in record.get("contacts") or []
        ],
        # A records file is reviewed data: it keeps exactly its labels, none included.
        classify=False,
    )


def read(stream: IO[str], source: str = "records") -> list[Project]:
    """Store every record of STREAM as a published project; store nothing if one record is refused."""
    try:
        document = json.load(stream)
    except json.JSONDecodeError as error:
        raise InputError(
            _("%(source)s is not valid JSON (line %(line)s): %(reason)s.")
            % {"source": source, "line": error.lineno, "reason": error.msg}
        ) from None
    if (
        not isinstance(document, dict)
        or document.get("version") != 1
        or not isinstance(document.get("records"), list)
    ):
        raise InputError(
            _('%(source)s is not a records file of version 1 ({"version": 1, "records": [...]}).')
            % {"source": source}
        )
    projects = []
    with transaction.atomic():
        for number, record in enumerate(document["records"], start=1):
            where = _("%(source)s, record %(number)s") % {"source": source, "number": number}
            if not isinstance(record, dict) or not str(record.get("title") or "").strip():
                raise InputError(_("%(where)s: title: a record needs a title.") % {"where": where})
            try:
                projects.append(save_project(_project_data(record)))
            except ValidationError as error:
                raise InputError(explain(error, where)) from None
            except (KeyError, TypeError) as error:
                raise InputError(
                    _("%(where)s: missing or malformed field %(field)s.") % {"where": where, "field": error}
                ) from None
    return projects
