"""Correct misspelt query words against the words of the index (rapidfuzz, Levenshtein distance)."""

from __future__ import annotations

import threading
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from passerelles.search.index import correctable
from passerelles.search.models import Word

_state: dict = {"version": None, "known": frozenset(), "by_length": {}}
_lock = threading.Lock()


def _allowed_edits(word: str) -> int:
    """Return how many edits a correction of WORD may make: none below 4 letters, 2 from 8."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


def _load(version: int) -> None:
    rows = Word.objects.values_list("word", flat=True).iterator(chunk_size=10_000)
    known = frozenset(word for word in rows if correctable(word))  # an index built before the rule
    by_length: dict[int, list[str]] = defaultdict(list)
    for word in known:
        by_length[len(word)].append(word)
    _state.update(version=version, known=known, by_length=dict(by_length))


def _current(version: int) -> dict:
    if _state["version"] != version:
        with _lock:
            if _state["version"] != version:
                _load(version)
    return _state


def known(version: int):
    """Return a predicate telling whether a folded word is a word of the index."""
    return _current(version)["known"].__contains__


def corrector(version: int):
    """Return a function mapping an unknown folded word to the closest known one, or None."""
    state = _current(version)
    known, by_length = state["known"], state["by_length"]

    def correct(word: str) -> str | None:
        edits = _allowed_edits(word)
        if not edits or word in known or word.isdigit():
            return None
        candidates = [
            w for n in range(len(word) - edits, len(word) + edits + 1) for w in by_length.get(n, [])
        ]
        best = process.extractOne(word, candidates, scorer=Levenshtein.distance, score_cutoff=edits)
        return best[0] if best else None

    return correct
