"""Write projects as IATI 2.03 activities."""

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import IO

from django.db.models import prefetch_related_objects
from django.utils import timezone

from passerelles.organisations.choices import OrganisationType
from passerelles.projects.choices import Role, Status
from passerelles.projects.models import Indicator, Project
from passerelles.projects.privacy import guard

VERSION = "2.03"
REPORTER_REF = "XM-PASSERELLES"
REPORTER_NAME = "Passerelles"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGE = "fr"

# IATI OrganisationRole: the codelist has no partner or beneficiary, who act on the ground.
ROLE_CODES = {
    Role.FINANCEUR: "1",
    Role.MAITRE_OUVRAGE: "2",
    Role.APPUI_TECHNIQUE: "3",
    Role.OPERATEUR: "4",
    Role.PARTENAIRE: "4",
    Role.BENEFICIAIRE: "4",
}

# IATI OrganisationType.
TYPE_CODES = {
    OrganisationType.COLLECTIVITE: "11",
    OrganisationType.ETAT: "10",
    OrganisationType.AGENCE: "15",
    OrganisationType.ASSOCIATION: "22",
    OrganisationType.FONDATION: "60",
    OrganisationType.COOPERATIVE: "70",
    OrganisationType.MUTUELLE: "70",
    OrganisationType.ENTREPRISE: "70",
    OrganisationType.RESEAU: "21",
    OrganisationType.AUTRE: "90",
}
LOCAL_GOVERNMENT = "11"

# IATI ActivityStatus; an unknown status is left out, the codelist having no such code.
STATUS_CODES = {Status.EN_PROJET: "1", Status.EN_COURS: "2", Status.TERMINE: "4"}

# IATI ResultType 9 (other): the projects do not tell outputs from outcomes.
RESULT_TYPE = "9"


def _amount(value: Decimal) -> str:
    return format(value, "f")


def _narrated(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    ET.SubElement(element, "narrative", {XML_LANG: LANGUAGE}).text = text
    return element


def _participants(project: Project) -> list[tuple[str, str, str]]:
    """Return (name, role code, type code) of every participant, once each."""
    participants: list[tuple[str, str, str]] = []
    for participation in project.participations.all():
        if participation.organisation:
            entry = (
                participation.organisation.name,
                ROLE_CODES[Role(participation.role)],
                TYPE_CODES[OrganisationType(participation.organisation.type)],
            )
        else:
            entry = (participation.actor.name, ROLE_CODES[Role(participation.role)], LOCAL_GOVERNMENT)
        if entry not in participants:
            participants.append(entry)
    return participants


def _activity_dates(activity: ET.Element, project: Project) -> None:
    # Actual dates may not lie ahead: a project not begun has a planned start, one not over a planned end.
    if project.start_year:
        kind = "1" if project.status in (Status.EN_PROJET, Status.INCONNU) else "2"
        ET.SubElement(activity, "activity-date", {"type": kind, "iso-date": f"{project.start_year}-01-01"})
    if project.end_year:
        kind = "4" if project.status == Status.TERMINE else "3"
        ET.SubElement(activity, "activity-date", {"type": kind, "iso-date": f"{project.end_year}-12-31"})


def _budget(activity: ET.Element, project: Project) -> None:
    first, last = project.start_year or project.end_year, project.end_year or project.start_year
    if project.budget_total is None or first is None:
        return
    budget = ET.SubElement(activity, "budget", {"type": "1", "status": "1"})
    ET.SubElement(budget, "period-start", {"iso-date": f"{first}-01-01"})
    ET.SubElement(budget, "period-end", {"iso-date": f"{last}-12-31"})
    value = ET.SubElement(budget, "value", {"currency": project.currency, "value-date": f"{first}-01-01"})
    value.text = _amount(project.budget_total)


def _transactions(activity: ET.Element, project: Project, today: str) -> None:
    date = f"{project.start_year}-01-01" if project.start_year else today
    for line in project.funding_lines.all():
        if line.amount is None:
            continue
        transaction = ET.SubElement(activity, "transaction")
        ET.SubElement(transaction, "transaction-type", {"code": "1"})
        ET.SubElement(transaction, "transaction-date", {"iso-date": date})
        value = ET.SubElement(transaction, "value", {"currency": line.currency, "value-date": date})
        value.text = _amount(line.amount)
        kind = (
            TYPE_CODES[OrganisationType(line.funder_organisation.type)]
            if line.funder_organisation
            else LOCAL_GOVERNMENT
        )
        _narrated(transaction, "provider-org", line.funder_name, type=kind)


def indicator_years(project: Project, indicator: Indicator) -> tuple[int, int] | None:
    """Return the first and last years of INDICATOR's target period, or None when no year is known."""
    measured = [m.year for m in indicator.measurements.all()]
    first = project.start_year or min(measured, default=None) or project.end_year
    last = project.end_year or max(measured, default=None) or project.start_year
    return (first, last) if first and last else None


def _indicator(
    result: ET.Element, project: Project, indicator: Indicator, shown: Callable[[str], str]
) -> None:
    element = ET.SubElement(result, "indicator", {"measure": "2" if indicator.unit == "%" else "1"})
    _narrated(element, "title", shown(indicator.name))
    years = indicator_years(project, indicator)
    if years is None:
        return
    if indicator.baseline is not None:
        ET.SubElement(element, "baseline", {"year": str(years[0]), "value": _amount(indicator.baseline)})
    periods: dict[tuple[int, int], dict[str, Decimal]] = {}
    if indicator.target is not None:
        periods[years] = {"target": indicator.target}
    for measurement in indicator.measurements.all():
        periods.setdefault((measurement.year, measurement.year), {})["actual"] = measurement.value
    for (first, last), values in sorted(periods.items()):
        period = ET.SubElement(element, "period")
        ET.SubElement(period, "period-start", {"iso-date": f"{first}-01-01"})
        ET.SubElement(period, "period-end", {"iso-date": f"{last}-12-31"})
        for tag in ("target", "actual"):
            if tag in values:
                ET.SubElement(period, tag, {"value": _amount(values[tag])})


def _results(activity: ET.Element, project: Project, shown: Callable[[str], str]) -> None:
    for result in project.results.all():
        element = ET.SubElement(activity, "result", {"type": RESULT_TYPE})
        _narrated(element, "title", shown(result.title))
        if result.description:
            _narrated(element, "description", shown(result.description))
        for indicator in result.indicators.all():
            _indicator(element, project, indicator, shown)


def activity(project: Project, today: str) -> ET.Element:
    """Return the iati-activity element of PROJECT, its children in the order the schema sets.

    The file is public: its text is masked (`projects.privacy`) and holds no contact.
    """
    shown = guard(project)
    element = ET.Element(
        "iati-activity",
        {
            "default-currency": project.currency,
            "last-updated-datetime": project.updated.isoformat(timespec="seconds"),
            XML_LANG: LANGUAGE,
        },
    )
    identifier = project.external_id or f"{REPORTER_REF}-{project.slug}"
    ET.SubElement(element, "iati-identifier").text = identifier
    _narrated(element, "reporting-org", REPORTER_NAME, ref=REPORTER_REF, type="90")
    _narrated(element, "title", shown(project.title))
    if project.summary:
        _narrated(element, "description", shown(project.summary), type="1")
    for name, role, kind in _participants(project):
        _narrated(element, "participating-org", name, role=role, type=kind)
    if project.status in STATUS_CODES:
        ET.SubElement(element, "activity-status", {"code": STATUS_CODES[Status(project.status)]})
    _activity_dates(element, project)
    for code in project.countries():
        if code != "FR":
            ET.SubElement(element, "recipient-country", {"code": code})
    for sdg in project.sdgs.all():
        ET.SubElement(element, "tag", {"vocabulary": "2", "code": str(sdg.number)})
    for target in project.sdg_targets:
        ET.SubElement(element, "tag", {"vocabulary": "3", "code": target})
    _budget(element, project)
    _transactions(element, project, today)
    _results(element, project, shown)
    return element


def write(projects: Iterable[Project], stream: IO[str]) -> None:
    """Write PROJECTS to STREAM as an IATI 2.03 activity file (UTF-8, indented)."""
    projects = list(projects)
    prefetch_related_objects(
        projects,
        "territories",
        "sdgs",
        "participations__organisation",
        "participations__territory",
        "funding_lines__funder_organisation",
        "funding_lines__funder_territory",
        "results__indicators__measurements",
        "contacts",
    )
    now = timezone.now()
    root = ET.Element(
        "iati-activities", {"version": VERSION, "generated-datetime": now.isoformat(timespec="seconds")}
    )
    root.extend(activity(project, now.date().isoformat()) for project in projects)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
