"""What a format's reader returns, and the limits every reader respects."""

import time
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from passerelles.documents.drafts import Draft
from passerelles.lib.errors import InputError


@dataclass
class ReadResult:
    """A document as read from a file.

    `text` is the plain text that is stored and that provenance spans point into. Structured
    formats give `drafts` directly; when `drafts` is None the extraction pipeline reads `text`.
    """

    text: str
    title: str
    kind: str
    drafts: list[Draft] | None = None


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
