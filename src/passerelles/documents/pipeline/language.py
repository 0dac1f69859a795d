"""The French spaCy pipeline, loaded once per process and only when a step needs it; a document's language.

The model is `fr_core_news_md`: its entities score better than the small model's (F 0.83 against
0.81 on spaCy's test set) and its part-of-speech tags end names better, for 0.8 s more to load
(1.1 s against 0.3 s of CPU) and 185 MB more memory.
Either way spaCy's French language data (its tokenizer's exception patterns) costs 2.2 s of CPU
to import, and spaCy itself 0.7 s: figures of the development machine, one process, cold.
"""

from functools import cache
from typing import TYPE_CHECKING

from passerelles.classification.language import detect, fold, words

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "fr_core_news_md"
# The parser and lemmatiser would triple the time per document; the part-of-speech tags
# (morphologizer) stay, for the organisations step to tell where a name ends. The named-entity
# recogniser has its own token vectors, so it runs without the shared `tok2vec`.
UNUSED = ["parser", "senter", "lemmatizer", "attribute_ruler"]
TAGGING = ["tok2vec", "morphologizer"]


@cache
def french() -> "Language":
    """Return the French pipeline: part-of-speech tags, named entities and a rule-based sentence splitter."""
    import spacy  # a second and a half to import: only documents of running text need it

    nlp = spacy.load(MODEL, exclude=UNUSED)
    nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return nlp


def entities(text: str) -> list[tuple[str, int, int]]:
    """Return the named entities of TEXT as (label, start, end): labels ORG, LOC, PER, MISC.

    Run it once per document and hand the result to the steps that read names.
    """
    doc = next(french().pipe([text], disable=TAGGING))
    return [(entity.label_, entity.start_char, entity.end_char) for entity in doc.ents]


def language_of(text: str) -> str:
    """Return the language of TEXT: "fr", "en" or "other".

    Counts function words (`classification.language.detect`); a text without any (a list of
    names, a title) reads as French, the language of most of the product's sources.
    """
    language, _counts = detect(words(fold(text)))
    return language or "fr"
