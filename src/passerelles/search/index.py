"""Keep the search index in step with the records: called by the actions that change them.

Each `update_*` rewrites one record's entry, vector and vocabulary; each `remove_*` drops them;
`rebuild` redoes everything in batches (for `passerelles search --rebuild`). Only published
projects are indexed. Deletions, cascades and the admin's bulk deletions included, reach
`remove_*` through signals (search/signals.py); a record deleted behind Django's back is still
never shown: results are checked against the live tables.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from django.db import connection, models, transaction
from django.db.models import Prefetch

from passerelles.classification.models import Sdg, Theme
from passerelles.lib.countries import country_name
from passerelles.organisations.models import Organisation
from passerelles.projects.models import Contact, Participation, Project
from passerelles.projects.privacy import guard
from passerelles.search import embeddings
from passerelles.search.analysis import index_terms, words
from passerelles.search.models import (
    IndexVersion,
    Kind,
    OrganisationVector,
    ProjectVector,
    SearchEntry,
    TerritoryVector,
    Vector,
    Word,
)
from passerelles.territories.models import Territory

VECTORS: dict[str, type[Vector]] = {
    Kind.PROJECT: ProjectVector,
    Kind.ORGANISATION: OrganisationVector,
    Kind.TERRITORY: TerritoryVector,
}
BATCH = 500
MAX_WORD = 60


def correctable(word: str) -> bool:
    """Return whether WORD belongs in the vocabulary that misspelt queries are corrected to.

    Numbers and codes do not: nobody means a number when a letter is missing, and the numbers
    of a million records (years, amounts, registration numbers) would outnumber the words.
    """
    return len(word) <= MAX_WORD and not any(c.isdigit() for c in word)


def token(facet: str, value: object) -> str:
    """Return the index token of a facet value, letters and digits only (xcountryfr, xsdg6)."""
    return "x" + facet + re.sub(r"[^a-z0-9]", "", str(value).lower())


@dataclass
class Document:
    """What is indexed of one record."""

    kind: str
    object_id: int
    name: str
    text: str
    terms: str
    facets: list[str]
    meaning: str
    year_from: int | None = None
    year_to: int | None = None

    def entry(self) -> SearchEntry:
        return SearchEntry(
            kind=self.kind,
            object_id=self.object_id,
            name=self.name[:300],
            text=self.text,
            terms=self.terms,
            facets=" ".join(dict.fromkeys(self.facets)),
            year_from=self.year_from,
            year_to=self.year_to,
        )


def _countries(codes: Iterable[str]) -> str:
    """Return the French and English names of the countries, so that either finds them."""
    return " ".join(f"{country_name(c, 'fr')} {country_name(c, 'en')}" for c in sorted(set(codes)) if c)


def _themes(themes: Iterable[Theme]) -> str:
    return " ".join(f"{t.label_fr} {t.label_en}" for t in themes)


def _sdgs(sdgs: Iterable[Sdg]) -> str:
    return " ".join(f"{s.title_fr} {s.title_en}" for s in sdgs)


def project_document(project: Project) -> Document:
    """Describe PROJECT for the index (its relations are best prefetched).

    Its text is masked as the public reads it (`projects.privacy`): the index holds no contact's
    name, e-mail or phone, so no search finds a project by them nor corrects a query to them.
    """
    shown = guard(project)
    territories = list(project.territories.all())
    themes, sdgs = list(project.themes.all()), list(project.sdgs.all())
    organisations = [p.organisation for p in project.participations.all() if p.organisation]
    countries = {t.country for t in territories} | set(project.action_countries or [])
    title = shown(project.title)
    summary = shown(project.summary)
    text = "\n".join(
        part
        for part in [
            summary,
            ", ".join(t.name for t in territories),
            ", ".join(o.name for o in organisations),
        ]
        if part
    )
    terms = " ".join(
        [
            index_terms(title),
            index_terms(title),  # twice: a word of the title weighs more than one of the summary
            index_terms(text),
            index_terms(" ".join(o.acronym for o in organisations)),
            index_terms(_themes(themes) + " " + _sdgs(sdgs) + " " + _countries(countries)),
            index_terms(
                shown(" ".join([project.difficulties, project.success_conditions, project.perspectives]))
            ),
        ]
    )
    facets = [token("kind", Kind.PROJECT)]
    facets += [token("country", c) for c in sorted(countries)]
    facets += [token("theme", t.code) for t in themes] + [token("sdg", s.number) for s in sdgs]
    facets += [token("type", o.type) for o in organisations]
    return Document(
        kind=Kind.PROJECT,
        object_id=project.pk,
        name=title,
        text=text,
        terms=terms,
        facets=facets,
        meaning=f"{title}. {summary}",
        year_from=project.start_year,
        year_to=project.end_year or project.start_year,
    )


def organisation_document(organisation: Organisation) -> Document:
    """Describe ORGANISATION for the index."""
    skills = list(organisation.skills.all())
    countries = {organisation.country, *(organisation.action_countries or [])} - {""}
    kind_label = f"{organisation.get_type_display()} {organisation.type}"
    text = "\n".join(
        part
        for part in [
            organisation.description,
            ", ".join([organisation.acronym, *organisation.aliases]).strip(", "),
            organisation.territory.name if organisation.territory else "",
        ]
        if part
    )
    terms = " ".join(
        [
            index_terms(organisation.name),
            index_terms(organisation.name),
            index_terms(text),
            index_terms(kind_label + " " + _themes(skills) + " " + _countries(countries)),
        ]
    )
    facets = [token("kind", Kind.ORGANISATION), token("type", organisation.type)]
    facets += [token("country", c) for c in sorted(countries)]
    facets += [token("theme", t.code) for t in skills]
    skills_text = ", ".join(t.label_fr for t in skills)
    return Document(
        kind=Kind.ORGANISATION,
        object_id=organisation.pk,
        name=organisation.name,
        text=text,
        terms=terms,
        facets=facets,
        meaning=". ".join(
            [organisation.name, organisation.get_type_display(), skills_text, organisation.description]
        ),
        year_from=organisation.founded_year,
        year_to=organisation.founded_year,
    )


def territory_document(territory: Territory) -> Document:
    """Describe TERRITORY for the index."""
    place = f"{territory.get_level_display()}, {territory.country_name}"
    text = ", ".join([place, *territory.aliases])
    terms = " ".join(
        [
            index_terms(territory.name),
            index_terms(territory.name),
            index_terms(text),
            index_terms(_countries([territory.country])),
        ]
    )
    return Document(
        kind=Kind.TERRITORY,
        object_id=territory.pk,
        name=territory.name,
        text=text,
        terms=terms,
        facets=[token("kind", Kind.TERRITORY), token("country", territory.country)],
        meaning=f"{territory.name}, {place}",
    )


def index_versions() -> dict[str, int]:
    """Return the version of each kind of the index; it moves on whenever a record of the kind changes."""
    versions = dict.fromkeys(Kind.values, 0)
    versions.update(IndexVersion.objects.values_list("kind", "version"))
    return versions


def _bump(kinds: Iterable[str]) -> None:
    """Give each kind a new version, so that every process reloads its vectors and vocabulary.

    The version is random rather than counted: after a rolled-back change, a counter would give
    the next change the number a process already cached for the undone one.
    """
    for kind in set(kinds):
        IndexVersion.objects.update_or_create(kind=kind, defaults={"version": secrets.randbits(62)})


def _store(documents: list[Document], vectors: np.ndarray | None = None) -> None:
    """Write the entries, vectors and new words of DOCUMENTS, replacing what they had.

    VECTORS are the documents' rows when they were encoded already.
    """
    if not documents:
        return
    if vectors is None:
        vectors = embeddings.embed([d.meaning for d in documents])
    with transaction.atomic():
        for kind in {d.kind for d in documents}:
            ids = [d.object_id for d in documents if d.kind == kind]
            SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()
            VECTORS[kind]._default_manager.filter(object_id__in=ids).delete()
        SearchEntry.objects.bulk_create([d.entry() for d in documents], batch_size=BATCH)
        for kind, model in VECTORS.items():
            rows = [
                model(object_id=d.object_id, vector=embeddings.to_bytes(v))
                for d, v in zip(documents, vectors, strict=True)
                if d.kind == kind
            ]
            model._default_manager.bulk_create(rows, batch_size=BATCH)
        vocabulary = {w for d in documents for w in words(f"{d.name} {d.text}") if correctable(w)}
        Word.objects.bulk_create([Word(word=w) for w in vocabulary], batch_size=BATCH, ignore_conflicts=True)
        _bump(d.kind for d in documents)


def _remove(kind: str, object_ids: list[int]) -> None:
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind, object_id__in=object_ids).delete()
        VECTORS[kind]._default_manager.filter(object_id__in=object_ids).delete()
        _bump([kind])


def _projects(queryset: models.QuerySet[Project]) -> models.QuerySet[Project]:
    # The organisations come with their participations (a join): prefetched apart, a batch of
    # projects would ask for more than a thousand organisations in one IN list, past SQLite's depth.
    # Only what project_document reads of them: a rebuild loads three organisations a project.
    organisations = Participation.objects.select_related("organisation").only(
        "project", "organisation__name", "organisation__acronym", "organisation__type"
    )
    participations = Prefetch("participations", organisations)
    contacts = Prefetch("contacts", Contact.objects.only("project", "name"))
    return queryset.prefetch_related("territories", "themes", "sdgs", participations, contacts)


def update_project(project: Project) -> None:
    """Index PROJECT as it is now stored, or drop it from the index when it is not published.

    Territories not yet indexed are indexed too: no action on territories calls this module, and
    a project is what brings them into use.
    """
    if not project.pk:
        return
    stored = _projects(Project.objects.filter(pk=project.pk, is_published=True)).first()
    if stored is None:
        remove_project(project.pk)
        return
    known = SearchEntry.objects.filter(kind=Kind.TERRITORY).values("object_id")
    territories = Territory.objects.exclude(pk__in=known)
    _store([project_document(stored), *(territory_document(t) for t in territories)])


def update_organisation(organisation: Organisation) -> None:
    """Index ORGANISATION as it is now stored."""
    stored = Organisation.objects.filter(pk=organisation.pk).prefetch_related("skills").first()
    if stored is None:
        remove_organisation(organisation.pk)
        return
    _store([organisation_document(stored)])


def update_territory(territory: Territory) -> None:
    """Index TERRITORY as it is now stored."""
    _store([territory_document(territory)])


def remove_project(project_id: int) -> None:
    """Drop the project PROJECT_ID from the index."""
    _remove(Kind.PROJECT, [project_id])


def remove_organisation(organisation_id: int) -> None:
    """Drop the organisation ORGANISATION_ID from the index."""
    _remove(Kind.ORGANISATION, [organisation_id])


def remove_territory(territory_id: int) -> None:
    """Drop the territory TERRITORY_ID from the index."""
    _remove(Kind.TERRITORY, [territory_id])


SOURCES: dict[str, tuple[Callable[[], models.QuerySet], Callable[[models.Model], Document]]] = {
    Kind.PROJECT: (lambda: _projects(Project.objects.published()), project_document),  # type: ignore[dict-item]
    Kind.ORGANISATION: (
        lambda: Organisation.objects.prefetch_related("skills").select_related("territory"),
        organisation_document,
    ),  # type: ignore[dict-item]
    Kind.TERRITORY: (lambda: Territory.objects.all(), territory_document),  # type: ignore[dict-item]
}


def _encoded_batches(
    queryset: Callable[[], models.QuerySet], describe: Callable, ids: list[int]
) -> Iterator[tuple[list[Document], Callable[[], np.ndarray]]]:
    """Yield the records IDS described by batch, with the function that waits for their rows.

    The next batch is described and sent to the encoder before a batch is yielded: the worker
    processes encode it while this process writes the one before.
    """
    ahead = None
    for start in range(0, len(ids), BATCH):
        batch = queryset().filter(pk__in=ids[start : start + BATCH]).order_by("pk")
        documents = [describe(record) for record in batch]
        started = (documents, embeddings.embed_later([d.meaning for d in documents]))
        if ahead is not None:
            yield ahead
        ahead = started
    if ahead is not None:
        yield ahead


def rebuild(progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Empty the index and index every record again, in batches; return the count per kind."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for model in VECTORS.values():
            model._default_manager.all().delete()
        Word.objects.all().delete()
    counts = {}
    with embeddings.parallel():
        for kind, (queryset, describe) in SOURCES.items():
            ids = list(queryset().order_by("pk").values_list("pk", flat=True))
            done = 0
            for documents, rows in _encoded_batches(queryset, describe, ids):
                _store(documents, rows())
                done += len(documents)
                if progress:
                    progress(kind, done)
            counts[kind] = done
            _bump([kind])
    # Fresh statistics after a bulk load: without them PostgreSQL guesses that a list of 500
    # ids matches a tenth of the table and reads all of it.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")
    return counts
