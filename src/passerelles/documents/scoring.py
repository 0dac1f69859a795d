"""Score extracted drafts against expected records (record format v1), field by field.

Each expected record is aligned to the draft that shares the most with it (its title, the names of
its territories and organisations); each field is then scored with precision, recall and F1 over
its items. A record left without a draft counts as missed in every field; a draft left without a
record counts only in the `projects` row, as the segmentation's error rather than each field's.
The rules follow the project's own scorer (shared/eval/score_records.py), with the product's
name comparison, so that a step's figures here move as the evaluation's do.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from passerelles.documents.drafts import Draft
from passerelles.lib.names import core_name, same_actor

# Two core names or titles this close (rapidfuzz ratio, 0-100) are one spelling, as the scorer
# accepts them.
SAME_SPELLING = 88
# A record and a draft less alike than this (0-1) are not the same project.
ALIGNED = 0.35
_ENGLISH_PREFIX = re.compile(r"^(?:the )?(?:city|town|municipality|county|region|province|department) of ")

# What each step of the pipeline assigns, as rows of the table; without a step, every field.
STEP_ROWS = {
    "mentions": ["mentions"],
    "segment": ["projects", "titles"],
    "contacts": ["contacts"],
    "territories": ["territories", "countries"],
    "organisations": ["organisations"],
    "funding": ["budget_total", "funding"],
    "years": ["start_year"],
    "labels": ["sdgs", "themes", "ess_dimension"],
}
FIELD_ROWS = [
    "projects",
    "titles",
    "territories",
    "countries",
    "organisations",
    "contacts",
    "budget_total",
    "funding",
    "start_year",
    "sdgs",
    "themes",
    "ess_dimension",
]


def _core(name: str) -> str:
    return _ENGLISH_PREFIX.sub("", core_name(name))


def same_name(name: str, other: str) -> bool:
    """Tell whether two spellings name one actor, a typo or an English "City of" apart."""
    a, b = _core(name), _core(other)
    return bool(a and b) and (a == b or same_actor(name, other) or fuzz.ratio(a, b) >= SAME_SPELLING)


def same_title(title: str, other: str) -> bool:
    return fuzz.ratio(_core(title), _core(other)) >= SAME_SPELLING


def _near(value: float | None, wanted: float | None, tolerance: float) -> bool:
    return value is not None and wanted is not None and abs(float(value) - float(wanted)) <= tolerance


def same_funding(line: dict, other: dict) -> bool:
    """Tell whether OTHER agrees with the expected LINE: one funder, and the amount (1 %) or else
    the share that LINE gives."""
    if not same_name(line.get("funder") or "", other.get("funder") or ""):
        return False
    amount, share = line.get("amount_eur"), line.get("share_pct")
    if amount is not None:
        return _near(other.get("amount_eur"), amount, 0.01 * float(amount))
    if share is not None:
        return _near(other.get("share_pct"), share, 0.5)
    return True


def record_of(draft: Draft) -> dict:
    """Return DRAFT written as a record of format v1."""

    def number(value: Any) -> float | None:
        return None if value is None else float(value)

    return {
        "title": draft.title,
        "territories": [
            {"name": t["name"], "country": t.get("country") or None, "level": t.get("level")}
            for t in draft.territories
        ],
        "countries": draft.countries,
        "organisations": [
            {"name": o["name"], "type": o.get("type"), "country": o.get("country") or None}
            for o in draft.organisations
        ],
        "themes": draft.themes,
        "sdgs": draft.sdgs,
        "start_year": draft.start_year,
        "budget_total_eur": number(draft.budget_total),
        "funding": [
            {
                "funder": f["funder"],
                "amount_eur": number(f.get("amount")),
                "share_pct": number(f.get("share_pct")),
            }
            for f in draft.funding
        ],
        "contacts": [{"name": c["name"], "email": c.get("email") or None} for c in draft.contacts],
        "ess_dimension": bool(draft.ess_dimension),
    }


def _names(items: Iterable[dict] | None, key: str = "name") -> list[str]:
    return [item[key] for item in items or [] if (item.get(key) or "").strip()]


def _scalar(value: object) -> list:
    return [] if value is None else [value]


def _equal(a: Any, b: Any) -> bool:
    return a == b


# Each row: the items of a record, and when two items are the same.
Items = Callable[[dict], list]
ROWS: dict[str, tuple[Items, Callable[[Any, Any], bool]]] = {
    "titles": (lambda r: _names([r], "title"), same_title),
    "territories": (lambda r: _names(r.get("territories")), same_name),
    "countries": (lambda r: sorted(set(r.get("countries") or [])), _equal),
    "organisations": (lambda r: _names(r.get("organisations")), same_name),
    "mentions": (lambda r: _names(r.get("territories")) + _names(r.get("organisations")), same_name),
    "contacts": (lambda r: _names(r.get("contacts")), same_name),
    "budget_total": (
        lambda r: _scalar(r.get("budget_total_eur")),
        lambda wanted, got: _near(got, wanted, 0.01 * float(wanted)),
    ),
    "funding": (lambda r: list(r.get("funding") or []), same_funding),
    "start_year": (lambda r: _scalar(r.get("start_year")), _equal),
    "sdgs": (lambda r: sorted({int(n) for n in r.get("sdgs") or []}), _equal),
    "themes": (lambda r: sorted(set(r.get("themes") or [])), _equal),
    # The dimension is one item, present when the project has it.
    "ess_dimension": (lambda r: [True] if r.get("ess_dimension") else [], _equal),
}


@dataclass
class Tally:
    """Items found and expected of one row: true positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: list, found: list, same: Callable[[Any, Any], bool]) -> None:
        """Match FOUND to EXPECTED one to one, each expected item to the first found item like it.

        SAME is called with the expected item first.
        """
        left = list(found)
        for item in expected:
            match = next((i for i, other in enumerate(left) if same(item, other)), None)
            if match is None:
                self.fn += 1
            else:
                left.pop(match)
                self.tp += 1
        self.fp += len(left)

    def as_dict(self) -> dict:
        """Return precision, recall and F1 with the counts; an empty side counts as perfect."""
        found, expected = self.tp + self.fp, self.tp + self.fn
        precision = self.tp / found if found else float(not expected)
        recall = self.tp / expected if expected else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "expected": expected,
            "found": found,
        }


def similarity(record: dict, other: dict) -> float:
    """Return how alike two records are (0-1): half their titles, half the names they share."""
    title = fuzz.ratio(_core(record.get("title") or ""), _core(other.get("title") or "")) / 100
    names = _names(record.get("territories")) + _names(record.get("organisations"))
    other_names = _names(other.get("territories")) + _names(other.get("organisations"))
    shared = Tally()
    shared.add(names, other_names, same_name)
    return 0.5 * title + 0.5 * shared.tp / max(1, min(len(names), len(other_names)))


def align(expected: list[dict], found: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair each expected record with the found record most like it, best pairs first, one to one."""
    scored = sorted(
        ((similarity(e, f), i, j) for i, e in enumerate(expected) for j, f in enumerate(found)),
        key=lambda pair: -pair[0],
    )
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for score, i, j in scored:
        if score < ALIGNED:
            break
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return [(record, found[pairs[i]] if i in pairs else None) for i, record in enumerate(expected)]


def score(pairs: list[tuple[dict, dict | None]], found: int, rows: list[str]) -> dict[str, dict]:
    """Score the aligned PAIRS on ROWS; FOUND is the number of drafts, aligned or not.

    `projects` counts the aligned pairs against the records expected and the drafts found.
    """
    table: dict[str, dict] = {}
    for row in rows:
        tally = Tally()
        if row == "projects":
            tally.tp = sum(1 for _record, draft in pairs if draft is not None)
            tally.fp, tally.fn = found - tally.tp, len(pairs) - tally.tp
        else:
            items, same = ROWS[row]
            for record, draft in pairs:
                tally.add(items(record), items(draft or {}), same)
        table[row] = tally.as_dict()
    return table


def overall(table: dict[str, dict]) -> float:
    """Return the mean F1 of the table's rows."""
    return round(sum(row["f1"] for row in table.values()) / len(table), 3) if table else 0.0
