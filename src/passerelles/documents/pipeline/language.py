"""The French spaCy pipeline, loaded once per process, for sentences and named entities."""

from functools import cache

import spacy
from spacy.language import Language

# Only what entities need: the tagger, parser and lemmatiser would triple the time per document.
UNUSED = ["parser", "lemmatizer", "morphologizer", "attribute_ruler"]


@cache
def french() -> Language:
    """Return fr_core_news_sm with named entities and a rule-based sentence splitter."""
    nlp = spacy.load("fr_core_news_sm", exclude=UNUSED)
    nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return nlp
