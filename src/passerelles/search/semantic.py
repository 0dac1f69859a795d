"""Nearest records by meaning: the vectors of one kind held in memory and scored with numpy.

A brute-force product of a (rows x 512) float32 matrix with the query vector costs about 2 KB
of memory traffic per row, so a million rows answer in about a tenth of a second on two cores
(see `passerelles bench search`); no approximate index is needed at this product's scale.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from passerelles.search import embeddings
from passerelles.search.index import VECTORS


@dataclass
class Matrix:
    version: int
    ids: np.ndarray
    rows: np.ndarray


_cache: dict[str, Matrix] = {}
_lock = threading.Lock()


def _load(kind: str, version: int) -> Matrix:
    """Read every vector of KIND from the database into one contiguous matrix.

    The matrix is allocated once and filled row by row: gathering the rows first, then joining
    them, would hold every vector twice (4 GB instead of 2 for a million organisations).
    """
    vectors = VECTORS[kind]._default_manager
    count = vectors.count()
    ids = np.empty(count, dtype=np.int64)
    rows = np.empty((count, embeddings.DIMENSIONS), dtype=np.float32)
    filled = 0
    pairs = vectors.order_by("object_id").values_list("object_id", "vector").iterator(chunk_size=5000)
    for object_id, blob in pairs:
        if filled == count:
            break  # written since the count: the version moved on, the next search reloads
        ids[filled] = object_id
        rows[filled] = np.frombuffer(blob, dtype="<f4")
        filled += 1
    return Matrix(version, ids[:filled], rows[:filled])


def matrix(kind: str, version: int) -> Matrix:
    """Return the vectors of KIND, reloaded when the index version moved on since the last load."""
    cached = _cache.get(kind)
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        cached = _cache.get(kind)
        if cached is None or cached.version != version:
            cached = _cache[kind] = _load(kind, version)
    return cached


def nearest(
    data: Matrix, query: np.ndarray, allowed: list[int] | None, limit: int, floor: float
) -> list[tuple[int, float]]:
    """Return up to LIMIT (object id, cosine) of the rows of DATA closest to QUERY, at least FLOOR similar.

    ALLOWED, when given, lists the only object ids that may be returned (the facet filters).
    Only numpy runs here, no database: it may run on any thread.
    """
    if not len(data.ids):
        return []
    scores = data.rows @ query.astype(np.float32)
    if allowed is not None:
        scores = np.where(np.isin(data.ids, np.asarray(allowed, dtype=np.int64)), scores, -1.0)
    limit = min(limit, len(scores))
    top = np.argpartition(scores, len(scores) - limit)[len(scores) - limit :]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(int(data.ids[i]), float(scores[i])) for i in top if scores[i] >= floor]
