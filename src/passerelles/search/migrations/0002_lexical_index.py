"""Create the engine-specific lexical index beside SearchEntry.

SQLite: an FTS5 table reading its text from search_searchentry (external content), kept in step
by triggers. PostgreSQL: the unaccent extension and two generated tsvector columns with GIN
indexes. Both index the stems computed in Python, so both answer the same queries alike.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(terms, facets, content='search_searchentry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, terms, facets) VALUES (new.id, new.terms, new.facets); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms, facets) VALUES ('delete', old.id, old.terms, old.facets); "
    "END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms, facets) VALUES ('delete', old.id, old.terms, old.facets); "
    "INSERT INTO search_fts(rowid, terms, facets) VALUES (new.id, new.terms, new.facets); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]
POSTGRESQL = [
    # unaccent() is only STABLE (its dictionary could change); a generated column needs IMMUTABLE.
    "CREATE FUNCTION search_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
    "AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$",
    "ALTER TABLE search_searchentry "
    "ADD COLUMN terms_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_unaccent(terms))) STORED, "
    "ADD COLUMN facets_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', facets)) STORED",
    "CREATE INDEX search_entry_terms_tsv ON search_searchentry USING gin (terms_tsv)",
    "CREATE INDEX search_entry_facets_tsv ON search_searchentry USING gin (facets_tsv)",
]
POSTGRESQL_REVERSE = [
    "ALTER TABLE search_searchentry DROP COLUMN terms_tsv, DROP COLUMN facets_tsv",
    "DROP FUNCTION search_unaccent(text)",
]


def _run(statements: dict):
    def run(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            for statement in statements.get(schema_editor.connection.vendor, []):
                cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
