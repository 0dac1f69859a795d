"""Train the model of meaning.py on the team's passages and the UN goals and targets; write the model.

    python -m passerelles.classification.training.train [--out PATH]

Needs scikit-learn (the `dev` extra), which the product itself does not use. Steps:

1. embed every passage of PASSAGES with the search encoder;
2. fit one L2-regularised logistic regression per goal (strength C, see README.md for how
   it was chosen) in five folds, to get for each passage the probabilities of a model that
   has not seen it;
3. choose the two thresholds of meaning.py on those probabilities: the pair that gives the
   best micro-F1 of the goals of the whole pipeline over the passages;
4. fit on every passage and write the weights with the thresholds.

The same passages give the same file: the folds are fixed and the solver is deterministic.
"""

import argparse
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from passerelles.classification import meaning
from passerelles.classification.pipeline import DetectLanguage, Doc, Normalise, TagSdgs, WeighSdgsByMeaning

HERE = Path(__file__).parent
PASSAGES = (HERE / "passages.jsonl", HERE / "un_goals_targets.jsonl")
C = 0.3
FOLDS = 5
DROP_BELOW = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
GIVE_FROM = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 1.01)  # 1.01: never


def read_passages(paths: Sequence[Path] = PASSAGES) -> list[dict]:
    """Return the passages of PATHS (JSON lines with `text` and `sdgs`), in order."""
    return [json.loads(line) for path in paths for line in path.open(encoding="utf-8")]


def fit(vectors: np.ndarray, goals: np.ndarray, c: float = C) -> tuple[np.ndarray, np.ndarray]:
    """Return the weights (dimensions x 17) and intercepts of one logistic regression per goal."""
    from sklearn.linear_model import LogisticRegression

    weights, intercepts = [], []
    for column in goals.T:
        if column.all() or not column.any():
            # A goal that no passage carries (or that all carry): the model can only say so.
            weights.append(np.zeros(vectors.shape[1]))
            intercepts.append(10.0 if column.all() else -10.0)
            continue
        regression = LogisticRegression(C=c, max_iter=2000).fit(vectors, column)
        weights.append(regression.coef_[0])
        intercepts.append(regression.intercept_[0])
    return np.stack(weights, axis=1), np.array(intercepts)


def micro_f1(expected: Sequence[Sequence[int | str]], found: Sequence[Sequence[int | str]]) -> float:
    """Return the micro-F1 of the labels FOUND against the EXPECTED ones, passage by passage."""
    tp = sum(len(set(a) & set(b)) for a, b in zip(expected, found, strict=True))
    errors = sum(len(set(a) ^ set(b)) for a, b in zip(expected, found, strict=True))
    return 2 * tp / (2 * tp + errors) if tp + errors else 1.0


def lexicon_docs(texts: list[str]) -> list[Doc]:
    """Return TEXTS through the pipeline up to the SDG lexicon, each with its sentence embedding."""
    docs = [TagSdgs()(Normalise()(DetectLanguage()(Doc(text)))) for text in texts]
    for doc, vector in zip(docs, meaning.vectors(texts), strict=True):
        doc.vector = vector
    return docs


def train(passages: list[dict], c: float = C) -> tuple[meaning.GoalModel, dict]:
    """Return the model trained on PASSAGES, and figures on how its thresholds were chosen."""
    docs = lexicon_docs([passage["text"] for passage in passages])
    vectors = np.array([doc.vector for doc in docs])
    numbers = range(1, meaning.GOALS + 1)
    goals = np.array([[goal in passage["sdgs"] for goal in numbers] for passage in passages])
    fold = np.arange(len(passages)) % FOLDS
    folds = [fit(vectors[fold != k], goals[fold != k], c) for k in range(FOLDS)]
    expected = [passage["sdgs"] for passage in passages]
    lexicon_f1 = micro_f1(expected, [doc.labels.sdgs for doc in docs])
    best = (-1.0, 0.0, 1.01)
    for drop_below in DROP_BELOW:
        for give_from in GIVE_FROM:
            found = []
            for doc, k in zip(docs, fold, strict=True):
                step = WeighSdgsByMeaning(meaning.GoalModel(*folds[k], drop_below, give_from))
                found.append(step(doc).labels.sdgs)
            best = max(best, (micro_f1(expected, found), drop_below, give_from))
    weights, intercepts = fit(vectors, goals, c)
    figures = {
        "passages": len(passages),
        "lexicon_f1": round(lexicon_f1, 3),
        "out_of_fold_f1": round(best[0], 3),
    }
    return meaning.GoalModel(weights, intercepts, best[1], best[2]), figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=meaning.MODEL)
    args = parser.parse_args(argv)
    passages = read_passages()
    model, figures = train(passages)
    digest = hashlib.sha256("".join(json.dumps(p, sort_keys=True) for p in passages).encode()).hexdigest()
    model.save(args.out, c=C, passages_sha256=digest, **figures)
    print(json.dumps({**figures, "drop_below": model.drop_below, "give_from": model.give_from}))
    return 0


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelles.settings")
    django.setup()
    raise SystemExit(main())
