"""Personal data in free text: e-mail addresses, phone numbers and the names of contact people.

Contact people are shown to signed-in users only; the same people must not reach the public
through the text around them (a fiche's "CONTACT" part read into its perspectives, a phone
number in a summary). `scrub` takes them out of text extracted from a document; `mask` hides them
from what the public reads, leaving a mark where something was.

Phones are found in the French forms (10 digits in pairs, "+33 (0)1 ...", "0033 1 ...") and the
international ones ("+229 97 00 00 00"); a number without a 0 or + in front (a year, an amount,
a postcode, a SIREN or SIRET number, a date) is never taken for one. Local numbers written
without their country code abroad ("97 00 00 00") cannot be told from other numbers and stay.
"""

import re
from collections.abc import Iterable
from functools import lru_cache

MARK = "[…]"

_SEP = r"[ .\-\u00a0\u202f]"
_EMAIL = r"[\w.+-]++\s?(?:@|\[at\]|\(at\)|\[@\])\s?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])"
# Pairs keep one separator throughout: "01.02.2019" (a date) has no fourth pair after it.
_NATIONAL = rf"0[1-9](?P<sep>{_SEP}?)\d{{2}}(?:(?P=sep)\d{{2}}){{3}}(?!\d)"
_FRANCE = rf"(?:\+|00)\s?33{_SEP}?(?:\(0\){_SEP}?)?[1-9](?:{_SEP}?\d{{2}}){{4}}(?!\d)"
_WORLD = (
    rf"(?:\((?:\+|00)[1-9]\d{{0,2}}\)|(?:\+|00)\s?[1-9]\d{{0,2}})"
    rf"(?:{_SEP}?(?:\(\d{{1,4}}\)|\d{{1,4}})){{2,6}}(?!\d)"
)
_LABEL = (
    r"(?:t[ée]l[ée]phone|t[ée]l|fax|portable|mobile|gsm|phone|e-?mail|m[ée]l|courriel|mail)\b\.?"
    r"(?:\s?/\s?(?:t[ée]l|fax|portable|mobile)\b\.?)?\s*:?\s*"
)
_EMAILS = re.compile(rf"(?<![\w+@.-]){_EMAIL}", re.IGNORECASE)
# The lookahead first: the scan skips to a + 0 or ( before trying the rest (five times faster).
_PHONES = re.compile(rf"(?=[+0(])(?<![\w+@-])(?:{_FRANCE}|{_WORLD}|{_NATIONAL})")
# Between 8 and 15 digits (ITU E.164): fewer or more is a sum, a code or two numbers in a row.
_DIGITS = range(8, 16)
_CIVILITY = r"(?:M\.|MM\.|Mr\.?|Mme|Mmes|Mlle|Monsieur|Madame|Mademoiselle|Dr\.?|Pr\.?)"
# Marks where scrub removed something: lines holding it are tidied, the others left as written.
_CUT = "\x00"
# "Contact : Tél. : 06..." once the number is cut: every label before the cut goes with it.
_LABELLED_CUT = re.compile(rf"(?<![\w-])(?:contacts?\b\s*:?\s*|{_LABEL})+{_CUT}", re.IGNORECASE)
# A line left with nothing but a label or a heading of contacts says nothing any more.
_DANGLING = re.compile(rf"(?:{_LABEL}|contacts?\b|{_CIVILITY})?[\W_]*", re.IGNORECASE)


def _may_hold_email(text: str) -> bool:
    lowered = text.lower()
    return "@" in text or "[at]" in lowered or "(at)" in lowered


def _is_phone(match: re.Match) -> bool:
    return len(re.sub(r"\D", "", match[0])) in _DIGITS


def personal_data(text: str) -> list[str]:
    """Return the e-mail addresses and phone numbers written in TEXT, in order."""
    text = text or ""
    emails = list(_EMAILS.finditer(text)) if _may_hold_email(text) else []
    phones = [
        match
        for match in _PHONES.finditer(text)
        if _is_phone(match) and not any(e.start() <= match.start() < e.end() for e in emails)
    ]
    return [match[0] for match in sorted(emails + phones, key=lambda match: match.start())]


@lru_cache(maxsize=1024)
def _names(names: tuple[str, ...]) -> re.Pattern | None:
    """Return the pattern of NAMES as texts write them: "Marie Durand", "DURAND Marie", "Mme Durand"."""
    forms = []
    for name in names:
        words = re.sub(rf"^{_CIVILITY}\s*", "", name.strip()).split()
        if len("".join(words)) < 3:
            continue
        forms.append(r"\s+".join(map(re.escape, words)))
        if len(words) > 1:
            forms.append(r"\s+".join(map(re.escape, [words[-1], *words[:-1]])))
            forms.append(rf"{_CIVILITY}\s*{re.escape(words[-1])}")
    if not forms:
        return None
    forms.sort(key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{_CIVILITY}\s*)?(?:{'|'.join(forms)})(?![\w-])", re.IGNORECASE)


def _replace(text: str, names: Iterable[str], found: str) -> str:
    """Return TEXT with its e-mails, phones and NAMES replaced by FOUND."""
    if _may_hold_email(text):
        text = _EMAILS.sub(found, text)
    text = _PHONES.sub(lambda match: found if _is_phone(match) else match[0], text)
    # Every form of a name holds its last word: a name whose last word is absent is not there.
    lowered = text.lower()
    present = tuple(
        dict.fromkeys(name for name in names if name.split() and name.split()[-1].lower() in lowered)
    )
    pattern = _names(present)
    return pattern.sub(found, text) if pattern else text


def _tidy(line: str) -> str:
    """Return LINE without the marks of what was cut and the punctuation they left behind."""
    line = _LABELLED_CUT.sub(_CUT, line).replace(_CUT, " ")
    line = re.sub(r"[(\[]\s*[)\]]", " ", line)
    line = re.sub(r"\s*([,;/])(?:\s*[,;/–—-](?!\w))+", r"\1", line)
    line = re.sub(r"\s+([,.)])", r"\1", line)
    line = re.sub(r"[,;:]+([.!?])", r"\1", line)
    line = re.sub(r"[ \t\u00a0]{2,}", " ", line)
    line = re.sub(r"^[\s,;:/–—-]+|[\s,;:/–—-]+$", "", line)
    return "" if _DANGLING.fullmatch(line) else line


def scrub(text: str, names: Iterable[str] = ()) -> str:
    """Return TEXT without its e-mails, phones and NAMES, nor the labels ("Tél. :", "Mail :") left dangling.

    Lines that held them are tidied and dropped once empty; the other lines stay as written.
    """
    if not text:
        return text
    cut = _replace(text, names, _CUT)
    if _CUT not in cut:
        return text
    lines = [line if _CUT not in line else _tidy(line) for line in cut.split("\n")]
    kept = [line for line, was in zip(lines, cut.split("\n"), strict=True) if line or _CUT not in was]
    return "\n".join(kept).strip()


def mask(text: str, names: Iterable[str] = ()) -> str:
    """Return TEXT with its e-mails, phones and NAMES (contact people's) replaced by MARK, for the public."""
    if not text:
        return text
    return _replace(text, names, MARK)
