"""Plain descriptions of a project, built by loaders and readers before anything is stored."""

from dataclasses import dataclass, field
from decimal import Decimal

from passerelles.lib.numbers import to_decimal
from passerelles.organisations.models import Organisation
from passerelles.territories.models import Territory

Actor = Organisation | Territory


@dataclass
class FundingData:
    funder: Actor
    amount: Decimal | None = None
    share_pct: Decimal | None = None
    currency: str = "EUR"


@dataclass
class IndicatorData:
    name: str
    unit: str = ""
    baseline: Decimal | None = None
    target: Decimal | None = None
    measurements: list[tuple[int, Decimal]] = field(default_factory=list)


@dataclass
class ResultData:
    title: str
    description: str = ""
    indicators: list[IndicatorData] = field(default_factory=list)


@dataclass
class ContactData:
    name: str
    function: str = ""
    email: str = ""
    phone: str = ""
    employer: Actor | None = None


@dataclass
class ProjectData:
    """Everything a project holds, with its actors already resolved to stored rows."""

    title: str
    summary: str = ""
    territories: list[Territory] = field(default_factory=list)
    participants: list[tuple[Actor, str]] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    sdg_targets: list[str] = field(default_factory=list)
    action_countries: list[str] = field(default_factory=list)
    ess_dimension: bool = False
    start_year: int | None = None
    end_year: int | None = None
    status: str = ""
    budget_total: Decimal | None = None
    currency: str = "EUR"
    funding: list[FundingData] = field(default_factory=list)
    results: list[ResultData] = field(default_factory=list)
    difficulties: str = ""
    success_conditions: str = ""
    perspectives: str = ""
    contacts: list[ContactData] = field(default_factory=list)
    is_published: bool = True
    review_status: str = "accepted"
    external_id: str = ""
    # The classifier's evidence for the labels above ({"sdg:6": ["eau potable"], ...}), when it gave them.
    label_evidence: dict[str, list[str]] = field(default_factory=dict)
    # Whether the classifier labels a project given without any theme or SDG, and gives the
    # evidence of the labels given that it finds too.
    classify: bool = True


def results_from_rows(rows: list[dict]) -> list[ResultData]:
    """Return results written as plain dicts {title, description, indicators: [{name, unit, baseline,
    target, measurements: [{year, value}]}]}, as readers and the demonstration file give them."""
    return [
        ResultData(
            title=row["title"][:300],
            description=row.get("description") or "",
            indicators=[
                IndicatorData(
                    name=indicator["name"][:300],
                    unit=indicator.get("unit") or "",
                    baseline=to_decimal(indicator.get("baseline")),
                    target=to_decimal(indicator.get("target")),
                    measurements=[
                        (measurement["year"], value)
                        for measurement in indicator.get("measurements") or []
                        if (value := to_decimal(measurement.get("value"))) is not None
                    ],
                )
                for indicator in row.get("indicators") or []
            ],
        )
        for row in rows
    ]
