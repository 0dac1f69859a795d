"""Step `organisations`: the organisations a text names, with their type and role.

Assigns: every mention of an organisation (not of the cooperating territories) with its span,
named and typed as its organisation (its longest spelling, the type its kind word gives) and
with the role that the words of its own sentence give.

Sources, surest first:

1. a name opened by a kind word written with a capital ("Agence française de développement",
   "Ministère de l'Europe et des Affaires étrangères (MEAE)", "Fédération nationale des
   coopératives de consommateurs"): the name runs over its lower-case adjectives and complements
   and stops at punctuation, a verb or a following clause, which the French model's
   part-of-speech tags tell; an acronym in brackets right after it stays with it;
2. a kind word used as a common noun before a proper name ("l'association Terres Vivantes", "la
   SCOP Lumière Partagée", the apposition "Terres Vivantes, une association de..."); in English,
   capitalised names holding a kind word ("the Green Valley Cooperative", "Ministry of Foreign
   Affairs");
3. an acronym in brackets after its expansion ("Cités Unies France (CUF)") and its later mentions;
4. lists of partners: "- Name : association qui...", "Partenaires : A, B et C", "A ; B ; C";
5. the recogniser's organisations (in English only those holding a kind word) and acronyms that
   recur or that a role names.

Never organisations: local governments (the places the caller passes, administrative words,
acronyms whose expansion is a local government or whose letters are a place's initials),
programmes, methods, labels, calls for projects and events ("le programme X", an acronym
defined by a common phrase), and a heading or title as a whole.
"""

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from passerelles.classification.language import STOP_WORDS
from passerelles.documents.pipeline.doc import Actor
from passerelles.documents.pipeline.language import entities, french, language_of
from passerelles.lib.names import CLOSE_SPELLING, core_name, initials, normalise
from passerelles.lib.text import fold
from passerelles.territories import gazetteer, geo

if TYPE_CHECKING:
    from spacy.tokens import Doc

# The word that says what kind of organisation follows (general vocabulary): its pattern, its
# type, and whether "l'association X" is called X (True) or keeps the word ("l'Institut X").
FRENCH_KINDS: list[tuple[str, str, bool]] = [
    (r"associations?", "association", True),
    (r"ONG", "association", True),
    (r"coop[ée]ratives?", "cooperative", True),
    (r"SCOP|Scop", "cooperative", True),
    (r"SCIC|Scic", "cooperative", True),
    (r"groupement", "cooperative", True),
    (r"mutuelles?", "mutuelle", True),
    (r"fondations?", "fondation", True),
    (r"fonds", "fondation", False),
    (r"minist[èe]re", "etat", False),
    (r"agence", "agence", False),
    (r"office", "agence", False),
    (r"r[ée]seau", "reseau", True),
    (r"f[ée]d[ée]ration", "reseau", False),
    (r"union", "reseau", False),
    (r"collectif", "reseau", True),
    (r"plateforme", "reseau", True),
    (r"p[ôo]le", "reseau", False),
    (r"chambre", "reseau", False),
    (r"entreprise", "entreprise", True),
    (r"soci[ée]t[ée]", "entreprise", True),
    (r"organisation|organisme|structure", "autre", True),
    (r"institut|centre|maison|observatoire|comit[ée]|commission|conseil", "autre", False),
    (r"lyc[ée]e|[ée]cole|universit[ée]", "autre", False),
]
ENGLISH_KINDS: list[tuple[str, str]] = [
    (r"foundation|trust|fund", "fondation"),
    (r"association|society|charity|NGO", "association"),
    (r"co-?operative|co-op", "cooperative"),
    (r"mutual", "mutuelle"),
    (r"network|federation|union|alliance|chamber|platform|collective", "reseau"),
    (r"agency|office", "agence"),
    (r"ministry|department", "etat"),
    (r"company|enterprise|enterprises", "entreprise"),
    (r"council|institute|centre|center|committee|organi[sz]ation|university|college|school", "autre"),
]
_FRENCH_KIND = "|".join(p for p, _t, _n in FRENCH_KINDS)
_ENGLISH_KIND = "|".join(p for p, _t in ENGLISH_KINDS)
_KIND_TABLE = [(re.compile(f"(?i:{p})"), kind, named) for p, kind, named in FRENCH_KINDS] + [
    (re.compile(f"(?i:{p})"), kind, True) for p, kind in ENGLISH_KINDS
]
_ANY_KIND = re.compile(f"(?i:{_FRENCH_KIND}|{_ENGLISH_KIND})")
_ENGLISH_KIND_WORD = re.compile(f"(?i:{_ENGLISH_KIND})")
# Kind words written alike in both languages, which do not tell an English name in French text.
_SHARED_KINDS = {"association", "union", "centre", "office", "organisation"}
# A kind word; written with a capital, the start of an official name ("Agence", "Ministère").
_CAPITAL_KIND = re.compile(r"(?<![\w-])(?P<kind>" + _FRENCH_KIND + r")(?![\w-])", re.IGNORECASE)
# A proper name: capitalised words and the small words between them.
_CAP = r"[A-ZÀ-Þ][\w’'\-]*"
# "et" joins two words of one name ("Terre et Vie"), not a name and an acronym or another kind of body.
_AND_NOT_ANOTHER = r"et (?!(?i:" + _FRENCH_KIND + r")\b)(?![A-ZÀ-Þ]{2,}\b)"
_FRENCH_LINK = r"(?: | (?:de la|des|du|de|pour|" + _AND_NOT_ANOTHER + r") | d['’]| de l['’]| pour l['’])"
_FRENCH_RUN = _CAP + r"(?:" + _FRENCH_LINK + _CAP + r")*"
_ENGLISH_LINK = r"(?: | (?:of|for|on|in|&|de|du|des|de la|pour|et)(?: the)? | and | d['’]| de l['’])"
_ENGLISH_RUN = re.compile(r"(?<![\w\-])" + _CAP + r"(?:" + _ENGLISH_LINK + _CAP + r")*")
# "l'association X", "la SCOP X", "l'ONG « X »": a kind word as a common noun, then the name.
_NAMED_AFTER_KIND = re.compile(
    r"(?<![\w-])(?P<kind>" + _FRENCH_KIND + r"|" + _ENGLISH_KIND + r")"
    # "l'entreprise d'insertion X", "la coopérative de producteurs X".
    r"(?: (?:d['’]|de |des |du )[a-zà-ÿ][\w’'\-]*)?"
    # A line broken by the layout may part the kind word from the name.
    r"(?:[ \n](?:[«“\"] ?(?P<quoted>[^»”\"\n]{2,60}?) ?[»”\"]|(?P<name>" + _FRENCH_RUN + r")))",
)
# A lower-case end of a name written in sentence case, when punctuation closes it: "Femmes solidaires,".
_SENTENCE_CASE_TAIL = re.compile(r"(?: (?:d['’])?[a-zà-ÿ][\w’'\-]*){1,3}(?=\s*[,;:()»])")
# "Terres Vivantes, une association de..."; "Green Hands, a cooperative that...".
_APPOSITION = re.compile(
    r"(?P<name>" + _FRENCH_RUN + r"), (?:une?|la|le|l['’]|an?|the) ?(?:[a-zà-ÿ]+ )?"
    r"(?P<kind>(?i:" + _FRENCH_KIND + r"|" + _ENGLISH_KIND + r"))\b"
)
# "- Bricolib : association qui prête des outils." A partner defined in a list.
_DEFINED_IN_LIST = re.compile(
    r"(?m)^\s*[-•*–]\s*(?P<name>[A-ZÀ-Þ][^:\n]{1,60}?)\s*:\s*"
    r"(?:(?:une?|la|le|l['’]|an?|the) ?)?(?P<phrase>(?:[\w’'\-]+ ){0,5}?)"
    r"(?P<kind>(?i:" + _FRENCH_KIND + r"|" + _ENGLISH_KIND + r"))\b"
)
# "Partenaires : A, B et la C" and "Partners:" followed by one partner a line.
_PARTNERS = re.compile(
    r"(?im)^[ \t]*(?:les |nos |our |the |main )?(?:partenaires?|partners?)(?: [\w’'\-]+){0,3}[ \t]*:[ \t]*"
    r"(?P<items>[^\n]*)(?P<lines>(?:\n[ \t]*[-•*–][^\n]+)*)"
)
_ITEM_SEPARATOR = re.compile(r"\s*(?:[,;]|\s(?:et|and)\s(?=(?:la |le |les |l['’]|the )))\s*")
# "A ; La B ; le C ; des réseaux D ; E": a list of partners separated by semicolons.
_SEMICOLON_LIST = re.compile(r"(?:[^;\n]{2,80} ; ){2,}[^;\n.]{2,80}")
_LIST_ITEM = re.compile(
    r"^(?:(?:and |et )?(?:[a-zà-ÿ’']+ ){0,3})?(?:[ld]['’])?(?P<name>[A-ZÀ-Þ][^:()]{1,80}?)\s*(?:[(:].*)?$"
)
ACRONYM = re.compile(r"(?<![\w-])(?P<acronym>[A-ZÀ-Þ][A-ZÀ-Þ0-9&\-]{1,9})(?![\w-])")
# An acronym in brackets has two capitals at least ("(AFD)", "(F3E)", "(AgriSud)"; not "(Mali)").
_BRACKETED_ACRONYM = re.compile(
    r" ?\((?=[^()]{2,12}\))(?P<acronym>[A-ZÀ-Þ][A-Za-zÀ-ÿ0-9&\-]*[A-ZÀ-Þ0-9][A-Za-zÀ-ÿ0-9&\-]*)\)"
)
# "le RÉSAS (Réseau Sahel Action Solidarité)": an acronym, then its expansion in brackets.
_ACRONYM_THEN_EXPANSION = re.compile(
    r"(?P<acronym>\b[A-ZÀ-Þ][A-ZÀ-Þ0-9\-]{1,9}) \((?P<expansion>[A-ZÀ-Þ][^()\n]{5,80})\)"
)
# Capitals that are no organisation: general abbreviations, currencies, legal forms, page furniture.
_NOT_ACRONYMS = {
    "ESS", "ODD", "SDG", "SDGS", "ONG", "NGO", "NGOS", "ONGS", "OSC", "CSO", "UE", "EU", "PME", "TPE", "RH",
    "TTC", "HT", "PIB", "GDP", "EUR", "USD", "FCFA", "CFA", "CA", "II", "III", "IV", "VI", "TV", "SA", "SAS",
    "SARL", "GIE", "LTD", "INC", "SCOP", "SCIC", "CONTACT", "NB", "PS", "FR", "EN", "NA", "PDF", "URL", "FAQ",
    "TIC", "ICT",
}  # fmt: skip
# Head words of things that are no organisation: projects, programmes, methods, events, labels.
_NOT_ORGANISATIONS = (
    r"programmes?|programs?|projets?|projects?|dispositifs?|appels?|calls?|labels?|m[ée]thodes?|methods?|"
    r"d[ée]marches?|approches?|approach|plans?|sch[ée]mas?|contrats?|contracts?|strat[ée]gies?|strategy|"
    r"politiques?|policy|forums?|salons?|festivals?|semaines?|weeks?|mois|month|journ[ée]es?|days?|"
    r"rencontres?|assises|op[ée]rations?|campagnes?|campaigns?|prix|awards?|troph[ée]es?|concours|"
    r"competitions?|conf[ée]rences?|conferences?|sommets?|summits?|coop[ée]ration|partenariats?|"
    r"partnerships?|conventions?|accords?|agreements?|chartes?|charters?|objectifs?|goals?|services?|"
    r"contacts?|mots"
)
_NOT_ORGANISATION_HEAD = re.compile(r"(?i)^(?:" + _NOT_ORGANISATIONS + r")\b")
# "le programme Jardins Nomades", "le dispositif européen « X »": the name of the thing, not of a body.
_AFTER_NOT_ORGANISATION = re.compile(
    r"(?i)\b(?:" + _NOT_ORGANISATIONS + r")(?P<between>(?: [a-zà-ÿ]+){0,2}) ?[«“\"]? ?$"
)
# Names that are local governments (French and English administrative words), never organisations.
_LOCAL_GOVERNMENT = re.compile(
    r"(?i)^(?:(?:la|le|l['’]|the) ?)?(?:communaut[ée] (?:de communes|d['’] ?agglom[ée]ration|urbaine)|"
    r"m[ée]tropole|agglom[ée]ration|conseil (?:r[ée]gional|d[ée]partemental|g[ée]n[ée]ral|municipal)|"
    r"commune|ville|mairie|municipalit[ée]|d[ée]partement|r[ée]gion|province|gouvernorat|wilaya|"
    r"pr[ée]fecture|collectivit[ée]|syndicat intercommunal|"
    r"(?:municipality|city|town|county|district|borough|province) of)\b"
    r"|\b(?:city|town|county|district|municipal|regional|provincial|borough|parish|village) council\b"
    r"|\b(?:municipality|m[ée]tropole)$"
)
_GEOGRAPHIC_KINDS = {"centre", "center"}
# The prepositions inside official names ("Agence française de développement").
_PREPOSITIONS = {"de", "du", "des", "d'", "d’", "pour", "contre", "sur", "en", "à", "au", "aux", "sans"}
# Words that give no letter to an acronym and no name of their own.
_SMALL_WORDS = {
    "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "pour", "contre", "a", "à", "au", "aux",
    "sur", "of", "the", "and", "for", "on", "in", "&",
}  # fmt: skip
ROLE_CUES: list[tuple[str, str]] = [
    (
        r"financ|subvention|cofinanc|bailleur|soutien financier|fund(?:ed|ing|er|s)\b|co-?funds?|grant|donor",
        "financeur",
    ),
    (
        r"ma[iî]tr(?:e|ise) d['’]ouvrage|port[ée]e?s? par|pilot|porteur|"
        r"led by|leads\b|lead partner|project owner",
        "maitre_ouvrage",
    ),
    (
        r"op[ée]rateur|ma[iî]tr(?:e|ise) d['’]œuvre|mis(?:e)? en œuvre par|met en œuvre|r[ée]alis[ée]e? par|"
        r"implement(?:ed by|ing partner|s\b)|operator|run by|delivered by",
        "operateur",
    ),
    (
        r"appui|accompagn|expertise|form[ée]e?s? par|conseil technique|assistance technique|"
        r"technical support|technical assistance|supported by|supports\b|trained by",
        "appui_technique",
    ),
    (r"b[ée]n[ée]ficiaire|au profit de|au b[ée]n[ée]fice|beneficiar|for the benefit of", "beneficiaire"),
]
_ROLE_CUES = "|".join(f"(?P<{role}>{pattern})" for pattern, role in ROLE_CUES)
_ROLE_CUE = re.compile(_ROLE_CUES, re.IGNORECASE)
# A cue that is an active verb ("X finance Y", "X supports Y") gives its role to its subject, before it.
_ACTIVE_CUE = re.compile(
    r"(?i)(?:co)?financ(?:e|ent)\b|subventionn(?:e|ent)\b|accompagn(?:e|ent)\b|pilot(?:e|ent)\b|appui(?:e|ent)\b|"
    r"met(?:tent)? en œuvre\b|(?:co-?)?funds\b|finances\b|supports\b|leads\b|implements\b"
)
# A cue after a name that speaks for it: "X finance", "X, bénéficiaire du projet", "X, a cooperative
# of weavers, is a beneficiary", "X assure la maîtrise d'ouvrage".
_CUE_AFTER = re.compile(
    r"(?i)\s*(?:,[^,.;\n]{0,80},)?(?:\s+(?:et|and)\s+[^,.;\n]{1,60}?)?\s*,?\s*(?:qui |which |who |that )?"
    r"(?:(?:est|sont|était|sera|a|ont|avait|is|are|was|will be|has|have|had|acts as|serves as|as|"
    r"assure|assurent|joue le rôle d['’]|en tant que|comme)\s+"
    r"(?:(?:le|la|les|un|une|a|an|the|its|son|sa|leur|l['’])\s*)?(?:\w+\s+)?)?(?:" + _ROLE_CUES + r")"
)
_ARTICLE = re.compile(r"^(?i:l['’]|la |le |les |the )")
_LEADING_WORDS = STOP_WORDS["fr"] | STOP_WORDS["en"] | {"funded", "led"}
# Where a sentence or a clause ends: a full stop, a semicolon, a blank line, the end of a line
# that closes a sentence, a bullet. A line that the layout broke runs on.
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n[ \t]*\n|(?<=[.!?:;])\n|\n(?=[ \t]*[-•*–])")
# Past this many tokens an official name has run into the sentence.
_LONGEST_NAME = 16
# No mention is longer (a name of at most 120 characters and its acronym in brackets).
_LONGEST_MENTION = 200


Entities = Sequence[tuple[str, int, int]]
Add = Callable[..., None]


@dataclass
class _Candidate:
    name: str
    type: str
    start: int
    end: int
    # A kind word or a defined acronym vouches for it; a recogniser's guess or a list item does not.
    strong: bool


def kind_of(name: str) -> str:
    """Return the type that the first kind word of NAME gives ("Agence française..." -> "agence")."""
    for word in re.findall(r"[\w\-]+", name):
        entry = _kind_entry(word)
        if entry:
            return entry[0]
    return "autre"


def _kind_entry(word: str) -> tuple[str, bool] | None:
    """Return the type WORD says and whether "l'association X" is called X, or None for no kind word."""
    for pattern, kind, named_after in _KIND_TABLE:
        if pattern.fullmatch(word):
            return kind, named_after
    return None


def _plural(word: str) -> bool:
    return word[-1:] in "sS" and _kind_entry(word[:-1]) is not None


def _has_kind(name: str, english_only: bool = False) -> bool:
    """Tell whether NAME holds a kind word, singular or plural ("chambres régionales")."""
    words = [w.removesuffix("s") for w in re.findall(r"[\w\-]+", name)] + re.findall(r"[\w\-]+", name)
    if english_only:
        return any(_ENGLISH_KIND_WORD.fullmatch(w) and w.lower() not in _SHARED_KINDS for w in words)
    return any(_ANY_KIND.fullmatch(w) for w in words)


def _only_kind_words(name: str) -> bool:
    """Tell whether NAME says a kind of body and nothing more ("Association", "Fonds de la Coopérative")."""
    return all(_ANY_KIND.fullmatch(w) or w.lower() in _SMALL_WORDS for w in re.findall(r"[\w\-]+", name))


def role_near(text: str, start: int, end: int) -> str:
    """Return the role that the words of the sentence around START..END give an actor.

    The nearest cue before the name speaks for it ("financé par X et mis en œuvre par Y"), unless
    it is an active verb whose subject is another ("X finance Y"); else a cue right after the
    name ("X, bénéficiaire du projet", "X finance").
    """
    window_start = max(0, start - 400)
    stops = [m.end() for m in _SENTENCE_END.finditer(text, window_start, start)]
    sentence_start = stops[-1] if stops else window_start
    stop = _SENTENCE_END.search(text, end, end + 400)
    sentence_end = stop.start() if stop else min(len(text), end + 400)
    before = list(_ROLE_CUE.finditer(text, sentence_start, start))
    if before:
        nearest = before[-1]
        return "partenaire" if _ACTIVE_CUE.match(text, nearest.start()) else str(nearest.lastgroup)
    after = _CUE_AFTER.match(text, end, sentence_end)
    return str(after.lastgroup) if after else "partenaire"


def _is_place(name: str, places: set[str], place_initials: set[str]) -> bool:
    """Tell whether NAME is one of PLACES (core names) or their initials, or a place of any text."""
    return name.strip() in place_initials or core_name(name) in places or _is_any_place(name)


@lru_cache(maxsize=20_000)
def _is_any_place(name: str) -> bool:
    """Tell whether NAME is a local government by its wording, a country, a French or a foreign region.

    A French commune's name alone is no proof: many organisations are named after their town.
    """
    return (
        bool(_LOCAL_GOVERNMENT.search(name))
        or bool(geo.country_of(name))
        or any(c.country == "FR" and c.level != "commune" for c in gazetteer.lookup(name))
        or normalise(name) in geo.subdivision_index()
    )


def _tidy(name: str) -> str:
    """Drop from NAME what is not part of it: spaces, articles, quotes, punctuation around it."""
    name = re.sub(r"\s+", " ", name).strip(" ,;:.«»“”\"'’-")
    return _ARTICLE.sub("", name).strip()


def _strip_leading_words(name: str, start: int) -> tuple[str, int]:
    """Drop the function words a capitalised run may begin with ("Avec", "The", "Funded")."""
    while True:
        first, _space, rest = name.partition(" ")
        if not rest or fold(first.rstrip("’'")) not in _LEADING_WORDS:
            return name, start
        name, start = rest, start + len(first) + 1


def _shouted(text: str, start: int, end: int) -> bool:
    """Tell whether START..END lies in a line written in capitals (a heading): no acronym there."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    capitals = sum(c.isupper() for c in letters) >= 0.6 * len(letters)
    return capitals and any(w.isupper() and fold(w) in _LEADING_WORDS for w in re.findall(r"\w{2,}", line))


def _acronym_ok(acronym: str) -> bool:
    letters = sum(c.isalpha() for c in acronym)
    return acronym.upper() not in _NOT_ACRONYMS and len(acronym.strip("-&")) >= 3 and letters >= 3


def _expansion(text: str, bracket: int, acronym: str) -> int | None:
    """Return where the words before BRACKET begin whose initials spell ACRONYM, or None.

    "Agence française de développement (AFD)": the small words (de, la, of...) give no letter.
    """
    letters = [c for c in acronym.upper() if c.isalpha()]
    position = len(letters)
    for word in reversed(list(re.finditer(r"\w+", text[max(0, bracket - 160) : bracket]))):
        written = word.group(0)
        if "\n" in text[max(0, bracket - 160) + word.start() : bracket]:
            return None
        if written.lower() in _SMALL_WORDS:
            continue
        if position == 0 or fold(written[0]).upper() != letters[position - 1]:
            return None
        position -= 1
        if position == 0:
            return max(0, bracket - 160) + word.start()
    return None


def _official_end(window: "Doc") -> int:
    """Return where the official name that opens WINDOW ends, as a character offset in WINDOW.

    The name takes capitalised words, lower-case adjectives, complements ("de développement",
    "des Affaires étrangères") and "et" between two of them; it stops at punctuation, a verb, a
    pronoun or another clause. The tags come from the French model.
    """
    end = len(window[0].text)
    previous = "content"
    complement = False  # "pour l'alimentation": "et l'agriculture" may follow
    for token in window[1:_LONGEST_NAME]:
        word, lower = token.text, token.text.lower()
        following = window[token.i + 1] if token.i + 1 < len(window) else None
        if word == "-" and not window[token.i - 1].whitespace_ and not token.whitespace_:
            previous = "link"  # "développement-Terre"
            continue
        if token.is_punct or token.is_space:
            break
        if lower == "et":
            if following is None or previous != "content":
                break
            after = window[token.i + 2] if token.i + 2 < len(window) else None
            next_word = following.text
            joins = next_word.lower() in _PREPOSITIONS or (following.pos_ == "ADJ" and next_word[0].islower())
            # "pour l'alimentation et l'agriculture", but not "... et la Région" nor "... et les habitants".
            second = complement and next_word.lower() in {"la", "le", "l'", "l’"}
            second = second and after is not None and after.text[0].islower()
            if not (joins or second):
                break
            previous = "preposition" if second else "link"
        elif lower in {"la", "le", "les", "l'", "l’"}:
            if previous != "preposition":
                break
            previous = "article"
            complement = True
        elif lower in _PREPOSITIONS:
            if previous == "preposition":
                break
            previous = "preposition"
        elif (
            word[0].isupper()
            or (token.pos_ == "ADJ" and previous in {"content", "link"})
            or (token.pos_ in {"NOUN", "PROPN", "ADJ", "X"} and previous != "content")
        ):
            previous = "content"
            end = token.idx + len(word)
        elif (
            "Part" in token.morph.get("VerbForm", [])
            and "Past" in token.morph.get("Tense", [])
            and previous == "content"
            and (following is None or following.text.lower() not in {"par", "en", "à", "dans", "depuis"})
        ):
            # "Organisation des Nations unies": a participle used as an adjective.
            end = token.idx + len(word)
        else:
            break
    return end


def find_actors(
    text: str,
    place_names: Sequence[str] = (),
    skip: Sequence[tuple[int, int]] = (),
    *,
    titles: Sequence[tuple[int, int]] = (),
    entities_in_text: Entities | None = None,
    language: str = "",
) -> list[Actor]:
    """Return the mentions of organisations in TEXT (not of the cooperating territories), in order.

    Each mention is named and typed as its organisation ("AFD" after "Agence française de
    développement (AFD)" carries the whole name) and has the role its own sentence gives: a
    caller that reads several projects from one text keeps, per project, the mentions inside it.

    PLACE_NAMES are the places found in TEXT (they and their initials are never organisations);
    SKIP holds spans not to read organisations from (the people of the contact block, keywords);
    TITLES the spans of headings and titles, which are never an organisation as a whole and where
    only a name with a kind word or a defined acronym is read. ENTITIES_IN_TEXT are the
    recogniser's (label, start, end) in TEXT's offsets, when the caller ran it on the whole
    document (`language.entities`); without them the recogniser runs on TEXT. LANGUAGE is "fr",
    "en" or "other"; found from TEXT when empty.
    """
    english = (language or language_of(text)) == "en"
    if entities_in_text is None:
        entities_in_text = entities(text)
    places = {core_name(n) for n in place_names}
    place_initials = {initials(n) for n in place_names if len(initials(n)) >= 3}
    place_initials |= {n.strip() for n in place_names if ACRONYM.fullmatch(n.strip())}
    found: list[_Candidate] = []
    banned: set[str] = set()

    def add(name: str, kind: str, start: int, end: int, *, strong: bool) -> None:
        name = _tidy(name)
        written = text.find(name, start, end + 1) if name else -1
        if written >= 0:  # the span of the name itself, without the article or quotes around it
            start, end = written, written + len(name)
        if len(name) < 2 or len(name) > 120 or any(s < end and start < e for s, e in skip):
            return
        if _NOT_ORGANISATION_HEAD.match(name) or _only_kind_words(name):
            return
        if _is_place(name, places, place_initials):
            return
        after = _AFTER_NOT_ORGANISATION.search(text[max(0, start - 40) : start])
        if after and not any(fold(w) in _LEADING_WORDS for w in after.group("between").split()):
            return
        if ACRONYM.fullmatch(name) and (
            not _acronym_ok(name) or name in banned or name in place_initials or _shouted(text, start, end)
        ):
            return
        for title_start, title_end in titles:
            if title_start < end and start < title_end:
                whole = _tidy(text[title_start:title_end])
                if not strong or core_name(whole) == core_name(name):
                    return
        found.append(_Candidate(name, kind, start, end, strong))

    _defined_acronyms(text, add, banned, lambda name: _is_place(name, places, place_initials), place_initials)
    if not english:
        _official_names(text, add, entities_in_text)
    _named_after_kind(text, add)
    for match in _ENGLISH_RUN.finditer(text):
        name, start = _strip_leading_words(match.group(0), match.start())
        # "X Foundation and Y Cooperative" or "X Company and Oxfam" are two; "Ministry of Agriculture
        # and Rural Development" is one.
        parts = [name]
        while " and " in parts[-1]:
            left, right = parts[-1].split(" and ", 1)
            if not (_ANY_KIND.fullmatch(left.split()[-1]) or (_has_kind(left) and _has_kind(right))):
                break
            parts[-1:] = [left, right]
        for part in parts:
            if not _has_kind(part, english_only=not english):
                continue
            offset = text.find(part, start)
            rest = part.split(" ", 2)[-1]
            if part.split()[0].lower() in _GEOGRAPHIC_KINDS and _is_place(rest, places, place_initials):
                continue
            add(part, kind_of(part), offset, offset + len(part), strong=True)
    for match in _APPOSITION.finditer(text):
        name, start = _strip_leading_words(match.group("name"), match.start("name"))
        add(name, kind_of(match.group("kind")), start, start + len(name), strong=True)
    for match in _DEFINED_IN_LIST.finditer(text):
        if not _NOT_ORGANISATION_HEAD.match(match.group("phrase") or match.group("kind")):
            name, kind = match.group("name"), kind_of(match.group("kind"))
            add(name, kind, match.start("name"), match.end("name"), strong=True)
    for start, item in _list_items(text):
        listed = _LIST_ITEM.match(item)
        if listed and len(listed.group("name").split()) <= 8:
            name = listed.group("name").rstrip(" .")
            offset = start + listed.start("name")
            add(name, kind_of(item), offset, offset + len(name), strong=False)
    for label, start, end in entities_in_text:
        name = text[start:end]
        if label not in {"ORG", "MISC"} or "\n" in name:
            continue
        if english:
            # The French model reads English names into the following words: keep the capitalised run.
            run = _ENGLISH_RUN.match(text, start)
            if run and _has_kind(run.group(0)):
                name, start = _strip_leading_words(run.group(0), start)
                add(name, kind_of(name), start, run.end(), strong=False)
        elif label == "MISC":
            if _has_kind(name):
                add(name, kind_of(name), start, end, strong=False)
        elif ACRONYM.fullmatch(name.strip()) or sum(w[:1].isupper() for w in name.split()) >= 2:
            add(name, kind_of(name), start, end, strong=False)
    _acronyms(text, add, found, banned | place_initials, entities_in_text)
    return _merge(found, text)


def _defined_acronyms(
    text: str, add: Add, banned: set[str], is_place: Callable[[str], bool], place_initials: set[str]
) -> None:
    """Read the acronyms defined in brackets: as an organisation, a local government or a thing.

    "Agence française de développement (AFD)" adds the organisation; the acronym of a local
    government joins PLACE_INITIALS; one that a common phrase or a programme defines ("un atelier
    de planification participative (MARP)") joins BANNED.
    """
    for match in _BRACKETED_ACRONYM.finditer(text):
        acronym = match.group("acronym")
        opening = _expansion(text, match.start(), acronym)
        if opening is None:
            before = text[max(0, match.start() - 60) : match.start()].split()
            if before and before[-1][:1].islower() and not _ANY_KIND.search(" ".join(before[-4:])):
                banned.add(acronym)
            continue
        expansion = text[opening : match.start()]
        if is_place(expansion):
            place_initials.add(acronym)
        elif _NOT_ORGANISATION_HEAD.match(_tidy(expansion)) or not (
            _has_kind(expansion) or sum(w[:1].isupper() for w in expansion.split()) >= 2
        ):
            banned.add(acronym)
        else:
            add(text[opening : match.end()], kind_of(expansion), opening, match.end(), strong=True)
    for match in _ACRONYM_THEN_EXPANSION.finditer(text):
        expansion = match.group("expansion")
        if is_place(expansion):
            place_initials.add(match.group("acronym"))
        elif _has_kind(expansion) and not _NOT_ORGANISATION_HEAD.match(expansion):
            add(match.group(0), kind_of(expansion), match.start(), match.end(), strong=True)


def _official_names(text: str, add: Add, entities_in_text: Entities) -> None:
    """Read the names that a capitalised kind word opens ("Agence française de développement (AFD)")."""
    openings = []
    for match in _CAPITAL_KIND.finditer(text):
        written = match.group("kind")
        # SCOP, SCIC and ONG are common nouns in capitals ("la SCOP X"); a plural speaks of a group.
        if not written[0].isupper() or written.lower() in {"scop", "scic", "ong"} or _plural(written):
            continue
        line_end = text.find("\n", match.start())
        sentence_end = text.find(". ", match.start())
        ends = [x for x in (line_end, sentence_end) if x >= 0] + [match.start() + _LONGEST_MENTION, len(text)]
        openings.append((match.start(), min(ends)))
    if not openings:
        return
    windows = french().pipe((text[s:e] for s, e in openings), disable=["ner", "sentencizer"])
    for (start, _window_end), window in zip(openings, windows, strict=True):
        end = start + _official_end(window)
        name = text[start:end]
        if len(name.split()) < 2:
            continue
        if name.split()[0].lower() in _GEOGRAPHIC_KINDS and geo.countries_in(name):
            continue  # "le Centre du Mali" is a part of a country.
        bracket = _BRACKETED_ACRONYM.match(text, end)
        # A sentence may open with the kind word as a common noun ("Fonds propres : ...", "Société
        # civile et élus..."): there the name needs another capital, an acronym, or a complement and
        # the recogniser's word.
        opens_sentence = re.search(r"(?:^|[.!?:]\s+|\n\s*)$", text[max(0, start - 3) : start]) is not None
        if opens_sentence and not (sum(w[:1].isupper() for w in name.split()) >= 2 or bracket):
            first_word_end = start + len(name.split()[0])
            recognised = any(s <= start < e and e > first_word_end for _label, s, e in entities_in_text)
            if len(name.split()) < 3 or not recognised:
                continue
        end = bracket.end() if bracket else end
        add(text[start:end], kind_of(name.split()[0]), start, end, strong=True)


def _named_after_kind(text: str, add: Add) -> None:
    """Read "l'association Terres Vivantes", "la SCOP « Lumière Partagée »", "the NGO Green Hands"."""
    stop_words = (STOP_WORDS["fr"] | STOP_WORDS["en"]) - _SMALL_WORDS
    for match in _NAMED_AFTER_KIND.finditer(text):
        written = match.group("kind")
        entry = _kind_entry(written)
        # A capitalised kind word opens an official name (read above); a plural speaks of a group.
        if entry is None or _plural(written) or (written[0].isupper() and not written.isupper()):
            continue
        kind, named_after = entry
        if match.group("quoted"):
            add(match.group("quoted"), kind, match.start("quoted"), match.end("quoted"), strong=True)
            continue
        name_end = match.end("name")
        tail = _SENTENCE_CASE_TAIL.match(text, name_end)
        if tail and not any(fold(w) in stop_words for w in tail.group(0).split()):
            name_end = tail.end()
        start = match.start("name") if named_after else match.start()
        name = text[start:name_end]
        add(name[0].upper() + name[1:], kind, start, name_end, strong=True)


def _acronyms(text: str, add: Add, found: list[_Candidate], excluded: set[str], recognised: Entities) -> None:
    """Read the bare acronyms that name an organisation: defined, recognised, repeated or given a role."""
    acronyms = [m for m in ACRONYM.finditer(text) if _acronym_ok(m.group("acronym"))]
    defined = {m.group("acronym") for c in found if c.strong for m in _BRACKETED_ACRONYM.finditer(c.name)}
    counts = Counter(m.group("acronym") for m in acronyms)
    organisations = {text[s:e] for label, s, e in recognised if label == "ORG"}
    for match in acronyms:
        acronym = match.group("acronym")
        if acronym in excluded:
            continue
        named = role_near(text, match.start(), match.end()) != "partenaire"
        if acronym in defined or acronym in organisations or counts[acronym] >= 2 or named:
            add(acronym, "autre", match.start(), match.end(), strong=acronym in defined)


def _list_items(text: str) -> Iterable[tuple[int, str]]:
    """Yield (offset, item) for each partner of a list: "Partenaires : A, B et C", bullets, "A ; B ; C"."""
    pieces: list[tuple[int, str]] = []
    for match in _PARTNERS.finditer(text):
        position = match.start("items")
        for item in _ITEM_SEPARATOR.split(match.group("items")):
            position = text.find(item, position)
            pieces.append((position, item))
            position += len(item)
        for line in re.finditer(r"[-•*–][ \t]*(?P<item>[^\n]+)", match.group("lines")):
            pieces.append((match.start("lines") + line.start("item"), line.group("item")))
    for match in _SEMICOLON_LIST.finditer(text):
        position = match.start()
        for item in match.group(0).split(" ; "):
            # The first item may follow its label: "Les partenaires : A".
            cut = item.rfind(":") + 1
            pieces.append((position + cut, item[cut:]))
            position += len(item) + 3
    for position, item in pieces:
        stripped = item.lstrip()
        if stripped:
            yield position + len(item) - len(stripped), stripped


def _merge(found: list[_Candidate], text: str) -> list[Actor]:
    """Return one actor per mention, named and typed as its organisation, with its own sentence's role.

    Strong candidates come before weak ones and longer before shorter: a candidate that overlaps
    a mention already kept (a recogniser's guess across a name, an acronym inside its expansion)
    is dropped. Mentions of one organisation (an acronym and its expansion, a shorter spelling
    inside a longer one, a close spelling) take its longest spelling and most telling type.
    """
    taken: list[tuple[int, int]] = []
    organisations: list[Actor] = []
    by_name: dict[str, Actor] = {}
    mentions: list[tuple[_Candidate, Actor]] = []
    for candidate in sorted(found, key=lambda c: (not c.strong, c.start - c.end)):
        first = bisect.bisect_left(taken, (candidate.start - _LONGEST_MENTION, 0))
        last = bisect.bisect_left(taken, (candidate.end, 0))
        if any(candidate.start < e for _s, e in taken[first:last]):
            continue
        bisect.insort(taken, (candidate.start, candidate.end))
        organisation = by_name.get(candidate.name) or next(
            (o for o in organisations if _same(candidate.name, o)), None
        )
        if organisation is None:
            organisation = Actor(candidate.name, candidate.type, "partenaire", candidate.start, candidate.end)
            organisations.append(organisation)
        elif organisation.type == "autre":
            organisation.type = candidate.type
        by_name[candidate.name] = organisation
        mentions.append((candidate, organisation))
    actors = [Actor(o.name, o.type, role_near(text, c.start, c.end), c.start, c.end) for c, o in mentions]
    return sorted(actors, key=lambda a: a.start)


def _same(name: str, other: Actor) -> bool:
    """Tell whether NAME spells OTHER's organisation: same core, its acronym, a close or shorter spelling."""
    key, other_key = core_name(name), core_name(other.name)
    if not key or not other_key:
        return False
    pairs = ((name, other.name), (other.name, name))
    acronym = any(a.isupper() and (f"({a})" in b or initials(b) == a) for a, b in pairs)
    if key == other_key or acronym or fuzz.ratio(key, other_key) >= CLOSE_SPELLING:
        return True
    # "CRESS" inside "CRESS Nouvelle-Aquitaine"; "Terres Vivantes" inside "Association Terres Vivantes".
    shorter, longer = sorted((key, other_key), key=len)
    return (len(shorter) >= 4 or name.isupper()) and f" {shorter} " in f" {longer} "
