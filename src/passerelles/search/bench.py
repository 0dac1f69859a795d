"""Benchmark of search: a synthetic data set in a temporary database, indexed, then queried.

The records are composed from the field's vocabulary (themes, SDG titles, organisation kinds,
French places and foreign provinces from pycountry), in French and English, so that the index
holds a realistic vocabulary and realistic term frequencies.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pycountry
from django.db import connection

from passerelles.lib.bench import disk_read_mb, peak_memory_mb, peak_worker_memory_mb, stopwatch

FRANCE = Path(__file__).resolve().parents[1] / "territories" / "data" / "france.json"
QUERIES = 200
MATCH_QUERIES = 100
# Untimed calls before each timed phase, drawn apart from the timed ones: a server in use has its
# indexes in memory, and the machine may have reclaimed them while the previous phase ran.
WARMUP = 20
COUNTRIES = [
    "SN",
    "BF",
    "ML",
    "BJ",
    "CM",
    "MA",
    "TN",
    "MG",
    "HT",
    "VN",
    "CO",
    "BO",
    "PE",
    "LB",
    "PS",
    "NE",
    "TG",
    "GN",
]

FR_ORG = [
    "Association",
    "Coopérative",
    "Scop",
    "Scic",
    "Fondation",
    "Mutuelle",
    "Réseau",
    "Collectif",
    "Union",
]
EN_ORG = ["Association", "Cooperative", "Foundation", "Network", "Trust", "Alliance", "Collective"]
FR_ACTIONS = [
    "accompagne les collectivités partenaires dans",
    "forme des jeunes et des femmes à",
    "structure des filières locales pour",
    "mobilise l'épargne solidaire au service de",
    "développe des coopératives villageoises pour",
]
EN_ACTIONS = [
    "supports partner local governments with",
    "trains young people and women in",
    "builds local supply chains for",
    "raises solidarity savings for",
    "sets up village cooperatives for",
]
FR_PROJECT = ["Appui à", "Programme de", "Projet pilote de", "Renforcement de", "Coopération pour"]
EN_PROJECT = ["Support to", "Programme for", "Pilot project on", "Strengthening", "Cooperation on"]
TYPES = ["association", "cooperative", "fondation", "mutuelle", "reseau", "entreprise"]
TYPO_RATE = 0.15


def _places() -> tuple[list[str], dict[str, list[str]]]:
    data = json.loads(FRANCE.read_text(encoding="utf-8"))
    french = list(data["regions"]) + list(data["departements"]) + list(data.get("cities", []))
    french = [p if isinstance(p, str) else p.get("name", "") for p in french]
    foreign = {
        # Sorted: pycountry returns a set, whose order would change the queries from run to run.
        code: sorted(s.name for s in pycountry.subdivisions.get(country_code=code) or [])
        or [pycountry.countries.lookup(code).name]
        for code in COUNTRIES
    }
    return [p for p in french if p], foreign


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]


def _build(projects: int, organisations: int, rng: random.Random) -> dict:
    """Store the synthetic records with bulk inserts (the index is built afterwards, and timed)."""
    from passerelles.classification.models import Sdg, Theme
    from passerelles.organisations.models import Organisation
    from passerelles.projects.models import Participation, Project
    from passerelles.territories.models import Territory

    themes, sdgs = list(Theme.objects.all()), list(Sdg.objects.all())
    french, foreign = _places()
    territories = [
        Territory(name=p, slug=f"fr-{i}", level="commune", country="FR") for i, p in enumerate(french)
    ]
    for code, names in foreign.items():
        territories += [
            Territory(name=n, slug=f"{code.lower()}-{i}", level="region", country=code)
            for i, n in enumerate(names)
        ]
    territories = Territory.objects.bulk_create(territories, batch_size=2000, ignore_conflicts=True)
    territories = list(Territory.objects.all())
    foreign_territories = [t for t in territories if t.country != "FR"]
    french_territories = [t for t in territories if t.country == "FR"]

    rows, skills = [], []
    for i in range(organisations):
        theme = rng.choice(themes)
        english = rng.random() < 0.3
        home = rng.choice(foreign_territories if rng.random() < 0.4 else french_territories)
        if english:
            name = f"{rng.choice(EN_ORG)} for {theme.label_en} {home.name} {i}"
            text = (
                f"The organisation {rng.choice(EN_ACTIONS)} {theme.label_en.lower()} in {home.name}, "
                f"toward “{rng.choice(sdgs).title_en}”."
            )
        else:
            name = f"{rng.choice(FR_ORG)} {theme.label_fr} {home.name} {i}"
            text = (
                f"La structure {rng.choice(FR_ACTIONS)} {theme.label_fr.lower()} à {home.name}, "
                f"pour « {rng.choice(sdgs).title_fr} »."
            )
        rows.append(
            Organisation(
                name=name,
                slug=f"o{i}",
                type=rng.choice(TYPES),
                is_ess=rng.random() < 0.7,
                country=home.country,
                territory=home,
                description=text,
                founded_year=rng.randint(1950, 2024),
            )
        )
        skills.append(theme)
    created = Organisation.objects.bulk_create(rows, batch_size=2000)
    Organisation.skills.through.objects.bulk_create(
        [
            Organisation.skills.through(organisation_id=o.pk, theme_id=t.code)
            for o, t in zip(created, skills, strict=True)
        ],
        batch_size=5000,
    )

    project_rows, links = [], []
    for i in range(projects):
        chosen = rng.sample(themes, 2)
        partner = rng.choice(foreign_territories)
        french_side = rng.choice(french_territories)
        sdg = rng.choice(sdgs)
        if rng.random() < 0.3:
            title = f"{rng.choice(EN_PROJECT)} {chosen[0].label_en.lower()} in {partner.name}"
            summary = (
                f"{french_side.name} and {partner.name} cooperate on {chosen[0].label_en.lower()} and "
                f"{chosen[1].label_en.lower()}. The project contributes to “{sdg.title_en}”."
            )
        else:
            title = f"{rng.choice(FR_PROJECT)} {chosen[0].label_fr.lower()} à {partner.name}"
            summary = (
                f"{french_side.name} et {partner.name} coopèrent pour {chosen[0].label_fr.lower()} et "
                f"{chosen[1].label_fr.lower()}. Le projet contribue à « {sdg.title_fr} »."
            )
        start = rng.randint(2005, 2024)
        project_rows.append(
            Project(
                title=title,
                slug=f"p{i}",
                summary=summary,
                start_year=start,
                end_year=start + rng.randint(0, 4),
            )
        )
        links.append((chosen, sdg, [french_side, partner], rng.sample(created, min(3, len(created)))))
    stored = Project.objects.bulk_create(project_rows, batch_size=2000)
    through: dict = {
        "themes": Project.themes.through,
        "sdgs": Project.sdgs.through,
        "territories": Project.territories.through,
    }
    through["themes"].objects.bulk_create(
        [
            through["themes"](project_id=p.pk, theme_id=t.code)
            for p, (ts, _s, _t, _o) in zip(stored, links, strict=True)
            for t in ts
        ],
        batch_size=5000,
    )
    through["sdgs"].objects.bulk_create(
        [
            through["sdgs"](project_id=p.pk, sdg_id=s.number)
            for p, (_ts, s, _t, _o) in zip(stored, links, strict=True)
        ],
        batch_size=5000,
    )
    through["territories"].objects.bulk_create(
        [
            through["territories"](project_id=p.pk, territory_id=t.pk)
            for p, (_ts, _s, ts, _o) in zip(stored, links, strict=True)
            for t in ts
        ],
        batch_size=5000,
    )
    Participation.objects.bulk_create(
        [
            Participation(project=p, organisation=o, role="partenaire")
            for p, (_ts, _s, _t, os) in zip(stored, links, strict=True)
            for o in os
        ],
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        # What any bulk load is followed by: the planner learns the sizes, and on PostgreSQL the
        # visibility map lets the queries that read an index alone skip the table.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return _vocabulary()


def _vocabulary() -> dict:
    """Return the themes and place names that the records were composed from, to compose queries."""
    from passerelles.classification.models import Theme

    french, foreign = _places()
    return {
        "themes": list(Theme.objects.all()),
        "places": french + [n for names in foreign.values() for n in names],
    }


def _queries(rng: random.Random, vocabulary: dict) -> list[str]:
    queries = []
    for _ in range(QUERIES):
        theme = rng.choice(vocabulary["themes"])
        label = theme.label_fr if rng.random() < 0.6 else theme.label_en
        words = label.lower().split()[:2]
        if rng.random() < 0.5:
            words.append(rng.choice(vocabulary["places"]).split()[0])
        if rng.random() < TYPO_RATE:
            words[0] = _typo(rng, words[0])
        queries.append(" ".join(words))
    return queries


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return round(statistics.median(ordered) * 1000, 1), round(p95 * 1000, 1)


def _needs(rng: random.Random, vocabulary: dict) -> list[tuple[str, str | None]]:
    """Return needs in free text, as a partner territory would write them, half with a country."""
    needs = []
    for _ in range(MATCH_QUERIES):
        theme = rng.choice(vocabulary["themes"])
        place = rng.choice(vocabulary["places"])
        if rng.random() < 0.6:
            text = f"Notre commune partenaire cherche un appui pour {theme.label_fr.lower()} à {place}."
        else:
            text = f"Our partner town needs support with {theme.label_en.lower()} in {place}."
        needs.append((text, rng.choice(COUNTRIES) if rng.random() < 0.5 else None))
    return needs


def _search_calls(rng: random.Random, queries: list[str]) -> dict[str, list[Callable[[], object]]]:
    from passerelles.search.engine import Filters, search

    countries = ["FR", *COUNTRIES]
    calls: dict[str, list[Callable[[], object]]] = {
        mode: [partial(search, q, mode=mode) for q in queries] for mode in SEARCH_MODES[:3]
    }
    calls["faceted"] = [
        partial(search, q, Filters(country=rng.choice(countries), sdg=rng.randint(1, 17))) for q in queries
    ]
    return calls


def _timed(
    figures: dict, mode: str, calls: Sequence[Callable[[], object]], warmup: Sequence[Callable[[], object]]
) -> None:
    """Time CALLS after the untimed WARMUP; add their p50 and p95, and what the machine read from disk."""
    for call in warmup:
        call()
    read_before = disk_read_mb()
    samples = []
    for call in calls:
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    figures[f"{mode}_p50_ms"], figures[f"{mode}_p95_ms"] = _percentiles(samples)
    read_after = disk_read_mb()
    if read_before is not None and read_after is not None:
        figures[f"{mode}_disk_read_mb"] = round(read_after - read_before)


@contextmanager
def _database(kept: str | None):
    """Switch the connection to a benchmark database: a temporary one, or KEPT, created when missing.

    Building a million records takes an hour: a kept database (a file path on SQLite, a database
    name on PostgreSQL) lets the queries be measured again, after a change, on the same data.
    Yield whether the data set must be built.
    """
    old_name = connection.settings_dict["NAME"]
    test = connection.settings_dict.setdefault("TEST", {})
    saved_test_name = test.get("NAME")
    with tempfile.TemporaryDirectory() as folder:
        if kept:
            name = kept
        elif connection.vendor == "sqlite":
            name = str(Path(folder) / "bench.sqlite3")
        else:
            name = f"passerelles_bench_{int(time.time())}"
        exists = kept is not None and _exists(name)
        test["NAME"] = name
        if exists:
            connection.close()
            connection.settings_dict["NAME"] = name
        else:
            connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            yield not exists
        finally:
            if kept:
                connection.close()
                connection.settings_dict["NAME"] = old_name
            else:
                connection.creation.destroy_test_db(old_name, verbosity=0)
            if saved_test_name is None:
                test.pop("NAME", None)
            else:
                test["NAME"] = saved_test_name


def _exists(name: str) -> bool:
    if connection.vendor == "sqlite":
        return Path(name).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def _fully_indexed() -> bool:
    """Return whether every record of the data set has its search entry (a rebuild may have been cut)."""
    from passerelles.search.index import SOURCES
    from passerelles.search.models import SearchEntry

    return all(
        SearchEntry.objects.filter(kind=kind).count() == records().count()
        for kind, (records, _describe) in SOURCES.items()
    )


SEARCH_MODES = ("lexical", "semantic", "hybrid", "faceted")
MODES = (*SEARCH_MODES, "match")


def bench_search(
    projects: int = 1_000,
    organisations: int = 10_000,
    database: str | None = None,
    modes: Sequence[str] = MODES,
) -> dict:
    """Build PROJECTS and ORGANISATIONS synthetic records in a temporary database, index and query them.

    With DATABASE, the data set is built there once and kept; later runs only query it. MODES
    picks the figures: matching alone needs no search index, so the index, which takes most of
    the building time, is built only for a search mode, when the data set lacks a complete one.
    The queries drawn are the same whatever the modes. Each timed phase follows WARMUP untimed
    calls of its own kind, drawn from another seed.
    """
    from passerelles.matching.pipeline import match
    from passerelles.organisations.models import Organisation
    from passerelles.projects.models import Project
    from passerelles.search.engine import search
    from passerelles.search.index import rebuild

    rng, warm_rng = random.Random(5), random.Random(6)
    figures: dict = {}
    with _database(database) as build:
        if build:
            with stopwatch(figures, "data_s"):
                vocabulary = _build(projects, organisations, rng)
        else:
            vocabulary = _vocabulary()
        searching = [mode for mode in SEARCH_MODES if mode in modes]
        if searching and not _fully_indexed():
            with stopwatch(figures, "index_build_s"):
                counts = rebuild()
            figures["indexed"] = sum(counts.values())
            figures["indexed_per_s"] = round(figures["indexed"] / figures["index_build_s"])
        figures["projects"] = Project.objects.count()
        figures["organisations"] = Organisation.objects.count()
        calls = _search_calls(rng, _queries(rng, vocabulary))
        warmup = _search_calls(warm_rng, _queries(warm_rng, vocabulary)[:WARMUP])
        if searching:
            with stopwatch(figures, "first_query_s"):  # loads the vectors and the vocabulary
                search("eau potable", mode="hybrid")
        for mode in searching:
            _timed(figures, mode, calls[mode], warmup[mode])
        needs = _needs(rng, vocabulary)
        if "match" in modes:
            with stopwatch(figures, "first_match_s"):  # embeds the projects' passages once
                match(*needs[0])
            _timed(
                figures,
                "match",
                [partial(match, text, country) for text, country in needs],
                [partial(match, text, country) for text, country in _needs(warm_rng, vocabulary)[:WARMUP]],
            )
    figures["peak_memory_mb"] = round(peak_memory_mb())
    workers = peak_worker_memory_mb()
    if workers:
        figures["peak_worker_memory_mb"] = round(workers)
    return figures
