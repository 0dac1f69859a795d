"""Steps `budget` and `funding`: amounts, shares and who pays them, as French texts write them."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_NUMBER = r"\d{1,3}(?:[ .\u202f\u00a0]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_MULTIPLIER = r"(?:\s*(?:millions?|M|k|K|mille))?"
_CURRENCY = r"\s*(?:€|euros?|EUR|k€|K€|M€)"
AMOUNT = re.compile(r"(?P<number>" + _NUMBER + r")(?P<multiplier>" + _MULTIPLIER + r")(?P<currency>" + _CURRENCY + r")")
SHARE = re.compile(r"(?P<number>\d{1,3}(?:[.,]\d+)?)\s*%")
_TOTAL_WORDS = re.compile(
    r"(?i)(montant\s+total|budget\s+(?:total|global|de|du projet|annuel)|co[uû]t\s+(?:total|global)|"
    r"total\s+(?:du\s+projet|de)|enveloppe|d['’]un\s+montant\s+(?:total\s+)?de|s['’][ée]l[èe]ve\s+à|budget\s*:)"
)
_FUNDED_BY = re.compile(
    r"(?i)(?:financ[ée]e?s?|soutenue?s?|pris\s+en\s+charge|subventionn[ée]e?s?|cofinanc[ée]e?s?)"
    r"\s+(?:à\s+(?:hauteur\s+de\s+)?)?(?P<share>\d{1,3}(?:[.,]\d+)?)\s*%\s+par\s+(?P<funder>[^,;.()\n]+?)"
    r"(?=\s+et\s+à\s+\d|\s*[,;.()\n]|\s+et\s+(?:le|la|les|l['’]|par)\b|$)"
)
_AND_SHARE = re.compile(
    r"(?i)\s*(?:,|et)\s+(?:à\s+)?(?P<share>\d{1,3}(?:[.,]\d+)?)\s*%\s+(?:par\s+)?(?P<funder>[^,;.()\n]+?)"
    r"(?=\s+et\s+à\s+\d|\s*[,;.()\n]|$)"
)


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
    """Return every amount in euros written in TEXT with its span."""
    found = []
    for match in AMOUNT.finditer(text):
        value = parse_amount(match.group("number"), match.group("multiplier"), match.group("currency"))
        if value is not None and value > 0:
            found.append((value, match.start(), match.end()))
    return found


def find_budget(text: str) -> tuple[Decimal, int, int] | None:
    """Return the total budget: the first amount that follows words such as "montant total", "budget de"."""
    for words in _TOTAL_WORDS.finditer(text):
        window_end = min(len(text), words.end() + 120)
        following = amounts_in(text[words.end() : window_end])
        if following:
            value, start, end = following[0]
            return value, words.end() + start, words.end() + end
    return None


def _funder(text: str) -> str:
    text = re.sub(r"^\s*[-•*–]\s*", "", text)
    text = re.sub(r"(?i)^(?:de\s+la|de\s+l['’]|des|du|de|d['’]|par|la|le|les|l['’])\s*", "", text.strip())
    text = re.sub(r"(?i)^(?:l['’])?association\s+", "Association ", text)
    return text.strip(" «»\"'.:-–").replace("« ", "").replace(" »", "")


def find_funding(text: str) -> list[Money]:
    """Return the co-financing lines of TEXT: "financé à 50 % par X et à 47 % par Y", lists, amounts."""
    lines: list[Money] = []
    for match in _FUNDED_BY.finditer(text):
        lines.append(Money(_funder(match.group("funder")), None, Decimal(match.group("share").replace(",", ".")),
                           match.start(), match.end()))
        position = match.end()
        while (more := _AND_SHARE.match(text, position)) is not None:
            lines.append(Money(_funder(more.group("funder")), None, Decimal(more.group("share").replace(",", ".")),
                               more.start(), more.end()))
            position = more.end()
    for line_match in re.finditer(r"(?m)^\s*[-•*–]\s*(?P<body>.+)$", text):
        body = line_match.group("body")
        share = re.search(r"\(?\s*(\d{1,3}(?:[.,]\d+)?)\s*%\s*\)?", body)
        amount = AMOUNT.search(body)
        if not share and not amount:
            continue
        funder_text = body[: min(x.start() for x in (share, amount) if x)]
        funder_text = re.sub(r"[:(–-]\s*$", "", funder_text)
        if not funder_text.strip():
            after = body[max(x.end() for x in (share, amount) if x) :]
            funder_text = re.sub(r"(?i)^\s*(?:de|du|des|par|apportés?\s+par|financés?\s+par)\s+", "", after)
        name = _funder(funder_text)
        if 2 < len(name) < 120:
            lines.append(Money(
                name,
                parse_amount(amount.group("number"), amount.group("multiplier"), amount.group("currency")) if amount else None,
                Decimal(share.group(1).replace(",", ".")) if share else None,
                line_match.start("body"), line_match.end("body"),
            ))
    for match in re.finditer(
        r"(?P<amount>" + AMOUNT.pattern + r")\s+(?:de\s+la\s+part\s+)?(?:par|de|du|des|de\s+la|de\s+l['’]|apportés?\s+par)\s+"
        r"(?P<funder>(?:l['’]|la\s+|le\s+|les\s+)?[A-ZÀ-Þ][^,;.()\n]{2,80}?)(?=\s*[,;.()\n]|\s+et\s|$)",
        text,
    ):
        if any(m.start <= match.start() < m.end for m in lines):
            continue
        value = parse_amount(match.group("number"), match.group("multiplier"), match.group("currency"))
        lines.append(Money(_funder(match.group("funder")), value, None, match.start(), match.end()))
    return lines
