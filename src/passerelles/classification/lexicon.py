"""Term lexicons and the gazetteer that finds their terms in a normalised text.

A lexicon file in `data/` has one line per label and language:

    6.1 en: drinking water; safe water; ~water; =WASH

The label is a target ("6.1"), a goal ("6"), a theme code or "ess". A plain term
weighs 1 (specific enough to carry the label alone), a term with "~" weighs 0.5
(it needs another clue), a term with "!" weighs nothing and only hides the terms
inside it (the actor "Communauté urbaine de Dunkerque" is not the topic "urbain"),
a term with "=" is an acronym matched in capitals only ("AIDS", never "aids"), and
a term with "^" is one word matched as written, accents and case aside, for a word
whose stem is another word's ("tourisme" stems like "tour": "^tourisme").
Other terms go through the same normalisation as texts, so inflected forms match
("coopératives" finds "coopérative").
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from passerelles.classification.language import LANGUAGES, STEMMERS, STOP_WORDS, fold

DATA = Path(__file__).parent / "data"
STRONG, WEAK, SHIELD = 1.0, 0.5, 0.0


@dataclass(frozen=True)
class Token:
    """One content word of a text: its stem, its form in capitals if it is one, and where it stands."""

    stem: str
    acronym: str
    start: int
    end: int
    word: str = ""  # folded, not stemmed
    # Whether a sentence or a paragraph ends between the previous content word and this one.
    new_sentence: bool = False


@dataclass(frozen=True)
class Entry:
    """One term of a lexicon: the label it supports, its weight and its spelling in the lexicon."""

    label: str
    weight: float
    term: str


@dataclass(frozen=True)
class Hit:
    """A term found in a text: the entry, the words of the text that matched it and their token span."""

    entry: Entry
    key: tuple[str, ...]
    surface: str
    start: int = 0
    end: int = 0


_WORD = re.compile(r"[^\W_]+")
# The hyphen-minus, and the hyphens that typeset texts (official PDFs) use in its place.
HYPHENS = frozenset("-\u2010\u2011")
# What ends a sentence or a paragraph: no term is found across it. A point before a digit ("1.90")
# or a single line break (text taken from PDF breaks lines inside sentences) is not one.
_BREAK = re.compile(r"[.!?;:](?=\s)|\n[ \t]*\n")


def tokenise(text: str, language: str) -> list[Token]:
    """Return the content words of TEXT stemmed as LANGUAGE, with their place in TEXT.

    Stop words are left out, so that "accès à l'eau potable" contains the term "eau
    potable", except inside a hyphenated word ("sous-alimentation", "non-profit").
    """
    stops, stem = STOP_WORDS[language], STEMMERS[language]
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        raw, start, end = match.group(0), match.start(), match.end()
        folded = fold(raw)
        hyphenated = text[start - 1 : start] in HYPHENS or text[end : end + 1] in HYPHENS
        if folded in stops and not hyphenated:
            continue
        acronym = raw if len(raw) > 1 and raw.isupper() else ""
        new_sentence = bool(tokens) and _BREAK.search(text, tokens[-1].end, start) is not None
        tokens.append(Token(stem(folded), acronym, start, end, folded, new_sentence))
    return tokens


def term_key(term: str, language: str) -> tuple[str, ...]:
    """Return the stems of TERM as matched in texts of LANGUAGE ("=": an acronym; "^": a word as written)."""
    if term.startswith("="):
        return ("=" + term[1:],)
    if term.startswith("^"):
        words = [token.word for token in tokenise(term[1:], language)]
        if len(words) > 1:
            raise ValueError(f'"^" marks a single word, not {term!r}')
        return ("^" + words[0],) if words else ()
    return tuple(token.stem for token in tokenise(term, language))


class Lexicon:
    """The terms of one lexicon file in one language, indexed by their stems."""

    def __init__(self, entries: dict[tuple[str, ...], list[Entry]]):
        self.index = entries
        self.longest = max((len(key) for key in entries), default=1)
        # Every beginning of a term: a run of stems that begins none can stop growing.
        self.prefixes = {key[:length] for key in entries for length in range(1, len(key) + 1)}

    def __len__(self) -> int:
        return sum(len(found) for found in self.index.values())

    def labels(self) -> set[str]:
        """Return every label that some term of the lexicon supports."""
        return {entry.label for found in self.index.values() for entry in found}

    def find(self, text: str, tokens: list[Token]) -> list[Hit]:
        """Return the terms found in TOKENS, longest first; a term inside a longer found term is dropped."""
        spans: list[tuple[int, int, tuple[str, ...]]] = []
        stems = [token.stem for token in tokens]
        for i, token in enumerate(tokens):
            if token.acronym and ("=" + token.acronym,) in self.index:
                spans.append((i, i + 1, ("=" + token.acronym,)))
            if ("^" + token.word,) in self.index:
                spans.append((i, i + 1, ("^" + token.word,)))
            for length in range(1, min(self.longest, len(tokens) - i) + 1):
                if length > 1 and tokens[i + length - 1].new_sentence:
                    break  # a term does not run over the end of a sentence
                key = tuple(stems[i : i + length])
                if key not in self.prefixes:
                    break
                if key in self.index:
                    spans.append((i, i + length, key))
        spans.sort(key=lambda span: span[0] - span[1])
        kept: list[tuple[int, int]] = []
        hits: list[Hit] = []
        for start, end, key in spans:
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e in kept):
                continue
            kept.append((start, end))
            surface = " ".join(text[tokens[start].start : tokens[end - 1].end].split())
            hits.extend(Hit(entry, key, surface, start, end) for entry in self.index[key])
        return hits


def parse(lines: list[str], language: str, source: str = "lexicon") -> Lexicon:
    """Return the lexicon of LANGUAGE written in LINES (the format of this module's docstring)."""
    index: dict[tuple[str, ...], list[Entry]] = {}
    for number, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        head, sep, body = line.partition(":")
        parts = head.split()
        if not sep or len(parts) != 2 or parts[1] not in LANGUAGES:
            raise ValueError(f"{source}:{number}: expected 'LABEL LANGUAGE: term; term'")
        label, line_language = parts
        if line_language != language:
            continue
        for raw in body.split(";"):
            term = raw.strip()
            if not term:
                continue
            weight = {"~": WEAK, "!": SHIELD}.get(term[0], STRONG)
            term = term.lstrip("~!").strip()
            try:
                key = term_key(term, language)
            except ValueError as error:
                raise ValueError(f"{source}:{number}: {error}") from None
            if not key:
                raise ValueError(f"{source}:{number}: the term {term!r} has only stop words")
            found = index.setdefault(key, [])
            if all(entry.label != label for entry in found):
                found.append(Entry(label, weight, term))
    return Lexicon(index)


@cache
def load(name: str, language: str) -> Lexicon:
    """Return the shipped lexicon NAME (sdgs, themes, ess, ess_actions) in LANGUAGE, read once per process."""
    path = DATA / f"{name}_terms.txt"
    return parse(path.read_text(encoding="utf-8").splitlines(), language, path.name)
