"""Turn text into index terms and a typed query into groups of alternative terms.

Words are folded (lower case, no accents) and each is indexed under its French and its English
Snowball stem, so that "coopératives", "coopérative" and "cooperatives" meet, whatever the
database. A query is a conjunction of groups; a group lists alternatives (the word itself, its
synonyms from data/synonyms.txt, a correction of a misspelling); an alternative is a conjunction
of words; a word matches any of its stems. Only stems, made of letters and digits, ever reach a
search engine, so no operator typed by a user can.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from passerelles.lib.text import fold

SYNONYMS = Path(__file__).resolve().parent / "data" / "synonyms.txt"
# A query longer than this is cut: no one types more, and the cost of a query grows with it.
MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 32
WORD = re.compile(r"[^\W_]+")
# Grammatical words of both languages carry no subject; they would match nearly everything.
STOPWORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "en",
        "et",
        "il",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "ou",
        "par",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "un",
        "une",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    ]
)


@lru_cache(maxsize=1)
def _stemmers() -> tuple:
    return snowballstemmer.stemmer("french"), snowballstemmer.stemmer("english")


def stems(word: str) -> tuple[str, ...]:
    """Return the French and English stems of a folded WORD, without repeats.

    A number is its own stem, and is kept out of the cache: the numbers of a million records
    (registration numbers, amounts) would push the words out of it.
    """
    return (word,) if word.isdigit() else _stems(word)


@lru_cache(maxsize=200_000)
def _stems(word: str) -> tuple[str, ...]:
    french, english = _stemmers()
    found = dict.fromkeys([fold(french.stemWord(word)), fold(english.stemWord(word))])
    return tuple(s for s in found if s)


def words(text: str) -> list[str]:
    """Return the folded words of TEXT, grammatical words and single letters left out."""
    return [w for w in WORD.findall(fold(text)) if len(w) > 1 and w not in STOPWORDS]


def index_terms(text: str) -> str:
    """Return the stems of TEXT as one space-separated string, the form stored in the index."""
    return " ".join(s for w in words(text) for s in stems(w))


@dataclass
class Word:
    """One word of a query: it matches a text holding any of its stems (as a prefix when typed last)."""

    text: str
    stems: tuple[str, ...]
    prefix: bool = False


@dataclass
class Group:
    """What one part of a query may match: any of its alternatives, each a conjunction of words."""

    source: str
    alternatives: list[list[Word]] = field(default_factory=list)


@dataclass
class Query:
    """A parsed query: every group must match; `corrections` maps a typed word to the one searched."""

    text: str
    groups: list[Group]
    corrections: dict[str, str] = field(default_factory=dict)
    truncated: bool = False

    @property
    def stems(self) -> set[str]:
        """Return every stem the query may match, for highlighting."""
        return {s for g in self.groups for alt in g.alternatives for w in alt for s in w.stems}

    @property
    def prefixes(self) -> set[str]:
        """Return the stems matched as prefixes (the word being typed)."""
        return {s for g in self.groups for alt in g.alternatives for w in alt if w.prefix for s in w.stems}


@lru_cache(maxsize=1)
def synonym_groups() -> list[list[tuple[str, ...]]]:
    """Return the synonym groups of data/synonyms.txt, each expression as a tuple of folded words."""
    groups = []
    for line in SYNONYMS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        expressions = dict.fromkeys(tuple(words(part)) for part in line.split(","))
        groups.append([e for e in expressions if e])
    return groups


@lru_cache(maxsize=1)
def _synonym_index() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Map each expression, as a tuple of stems, to the expressions of its group."""
    index: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for group in synonym_groups():
        for expression in group:
            key = tuple(stems(w)[0] for w in expression)
            index.setdefault(key, [])
            index[key] += [e for e in group if e not in index[key]]
    return index


def _word(text: str, prefix: bool = False) -> Word:
    return Word(text, stems(text), prefix)


def parse(text: str, correct=None, known=None) -> Query:
    """Parse the text typed by a user into a Query.

    CORRECT, when given, maps an unknown folded word to a known one (or None); the correction is
    searched beside the word as typed, never instead of it. The last word is matched as a prefix
    while it is being typed (no space after it), so live results follow the keyboard, unless
    KNOWN (a predicate on folded words) says it is already a whole word of the index: a prefix
    costs the engine a merge of every word it begins.
    """
    truncated = len(text) > MAX_QUERY_CHARS
    text = text[:MAX_QUERY_CHARS]
    typed = words(text)[:MAX_QUERY_WORDS]
    typing_last = bool(typed) and not text[-1:].isspace()
    index = _synonym_index()
    longest = max((len(k) for k in index), default=1)
    groups: list[Group] = []
    corrections: dict[str, str] = {}
    position = 0
    while position < len(typed):
        for size in range(min(longest, len(typed) - position), 0, -1):
            span = typed[position : position + size]
            expressions = index.get(tuple(stems(w)[0] for w in span))
            if expressions:
                break
        else:
            size, expressions, span = 1, None, typed[position : position + 1]
        is_last = position + size == len(typed)
        group = Group(" ".join(span))
        group.alternatives.append(
            [
                _word(w, is_last and typing_last and i == size - 1 and not (known and known(w)))
                for i, w in enumerate(span)
            ]
        )
        for expression in expressions or []:
            if list(expression) != span:
                group.alternatives.append([_word(w) for w in expression])
        if size == 1 and correct is not None:
            fixed = correct(span[0])
            if fixed and fixed != span[0]:
                corrections[span[0]] = fixed
                group.alternatives.append([_word(fixed)])
        groups.append(group)
        position += size
    return Query(text=text, groups=groups, corrections=corrections, truncated=truncated)
