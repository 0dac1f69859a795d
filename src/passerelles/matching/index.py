"""The vectors of the published projects' passages, computed once and kept on disk between runs.

A project is read as what it did: its title, summary, themes and results make one passage, and
each paragraph of its source fiche another. A project that covers several subjects (composting,
solar lighting and fair trade in one cooperation) is then as close to a need as its closest
passage, not as the blur of all of them. Each passage gets one L2-normalised row (the
`search.embeddings` encoder); a need is compared with every row by one matrix product, which
stays in the tens of milliseconds at 100,000 projects of about eight passages.

Rows are cached twice: in the process (keyed by the latest change of any project and the version
of the projects' search index) and in a file of the data folder (keyed by each project's id and
change time),
so a command run re-embeds only the projects added or edited since the last run.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Max

from passerelles.documents.models import SourceReference
from passerelles.projects.models import Project
from passerelles.search.embeddings import DIMENSIONS, embed, parallel
from passerelles.search.index import index_versions
from passerelles.search.models import Kind

# A passage is a paragraph or a few short ones: long enough to carry one subject, short enough
# not to mix several. The cap bounds the rows of a long source (a whole booklet cited at once).
PASSAGE_CHARS = 800
MAX_PASSAGES = 12
# Changes with the way passages are cut, so that an older cache file is never read as current.
CACHE_VERSION = 2


@dataclass(frozen=True)
class ProjectIndex:
    """The published projects' ids, and the rows of their passages grouped by project.

    `starts[i]` is the first row of project `ids[i]`; its rows run to the next start.
    """

    ids: np.ndarray
    starts: np.ndarray
    vectors: np.ndarray

    @cached_property
    def position(self) -> dict[int, int]:
        """The place of each project id in `ids` (built once: a hundred thousand projects take 15 ms)."""
        return {int(pk): place for place, pk in enumerate(self.ids)}

    def similarities(self, vector: np.ndarray) -> np.ndarray:
        """Return, per project in the order of `ids`, the cosine similarity of its closest passage."""
        if not len(self.ids):
            return np.zeros(0, dtype=np.float32)
        return np.maximum.reduceat(self.vectors @ vector, self.starts)


def passages(project: Project, sources: list[str]) -> list[str]:
    """Return what the encoder reads of PROJECT: its own description, then its sources' paragraphs."""
    own = [project.title, project.summary, ", ".join(theme.label_fr for theme in project.themes.all())]
    own.extend(result.title for result in project.results.all())
    found = ["\n".join(part for part in own if part)]
    current = ""
    for paragraph in re.split(r"\n\s*\n", "\n\n".join(sources)):
        paragraph = " ".join(paragraph.split())
        if current and len(current) + len(paragraph) > PASSAGE_CHARS:
            found.append(current)
            current = ""
        current = f"{current} {paragraph}".strip()
    if current:
        found.append(current)
    return found[:MAX_PASSAGES]


def _sources(ids: list[int]) -> dict[int, list[str]]:
    """Return the cited passages of the projects IDS: the lines of the fiche, else the quote."""
    kind = ContentType.objects.get_for_model(Project)
    found: dict[int, list[str]] = {}
    references = SourceReference.objects.filter(content_type=kind, object_id__in=ids).select_related(
        "document"
    )
    for reference in references:
        if reference.first_line and reference.last_line:
            text = reference.document.lines(reference.first_line, reference.last_line)
        else:
            text = reference.quote
        found.setdefault(reference.object_id, []).append(text)
    return found


def embed_projects(ids: list[int]) -> list[np.ndarray]:
    """Return the rows of the passages of each of the projects IDS, in that order."""
    sources = _sources(ids)
    projects = Project.objects.filter(pk__in=ids).prefetch_related("themes", "results").in_bulk()
    texts = [passages(projects[pk], sources.get(pk, [])) for pk in ids]
    with parallel():  # the first match of a large data set embeds every project
        rows = embed([text for some in texts for text in some])
    bounds = np.cumsum([0] + [len(some) for some in texts])
    return [rows[bounds[i] : bounds[i + 1]] for i in range(len(ids))]


def _cache_file() -> Path:
    """Return the cache file of the current database, so two databases never share rows."""
    where = connection.settings_dict
    key = f"{where['ENGINE']}|{where.get('HOST') or ''}|{where.get('PORT') or ''}|{where['NAME']}"
    name = hashlib.sha1(key.encode()).hexdigest()[:16]
    return Path(settings.DATA_DIR) / "matching" / f"projects-v{CACHE_VERSION}-{name}.npz"


def _read_cache(path: Path) -> dict[tuple[int, float], np.ndarray]:
    """Return the cached rows by (project id, change time); nothing when the file is unusable."""
    try:
        with np.load(path) as data:
            ids, stamps, vectors = data["ids"], data["stamps"], data["vectors"]
    except (OSError, KeyError, ValueError):
        return {}  # no cache yet, or one from another version: rebuild it
    if vectors.ndim != 2 or vectors.shape[1] != DIMENSIONS or len(ids) != len(vectors):
        return {}
    found: dict[tuple[int, float], np.ndarray] = {}
    if len(ids):
        # Rows of one project are contiguous: split where the project (or its version) changes.
        cuts = np.flatnonzero((ids[1:] != ids[:-1]) | (stamps[1:] != stamps[:-1])) + 1
        for rows in np.split(np.arange(len(ids)), cuts):
            found[(int(ids[rows[0]]), float(stamps[rows[0]]))] = vectors[rows]
    return found


def _write_cache(path: Path, ids: np.ndarray, stamps: np.ndarray, vectors: np.ndarray) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp.npz")
        np.savez(partial, ids=ids, stamps=stamps, vectors=vectors)
        partial.replace(path)  # readers never see half a file
    except OSError:
        pass  # a read-only data folder only costs the next run the embedding time


def build_index() -> ProjectIndex:
    """Return the rows of every published project, embedding only those the disk cache lacks."""
    rows = [
        (pk, updated.timestamp())
        for pk, updated in Project.objects.published().order_by("pk").values_list("pk", "updated")
    ]
    path = _cache_file()
    cached = _read_cache(path)
    blocks = [cached.get(row) for row in rows]
    missing = [place for place, block in enumerate(blocks) if block is None]
    for place, block in zip(missing, embed_projects([rows[place][0] for place in missing]), strict=True):
        blocks[place] = block
    sizes = [len(block) if block is not None else 0 for block in blocks]
    vectors = np.concatenate([b for b in blocks if b is not None] or [np.zeros((0, DIMENSIONS), np.float32)])
    ids = np.array([pk for pk, _stamp in rows], dtype=np.int64)
    if missing or len(cached) != len(rows):
        _write_cache(
            path,
            np.repeat(ids, sizes),
            np.repeat(np.array([stamp for _pk, stamp in rows], dtype=np.float64), sizes),
            vectors,
        )
    starts = np.cumsum([0, *sizes[:-1]]).astype(np.int64) if rows else np.zeros(0, dtype=np.int64)
    return ProjectIndex(ids=ids, starts=starts, vectors=vectors.astype(np.float32, copy=False))


_memo: dict[tuple, ProjectIndex] = {}
_memo_lock = threading.Lock()


def project_index() -> ProjectIndex:
    """Return the index of the published projects, rebuilt when one was added, removed or edited.

    Any save, publishing or not, changes the latest `updated` of all projects (read through an
    index), and a deletion the version of the projects' search index (`search.signals`): counting
    the published projects, as before, took 35 ms at 100,000.
    """
    last = Project.objects.aggregate(last=Max("updated"))["last"]
    key = (_cache_file(), index_versions()[Kind.PROJECT], last)
    with _memo_lock:
        if key not in _memo:
            _memo.clear()
            _memo[key] = build_index()
        return _memo[key]
