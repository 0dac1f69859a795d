"""A second opinion on the lexicon's goals, from the meaning of the whole text.

The lexicon sees words; a passage that names a school once, or describes a partnership in
the words of every cooperation text, gets a goal from a single clue. A logistic regression per
goal over the sentence embedding of the text (the search encoder, `search.embeddings`) says how
likely each goal is as a whole. It was trained by `training/train.py` on the team's passages
and the official wording of the goals and targets, and ships as `data/sdg_meaning.npz`: a
512 x 17 matrix, 17 intercepts and two thresholds.

The model never gives a goal on its own: it only settles the lexicon's borderline cases.

- A goal that the lexicon gives on the least evidence it accepts (a weight of exactly the
  threshold: one specific term or two general ones) is dropped when the model puts it below
  `drop_below`.
- A goal with a weaker clue (a general term, or one that fell under the main goal's share) is
  given when the model puts it at or above `give_from`.

So every goal keeps words of the text as its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL = Path(__file__).parent / "data" / "sdg_meaning.npz"
GOALS = 17


@dataclass(frozen=True)
class GoalModel:
    """Weights of one logistic regression per goal over the sentence embedding, and its thresholds."""

    weights: np.ndarray  # (dimensions of the embedding, GOALS)
    intercepts: np.ndarray  # (17,)
    drop_below: float
    give_from: float

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """Return, for each row of VECTORS, the probability of each goal (a row of 17)."""
        return 1.0 / (1.0 + np.exp(-(vectors @ self.weights + self.intercepts)))

    def save(self, path: Path, **about: object) -> None:
        """Write the model to PATH, with ABOUT (how it was trained) stored beside it."""
        arrays: dict[str, Any] = {f"about_{key}": np.array(value) for key, value in about.items()}
        np.savez(
            path,
            weights=self.weights.astype(np.float32),
            intercepts=self.intercepts.astype(np.float32),
            thresholds=np.array([self.drop_below, self.give_from], dtype=np.float32),
            **arrays,
        )


def read(path: Path) -> GoalModel:
    """Return the model stored at PATH by `GoalModel.save`."""
    with np.load(path) as data:
        drop_below, give_from = (float(value) for value in data["thresholds"])
        return GoalModel(data["weights"], data["intercepts"], drop_below, give_from)


@cache
def shipped() -> GoalModel:
    """Return the shipped model, read once per process."""
    return read(MODEL)


def vectors(texts: list[str]) -> np.ndarray:
    """Return the sentence embeddings of TEXTS, one row each, in one batch."""
    from passerelles.search.embeddings import embed

    return embed(texts)
