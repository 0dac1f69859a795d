"""Steps `budget` and `funding`: amounts, shares and who pays them, as French and English texts write them."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_NUMBER = r"\d{1,3}(?:[ .\u202f\u00a0]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_MULTIPLIER = r"(?:\s*(?:millions?|M|k|K|mille))?"
_CURRENCY = r"\s*(?:€|euros?|EUR|k€|K€|M€)"
AMOUNT = re.compile(
    r"(?P<number>" + _NUMBER + r")(?P<multiplier>" + _MULTIPLIER + r")(?P<currency>" + _CURRENCY + r")"
)
# "€126,000", "EUR 1.2 million": English texts put the currency first and part thousands with commas.
AMOUNT_AFTER_CURRENCY = re.compile(
    r"(?P<currency>€|EUR)\s?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|" + _NUMBER + r")(?P<multiplier>"
    r"(?:\s*(?:million|m|k)\b)?)"
)
SHARE = re.compile(r"(?P<number>\d{1,3}(?:[.,]\d+)?)\s*%")
_TOTAL_WORDS = re.compile(
    r"(?i)(montant\s+total|budget\s+(?:total|global|de|du projet|annuel)|co[uû]t\s+(?:total|global)|"
    r"total\s+(?:du\s+projet|de)|enveloppe|d['’]un\s+montant\s+(?:total\s+)?de|s['’][ée]l[èe]ve\s+à|budget\s*:|"
    r"budget\s+of|total\s+(?:budget|cost)|costs?\s+(?:of|:)|a\s+total\s+of|"
    r"co[uû]t(?:e|era|ait)?\b|repr[ée]sente|est\s+dot[ée]e?\s+d|investissement\s+de|pour\s+un\s+(?:montant|total)\s+de)"
)
_QUANTITY = (
    r"(?:(?P<share>\d{1,3}(?:[.,]\d+)?)\s*%|(?P<amount>"
    + _NUMBER
    + r")(?P<multiplier>"
    + _MULTIPLIER
    + r")(?P<currency>"
    + _CURRENCY
    + r"))"
)
# "financé à 50 % par X", "financé à hauteur de 10 000 euros par Y", "cofinancée par : X, Y et Z".
_FUNDED_BY = re.compile(
    r"(?i:(?:co-?)?financ[ée]e?s?|soutenue?s?|subventionn[ée]e?s?|pris\s+en\s+charge|cofinanc[ée]e?s?)"
    r"(?:\s+(?i:à\s+hauteur\s+de|à|pour|de))?\s*" + r"(?:" + _QUANTITY + r"\s+)?"
    r"(?i:par)\s*:?\s*(?P<funder>[^.;()\n]+?)(?=(?:\s+(?i:et)|,)\s+(?:à\s+(?:hauteur\s+de\s+)?)?\d|[.;(\n]|$)"
)
_AND_QUANTITY = re.compile(
    r"\s*(?:,\s*)?(?i:et)?\s+(?:à\s+(?:hauteur\s+de\s+)?)?" + _QUANTITY + r"\s+(?:(?i:par)\s+)?"
    r"(?P<funder>[^.;()\n]+?)(?=(?:\s+(?i:et)|,)\s+(?:à\s+(?:hauteur\s+de\s+)?)?\d|[.;(\n]|$)"
)
# "(15 000 euros) versée par le Conseil départemental", "5 000 € apportés par X".
_GIVEN_BY = re.compile(
    r"(?P<amount>" + _NUMBER + r")(?P<multiplier>" + _MULTIPLIER + r")(?P<currency>" + _CURRENCY + r")\)?"
    r"[^.\n]{0,25}?\b(?i:vers[ée]e?s?|accord[ée]e?s?|apport[ée]e?s?|allou[ée]e?s?|attribu[ée]e?s?|octroy[ée]e?s?)"
    r"\s+(?i:par)\s+(?P<funder>[^.;()\n,]+)"
)
_LEADING_WORDS = re.compile(r"(?i)^(?:de\s+la|de\s+l['’]|des|du|de|d['’]|par|les|la|le|l['’]|the\s)\s*")
_OPENS_A_LIST = re.compile(r"[^.:\n]{0,40}:\s")
# Words that end a funder's name: "2 000 euros du Gouvernorat de Médenine sur l'année 2019".
_FUNDER_TAIL = re.compile(r"\s+(?:sur|en|pour|dans|via|au titre|afin|lors|depuis|chaque|avec)\b.*$")


@dataclass
class Money:
    funder: str
    amount: Decimal | None
    share: Decimal | None
    start: int
    end: int


def parse_amount(number: str, multiplier: str = "", currency: str = "") -> Decimal | None:
    """Return the amount written NUMBER (French or English digits) times its multiplier, in units."""
    text = number.replace("\u202f", " ").replace("\u00a0", " ").strip()
    if re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?", text):
        text = text.replace(" ", "").replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    scale = (multiplier + currency).strip().lower()
    if scale.startswith(("million", "m")) and "mille" not in scale:
        value *= 1_000_000
    elif scale.startswith(("k", "mille")):
        value *= 1_000
    return value


def amounts_in(text: str) -> list[tuple[Decimal, int, int]]:
    """Return every amount in euros written in TEXT with its span, in order."""
    found: list[tuple[Decimal, int, int]] = []
    for pattern in (AMOUNT, AMOUNT_AFTER_CURRENCY):
        for match in pattern.finditer(text):
            value = parse_amount(match.group("number"), match.group("multiplier"), match.group("currency"))
            overlaps = any(s < match.end() and match.start() < e for _v, s, e in found)
            if value is not None and value > 0 and not overlaps:
                found.append((value, match.start(), match.end()))
    return sorted(found, key=lambda found_amount: found_amount[1])


def find_budget(text: str) -> tuple[Decimal, int, int] | None:
    """Return the total budget: the first amount that follows words such as "montant total", "budget de".

    Without such words, an amount that opens a list of funders ("90 000 € sur quatre ans : A
    40 000 €, B...") is their total.
    """
    for words in _TOTAL_WORDS.finditer(text):
        window_end = min(len(text), words.end() + 120)
        following = amounts_in(text[words.end() : window_end])
        if following:
            value, start, end = following[0]
            return value, words.end() + start, words.end() + end
    for value, start, end in amounts_in(text):
        if _OPENS_A_LIST.match(text, end) and len(amounts_in(text[end:])) >= 2:
            return value, start, end
    return None


def _funder(text: str) -> str:
    text = text.split(":")[-1]
    text = re.sub(r"^\s*[-•*–]\s*", "", text)
    text = _FUNDER_TAIL.sub("", text.strip())
    text = _LEADING_WORDS.sub("", text.strip())
    text = re.sub(r"(?i)^(?:l['’])?association\s+", "Association ", text)
    return text.strip(" «»\"'.:-–,").replace("« ", "").replace(" »", "")


def _quantity(match: re.Match) -> tuple[Decimal | None, Decimal | None]:
    share = match.group("share")
    if share:
        return None, Decimal(share.replace(",", "."))
    if match.group("amount"):
        return parse_amount(match.group("amount"), match.group("multiplier"), match.group("currency")), None
    return None, None


def _funders_list(text: str) -> list[str]:
    """Split "le Sicoval, Gandon, l'Agence de l'eau et le Ministère" into funders."""
    return [
        name
        for part in re.split(r",\s*|\s+et\s+(?=(?:la|le|les|l['’]|[A-ZÀ-Þ]))", text)
        if (name := _funder(part))
    ]


# A clause of a list of funders: "Ville d'Angers 40 000 €", "AFD : 312 000 € (60 %)",
# "Enabel contributes €126,000 (60%)"; the name is what remains once the figures are taken out.
_CLAUSE_SEPARATORS = re.compile(
    r";|,(?!\d{3}\b)\s|\s[–—]\s|\s+(?:et|and)\s+(?=[A-ZÀ-Þ]|(?:à|la|le|les|l['’]|par|by|the)\b)"
)
_CLAUSE_NOISE = re.compile(
    r"(?i)^(?:(?:est|sont)\s+)?(?:dont|soit|with|including|of which|plus|avec|par|by|"
    r"(?:co-?)?financ[ée]e?s?\s+par|funded\s+by)\s+|"
    r"\s+(?:y\s+)?(?:contributes?|provides?|gives?|brings?|apporte|verse|finance|consacre|investit|accorde|"
    r"alloue|attribue|en\s+nature|in\s+kind|sur\s+\w+\s+ans?|over\s+\w+\s+years?)\b.*$"
)
_AFTER_FIGURES = re.compile(r"(?i)^\s*\)?\s*(?:de\s+la|de\s+l['’]|de|du|des|par|from|by)\s*(?=\w)")
_TOTAL_NAME = re.compile(r"(?i)(?:budget|total|co[uû]t|montant|cost)\b")
# A funder's name opens, after its article, with a capital or the word for a public body or an organisation.
_ARTICLE = re.compile(r"(?i)^(?:la|le|les|the)\s+|^l['’]\s*")
_NAME_START = re.compile(
    r"[A-ZÀ-Þ]|(?i:minist[èe]re|commune|comit[ée]|d[ée]partement|r[ée]gion|ville|agence|fondation|association|"
    r"coop[ée]rative|union|collectivit[ée]|communaut[ée]|mairie|conseil)\b"
)
_FUNDING_CUE = re.compile(r"(?i)financ|budget|co[uû]t|subvention|apport|contribu|fund|grant|cost|€|euros?")
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?](?=\s|$)|$)", re.MULTILINE)


def _clauses(sentence: str) -> list[tuple[int, str]]:
    """Return the clauses of a sentence listing funders, each with its offset in the sentence.

    A total that introduces the list ("90 000 € sur quatre ans : A 40 000 €, B...") is a clause
    of its own; a colon after a name ("AFD : 312 000 €") is not a separator.
    """
    clauses = []
    position = 0
    for piece in _CLAUSE_SEPARATORS.split(sentence):
        start = sentence.find(piece, position)
        position = start + len(piece)
        colon = piece.find(": ")
        if colon > 0 and amounts_in(piece[:colon]):
            clauses += [(start, piece[:colon]), (start + colon + 2, piece[colon + 2 :])]
        else:
            clauses.append((start, piece))
    return clauses


def _enumerated(text: str, add: Callable[[str, Decimal | None, Decimal | None, int, int], None]) -> None:
    """Read the lists of funders with their figures, one clause each.

    The name is read after the figures when a preposition leads to it ("à 40 % par X",
    "60 000 € du Département"), else before them ("Ville de X (30 000 €)", "X : 312 000 €").
    """
    for sentence in _SENTENCE.finditer(text):
        body = sentence.group(0)
        quantities = len(amounts_in(body)) + len(SHARE.findall(body))
        if quantities < 2 or not _FUNDING_CUE.search(body):
            continue
        for start, piece in _clauses(body):
            amounts = amounts_in(piece)
            share = SHARE.search(piece)
            if not amounts and not share:
                continue
            figures = [(s, e) for _v, s, e in amounts] + ([share.span()] if share else [])
            after = piece[max(e for _s, e in figures) :]
            if _AFTER_FIGURES.match(after):
                name = _CLAUSE_NOISE.sub("", _AFTER_FIGURES.sub("", after)).strip(" .)")
            else:
                name = _CLAUSE_NOISE.sub("", piece[: min(s for s, _e in figures)].strip(" \t:(–-")).strip()
            if _TOTAL_WORDS.search(piece) or _TOTAL_NAME.match(name) or len(name.split()) > 10:
                continue
            if not _NAME_START.match(_ARTICLE.sub("", name)):
                continue
            part = Decimal(share.group("number").replace(",", ".")) if share else None
            at = sentence.start() + start
            add(_funder(name), amounts[0][0] if amounts else None, part, at, at + len(piece))


def find_funding(text: str) -> list[Money]:
    """Return the co-financing lines of TEXT: "financé à 50 % par X et à 47 % par Y", lists, amounts."""
    lines: list[Money] = []

    def add(name: str, amount: Decimal | None, share: Decimal | None, start: int, end: int) -> None:
        if 2 < len(name) < 150 and not any(m.start <= start < m.end or start <= m.start < end for m in lines):
            lines.append(Money(name, amount, share, start, end))

    _enumerated(text, add)
    for match in _FUNDED_BY.finditer(text):
        amount, share = _quantity(match)
        if amount is None and share is None:
            listed = match.group("funder")
            for name in _funders_list(listed):
                at = match.start("funder") + max(listed.find(name), 0)
                add(name, None, None, at, at + len(name))
            continue
        add(_funder(match.group("funder")), amount, share, match.start(), match.end())
        position = match.end()
        while (more := _AND_QUANTITY.match(text, position)) is not None:
            amount, share = _quantity(more)
            add(_funder(more.group("funder")), amount, share, more.start(), more.end())
            position = more.end()
    for match in _GIVEN_BY.finditer(text):
        value = parse_amount(match.group("amount"), match.group("multiplier"), match.group("currency"))
        add(_funder(match.group("funder")), value, None, match.start(), match.end())
    for line_match in re.finditer(r"(?m)^\s*[-•*–]\s*(?P<body>.+)$", text):
        body = line_match.group("body")
        share_found = re.search(r"\(?\s*(\d{1,3}(?:[.,]\d+)?)\s*%\s*\)?", body)
        amount_found = AMOUNT.search(body)
        found = [x for x in (share_found, amount_found) if x]
        if not found:
            continue
        funder_text = re.sub(r"[:(–-]\s*$", "", body[: min(x.start() for x in found)])
        if not funder_text.strip():
            after = body[max(x.end() for x in found) :]
            funder_text = re.sub(r"(?i)^\s*(?:de|du|des|par|apportés?\s+par|financés?\s+par)\s+", "", after)
        value = (
            parse_amount(
                amount_found.group("number"), amount_found.group("multiplier"), amount_found.group("currency")
            )
            if amount_found
            else None
        )
        part = Decimal(share_found.group(1).replace(",", ".")) if share_found else None
        add(_funder(funder_text), value, part, line_match.start("body"), line_match.end("body"))
    for match in re.finditer(
        r"(?P<amount>"
        + AMOUNT.pattern
        + r")\s+(?:de\s+la\s+part\s+)?(?:de|du|des|de\s+la|de\s+l['’]|apportés?\s+par)\s*"
        r"(?P<funder>(?:l['’]|la\s+|le\s+|les\s+)?[A-ZÀ-Þ][^,;.()\n]{2,80}?)(?=\s*[,;.()\n]|\s+et\s|$)",
        text,
    ):
        value = parse_amount(match.group("number"), match.group("multiplier"), match.group("currency"))
        add(_funder(match.group("funder")), value, None, match.start(), match.end())
    return lines
