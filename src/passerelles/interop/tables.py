"""Spreadsheets of projects, one row each: columns recognised by their headers, rows read into drafts.

Headers are matched in French or English without case, accents or punctuation, and without what
they say in parentheses ("Montant (€)"). The CSV and XLSX readers share everything here.
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from passerelles.classification.reference import reference_rows
from passerelles.documents.drafts import Draft
from passerelles.interop.reading import TITLE_LENGTH, Deadline
from passerelles.lib.countries import country_code
from passerelles.lib.errors import InputError
from passerelles.lib.fields import field_key as _key
from passerelles.lib.fields import field_of
from passerelles.lib.text import fold
from passerelles.organisations.choices import OrganisationType
from passerelles.projects.choices import Role
from passerelles.territories.choices import Level

# Words of a territory header that give the level of the territories in the column.
_LEVEL_WORDS = {
    "commune": Level.COMMUNE,
    "ville": Level.COMMUNE,
    "municipality": Level.COMMUNE,
    "city": Level.COMMUNE,
    "intercommunalite": Level.INTERCOMMUNALITE,
    "epci": Level.INTERCOMMUNALITE,
    "departement": Level.DEPARTEMENT,
    "region": Level.REGION,
    "province": Level.REGION,
}
_FRENCH_WORDS = {"francaise", "french"}
_OPERATOR_WORDS = {"operateur", "operator"}
_LIST_SEPARATORS = re.compile(r"[;,\n]")
_AMOUNT = re.compile(
    r"(?:€|eur)?\s*(?P<number>\d[\d\s.,']*?)\s*(?P<unit>k|m|millions?|mds?|milliards?)?\s*(?:€|eur|euros?)?"
)
_UNITS = {"k": 1_000, "m": 1_000_000, "million": 1_000_000, "millions": 1_000_000}
_UNITS |= {"md": 1_000_000_000, "mds": 1_000_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000}


def map_columns(headers: Sequence[Any]) -> dict[str, int]:
    """Return the index of each recognised column by its canonical name; the first column wins."""
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        canonical = field_of(str(header or ""))
        if canonical is not None and canonical not in mapping:
            mapping[canonical] = index
    if "title" not in mapping and "description" in mapping:
        # Without titles, each project is called by its description's first sentence.
        mapping["title"] = mapping["description"]
    return mapping


def missing_title(file_name: str, headers: Sequence[Any]) -> InputError:
    """Return the error for a table whose HEADERS have no title column, listing those recognised."""
    mapping = map_columns(headers)
    recognised = ", ".join(f"“{headers[index]}”" for index in sorted(mapping.values())) or _("none")
    return InputError(
        _(
            "%(file)s has no title column (a header such as “Titre”, “Projet” or “Title”); "
            "recognised headers: %(headers)s."
        )
        % {"file": file_name, "headers": recognised}
    )


def require_title(file_name: str, headers: Sequence[Any]) -> dict[str, int]:
    """Return the column mapping of HEADERS, or refuse a table without a title column."""
    mapping = map_columns(headers)
    if "title" not in mapping:
        raise missing_title(file_name, headers)
    return mapping


@cache
def _themes_by_key() -> dict[str, str]:
    themes = {}
    for row in reference_rows("themes"):
        for name in (row["code"], row["label_fr"], row["label_en"]):
            themes[_key(name)] = row["code"]
    return themes


def _level(header: str) -> str:
    for word in _key(header).split():
        if word in _LEVEL_WORDS:
            return _LEVEL_WORDS[word]
    return Level.AUTRE


def _amount(value: Any) -> Decimal | None:
    """Return the amount VALUE in euros: "140 000 €", "1.234,50", "1,234.50", "140 k€", "1,2 M€"."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    match = _AMOUNT.fullmatch(fold(str(value)).strip())
    if match is None:
        return None
    number = re.sub(r"[\s']", "", match["number"])
    if "," in number and "." in number:
        # The separator written last is the decimal one.
        decimal_mark = "," if number.rindex(",") > number.rindex(".") else "."
    elif number.count(",") == 1 and not re.search(r",\d{3}$", number):
        decimal_mark = ","
    elif number.count(".") == 1 and not re.search(r"\.\d{3}$", number):
        decimal_mark = "."
    else:
        decimal_mark = ""
    thousands = {",", "."} - {decimal_mark}
    number = "".join(c for c in number if c not in thousands).replace(",", ".")
    try:
        amount = Decimal(number)
    except InvalidOperation:
        return None
    return amount * _UNITS.get(match["unit"] or "", 1)


def _year(value: Any) -> int | None:
    if isinstance(value, datetime.date):
        return value.year
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    match = re.search(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)", str(value))
    return int(match[1]) if match else None


def _sdgs(value: str) -> list[int] | None:
    """Return the goal numbers of VALUE ("6, 8", "ODD 6", "SDG 6.1"), or None if one is out of 1..17."""
    numbers = [int(number.split(".")[0]) for number in re.findall(r"\d+(?:\.\d+)?", value)]
    if not all(1 <= number <= 17 for number in numbers):
        return None
    return list(dict.fromkeys(numbers))


def _names(value: str) -> list[str]:
    return [name.strip() for name in _LIST_SEPARATORS.split(value) if name.strip()]


def cell_text(value: Any) -> str:
    """Return the text of a cell as a person reads it (2019, not 2019.0; dates without time)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


class _Row:
    """One row of a table, read through the column mapping; errors name the file and the row."""

    def __init__(self, cells: Sequence[Any], mapping: dict[str, int], where: str) -> None:
        self.cells = cells
        self.mapping = mapping
        self.where = where

    def raw(self, canonical: str) -> Any:
        index = self.mapping.get(canonical)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def text(self, canonical: str) -> str:
        return cell_text(self.raw(canonical))

    def refuse(self, message: str, value: Any) -> InputError:
        return InputError(message % {"where": self.where, "value": cell_text(value)})

    def country(self) -> str:
        value = self.text("country")
        if not value:
            return ""
        code = country_code(value)
        if code is None:
            raise self.refuse(_("%(where)s: unknown country “%(value)s”."), value)
        return code

    def amount(self) -> Decimal | None:
        value = self.raw("amount")
        if not cell_text(value):
            return None
        amount = _amount(value)
        if amount is None:
            raise self.refuse(_("%(where)s: “%(value)s” is not an amount in euros."), value)
        return amount

    def year(self) -> int | None:
        value = self.raw("year")
        if not cell_text(value):
            return None
        year = _year(value)
        if year is None:
            raise self.refuse(_("%(where)s: “%(value)s” is not a year."), value)
        return year

    def sdgs(self) -> list[int]:
        sdgs = _sdgs(self.text("sdg"))
        if sdgs is None:
            raise self.refuse(_("%(where)s: “%(value)s” names a goal outside 1 to 17."), self.raw("sdg"))
        return sdgs


def _draft(row: _Row, headers: Sequence[Any]) -> Draft:
    mapping = row.mapping
    country = row.country()
    territories = []
    if row.text("territory"):
        header = str(headers[mapping["territory"]])
        # With a partner column the country column is the partner's; the other side is then French.
        french = "partner_territory" in mapping or bool(_FRENCH_WORDS & set(_key(header).split()))
        territories.append(
            {"name": row.text("territory"), "country": "FR" if french else country, "level": _level(header)}
        )
    if row.text("partner_territory"):
        header = str(headers[mapping["partner_territory"]])
        territories.append(
            {"name": row.text("partner_territory"), "country": country, "level": _level(header)}
        )
    organisations = []
    if "organisation" in mapping:
        header_words = set(_key(str(headers[mapping["organisation"]])).split())
        kind = OrganisationType.ASSOCIATION if "association" in header_words else OrganisationType.AUTRE
        role = Role.OPERATEUR if header_words & _OPERATOR_WORDS else Role.PARTENAIRE
        organisations += [
            {"name": name, "type": kind, "country": None, "role": role}
            for name in _names(row.text("organisation"))
        ]
    funders = _names(row.text("funder"))
    organisations += [
        {"name": name, "type": OrganisationType.AUTRE, "country": None, "role": Role.FINANCEUR}
        for name in funders
    ]
    contact, email = row.text("contact"), row.text("email")
    if "@" in contact and not email:
        contact, email = "", contact
    themes_by_key = _themes_by_key()
    themes = [themes_by_key[_key(name)] for name in _names(row.text("theme")) if _key(name) in themes_by_key]
    return Draft(
        title=re.split(r"(?<=[.!?])\s", row.text("title"), maxsplit=1)[0][:TITLE_LENGTH],
        summary=row.text("description"),
        territories=territories,
        organisations=organisations,
        countries=sorted({t["country"] for t in territories if t["country"]} | ({country} - {""})),
        themes=list(dict.fromkeys(themes)),
        sdgs=row.sdgs(),
        start_year=row.year(),
        budget_total=row.amount(),
        funding=[{"funder": name, "amount": None, "currency": "EUR", "share_pct": None} for name in funders],
        contacts=[{"name": contact or email, "email": email or None}] if contact or email else [],
    )


def rows_to_drafts(
    file_name: str,
    headers: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    first_row: int = 2,
    deadline: Deadline | None = None,
) -> list[Draft]:
    """Return one draft per non-empty row; FIRST_ROW is the number the file shows for the first row.

    Themes that match none of the 19 theme codes or labels are left out; a row without a title, an
    unknown country, or an amount, year or goal that cannot be read stops the whole table.
    """
    mapping = require_title(file_name, headers)
    drafts = []
    for number, cells in enumerate(rows, start=first_row):
        if deadline is not None:
            deadline.check()
        if not any(cell_text(cell) for cell in cells):
            continue
        row = _Row(cells, mapping, _("%(file)s, row %(row)s") % {"file": file_name, "row": number})
        if not row.text("title"):
            raise row.refuse(_("%(where)s: the title is empty."), "")
        drafts.append(_draft(row, headers))
    return drafts


# The formats that hold tables, by extension: each gives `table(path) -> (headers, rows, first_row)`.
TABLE_FORMATS = {".csv": "passerelles.interop.csv", ".xlsx": "passerelles.interop.xlsx"}


def preview(path: Path, limit: int = 10) -> tuple[dict[str, int], list[list[str]]]:
    """Return the column mapping of the table in PATH and its header row followed by LIMIT rows.

    Refuse a file whose format holds no table or whose table has no title column.
    """
    module = TABLE_FORMATS.get(path.suffix.lower())
    if module is None:
        raise InputError(_("%(file)s is not a table (CSV or XLSX).") % {"file": path.name})
    headers, rows, _first_row = import_module(module).table(path)
    mapping = require_title(path.name, headers)
    shown = [[cell_text(cell) for cell in headers]]
    for cells in rows:
        if len(shown) > limit:
            break
        if any(cell_text(cell) for cell in cells):
            shown.append([cell_text(cell) for cell in cells])
    return mapping, shown
