"""A project as read from a document, before review: the record fields and where each came from.

Readers of structured formats (IATI, spreadsheets) build drafts directly; for running text the
extraction pipeline (`documents/pipeline/`) builds them. `documents.actions.store_drafts` then
resolves the names against the database and stores projects with their provenance.
"""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Draft:
    """One project found in a document.

    Lists hold plain dicts with the keys of the record format, plus a few more:
    territories {name, country, level}; organisations {name, type, country, role};
    funding {funder, amount, currency, share_pct}; contacts {name, email, function, phone, organisation};
    results {title, description, indicators: [{name, unit, baseline, target, measurements: [{year, value}]}]}.
    `spans` maps a field path ("title", "organisations.2", "funding.0", "budget_total"...) to the
    (start, end) character offsets of the text it was read from, in the document's stored text.
    `evidence` holds the classifier's words for each label it gave ({"sdg:6": ["eau potable"]}).
    `notes` says, for a field path, how an uncertain value was settled ("country named in the
    sentence: SN"); the review page shows it beside the passage. `pages` gives, for a field path,
    the page of a paged document (PDF) its span lies on.
    """

    title: str
    summary: str = ""
    territories: list[dict] = field(default_factory=list)
    organisations: list[dict] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    sdg_targets: list[str] = field(default_factory=list)
    ess_dimension: bool | None = None
    start_year: int | None = None
    end_year: int | None = None
    status: str = ""
    budget_total: Decimal | None = None
    currency: str = "EUR"
    funding: list[dict] = field(default_factory=list)
    contacts: list[dict] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)
    difficulties: str = ""
    success_conditions: str = ""
    perspectives: str = ""
    external_id: str = ""
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)

    def add(self, field_name: str, item: dict, span: tuple[int, int]) -> None:
        """Append ITEM to the list FIELD_NAME ("territories", "contacts"...) and record where it was read."""
        items = getattr(self, field_name)
        self.spans[f"{field_name}.{len(items)}"] = span
        items.append(item)
