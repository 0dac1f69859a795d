"""Language profiles: stop words, language detection and light stemmers for French and English.

The stop-word profiles (`data/stopwords.txt`) are short lists of the most frequent
function words of six languages, written for this product (see RESOURCES.md). Detection counts
them; stemming strips inflection and common derivation suffixes so that
"agricultural" and "agriculture", or "coopératives" and "coopérative", meet.
The stemmers only need to be consistent: the lexicons go through the same
functions as the texts.
"""

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("fr", "en")
OTHER = "other"

DATA = Path(__file__).parent / "data"


def _stop_words() -> dict[str, frozenset[str]]:
    profiles = {}
    for line in (DATA / "stopwords.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, _sep, listed = line.partition(":")
            profiles[language.strip()] = frozenset(listed.split())
    return profiles


STOP_WORDS = _stop_words()

_WORD = re.compile(r"[^\W_]+")
_FOLDED = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """Return TEXT in lower case, without accents and with ligatures spelled out."""
    if text.isascii():
        return text.casefold()  # no accent, ligature or curly apostrophe to remove
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLDED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(folded: str) -> list[str]:
    """Return the words of a folded text (apostrophes and hyphens separate words)."""
    return _WORD.findall(folded)


def detect(tokens: list[str]) -> tuple[str, dict[str, int]]:
    """Return the language of folded TOKENS ("fr", "en", "other" or "" when undecided) and the counts.

    Each profile counts the tokens that are its stop words. A language needs at least
    two hits, or one in a text of fewer than eight words, and must beat every other
    profile, except that French or English wins a tie with a language it shares short
    words with ("le", "de", "a"); "" means no profile had any evidence at all (a list
    of keywords, a title).
    """
    counts = {language: sum(map(stops.__contains__, tokens)) for language, stops in STOP_WORDS.items()}
    top = max(counts.values())
    if top == 0:
        return "", counts
    best = [language for language, count in counts.items() if count == top]
    ours = [language for language in best if language in LANGUAGES]
    if len(ours) != 1 or top < min(2, len(tokens) // 8 + 1):
        return OTHER, counts
    return ours[0], counts


def _strip(word: str, suffixes: tuple[str, ...], keep: int, replace: str = "") -> str:
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)] + replace
    return word


@lru_cache(maxsize=200_000)
def stem_en(word: str) -> str:
    """Return a light English stem of a folded WORD ("agricultural" -> "agricultur")."""
    if len(word) <= 3 or word.isdigit():
        return word
    word = re.sub(r"iz(e|es|ed|ing|ation|ations)$", r"is\1", word)
    word = _strip(word, ("ies",), 2, "y")
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    word = _strip(word, ("ingly", "edly", "ing", "ed", "ly"), 4)
    word = _strip(word, ("ational", "ations", "ation", "ators", "ator", "ate"), 4, "at")
    word = _strip(word, ("fulness", "iveness", "ness", "ments", "ment", "ful"), 4)
    word = _strip(word, ("ive",), 4, "iv")
    word = _strip(word, ("ities", "ity", "ical", "ial", "al", "ic"), 4)
    word = _strip(word, ("ility",), 4, "il")
    word = _strip(word, ("ist", "ism", "er"), 5)
    if word.endswith("y") and len(word) > 4:
        word = word[:-1] + "i"
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


@lru_cache(maxsize=200_000)
def stem_fr(word: str) -> str:
    """Return a light French stem of a folded WORD ("coopératives" -> "cooperat")."""
    if len(word) <= 3 or word.isdigit():
        return word
    word = _strip(word, ("aux",), 3, "al")
    if word.endswith(("s", "x")) and len(word) > 3:
        word = word[:-1]
    word = _strip(word, ("issements", "issement", "ements", "ement", "ments", "ment"), 4)
    word = _strip(word, ("atrices", "atrice", "ateurs", "ateur", "ations", "ation"), 4, "at")
    word = _strip(word, ("ites", "ite", "iques", "ique", "istes", "iste", "ismes", "isme"), 4)
    word = _strip(word, ("euses", "euse", "eurs", "eur"), 4)
    word = _strip(word, ("ives", "ive", "ifs", "if"), 4, "iv")
    word = _strip(word, ("elles", "elle"), 4, "el")
    word = _strip(word, ("ennes", "enne"), 4, "en")
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


STEMMERS = {"fr": stem_fr, "en": stem_en}
