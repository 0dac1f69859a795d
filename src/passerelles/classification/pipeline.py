"""Tag a text with SDGs and targets, themes and its SSE dimension, with the evidence for each label.

The pipeline is a list of small named steps, each a callable `step(doc) -> doc`
that says which fields of the document it assigns:

    language      language ("fr", "en" or "other") from stop-word profiles
    normalise     tokens: stems of the content words, with their place in the text
    sdgs          sdgs, sdg_targets from the SDG lexicon (goals, targets, indicators)
    meaning       sdgs, sdg_targets: the lexicon's borderline goals settled by the meaning
                  of the whole text (meaning.py, a model over its sentence embedding)
    themes        themes from the theme lexicon (the 19 codes of record.md)
    ess           ess_dimension, ess_score from the SSE lexicon

A label is given when the terms found for it weigh at least 1: one specific term
or two general ones (see lexicon.py). A goal must also carry at least a third of
the weight of the text's main goal: a passage about water that names a training
session once is about goal 6, not goal 4. Nothing is downloaded or read from the
database; the lexicons are read once per process.
"""

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

from passerelles.classification import meaning
from passerelles.classification.language import LANGUAGES, OTHER, detect, fold, words
from passerelles.classification.lexicon import WEAK, Hit, Token, load, tokenise

MAX_CHARS = 200_000
THRESHOLD = 1.0
MAIN_SHARE = 1 / 3
REPEATED = 3
ACTION_WINDOW = 8
_HYPHENATED = re.compile(r"(\w)[-\u2010\u2011][ \t]*\r?\n\s*(\w)")


@dataclass
class Labels:
    """The labels of one text, each with the words of the text that carried it."""

    sdgs: list[int] = field(default_factory=list)
    sdg_targets: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    ess_dimension: bool = False
    ess_score: float = 0.0
    language: str = OTHER
    evidence: dict[str, list[str]] = field(default_factory=dict)
    # For each goal the meaning step settled ("sdg:5"), the model's probability of that goal.
    meaning: dict[str, float] = field(default_factory=dict)
    warning: str | None = None
    weights: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    def as_dict(self) -> dict:
        """Return the labels as the JSON object of `passerelles classify` (without the id)."""
        data = {
            "sdgs": self.sdgs,
            "themes": self.themes,
            "ess_dimension": self.ess_dimension,
            "ess_score": self.ess_score,
            "sdg_targets": self.sdg_targets,
            "language": self.language,
            "evidence": self.evidence,
            "meaning": self.meaning,
        }
        if self.warning:
            data["warning"] = self.warning
        return data


@dataclass
class Doc:
    """A text on its way through the pipeline; each step fills some of its fields."""

    text: str
    language: str = ""
    tokens: list[Token] = field(default_factory=list)
    labels: Labels = field(default_factory=Labels)
    stopped: bool = False
    # Every goal the SDG lexicon found, even under the threshold: (weight, words of the text).
    goal_scores: dict[str, tuple[float, list[str]]] = field(default_factory=dict)
    sdg_hits: list[Hit] = field(default_factory=list)
    # The sentence embedding of the text, when it was computed with others in one batch.
    vector: np.ndarray | None = None
    # How many steps of the pipeline have run: a run stopped before a step goes on from there.
    steps_done: int = 0


Step = Callable[[Doc], Doc]


def _score(hits: list[Hit], label_of: Callable[[str], str]) -> dict[str, tuple[float, list[str]]]:
    """Return, per label, the weight of its distinct terms and their spellings in the text.

    A general term (weight 0.5) found at least REPEATED times counts as a specific one:
    a word the text comes back to is its topic, not a passing mention.
    """
    weights: dict[str, dict[tuple[str, ...], float]] = {}
    counts: dict[tuple[str, tuple[str, ...]], int] = {}
    surfaces: dict[str, list[str]] = {}
    for hit in hits:
        label = label_of(hit.entry.label)
        terms = weights.setdefault(label, {})
        terms[hit.key] = max(terms.get(hit.key, 0.0), hit.entry.weight)
        counts[label, hit.key] = counts.get((label, hit.key), 0) + 1
        found = surfaces.setdefault(label, [])
        if hit.entry.weight and hit.surface not in found:  # a shield hides words, it is no evidence
            found.append(hit.surface)
    return {
        label: (
            sum(
                1.0 if 0 < weight < 1 and counts[label, key] >= REPEATED else weight
                for key, weight in terms.items()
            ),
            surfaces[label],
        )
        for label, terms in weights.items()
    }


class DetectLanguage:
    """Assign `language` from the stop-word profiles of French, English and four other languages.

    A text without any stop word (a title, keywords) takes the language whose lexicons
    find more terms in it; a text in another language stops the pipeline with a warning.
    """

    name = "language"
    assigns = ("language",)

    def __call__(self, doc: Doc) -> Doc:
        doc.language, _counts = detect(words(fold(doc.text)))
        if doc.language == "":
            doc.language = _language_by_lexicons(doc.text)
        if doc.language == OTHER:
            doc.stopped = True
            doc.labels.warning = _(
                "The language was not recognised: only French and English texts are classified."
            )
        return doc


def _language_by_lexicons(text: str) -> str:
    """Return the language whose lexicons find more terms in TEXT, a text without any stop word."""
    found = {}
    for language in LANGUAGES:
        tokens = tokenise(text, language)
        found[language] = sum(len(load(name, language).find(text, tokens)) for name in LEXICONS)
    best = max(found, key=lambda language: found[language])
    second = max(count for language, count in found.items() if language != best)
    return best if found[best] > second else OTHER


class Normalise:
    """Assign `tokens`: the stems of the content words, with their place in the text (lexicon.tokenise)."""

    name = "normalise"
    assigns = ("tokens",)

    def __call__(self, doc: Doc) -> Doc:
        if doc.language in LANGUAGES:
            doc.tokens = tokenise(doc.text, doc.language)
        return doc


def _goal(label: str) -> str:
    return label.split(".", 1)[0]


class TagSdgs:
    """Assign `sdgs` (goals 1-17) and `sdg_targets` (only from terms specific to one target)."""

    name = "sdgs"
    assigns = ("sdgs", "sdg_targets")

    def __call__(self, doc: Doc) -> Doc:
        if not doc.tokens:
            return doc
        doc.sdg_hits = load("sdgs", doc.language).find(doc.text, doc.tokens)
        doc.goal_scores = _score(doc.sdg_hits, _goal)
        floor = _goal_floor(doc.goal_scores)
        _assign_goals(doc, [int(goal) for goal, (weight, _s) in doc.goal_scores.items() if weight >= floor])
        return doc


def _goal_floor(goals: dict[str, tuple[float, list[str]]]) -> float:
    """Return the weight a goal needs: the threshold, and a share of the main goal's weight."""
    return max(THRESHOLD, MAIN_SHARE * max((weight for weight, _s in goals.values()), default=0))


def _assign_goals(doc: Doc, chosen: list[int]) -> None:
    """Set the goals CHOSEN among the document's goal scores, their targets, evidence and weights."""
    labels = doc.labels
    labels.sdgs = sorted(chosen)
    labels.sdg_targets = []
    for key in [key for key in labels.evidence if key.startswith(("sdg:", "target:"))]:
        del labels.evidence[key]
    for key in [key for key in labels.weights if key.startswith("sdg:")]:
        del labels.weights[key]
    for goal in labels.sdgs:
        labels.evidence[f"sdg:{goal}"] = doc.goal_scores[str(goal)][1]
        labels.weights[f"sdg:{goal}"] = doc.goal_scores[str(goal)][0]
    targets = _score([hit for hit in doc.sdg_hits if "." in hit.entry.label], lambda label: label)
    for target, (weight, surfaces) in sorted(targets.items(), key=lambda item: _target_order(item[0])):
        if int(_goal(target)) in labels.sdgs and weight >= THRESHOLD:
            labels.sdg_targets.append(target)
            labels.evidence[f"target:{target}"] = surfaces


class WeighSdgsByMeaning:
    """Settle the lexicon's borderline goals by the meaning of the whole text (meaning.py).

    A goal given on the least evidence the lexicon accepts (a weight of exactly THRESHOLD)
    is dropped when the model finds it unlikely; a goal with a weaker clue (a general
    term, or a goal under the main goal's share) is given when the model finds it likely.
    The model alone gives no goal: each keeps words of the text as its evidence, and the
    goals it settled carry its probability in `meaning`.
    """

    name = "meaning"
    assigns = ("sdgs", "sdg_targets")

    def __init__(self, model: meaning.GoalModel | None = None):
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        if not has_borderline_goals(doc):
            return doc  # the lexicon's goals stand as they are
        model = self.model or meaning.shipped()
        vector = doc.vector if doc.vector is not None else meaning.vectors([doc.text])[0]
        probabilities = model.probabilities(vector[np.newaxis, :])[0]
        floor = _goal_floor(doc.goal_scores)
        chosen, settled = [], {}
        for goal, (weight, _surfaces) in doc.goal_scores.items():
            if weight >= floor and weight > THRESHOLD:
                chosen.append(int(goal))  # more than the least evidence: the lexicon decides alone
                continue
            likelihood = float(probabilities[int(goal) - 1])
            needed = model.drop_below if weight >= floor else model.give_from
            if weight >= WEAK and likelihood >= needed:
                chosen.append(int(goal))
                settled[f"sdg:{goal}"] = round(likelihood, 2)
        _assign_goals(doc, chosen)
        doc.labels.meaning = settled
        return doc


def has_borderline_goals(doc: Doc) -> bool:
    """Return whether the lexicon found a goal that the meaning step settles (to drop or to give)."""
    floor = _goal_floor(doc.goal_scores)
    weights = [weight for weight, _s in doc.goal_scores.values()]
    return any(weight >= WEAK and not (weight >= floor and weight > THRESHOLD) for weight in weights)


def _target_order(target: str) -> tuple[int, int, str]:
    goal, _dot, rest = target.partition(".")
    return (int(goal), int(rest) if rest.isdigit() else 100, rest)


class TagThemes:
    """Assign `themes`: the codes of record.md whose terms weigh at least the threshold."""

    name = "themes"
    assigns = ("themes",)

    def __call__(self, doc: Doc) -> Doc:
        if not doc.tokens:
            return doc
        scores = _score(load("themes", doc.language).find(doc.text, doc.tokens), lambda label: label)
        doc.labels.themes = sorted(code for code, (weight, _s) in scores.items() if weight >= THRESHOLD)
        for code in doc.labels.themes:
            doc.labels.evidence[f"theme:{code}"] = scores[code][1]
            doc.labels.weights[f"theme:{code}"] = scores[code][0]
        return doc


class DetectEss:
    """Assign `ess_dimension` and `ess_score` from the SSE actors and practices the text names.

    Three kinds of evidence (data/ess_terms.txt):

    - `ess`: an SSE actor by its form or an SSE practice ("coopérative", "mutuelle de
      santé", "commerce équitable", "prêt d'honneur"): 1, or 0.5 for a general term;
    - `ess.acteur`: an association, foundation or NGO, named in nearly every text of the
      field: 1 when a word of action (data/ess_actions_terms.txt: "gère", "forme", "porte",
      "operates") stands within ACTION_WINDOW words of it, the actor taking part in the
      project, and 0.5 for a passing mention;
    - `ess.cadre`: the SSE named as a field or a policy ("l'économie sociale et solidaire",
      "la CRESS"): 0.5 at most whatever the number of such mentions, since a text about
      the SSE in general does not show SSE actors or practices at work.

    The score is 1 - exp(-w), w the sum; the dimension is true from w >= 1, the rule of
    the other labels: one actor at work or one practice, or two weaker clues.
    """

    name = "ess"
    assigns = ("ess_dimension", "ess_score")

    def __call__(self, doc: Doc) -> Doc:
        if not doc.tokens:
            return doc
        hits = load("ess", doc.language).find(doc.text, doc.tokens)
        actions = [hit.start for hit in load("ess_actions", doc.language).find(doc.text, doc.tokens)]
        weights: dict[tuple[str, ...], float] = {}
        surfaces: list[str] = []
        frame = 0.0
        for hit in hits:
            weight = hit.entry.weight
            if hit.entry.label == "ess.cadre":
                frame = max(frame, hit.entry.weight)
            else:
                if hit.entry.label == "ess.acteur":
                    near = any(-ACTION_WINDOW <= at - hit.start <= ACTION_WINDOW for at in actions)
                    weight = weight if near else min(weight, WEAK)
                weights[hit.key] = max(weights.get(hit.key, 0.0), weight)
            if hit.surface not in surfaces:
                surfaces.append(hit.surface)
        weight = sum(weights.values()) + frame
        doc.labels.weights["ess"] = weight
        doc.labels.ess_score = round(1 - math.exp(-weight), 3)
        doc.labels.ess_dimension = weight >= THRESHOLD
        if surfaces:
            doc.labels.evidence["ess"] = surfaces
        return doc


class Pipeline:
    """Run named steps in order on each text; steps can be listed or replaced, and scored with `score`."""

    def __init__(self, steps: Iterable[Step]):
        self.steps = list(steps)

    @property
    def names(self) -> list[str]:
        """Return the names of the steps, in order."""
        return [getattr(step, "name", type(step).__name__) for step in self.steps]

    def __call__(self, text: object) -> Labels:
        """Return the labels of TEXT; a text that cannot be classified gets no label and a warning."""
        return self.run(_checked(text))

    def run(self, doc: Doc, until: str = "") -> Labels:
        """Return the labels of DOC, a text that `_checked` prepared (and maybe embedded).

        With UNTIL, the steps stop before the step of that name; a later run goes on from there.
        """
        for step in self.steps[doc.steps_done :]:
            if doc.stopped or getattr(step, "name", None) == until:
                break
            doc = step(doc)
            doc.steps_done += 1
            doc.labels.language = doc.language or OTHER
        return doc.labels


def _checked(text: object) -> Doc:
    """Return a document for TEXT, stopped with a warning when it cannot be classified."""
    if not isinstance(text, str):
        return _stopped("", _("The text is not a string: nothing was classified."))
    # Lone surrogates (from a JSON "\ud800") cannot be written out as UTF-8.
    text = text.encode("utf-8", "replace").decode("utf-8")
    if not text.strip():
        return _stopped(text, _("The text is empty: nothing was classified."))
    if len(text) > MAX_CHARS:
        return _stopped(
            text,
            _("The text is longer than %(limit)s characters: classify its parts one by one.")
            % {"limit": f"{MAX_CHARS:,}"},
        )
    letters = sum(map(str.isalpha, text))
    if letters < 0.5 * (len(text) - sum(map(str.isspace, text))):
        return _stopped(text, _("The text does not look like written language: nothing was classified."))
    # Words cut by a hyphen at the end of a line (text taken from PDF) are joined.
    return Doc(_HYPHENATED.sub(r"\1\2", text))


def _stopped(text: str, warning: str) -> Doc:
    doc = Doc(text, stopped=True)
    doc.labels.warning = warning
    return doc


LEXICONS = ("sdgs", "themes", "ess")
STEPS: dict[str, Callable[[], Step]] = {
    "language": DetectLanguage,
    "normalise": Normalise,
    "sdgs": TagSdgs,
    "meaning": WeighSdgsByMeaning,
    "themes": TagThemes,
    "ess": DetectEss,
}


def score(field_name: str, examples: Iterable[tuple[str, object]], pipeline: Pipeline | None = None) -> dict:
    """Return micro precision, recall and F1 of one assigned field against EXAMPLES (text, expected value).

    A list field (sdgs, themes, sdg_targets) is compared label by label; any other
    field (language, ess_dimension) counts as one label that is right or wrong.
    """
    pipeline = pipeline or PIPELINE
    tp = fp = fn = 0
    for text, expected in examples:
        got = getattr(pipeline(text), field_name)
        want, found = (set(expected), set(got)) if isinstance(expected, list) else ({expected}, {got})
        tp, fp, fn = tp + len(want & found), fp + len(found - want), fn + len(want - found)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return {"precision": precision, "recall": recall, "f1": f1}


def default_pipeline() -> Pipeline:
    """Return the pipeline of every step, in the order of STEPS."""
    return Pipeline(factory() for factory in STEPS.values())


PIPELINE = default_pipeline()


def classify(text: str) -> Labels:
    """Return the SDGs, targets, themes and SSE dimension of TEXT, with their evidence."""
    return PIPELINE(text)


def classify_many(texts: Iterable[object]) -> list[Labels]:
    """Return the labels of each of TEXTS, in order.

    The sentence embeddings of the texts whose goals the meaning step must settle are computed
    in one batch; the other texts (about one in seven) need none, and an embedding is most of the cost.
    """
    docs = [_checked(text) for text in texts]
    for doc in docs:
        PIPELINE.run(doc, until=WeighSdgsByMeaning.name)
    waiting = [doc for doc in docs if not doc.stopped and has_borderline_goals(doc)]
    if waiting:
        for doc, vector in zip(waiting, meaning.vectors([doc.text for doc in waiting]), strict=True):
            doc.vector = vector
    return [PIPELINE.run(doc) for doc in docs]


_PARAGRAPH = re.compile(r"\n[ \t]*\n")
SHORT_PARAGRAPH = 200
DOCUMENT_SUPPORT = 2
DOCUMENT_STRONG = 2.0


def paragraphs(text: str) -> list[str]:
    """Return the paragraphs of TEXT (split at blank lines); a short one (a title) joins the next."""
    parts, pending = [], ""
    for part in _PARAGRAPH.split(text):
        part = (pending + "\n\n" + part).strip() if pending else part.strip()
        if not part:
            continue
        if len(part) < SHORT_PARAGRAPH:
            pending = part
            continue
        parts.append(part)
        pending = ""
    if pending:
        if parts:
            parts[-1] = parts[-1] + "\n\n" + pending
        else:
            parts.append(pending)
    return parts


def classify_document(text: str) -> Labels:
    """Return the labels of a long text (a whole project fiche), classified paragraph by paragraph.

    A goal or a theme is kept when DOCUMENT_SUPPORT paragraphs carry it, or when one
    paragraph carries it with strong evidence (a weight of DOCUMENT_STRONG: two specific
    terms), so that a fiche mentioning a training session once in its contacts is not
    labelled with education. A text of one paragraph gets the labels of `classify`. The SSE
    dimension is true when a paragraph shows it: SSE actors at work in one part of a
    project are part of the project. Each kept label keeps the evidence of every
    paragraph that carried it, and its weight is the sum of theirs.
    """
    return classify_documents([text])[0]


def classify_documents(texts: Iterable[object]) -> list[Labels]:
    """Return the labels of each of TEXTS as `classify_document` gives them, in order.

    The paragraphs of every text go through `classify_many` together, so that their sentence
    embeddings are computed in one batch.
    """
    units = []  # per text, what is classified: its paragraphs, or the whole text when it has one
    for text in texts:
        parts = paragraphs(text) if isinstance(text, str) else []
        units.append(parts if len(parts) > 1 else [text])
    results = iter(classify_many([unit for group in units for unit in group]))
    return [_merged([next(results) for _unit in group]) for group in units]


def _merged(results: list[Labels]) -> Labels:
    """Return the labels of a document from those of its paragraphs (see `classify_document`)."""
    if len(results) == 1:
        return results[0]
    classified = [labels for labels in results if labels.language in LANGUAGES]
    if not classified:
        return results[0]
    merged = Labels(language=max(LANGUAGES, key=lambda lang: sum(lab.language == lang for lab in classified)))
    support: dict[str, int] = {}
    for labels in classified:
        for key, weight in labels.weights.items():
            support[key] = support.get(key, 0) + 1
            merged.weights[key] = merged.weights.get(key, 0.0) + weight
            for surface in labels.evidence.get(key, []):
                found = merged.evidence.setdefault(key, [])
                if surface not in found:
                    found.append(surface)

    def kept(key: str) -> bool:
        strongest = max((lab.weights.get(key, 0.0) for lab in classified), default=0.0)
        return support.get(key, 0) >= DOCUMENT_SUPPORT or strongest >= DOCUMENT_STRONG

    merged.sdgs = sorted({goal for lab in classified for goal in lab.sdgs if kept(f"sdg:{goal}")})
    merged.themes = sorted({code for lab in classified for code in lab.themes if kept(f"theme:{code}")})
    targets = {t for lab in classified for t in lab.sdg_targets if int(_goal(t)) in merged.sdgs}
    merged.sdg_targets = sorted(targets, key=_target_order)
    for lab in classified:
        for target in lab.sdg_targets:
            if target in targets:
                merged.evidence.setdefault(f"target:{target}", lab.evidence.get(f"target:{target}", []))
    merged.ess_dimension = any(lab.ess_dimension for lab in classified)
    merged.ess_score = max(lab.ess_score for lab in classified)
    merged.weights["ess"] = max(lab.weights.get("ess", 0.0) for lab in classified)
    labelled = {f"sdg:{g}" for g in merged.sdgs} | {f"theme:{c}" for c in merged.themes}
    labelled |= {f"target:{t}" for t in merged.sdg_targets} | ({"ess"} if "ess" in merged.evidence else set())
    merged.evidence = {key: value for key, value in merged.evidence.items() if key in labelled}
    for lab in classified:
        for key, likelihood in lab.meaning.items():
            if key in labelled:
                merged.meaning[key] = max(likelihood, merged.meaning.get(key, 0.0))
    merged.weights = {key: value for key, value in merged.weights.items() if key in labelled}
    return merged
