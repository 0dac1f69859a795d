"""Step `structure`: the blocks of a plain text, read from its typography.

Readers of PDF, DOCX and HTML give blocks from the file's own structure; plain text and Markdown
only have typography: a short line standing alone is a heading (Markdown `#` marks and numbering
give its level), lines that open with a bullet or a number are list items, "Label : value"
lines are fields, and the other runs of lines are paragraphs.
"""

import re

from passerelles.documents.blocks import Block, BlockKind
from passerelles.lib.fields import field_of
from passerelles.lib.text import fold

_BULLET = re.compile(r"^\s*(?:[-•*–▪►●◦]|\d{1,2}[.)]|[a-z][.)])\s+(?=\S)")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_NUMBERED_HEADING = re.compile(r"^((?:\d{1,2}|[IVX]{1,4})(?:\.\d{1,2})*)[.)]?\s+(?=[A-ZÀ-Þ«\"])")
# "Budget global : 45 000 €", "Dates: 2019-2022": a short label, a colon, a value on the same line.
_FIELD = re.compile(r"^(?P<label>[A-ZÀ-Þ][\w'’ /()\-]{0,38}?)\s*[:：]\s*(?P<value>\S.*)$")
_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|"
    "decembre|january|february|march|april|june|july|august|september|october|november|december"
)
_DATE = re.compile(
    rf"(?i)\b(?:\d{{1,2}}(?:er)? )?(?:{_MONTHS}) (?:19|20)\d\d\b|\b\d{{1,2}}/\d{{1,2}}/(?:19|20)\d\d\b"
)
_BYLINE = re.compile(r"^(?:Par|By|Publié|Posted|Mis à jour|Updated)\b")
HEADING_MAX_CHARACTERS = 110
HEADING_MAX_WORDS = 16
FIELD_MAX_LABEL_WORDS = 4
# A line standing alone whose words before a colon name no field is a title when this much follows.
TITLE_AFTER_COLON = 30
# A plain line inside a run of lines is a heading only when this short.
INNER_HEADING_MAX = 70
_UNFINISHED = {
    "de", "du", "des", "la", "le", "les", "l", "d", "un", "une", "et", "ou", "à", "au", "aux", "en", "pour",
    "par", "sur", "avec", "dans", "the", "a", "an", "of", "and", "or", "in", "to", "for", "with", "on", "at",
}  # fmt: skip
# A line at least this long that goes on at the next line was wrapped by the layout.
WRAPPED_LINE = 50


def heading_key(text: str) -> str:
    """Return the letters of a heading in lower case without accents: the same heading, however set.

    PDF extraction sets small capitals in mixed case, drops hyphens and cuts words with spaces;
    "LeS PArtIeS PrenAnteS", "Les parties pre nantes" and "LES PARTIES-PRENANTES" give one key.
    """
    # "Contact" and "Contacts" are one part; words lose a final s before their letters are joined.
    return "".join(word.rstrip("s") for word in re.sub(r"[^a-z ]", "", fold(text)).split())


def looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > HEADING_MAX_CHARACTERS or len(stripped.split()) > HEADING_MAX_WORDS:
        return False
    if any(mark in stripped for mark in ("@", "http", "www.", "©")) or _BULLET.match(stripped):
        return False
    if re.search(r"(?:\.{3,}|…|\t)\s*\d+$", stripped):
        return False  # a line of a table of contents
    if stripped.endswith((".", ",", ";", ":")) and not stripped.endswith("..."):
        return False
    if _BYLINE.match(stripped) or (_DATE.search(stripped) and len(stripped.split()) <= 8):
        return False  # "Par Jeanne Exemple — 9 février 2024", "Publié le 3 octobre 2022"
    first = stripped.lstrip("«\"'“(")[:1]
    return first.isupper() or first.isdigit()


def _style(text: str) -> str:
    """Return how a heading is set: "capitals", "small capitals" (mixed case inside words) or "plain"."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        return "capitals"
    if sum(1 for word in text.split() if re.search(r"[a-zà-ÿ][A-ZÀ-Þ]", word)) >= 2:
        return "small capitals"
    return "plain"


def _label_alone(line: str) -> bool:
    """Tell whether LINE is a label standing alone ("CONTACT :", "Partenaires:"), which heads what follows."""
    stripped = line.strip()
    return stripped.endswith((":", "：")) and len(stripped.split()) <= 4 and stripped[:1].isupper()


def join_wrapped(text: str) -> str:
    """Return a paragraph's lines joined where the layout wrapped them: after a long line.

    Short lines (an address, a name, a phone number) stay on lines of their own.
    """
    lines = text.split("\n")
    joined = [lines[0]]
    for line in lines[1:]:
        if len(joined[-1]) >= WRAPPED_LINE and not _BULLET.match(line):
            joined[-1] = joined[-1].rstrip() + " " + line.strip()
        else:
            joined.append(line)
    return "\n".join(joined)


def _field(line: str) -> Block | None:
    match = _FIELD.match(line.strip())
    if not match or len(match.group("label").split()) > FIELD_MAX_LABEL_WORDS:
        return None
    # "Paris : la ville..." or a time "10 : 30" are no labels; labels are words, not a sentence.
    if match.group("label").strip().isdigit():
        return None
    return Block(BlockKind.FIELD, line.strip(), label=match.group("label").strip())


def _heading(line: str) -> Block:
    stripped = line.strip()
    markdown = _MARKDOWN_HEADING.match(stripped)
    if markdown:
        return Block(
            BlockKind.HEADING, markdown.group(2).strip(), level=len(markdown.group(1)), style="markdown"
        )
    numbered = _NUMBERED_HEADING.match(stripped)
    if numbered and re.match(r"\d", numbered.group(1)):
        depth = numbered.group(1).count(".") + 1
        return Block(BlockKind.HEADING, stripped, level=depth, style="numbered")
    return Block(BlockKind.HEADING, stripped, style=_style(stripped))


def _opens_with_heading(lines: list[str]) -> bool:
    """Tell whether a group's first line is a heading set right above its text, without a blank line.

    Cleaned text has its broken sentences joined, so a short first line above a long one that
    starts a new sentence is a heading, not the start of a paragraph.
    """
    first, second = lines[0].strip(), lines[1].strip()
    return (
        looks_like_heading(first)
        and not _FIELD.match(first)
        and len(second) >= 50
        and len(first) <= 0.6 * len(second)
        and (second[:1].isupper() or bool(_BULLET.match(second)))
    )


def ends_unfinished(line: str) -> bool:
    """Tell whether LINE stops on a word that needs another after it ("de", "the"): no heading ends so."""
    last = line.rstrip().rsplit(" ", 1)[-1].lower()
    return last in _UNFINISHED or line.rstrip().endswith(("-", "'", "’"))


def _inner_heading(lines: list[str], position: int) -> bool:
    """Tell whether a line inside a run of lines is a heading (text extracted from PDF has few blank lines).

    Capitals or small capitals standing on their own line are a heading; so is a short line
    between the end of a sentence and a line that starts a new one.
    """
    line = " ".join(lines[position].split())
    if not looks_like_heading(line) or _FIELD.match(line) or len(lines) < 2 or ends_unfinished(line):
        return False
    if _style(line) != "plain" and len(re.findall(r"[A-Za-zÀ-ÿ]{2,}", line)) >= 1:
        return True
    before = lines[position - 1].strip() if position else ""
    after = lines[position + 1].strip() if position + 1 < len(lines) else ""
    ends_sentence = not before or before.endswith((".", "!", "?", ":", ";", "»"))
    starts_sentence = bool(after) and (after[:1].isupper() or bool(_BULLET.match(after)))
    return ends_sentence and starts_sentence and len(line) <= INNER_HEADING_MAX


def _group_blocks(lines: list[str]) -> list[Block]:
    """Return the blocks of one blank-line separated group of lines."""
    if len(lines) >= 2 and _opens_with_heading(lines):
        return [_heading(lines[0]), *_group_blocks(lines[1:])]
    if len(lines) == 1 and _label_alone(lines[0]):
        return [Block(BlockKind.HEADING, lines[0].strip(), style=_style(lines[0]))]
    if len(lines) == 1 and (_MARKDOWN_HEADING.match(lines[0].strip()) or looks_like_heading(lines[0])):
        field = _field(lines[0])
        # "Pêche artisanale : deux régions misent sur les coopératives" is a title, not a label.
        if field and not field_of(field.label) and len(field.value) > TITLE_AFTER_COLON:
            field = None
        return [field] if field and not _MARKDOWN_HEADING.match(lines[0].strip()) else [_heading(lines[0])]
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(BlockKind.PARAGRAPH, join_wrapped("\n".join(paragraph))))
            paragraph.clear()

    for position, line in enumerate(lines):
        bullet = _BULLET.match(line)
        field = None if bullet else _field(line)
        if not bullet and _inner_heading(lines, position):
            flush()
            previous = blocks[-1] if blocks else None
            if previous is not None and previous.kind == BlockKind.HEADING and previous.style == _style(line):
                previous.text += "\n" + line.strip()  # a heading set over two lines
            else:
                blocks.append(_heading(line))
        elif bullet:
            flush()
            blocks.append(Block(BlockKind.ITEM, line.strip(), level=1))
        elif field and (not paragraph or len(field.label.split()) <= 2):
            flush()
            blocks.append(field)
        elif blocks and blocks[-1].kind == BlockKind.ITEM and not paragraph and line[:1].islower():
            blocks[-1].text += "\n" + line.strip()  # an item that goes on over several lines
        elif _MARKDOWN_HEADING.match(line.strip()):
            flush()
            blocks.append(_heading(line))
        else:
            paragraph.append(line.strip())
    flush()
    return blocks


def blocks_from_text(text: str) -> list[Block]:
    """Return the blocks of TEXT (already cleaned), in order, from its typography."""
    blocks: list[Block] = []
    for group in re.split(r"\n\s*\n", text):
        lines = [line for line in group.split("\n") if line.strip()]
        if lines:
            blocks.extend(_group_blocks(lines))
    return blocks


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the blank-line separated paragraphs of TEXT."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n](?:.|\n(?!\s*\n))*", text)]
