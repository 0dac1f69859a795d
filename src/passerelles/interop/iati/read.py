"""Read IATI activity files (versions 2.01 to 2.03) into drafts, one per activity."""

import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _

from passerelles.documents.drafts import Draft
from passerelles.interop.iati.write import REPORTER_REF
from passerelles.interop.reading import ReadResult, check_size
from passerelles.lib.countries import is_country
from passerelles.lib.errors import InputError
from passerelles.organisations.choices import OrganisationType
from passerelles.organisations.models import Organisation
from passerelles.projects.choices import Role, Status
from passerelles.projects.models import SDG_TARGET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DPORTAL_VERSION = "{http://d-portal.org/xmlns/iati-activities}version"
DSTORE = "{http://d-portal.org/xmlns/dstore}"
VERSIONS = ("2.01", "2.02", "2.03")
PREFERRED_LANGUAGES = ("fr", "en")

# IATI OrganisationRole codelist.
ROLES = {
    "1": Role.FINANCEUR,
    "2": Role.MAITRE_OUVRAGE,
    "3": Role.APPUI_TECHNIQUE,
    "4": Role.OPERATEUR,
}

# IATI OrganisationType codelist.
ORGANISATION_TYPES = {
    "10": OrganisationType.ETAT,
    "11": OrganisationType.COLLECTIVITE,
    "15": OrganisationType.AGENCE,
    "21": OrganisationType.ASSOCIATION,
    "22": OrganisationType.ASSOCIATION,
    "23": OrganisationType.ASSOCIATION,
    "24": OrganisationType.ASSOCIATION,
    "30": OrganisationType.AUTRE,
    "40": OrganisationType.AGENCE,
    "60": OrganisationType.FONDATION,
    "70": OrganisationType.ENTREPRISE,
    "71": OrganisationType.ENTREPRISE,
    "72": OrganisationType.ENTREPRISE,
    "73": OrganisationType.ENTREPRISE,
    "80": OrganisationType.AUTRE,
    "90": OrganisationType.AUTRE,
}

# IATI ActivityStatus codelist; 5 (cancelled) and 6 (suspended) have no equivalent.
STATUSES = {"1": Status.EN_PROJET, "2": Status.EN_COURS, "3": Status.TERMINE, "4": Status.TERMINE}

# Vocabularies that carry SDGs: tag 2 and sector 7 are goals, tag 3 and sector 8 are targets.
SDG_GOALS = {("tag", "2"), ("sector", "7")}
SDG_TARGETS = {("tag", "3"), ("sector", "8")}

INCOMING_FUNDS = "1"
INCOMING_COMMITMENT = "11"
REVISED_BUDGET = "2"


def parse_decimal(text: str | None) -> Decimal | None:
    """Return TEXT as a Decimal, tolerating thousands separators; None when it is empty or not a number."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text or "")
    if "," in cleaned and "." in cleaned and cleaned.rfind(",") > cleaned.rfind("."):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _year(iso_date: str | None) -> int | None:
    match = re.match(r"\s*(\d{4})", iso_date or "")
    return int(match.group(1)) if match else None


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _attribute(parent: Element, path: str, name: str) -> str:
    element = parent.find(path)
    return (element.get(name) or "").strip() if element is not None else ""


def _narrative(element: Element | None, language: str) -> str:
    """Return the French narrative of ELEMENT, else the English one, else the first one."""
    if element is None:
        return ""
    narratives = [
        ((narrative.get(XML_LANG) or language).lower()[:2], _text(narrative))
        for narrative in element.findall("narrative")
    ]
    narratives = [(lang, text) for lang, text in narratives if text]
    for wanted in PREFERRED_LANGUAGES:
        for lang, text in narratives:
            if lang == wanted:
                return text
    return narratives[0][1] if narratives else ""


# Where a publisher wrote a description in the place of a name ("X is a global network that..."),
# the name is what comes before the verb, or else the opening words that fit.
NAME_LIMIT: int = Organisation._meta.get_field("name").max_length  # type: ignore[assignment]  # the field has one
_DESCRIBED = re.compile(r"\s+(?:is|was)\s+(?:a|an|the)\s|\s+est\s+(?:un|une|le|la|l')\s?|[.;:(]\s")


def _organisation_name(element: Element | None, language: str) -> str:
    if element is None:
        return ""
    name = _narrative(element, language) or (element.get("ref") or "").strip()
    if len(name) <= NAME_LIMIT:
        return name
    opening = _DESCRIBED.split(name, maxsplit=1)[0].strip()
    if 1 < len(opening) <= NAME_LIMIT:
        return opening
    return name[: NAME_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def _ref_country(ref: str | None) -> str | None:
    prefix = (ref or "").strip().split("-")[0].upper()
    return prefix if is_country(prefix) else None


def _organisations(activity: Element, language: str) -> list[dict]:
    organisations: list[dict] = []
    refs = set()
    for element in activity.findall("participating-org"):
        name = _organisation_name(element, language)
        role = ROLES.get((element.get("role") or "").strip(), Role.PARTENAIRE)
        if not name or any(o["name"] == name and o["role"] == role for o in organisations):
            continue
        refs.add(element.get("ref"))
        organisations.append(
            {
                "name": name,
                "type": ORGANISATION_TYPES.get((element.get("type") or "").strip(), OrganisationType.AUTRE),
                "country": _ref_country(element.get("ref")),
                "role": role,
            }
        )
    reporter = activity.find("reporting-org")
    # Passerelles republishes what others wrote: it takes no part in the activities it reports.
    if reporter is not None and reporter.get("ref") != REPORTER_REF:
        name = _organisation_name(reporter, language)
        known = (reporter.get("ref") and reporter.get("ref") in refs) or any(
            o["name"] == name for o in organisations
        )
        if name and not known:
            organisations.append(
                {
                    "name": name,
                    "type": ORGANISATION_TYPES.get(
                        (reporter.get("type") or "").strip(), OrganisationType.AUTRE
                    ),
                    "country": _ref_country(reporter.get("ref")),
                    "role": Role.MAITRE_OUVRAGE,
                }
            )
    return organisations


def _countries(activity: Element) -> list[str]:
    codes: list[str] = []
    for element in activity.findall("recipient-country"):
        code = (element.get("code") or "").strip().upper()
        if is_country(code) and code not in codes:
            codes.append(code)
    return codes


def _sdgs(activity: Element) -> tuple[list[int], list[str]]:
    goals: set[int] = set()
    targets: list[str] = []
    for element in [*activity.findall("tag"), *activity.findall("sector")]:
        vocabulary = (element.tag, (element.get("vocabulary") or "").strip())
        code = (element.get("code") or "").strip().lower()
        if vocabulary in SDG_GOALS and code.isdigit() and 1 <= int(code) <= 17:
            goals.add(int(code))
        elif vocabulary in SDG_TARGETS and SDG_TARGET.match(code):
            goals.add(int(code.split(".")[0]))
            if code not in targets:
                targets.append(code)
    return sorted(goals), targets


def _years(activity: Element) -> tuple[int | None, int | None]:
    years = {
        element.get("type"): _year(element.get("iso-date")) for element in activity.findall("activity-date")
    }
    # Actual dates (2 start, 4 end) say what happened; planned ones (1, 3) only what was meant to.
    start, end = years.get("2") or years.get("1"), years.get("4") or years.get("3")
    if start is not None and end is not None and end < start:
        end = None  # a planned end that a late actual start overtook says nothing of the real end
    return start, end


def _budget(activity: Element, default_currency: str) -> tuple[Decimal | None, str]:
    """Return the sum of the budgets and its currency, the original budget of each period counting."""
    periods: dict[tuple[str, str], dict[bool, list[tuple[Decimal, str]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for budget in activity.findall("budget"):
        value = budget.find("value")
        amount = parse_decimal(_text(value))
        if value is None or amount is None:
            continue
        period = (
            _attribute(budget, "period-start", "iso-date"),
            _attribute(budget, "period-end", "iso-date"),
        )
        revised = (budget.get("type") or "").strip() == REVISED_BUDGET
        periods[period][revised].append((amount, value.get("currency") or default_currency))
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for kinds in periods.values():
        for amount, currency in kinds.get(False) or kinds[True]:
            totals[currency] += amount
    if not totals:
        return None, default_currency
    # Amounts in different currencies cannot be added without a guessed exchange rate.
    currency = default_currency if default_currency in totals else next(iter(totals))
    return totals[currency], currency


def _funding(activity: Element, language: str, currency: str, organisations: list[dict]) -> list[dict]:
    sums: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for transaction in activity.findall("transaction"):
        kind = _attribute(transaction, "transaction-type", "code")
        funder = _organisation_name(transaction.find("provider-org"), language)
        value = transaction.find("value")
        amount = parse_decimal(_text(value))
        if kind not in (INCOMING_FUNDS, INCOMING_COMMITMENT) or not funder or value is None or amount is None:
            continue
        sums[(funder, value.get("currency") or currency)][kind] += amount
    if not sums:
        return [
            {"funder": o["name"], "amount": None, "currency": currency, "share_pct": None}
            for o in organisations
            if o["role"] == Role.FINANCEUR
        ]
    # Incoming funds pay what was committed: counting both would count the money twice.
    lines = []
    for (funder, line_currency), kinds in sums.items():
        amount = kinds.get(INCOMING_COMMITMENT, kinds.get(INCOMING_FUNDS))
        # Negative values are reversals; when they outweigh the rest, what the funder gave is unknown.
        known = amount if amount is not None and amount >= 0 else None
        lines.append({"funder": funder, "amount": known, "currency": line_currency, "share_pct": None})
    return lines


def _indicator(element: Element, language: str) -> dict:
    baseline = element.find("baseline")
    target = None
    measured: dict[int, Decimal] = {}
    periods = sorted(
        element.findall("period"), key=lambda period: _attribute(period, "period-end", "iso-date")
    )
    for period in periods:
        target_value = parse_decimal(_attribute(period, "target", "value"))
        if target_value is not None:
            target = target_value
        actual = parse_decimal(_attribute(period, "actual", "value"))
        year = _year(
            _attribute(period, "period-end", "iso-date") or _attribute(period, "period-start", "iso-date")
        )
        if actual is not None and year is not None:
            measured[year] = actual
    return {
        "name": _narrative(element.find("title"), language),
        "unit": "%" if (element.get("measure") or "").strip() == "2" else "",
        "baseline": parse_decimal(baseline.get("value")) if baseline is not None else None,
        "target": target,
        "measurements": [{"year": year, "value": value} for year, value in sorted(measured.items())],
    }


def _results(activity: Element, language: str) -> list[dict]:
    return [
        {
            "title": _narrative(result.find("title"), language),
            "description": _narrative(result.find("description"), language),
            "indicators": [_indicator(indicator, language) for indicator in result.findall("indicator")],
        }
        for result in activity.findall("result")
    ]


def _contacts(activity: Element, language: str) -> list[dict]:
    contacts = []
    for element in activity.findall("contact-info"):
        name = _narrative(element.find("person-name"), language)
        # Contacts are named people; a service's address without a name is not one.
        if not name:
            continue
        contacts.append(
            {
                "name": name,
                "email": _text(element.find("email")) or None,
                "function": _narrative(element.find("job-title"), language),
                "phone": _text(element.find("telephone")) or None,
                "organisation": _narrative(element.find("organisation"), language) or None,
            }
        )
    return contacts


def _draft(activity: Element) -> Draft:
    language = (activity.get(XML_LANG) or "").lower()[:2]
    default_currency = (activity.get("default-currency") or "").strip().upper() or "EUR"
    identifier = _text(activity.find("iati-identifier"))
    organisations = _organisations(activity, language)
    sdgs, sdg_targets = _sdgs(activity)
    start_year, end_year = _years(activity)
    budget_total, currency = _budget(activity, default_currency)
    status = activity.find("activity-status")
    return Draft(
        title=_narrative(activity.find("title"), language) or identifier,
        summary=_narrative(
            next((d for d in activity.findall("description") if d.get("type", "1") == "1"), None), language
        ),
        organisations=organisations,
        countries=_countries(activity),
        sdgs=sdgs,
        sdg_targets=sdg_targets,
        start_year=start_year,
        end_year=end_year,
        status=STATUSES.get((status.get("code") or "").strip(), Status.INCONNU)
        if status is not None
        else Status.INCONNU,
        budget_total=budget_total,
        currency=currency,
        funding=_funding(activity, language, currency, organisations),
        contacts=_contacts(activity, language),
        results=_results(activity, language),
        external_id=identifier,
    )


def _parse(path: Path) -> Element:
    try:
        return SafeElementTree.parse(path, forbid_dtd=True).getroot()
    except DefusedXmlException:
        raise InputError(
            _("%(file)s is not safe XML: it declares a DTD or entities.") % {"file": path.name}
        ) from None
    except ParseError as error:
        raise InputError(
            _("%(file)s is not well-formed XML (line %(line)s).")
            % {"file": path.name, "line": error.position[0]}
        ) from None


def _activities(root: Element, name: str) -> list[Element]:
    """Return the activities of ROOT, refusing anything but IATI 2.01 to 2.03 with at least one."""
    if root.tag == "iati-activity":
        activities, declared = [root], [root.get(DPORTAL_VERSION)]
    elif root.tag == "iati-activities":
        activities = root.findall("iati-activity")
        declared = [root.get("version"), *(a.get(DPORTAL_VERSION) for a in activities)]
    else:
        raise InputError(
            _("%(file)s is not an IATI activity file: its root element is <%(root)s>.")
            % {"file": name, "root": root.tag}
        )
    for version in sorted({v.strip() for v in declared if v}):
        if version not in VERSIONS:
            raise InputError(
                _("%(file)s is IATI version %(version)s; only versions 2.01 to 2.03 are read.")
                % {"file": name, "version": version}
            )
    # A lone activity carries no version, nor do d-portal's wrappers over several publishers.
    unversioned = root.tag == "iati-activities" and not any(v for v in declared)
    if unversioned and not any(key.startswith(DSTORE) for a in activities for key in a.attrib):
        raise InputError(
            _("%(file)s declares no IATI version; only versions 2.01 to 2.03 are read.") % {"file": name}
        )
    if not activities:
        raise InputError(_("%(file)s holds no IATI activity.") % {"file": name})
    return activities


def read(path: Path) -> ReadResult:
    """Read the IATI activity file PATH: one draft per activity, and a text that cites their titles."""
    check_size(path)
    drafts = []
    blocks = []
    position = 0
    for activity in _activities(_parse(path), path.name):
        draft = _draft(activity)
        title_start = position + len(draft.external_id) + 1
        draft.spans["title"] = (title_start, title_start + len(draft.title))
        if draft.summary:
            summary_start = title_start + len(draft.title) + 1
            draft.spans["summary"] = (summary_start, summary_start + len(draft.summary))
        block = f"{draft.external_id}\n{draft.title}\n{draft.summary}\n"
        blocks.append(block)
        position += len(block) + 1
        drafts.append(draft)
    return ReadResult(text="\n".join(blocks), title=path.name, kind="iati", drafts=drafts)
