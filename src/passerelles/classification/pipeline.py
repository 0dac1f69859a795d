"""Tag a text with SDGs and targets, themes and its SSE dimension, with the evidence for each label.

The pipeline is a list of small named steps, each a callable `step(doc) -> doc`
that says which fields of the document it assigns:

    language      language ("fr", "en" or "other") from stop-word profiles
    normalise     tokens: stems of the content words, with their place in the text
    sdgs          sdgs, sdg_targets from the SDG lexicon (goals, targets, indicators)
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

from django.utils.translation import gettext as _

from passerelles.classification.language import LANGUAGES, OTHER, detect, fold, words
from passerelles.classification.lexicon import Hit, Token, load, tokenise

MAX_CHARS = 200_000
THRESHOLD = 1.0
MAIN_SHARE = 1 / 3
_HYPHENATED = re.compile(r"(\w)-[ \t]*\r?\n\s*(\w)")


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
    warning: str | None = None

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


Step = Callable[[Doc], Doc]


def _score(hits: list[Hit], label_of: Callable[[str], str]) -> dict[str, tuple[float, list[str]]]:
    """Return, per label, the weight of its distinct terms and their spellings in the text."""
    weights: dict[str, dict[tuple[str, ...], float]] = {}
    surfaces: dict[str, list[str]] = {}
    for hit in hits:
        label = label_of(hit.entry.label)
        terms = weights.setdefault(label, {})
        terms[hit.key] = max(terms.get(hit.key, 0.0), hit.entry.weight)
        found = surfaces.setdefault(label, [])
        if hit.surface not in found:
            found.append(hit.surface)
    return {label: (sum(terms.values()), surfaces[label]) for label, terms in weights.items()}


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
        hits = load("sdgs", doc.language).find(doc.text, doc.tokens)
        goals = _score(hits, _goal)
        floor = max(THRESHOLD, MAIN_SHARE * max((weight for weight, _s in goals.values()), default=0))
        chosen = sorted(int(goal) for goal, (weight, _s) in goals.items() if weight >= floor)
        doc.labels.sdgs = chosen
        for goal in chosen:
            doc.labels.evidence[f"sdg:{goal}"] = goals[str(goal)][1]
        targets = _score([hit for hit in hits if "." in hit.entry.label], lambda label: label)
        for target, (weight, surfaces) in sorted(targets.items(), key=lambda item: _target_order(item[0])):
            if int(_goal(target)) in chosen and weight >= THRESHOLD:
                doc.labels.sdg_targets.append(target)
                doc.labels.evidence[f"target:{target}"] = surfaces
        return doc


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
        return doc


class DetectEss:
    """Assign `ess_dimension` and `ess_score` from the SSE actors and practices the text names.

    The score is 1 - exp(-w), w the weight of the distinct SSE terms found: 0 without
    any, 0.39 for one general term ("association"), 0.63 for one specific term
    ("coopérative", "commerce équitable"); the dimension is true from 0.5 up, that
    is from one specific term or two general ones, the rule of the other labels.
    """

    name = "ess"
    assigns = ("ess_dimension", "ess_score")

    def __call__(self, doc: Doc) -> Doc:
        if not doc.tokens:
            return doc
        scores = _score(load("ess", doc.language).find(doc.text, doc.tokens), lambda label: "ess")
        weight, surfaces = scores.get("ess", (0.0, []))
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
        doc = _checked(text)
        if doc.stopped:
            return doc.labels
        for step in self.steps:
            doc = step(doc)
            doc.labels.language = doc.language or OTHER
            if doc.stopped:
                break
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
    letters = sum(c.isalpha() for c in text)
    if letters < 0.5 * sum(not c.isspace() for c in text):
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


def classify_many(texts: Iterable[str]) -> list[Labels]:
    """Return the labels of each of TEXTS, in order."""
    return [PIPELINE(text) for text in texts]
