"""What a format's reader returns, the limits every reader respects, and the blocks they share."""

import re
import time
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from passerelles.documents.blocks import Block, BlockKind, compose
from passerelles.documents.drafts import Draft
from passerelles.lib.errors import InputError


@dataclass
class ReadResult:
    """A document as read from a file.

    `text` is the plain text that is stored and that provenance spans point into. Structured
    formats give `drafts` directly; when `drafts` is None the extraction pipeline reads `text`, or
    `blocks` where the reader saw the document's layout (PDF, DOCX, HTML). Such a reader sets `text`
    to `compose(blocks)`, which leaves each block with its raw text stripped and its span in `text`;
    the pipeline may clean the blocks and compose them again.
    """

    text: str
    title: str
    kind: str
    drafts: list[Draft] | None = None
    blocks: list[Block] | None = None


def check_size(path: Path) -> None:
    """Refuse a file larger than INGEST_MAX_BYTES before reading it."""
    size = path.stat().st_size
    if size > settings.INGEST_MAX_BYTES:
        raise InputError(
            _("%(file)s is too large (%(size)s MB; the limit is %(limit)s MB).")
            % {"file": path.name, "size": size // 1_000_000, "limit": settings.INGEST_MAX_BYTES // 1_000_000}
        )


READERS = {
    ".txt": "passerelles.interop.text",
    ".md": "passerelles.interop.text",
    ".pdf": "passerelles.interop.pdf",
    ".docx": "passerelles.interop.docx",
    ".html": "passerelles.interop.html",
    ".htm": "passerelles.interop.html",
    ".csv": "passerelles.interop.csv",
    ".xlsx": "passerelles.interop.xlsx",
    ".xml": "passerelles.interop.iati",
}

# Document.title holds at most this many characters.
TITLE_LENGTH = 300


class Deadline:
    """The moment, INGEST_MAX_SECONDS after it is made, by which reading PATH must be over."""

    def __init__(self, path: Path) -> None:
        self.file = path.name
        self.end = time.monotonic() + settings.INGEST_MAX_SECONDS

    def check(self) -> None:
        """Refuse to go on reading once the time is up; readers call it between pages or rows."""
        if time.monotonic() >= self.end:
            raise InputError(
                _("%(file)s takes too long to read (the limit is %(limit)s seconds).")
                % {"file": self.file, "limit": settings.INGEST_MAX_SECONDS}
            )


def text_title(text: str, default: str) -> str:
    """Return the first non-empty line of TEXT without Markdown '#' marks, or DEFAULT when there is none."""
    for line in text.splitlines():
        title = line.strip().lstrip("#").strip()
        if title:
            return title[:TITLE_LENGTH]
    return default[:TITLE_LENGTH]


def require_text(text: str, path: Path) -> str:
    """Return TEXT, or refuse the file when it holds no text at all."""
    if not text.strip():
        raise InputError(_("%(file)s contains no text.") % {"file": path.name})
    return text


def composed(blocks: list[Block], path: Path, title: str, kind: str) -> ReadResult:
    """Return the result of reading BLOCKS from PATH, refused when they hold no text.

    TITLE is the file's own (metadata, <title>) or empty, in which case the first heading or the first
    line stands for it.
    """
    text, kept = compose(blocks)
    require_text(text, path)
    if not title:
        heading = next((block for block in kept if block.kind == BlockKind.HEADING), None)
        title = " ".join(heading.text.split()) if heading else text_title(text, path.stem)
    return ReadResult(text=text, title=title[:TITLE_LENGTH], kind=kind, blocks=kept)


# "Label : value": a label of a few words opening with a letter, then a colon and a value. A URL's
# "http://" is no label.
_FIELD = re.compile(r"([^\W\d_][^:：\n]{0,39}?)[ \t\u00a0]*[:：][ \t\u00a0]*(?!//)\S")
_LABEL_WORDS = 5
_NOT_IN_LABEL = re.compile(r"[.;!?,()«»“”\"]")


def is_label(text: str) -> bool:
    """Say whether TEXT (a colon at its end allowed) reads as a short label: "Budget", "Porteur du projet"."""
    text = text.strip().rstrip(":：").strip()
    return (
        0 < len(text) <= 40
        and text[0].isalpha()
        and len(text.split()) <= _LABEL_WORDS
        and not _NOT_IN_LABEL.search(text)
    )


def field_label(text: str) -> str:
    """Return the label of TEXT when it reads "Label : value" with a short label, else ""."""
    match = _FIELD.match(text)
    return match.group(1) if match and is_label(match.group(1)) else ""


def text_block(text: str, page: int | None = None) -> Block:
    """Return TEXT as a FIELD when it reads "Label : value", else as a PARAGRAPH."""
    label = field_label(text.strip())
    return Block(BlockKind.FIELD if label else BlockKind.PARAGRAPH, text, label=label, page=page)


def table_blocks(rows: list[list[str]], *, header: bool = False) -> list[Block]:
    """Return a table's ROW blocks, or its FIELD blocks when it is a two-column table of labels.

    HEADER says that the table's first row heads its columns, so that it is no table of labels.
    """
    rows = [row for row in rows if any(row)]
    if not header and rows and all(len(row) == 2 and is_label(row[0]) for row in rows):
        fields = []
        for label, value in rows:
            label = label.strip().rstrip(":：").strip()
            fields.append(Block(BlockKind.FIELD, f"{label} : {value}", label=label))
        return fields
    return [Block(BlockKind.ROW, "\t".join(row), cells=row) for row in rows]


def read_file(path: Path) -> ReadResult:
    """Read PATH with the reader of its extension, within the size and time limits."""
    if not path.is_file():
        raise InputError(_("%(file)s does not exist.") % {"file": path.name})
    check_size(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(
            _("%(file)s is not a supported file (supported extensions: %(extensions)s).")
            % {"file": path.name, "extensions": ", ".join(READERS)}
        )
    return import_module(reader).read(path)
