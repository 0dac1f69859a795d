"""The lexical index on each database engine, behind one interface chosen by `connection.vendor`.

SQLite answers with FTS5 (migration 0002), PostgreSQL with tsvector columns built through
unaccent. Both receive the same stems, each quoted as a literal term: what a user typed never
reaches MATCH or to_tsquery as syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from passerelles.search.analysis import Query, Word


@dataclass(frozen=True)
class Hit:
    """A lexical match, with the facets and years of its entry (read with it, so not read again)."""

    kind: str
    object_id: int
    score: float
    facets: str
    year_from: int | None
    year_to: int | None


@dataclass
class Restriction:
    """What every result must have: facet tokens (all of them) and years overlapping a range."""

    tokens: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None

    def years_sql(self) -> tuple[str, list[str | int]]:
        """Return the SQL condition on the entry `e` for the year range, and its parameters."""
        sql, params = "", []  # type: tuple[str, list[str | int]]
        if self.year_from is not None:
            sql += " AND e.year_from IS NOT NULL AND COALESCE(e.year_to, e.year_from) >= %s"
            params.append(self.year_from)
        if self.year_to is not None:
            sql += " AND e.year_from IS NOT NULL AND e.year_from <= %s"
            params.append(self.year_to)
        return sql, params


class SqliteBackend:
    """FTS5 with the unicode61 tokenizer (diacritics removed) over the stems; bm25 ranking.

    CROSS JOIN makes SQLite read the full-text matches first: left free, it may walk the entries
    by kind and run the MATCH once for each of them.
    """

    # The matches a lexical query ranks, at most: with its synonyms a query's ranking costs up to
    # 5 microseconds a match, so this keeps it near 25 ms of the 100 ms that a search may take on
    # two cores, and leaves five matches to choose from for each of the thousand candidates kept.
    # Meaning (the semantic side) still ranks every record.
    RANKED = 5_000

    @staticmethod
    def _word(word: Word) -> str:
        star = "*" if word.prefix else ""
        return "(" + " OR ".join(f'"{stem}"{star}' for stem in word.stems) + ")"

    def _expression(self, query: Query) -> str:
        groups = [
            "("
            + " OR ".join("(" + " AND ".join(self._word(w) for w in alt) + ")" for alt in g.alternatives)
            + ")"
            for g in query.groups
        ]
        return "{terms} : (" + " AND ".join(groups) + ")"

    @staticmethod
    def _facets(tokens: list[str]) -> str:
        return "{facets} : (" + " AND ".join(f'"{t}"' for t in tokens) + ")"

    def lexical(self, query: Query, restriction: Restriction, limit: int) -> list[Hit]:
        """Return the LIMIT best matches by bm25 among the RANKED most recently indexed.

        bm25 costs about a microsecond per match: a query whose words are in a fifth of a million
        records would take a quarter of a second. Any query precise enough is ranked in full; only
        the best LIMIT are joined to their entries.
        """
        match = self._expression(query)
        if restriction.tokens:
            match += " AND " + self._facets(restriction.tokens)
        years, params = restriction.years_sql()
        join = "CROSS JOIN search_searchentry e ON e.id = search_fts.rowid" if years else ""
        sql = (
            "SELECT e.kind, e.object_id, r.rank, e.facets, e.year_from, e.year_to FROM ("
            "SELECT search_fts.rowid AS id, bm25(search_fts, 1.0, 0.0) AS rank "
            f"FROM search_fts {join} WHERE search_fts MATCH %s{years} "
            f"ORDER BY search_fts.rowid DESC LIMIT {self.RANKED}) r "
            "CROSS JOIN search_searchentry e ON e.id = r.id ORDER BY r.rank LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *params, limit])
            return [
                Hit(kind, object_id, -rank, *entry) for kind, object_id, rank, *entry in cursor.fetchall()
            ]

    def restricted_ids(self, kind: str, restriction: Restriction) -> list[int]:
        years, params = restriction.years_sql()
        if restriction.tokens:
            sql = (
                "SELECT e.object_id FROM search_fts "
                "CROSS JOIN search_searchentry e ON e.id = search_fts.rowid "
                f"WHERE search_fts MATCH %s AND e.kind = %s{years}"
            )
            params = [self._facets(restriction.tokens), kind, *params]
        else:
            sql = f"SELECT e.object_id FROM search_searchentry e WHERE e.kind = %s{years}"
            params = [kind, *params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]


class PostgresqlBackend:
    """tsvector columns over unaccented stems (simple configuration), GIN indexes, ts_rank_cd ranking."""

    @staticmethod
    def _word(word: Word) -> str:
        star = ":*" if word.prefix else ""
        return "(" + " | ".join(f"'{stem}'{star}" for stem in word.stems) + ")"

    def _expression(self, query: Query) -> str:
        return " & ".join(
            "("
            + " | ".join("(" + " & ".join(self._word(w) for w in alt) + ")" for alt in g.alternatives)
            + ")"
            for g in query.groups
        )

    @staticmethod
    def _facets(tokens: list[str]) -> str:
        return " & ".join(f"'{t}'" for t in tokens)

    # GIN gives the matches in no order: the most recent ones are found either by reading every
    # match (about 4 microseconds each, the rows being scattered) or by walking the entries from
    # the newest (about 1 microsecond each, checking each one). A sample of the newest entries tells
    # which is cheaper; the walk reads at most WALKED entries, and ts_rank_cd, which costs up to
    # 25 microseconds a match on a query with synonyms, ranks at most RANKED of them: as many as
    # the candidates a search keeps (engine.CANDIDATES), since walking to more matches costs more
    # than the ranking they would refine.
    SAMPLE = 2_000
    WALKED = 20_000
    READ_MATCHES = 5_000
    RANKED = 1_000

    def lexical(self, query: Query, restriction: Restriction, limit: int) -> list[Hit]:
        """Return the LIMIT best matches by ts_rank_cd among the RANKED most recent ones."""
        years, params = restriction.years_sql()
        facets = ""
        if restriction.tokens:
            facets = " AND e.facets_tsv @@ to_tsquery('simple', %s)"
            params = [self._facets(restriction.tokens), *params]
        expression = self._expression(query)
        condition = f"e.terms_tsv @@ to_tsquery('simple', %s){facets}{years}"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), (SELECT reltuples FROM pg_class WHERE relname = 'search_searchentry') "
                "FROM (SELECT * FROM search_searchentry ORDER BY id DESC LIMIT %s) e "
                f"WHERE {condition}",
                [self.SAMPLE, expression, *params],
            )
            sampled, entries = cursor.fetchone()
            entries = max(entries, self.SAMPLE)
            source, arguments = "search_searchentry e", [expression, *params]
            if sampled * entries / self.SAMPLE > self.READ_MATCHES:
                # OFFSET 0 keeps the planner from reading every match through GIN: the newest
                # entries are walked in order until RANKED match, WALKED at most.
                source = "(SELECT * FROM search_searchentry ORDER BY id DESC LIMIT %s OFFSET 0) e"
                arguments = [self.WALKED, *arguments]
            window = (
                "SELECT e.id, e.kind, e.object_id, e.terms_tsv, e.facets, e.year_from, e.year_to "
                f"FROM {source} WHERE {condition} ORDER BY e.id DESC LIMIT {self.RANKED}"
            )
            cursor.execute(
                "SELECT w.kind, w.object_id, ts_rank_cd(w.terms_tsv, q) AS rank, "
                f"w.facets, w.year_from, w.year_to FROM ({window}) w, "
                "to_tsquery('simple', %s) q ORDER BY rank DESC, w.id DESC LIMIT %s",
                [*arguments, expression, limit],
            )
            return [
                Hit(kind, object_id, float(rank), *entry)
                for kind, object_id, rank, *entry in cursor.fetchall()
            ]

    def restricted_ids(self, kind: str, restriction: Restriction) -> list[int]:
        years, params = restriction.years_sql()
        facets = ""
        if restriction.tokens:
            facets = " AND e.facets_tsv @@ to_tsquery('simple', %s)"
            params = [self._facets(restriction.tokens), *params]
        sql = f"SELECT e.object_id FROM search_searchentry e WHERE e.kind = %s{facets}{years}"
        with connection.cursor() as cursor:
            cursor.execute(sql, [kind, *params])
            return [row[0] for row in cursor.fetchall()]


def backend() -> SqliteBackend | PostgresqlBackend:
    """Return the backend of the default database's engine."""
    if connection.vendor == "postgresql":
        return PostgresqlBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    # DATABASE_URL names another engine: a setting to change, not a search to run.
    raise ImproperlyConfigured(f"Search supports SQLite and PostgreSQL, not {connection.vendor}.")
