"""Language profiles: stop words, language detection and light stemmers for French and English.

The stop-word profiles are short lists of the most frequent function words of
each language, written for this product (see RESOURCES.md). Detection counts
them; stemming strips inflection and common derivation suffixes so that
"agricultural" and "agriculture", or "coopératives" and "coopérative", meet.
The stemmers only need to be consistent: the lexicons go through the same
functions as the texts.
"""

import re
import unicodedata
from functools import lru_cache

LANGUAGES = ("fr", "en")
OTHER = "other"

STOP_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        """le la les l un une des du de d au aux et ou en dans par pour sur avec sans sous entre vers
        chez ce c cet cette ces celui celle ceux celles son sa ses leur leurs notre nos votre vos mon ma
        mes qui que qu quoi dont ou il elle ils elles on nous vous je j tu se s y est sont ete etre etait
        etaient sera seront a ont avait avaient avoir fait faire plus moins tres ne n pas ni mais donc car
        comme aussi ainsi tout tous toute toutes autre autres meme memes lors afin depuis apres avant
        cela ceci ici deja encore entre chaque plusieurs leurs dont pendant selon grace notamment
        egalement puis aupres sein travers""".split()
    ),
    "en": frozenset(
        """the a an and or of to in on for with by from at as is are was were be been being it its this
        that these those which who whom whose what there their they them he she his her we our you your
        not no but if than then so such also into about over under between through during before after
        can could will would should may might must has have had do does did more most other some any
        each all both only very i me my us while where when how why within without upon via per among
        including through across against same own""".split()
    ),
    "es": frozenset(
        """el la los las un una unos unas y o de del en por para con sin sobre entre es son esta estan
        fue ser que como pero mas este esta estos estas su sus se al lo le les muy tambien hay desde
        cuando donde nos""".split()
    ),
    "de": frozenset(
        """der die das den dem des ein eine einer eines und oder in im auf fur mit von zu zum zur ist
        sind war nicht auch als bei aus nach wie dass sich es sie er wir ihr werden wird uber nur noch
        kann""".split()
    ),
    "it": frozenset(
        """il lo la gli le un uno una di del della dei delle degli e o in per con su da che non sono come
        anche piu questo questa nel nella al alla ma sul sulla tra fra gli ha hanno""".split()
    ),
    "pt": frozenset(
        """o a os as um uma uns umas e ou de do da dos das em no na nos nas por para com sem que nao e
        sao foi como mas mais este esta seu sua ao aos tambem pelo pela entre""".split()
    ),
}

_WORD = re.compile(r"[^\W_]+")
_FOLDED = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """Return TEXT in lower case, without accents and with ligatures spelled out."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLDED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(folded: str) -> list[str]:
    """Return the words of a folded text (apostrophes and hyphens separate words)."""
    return _WORD.findall(folded)


def detect(tokens: list[str]) -> tuple[str, dict[str, int]]:
    """Return the language of folded TOKENS ("fr", "en", "other" or "" when undecided) and the counts.

    Each profile counts the tokens that are its stop words. A language needs at least
    two hits, or one in a text of fewer than eight words, and must beat every other
    profile; "" means no profile had any evidence at all (a list of keywords, a title).
    """
    counts = {language: sum(token in stops for token in tokens) for language, stops in STOP_WORDS.items()}
    best = max(counts, key=lambda language: counts[language])
    if counts[best] == 0:
        return "", counts
    if sorted(counts.values())[-2] == counts[best] or counts[best] < min(2, len(tokens) // 8 + 1):
        return OTHER, counts
    return (best if best in LANGUAGES else OTHER), counts


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
    word = _strip(word, ("ational", "ations", "ation", "ative", "ators", "ator", "ate"), 4)
    word = _strip(word, ("fulness", "iveness", "ness", "ments", "ment", "ful"), 4)
    word = _strip(word, ("ities", "ity", "ical", "ial", "al", "ive", "ic"), 4)
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
    word = _strip(word, ("atrices", "atrice", "ateurs", "ateur", "ations", "ation"), 4)
    word = _strip(word, ("ites", "ite", "iques", "ique", "istes", "iste", "ismes", "isme"), 4)
    word = _strip(word, ("euses", "euse", "eurs", "eur", "ives", "ive", "ifs", "if"), 4)
    word = _strip(word, ("elles", "elle"), 4, "el")
    word = _strip(word, ("ennes", "enne"), 4, "en")
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


STEMMERS = {"fr": stem_fr, "en": stem_en}
