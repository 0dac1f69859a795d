"""One search over projects, organisations and territories, used alike by the page, the API and the CLI.

The lexical ranking (stems, synonyms, corrected misspellings) gives up to CANDIDATES records,
the semantic one (nearest sentence embeddings) up to SEMANTIC_CANDIDATES; reciprocal rank fusion
merges them. The total and the facet counts are those of the merged candidates (so at most
1,100), which keeps a query's cost bounded whatever the size of the index; the requested page is
checked against the live tables.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from passerelles.classification.models import Sdg, Theme
from passerelles.lib.countries import country_name, is_country
from passerelles.lib.facets import FacetValue
from passerelles.lib.privacy import mask
from passerelles.lib.text import fold
from passerelles.organisations.choices import OrganisationType
from passerelles.organisations.models import Organisation
from passerelles.projects.models import Contact, Project
from passerelles.search import embeddings, semantic, vocabulary
from passerelles.search.analysis import WORD, Query, parse, stems
from passerelles.search.backends import Hit, Restriction, backend
from passerelles.search.index import index_versions, token
from passerelles.search.models import Kind, SearchEntry
from passerelles.territories.models import Territory

CANDIDATES = 1000
# Fewer from meaning than from words: past the first hundred, the nearest by meaning are noise.
SEMANTIC_CANDIDATES = 100
MAX_LIMIT = 100
# Reciprocal rank fusion constant (Cormack et al. 2009): damps the weight of the very first ranks.
RRF_K = 60
# Below this cosine a record is unrelated to the query for the USE model: on the demo data a short query
# scores 0.1 to 0.4 with the records it is about and under 0.15 with the others.
SEMANTIC_FLOOR = 0.15
MODES = ("hybrid", "lexical", "semantic")
SNIPPET_WORDS = 30
KINDS = {
    "project": Kind.PROJECT,
    "projects": Kind.PROJECT,
    "organisation": Kind.ORGANISATION,
    "organisations": Kind.ORGANISATION,
    "organization": Kind.ORGANISATION,
    "organizations": Kind.ORGANISATION,
    "territory": Kind.TERRITORY,
    "territories": Kind.TERRITORY,
}
MODELS = {Kind.PROJECT: Project, Kind.ORGANISATION: Organisation, Kind.TERRITORY: Territory}
FACETS = ("kind", "country", "theme", "sdg", "type", "year")


class SearchError(ValueError):
    """A filter value that cannot be searched; the message names it and says what is expected."""


@dataclass
class Filters:
    """The refinements of a search, already checked."""

    kind: str | None = None
    country: str | None = None
    theme: str | None = None
    sdg: int | None = None
    type: str | None = None
    year: int | None = None
    year_from: int | None = None
    year_to: int | None = None

    def restriction(self, with_kind: bool = True) -> Restriction:
        """Return the facet tokens and year range to require (the kind left out on request)."""
        tokens = []
        for facet in ("kind", "country", "theme", "sdg", "type")[0 if with_kind else 1 :]:
            value = getattr(self, facet)
            if value is not None:
                tokens.append(token(facet, value))
        low = max(filter(None, [self.year_from, self.year]), default=None)
        high = min(filter(None, [self.year_to, self.year]), default=None)
        return Restriction(tokens=tokens, year_from=low, year_to=high)

    def active(self) -> dict[str, str]:
        return {k: str(v) for k, v in vars(self).items() if v is not None}


def _refuse(message: str, value: str, **more: str):
    raise SearchError(message % {"value": value, **more})


def _year(value: str) -> int:
    if value.isdigit() and 1900 <= int(value) <= 2100:
        return int(value)
    return _refuse(_("“%(value)s” is not a year; give one from 1900 to 2100."), value)


def _kind(value: str) -> str:
    if value.lower() in KINDS:
        return KINDS[value.lower()]
    return _refuse(_("Unknown kind “%(value)s”; choose projects, organisations or territories."), value)


def _country(value: str) -> str:
    if is_country(value.upper()):
        return value.upper()
    return _refuse(_("Unknown country code “%(value)s”; give an ISO code such as FR or BF."), value)


def _theme(value: str) -> str:
    codes = list(Theme.objects.values_list("code", flat=True))
    if value in codes:
        return value
    return _refuse(
        _("Unknown theme “%(value)s”; choose one of: %(choices)s."), value, choices=", ".join(codes)
    )


def _sdg(value: str) -> int:
    if value.isdigit() and 1 <= int(value) <= 17:
        return int(value)
    return _refuse(_("“%(value)s” is not an SDG; give a number from 1 to 17."), value)


def _type(value: str) -> str:
    if value in OrganisationType.values:
        return value
    return _refuse(
        _("Unknown organisation type “%(value)s”; choose one of: %(choices)s."),
        value,
        choices=", ".join(OrganisationType.values),
    )


CHECKS = {
    "kind": _kind,
    "country": _country,
    "theme": _theme,
    "sdg": _sdg,
    "type": _type,
    "year": _year,
    "year_from": _year,
    "year_to": _year,
}


def parse_filters(params) -> tuple[Filters, list[str]]:
    """Read the filters of PARAMS (a QueryDict or a dict); return them with one message per refused value.

    A refused value is left out of the filters: the page ignores it with a notice, the API answers 400.
    """
    filters, errors = Filters(), []
    for name, check in CHECKS.items():
        raw = str(params.get(name) or "").strip()[:100]
        if raw:
            try:
                setattr(filters, name, check(raw))
            except SearchError as error:
                errors.append(str(error))
    return filters, errors


@dataclass
class Result:
    """One record found, with its score (1.0 when first in both rankings) and a highlighted snippet."""

    kind: str
    id: int
    name: str
    score: float
    snippet: SafeString
    url: str = ""

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "score": self.score,
            "snippet": str(self.snippet),
        }


@dataclass
class Results:
    """A page of results, the facets of all candidates, and what the user should be told."""

    query: str
    results: list[Result] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)


def highlight(text: str, query: Query, size: int = SNIPPET_WORDS) -> SafeString:
    """Return an escaped excerpt of TEXT around the first word the query matches, matches in <mark>."""
    wanted, prefixes = query.stems, tuple(query.prefixes)
    tokens = list(WORD.finditer(text))
    seen: dict[str, bool] = {}  # a text repeats its words: each is stemmed once

    def matches(word: str) -> bool:
        if word not in seen:
            seen[word] = any(s in wanted or s.startswith(prefixes) for s in stems(fold(word)))
        return seen[word]

    hits = [i for i, m in enumerate(tokens) if len(m.group()) > 1 and matches(m.group())]
    first = max(0, (hits[0] if hits else 0) - size // 4)
    chosen = tokens[first : first + size]
    if not chosen:
        return mark_safe("")
    marked = set(hits)
    parts = ["…" if first else ""]
    cursor = chosen[0].start()
    for offset, m in enumerate(chosen):
        parts.append(escape(text[cursor : m.start()]))
        word = escape(m.group())
        parts.append(f"<mark>{word}</mark>" if first + offset in marked else word)
        cursor = m.end()
    end = chosen[-1].end()
    parts.append("…" if first + size < len(tokens) else escape(text[cursor:end]))
    return mark_safe(re.sub(r"\s+", " ", "".join(parts)).strip())


def _fuse(rankings: list[list[tuple[str, int]]]) -> list[tuple[tuple[str, int], float]]:
    """Merge RANKINGS by reciprocal rank fusion; scale so that first in every ranking scores 1."""
    scores: dict[tuple[str, int], float] = defaultdict(float)
    for ranking in rankings:
        for rank, key in enumerate(ranking):
            scores[key] += 1 / (RRF_K + rank + 1)
    best = len(rankings) / (RRF_K + 1)
    return sorted(((key, score / best) for key, score in scores.items()), key=lambda pair: -pair[1])


def search(
    text: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0, mode: str = "hybrid"
) -> Results:
    """Search TEXT among the indexed records with FILTERS; return the page [OFFSET, OFFSET+LIMIT)."""
    filters = filters or Filters()
    limit = max(1, min(limit, MAX_LIMIT))
    text = (text or "").replace("\x00", " ")
    results = Results(query=text.strip())
    if not text.strip():
        results.notices.append(_("Type a few words to search projects, organisations and territories."))
        return results
    versions = index_versions()
    version = sum(versions.values())
    query = parse(text, correct=vocabulary.corrector(version), known=vocabulary.known(version))
    results.query, results.corrections = query.text.strip(), query.corrections
    if query.truncated:
        results.notices.append(
            _("The query was cut to its first %(count)s characters.") % {"count": len(query.text)}
        )
    if not query.groups:
        results.notices.append(_("These words are too common to search; add a more specific word."))
        return results
    restriction = filters.restriction()
    kinds = [filters.kind] if filters.kind else list(Kind.values)
    rankings: list[list[tuple[str, int]]] = []
    entries: dict[tuple[str, int], dict] = {}
    meaning = _rank_by_meaning(query.text, kinds, filters, versions) if mode != "lexical" else None
    if mode in ("hybrid", "lexical"):
        hits: list[Hit] = backend().lexical(query, restriction, CANDIDATES)
        rankings.append([(h.kind, h.object_id) for h in hits])
        entries = {
            (h.kind, h.object_id): {"facets": h.facets, "year_from": h.year_from, "year_to": h.year_to}
            for h in hits
        }
    if meaning is not None:
        rankings.append(meaning.result())
    fused = _fuse(rankings)
    entries |= _entries(
        [key for key, _score in fused if key not in entries], "facets", "year_from", "year_to"
    )
    fused = [(key, score) for key, score in fused if key in entries]
    results.total = len(fused)
    results.facets = _facets([entries[key] for key, _score in fused], filters)
    page = fused[offset : offset + limit]
    urls = _live_urls([key for key, _score in page])
    shown = _entries(list(urls), "name", "text")
    names = _contact_names([object_id for kind, object_id in shown if kind == Kind.PROJECT])
    for key, score in page:
        if key in urls and key in shown:
            name, text = shown[key]["name"], shown[key]["text"]
            if key[0] == Kind.PROJECT:
                name, text = mask(name, names[key[1]]), mask(text, names[key[1]])
            results.results.append(
                Result(
                    kind=key[0],
                    id=key[1],
                    name=name,
                    score=round(score, 4),
                    snippet=highlight(text, query),
                    url=urls[key],
                )
            )
    if not results.total:
        results.notices.append(_("Nothing was found; try other words or fewer filters."))
    return results


# Threads for the products with every vector: numpy lets go of the GIL while it computes them.
_SCORING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="semantic")


def _rank_by_meaning(
    text: str, kinds: list[str], filters: Filters, versions: dict[str, int]
) -> Future[list[tuple[str, int]]]:
    """Start ranking the records of KINDS by meaning; return the ranking to come.

    The database is read here (the vectors when they changed, the ids that the filters allow);
    the products, a tenth of a second at a million records, then run on a thread while the
    caller runs the lexical query, whose driver also lets go of the GIL while it waits.
    """
    vector = embeddings.embed([text])[0]
    # Each kind has its own vectors: only the other filters need the ids they allow.
    narrowing = filters.restriction(with_kind=False)
    narrowed = bool(narrowing.tokens or narrowing.year_from or narrowing.year_to)
    work = [
        (
            kind,
            semantic.matrix(kind, versions[kind]),
            backend().restricted_ids(kind, narrowing) if narrowed else None,
        )
        for kind in kinds
    ]

    def rank() -> list[tuple[str, int]]:
        found = [
            ((kind, object_id), score)
            for kind, data, allowed in work
            for object_id, score in semantic.nearest(
                data, vector, allowed, SEMANTIC_CANDIDATES, SEMANTIC_FLOOR
            )
        ]
        found.sort(key=lambda pair: -pair[1])
        return [key for key, _score in found[:SEMANTIC_CANDIDATES]]

    return _SCORING.submit(rank)


def _entries(keys: list[tuple[str, int]], *fields: str) -> dict[tuple[str, int], dict]:
    """Return FIELDS of the entries of KEYS that still exist, as dictionaries (read without models:
    a query reads a thousand of them)."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for kind, object_id in keys:
        by_kind[kind].append(object_id)
    found = {}
    for kind, ids in by_kind.items():
        for start in range(0, len(ids), 500):
            rows = SearchEntry.objects.filter(kind=kind, object_id__in=ids[start : start + 500])
            for row in rows.values("object_id", *fields):
                found[(kind, row["object_id"])] = row
    return found


def _contact_names(project_ids: list[int]) -> dict[int, list[str]]:
    """Return the names of the contacts of each project, masked in what a search shows whoever asks.

    The index is written masked already (search.index); this covers a contact added since.
    """
    names: dict[int, list[str]] = defaultdict(list)
    for project_id, name in Contact.objects.filter(project_id__in=project_ids).values_list(
        "project_id", "name"
    ):
        names[project_id].append(name)
    return names


def _live_urls(keys: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Return the addresses of the records still stored (and published, for projects)."""
    urls: dict[tuple[str, int], str] = {}
    for kind, model in MODELS.items():
        ids = [object_id for k, object_id in keys if k == kind]
        if ids:
            rows = model._default_manager.filter(pk__in=ids)
            if kind == Kind.PROJECT:
                rows = rows.filter(is_published=True)
            rows = rows.only("pk", "slug")
            urls.update({(str(kind), row.pk): row.get_absolute_url() for row in rows})  # type: ignore[attr-defined]
    return urls


def _facets(entries: list[dict], filters: Filters) -> dict[str, list[FacetValue]]:
    """Count, for each facet, the candidates having each value."""
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    prefixes = {f"x{name}": name for name in ("kind", "country", "theme", "sdg", "type")}
    themes = {token("theme", t.code): t for t in Theme.objects.all()}
    # Tokens and year spans are counted first, then each distinct one is read once: a thousand
    # candidates share a few hundred of them.
    tokens = Counter(item for entry in entries for item in set(entry["facets"].split()))
    for item, count in tokens.items():
        for prefix, name in prefixes.items():
            if item.startswith(prefix):
                value = themes[item].code if name == "theme" and item in themes else item[len(prefix) :]
                counts[name][value] += count
                break
    spans = Counter((e["year_from"], e["year_to"]) for e in entries if e["year_from"])
    for (first, last), count in spans.items():
        for year in range(first, min(last or first, first + 30) + 1):
            counts["year"][str(year)] += count
    active = filters.active()
    sdgs = {str(s.number): f"{s.number}. {s.title}" for s in Sdg.objects.all()}
    types = {k: str(v) for k, v in OrganisationType.choices}
    kinds = {k: str(v) for k, v in Kind.choices}
    labels: dict[str, Callable[[str], str | None]] = {
        "kind": kinds.get,
        "country": lambda v: country_name(v.upper()),
        "theme": lambda v: next((t.label for t in themes.values() if t.code == v), v),
        "sdg": sdgs.get,
        "type": types.get,
        "year": str,
    }
    facets: dict[str, list[FacetValue]] = {}
    for name, counter in counts.items():
        values = []
        for raw, count in counter.items():
            value = raw.upper() if name == "country" else raw
            values.append(FacetValue(value, labels[name](raw) or value, count, active.get(name) == value))
        if name in ("sdg", "year"):
            values.sort(key=lambda v: int(v.value))
        else:
            values.sort(key=lambda v: (-v.count, fold(v.label)))
        facets[name] = values
    return facets


def search_params(params: QueryDict | dict) -> tuple[str, Filters, list[str]]:
    """Read the query text and filters of a request's parameters; return them with refusals."""
    filters, errors = parse_filters(params)
    return str(params.get("q") or ""), filters, errors
