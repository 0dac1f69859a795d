"""PDF files, read page by page with pypdf."""

import zlib
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

from passerelles.documents.choices import DocumentKind
from passerelles.interop.reading import TITLE_LENGTH, Deadline, ReadResult, require_text, text_title
from passerelles.lib.errors import InputError

# On a damaged file pypdf fails with its own errors and with these, depending on where it breaks.
_BROKEN = (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, zlib.error)


def _open(path: Path) -> PdfReader:
    reader = PdfReader(path)
    # Many PDFs are encrypted with an empty user password only to restrict printing or copying.
    try:
        readable = not reader.is_encrypted or bool(reader.decrypt(""))
    except DependencyError:
        readable = False
    if not readable:
        raise InputError(_("%(file)s is encrypted; give a copy without a password.") % {"file": path.name})
    return reader


def read(path: Path) -> ReadResult:
    """Read the text of every page, pages apart by a blank line, as a booklet.

    Line breaks within a page are kept as pypdf gives them: the cleaning step mends them later.
    """
    deadline = Deadline(path)
    try:
        reader = _open(path)
        if len(reader.pages) > settings.INGEST_MAX_PAGES:
            raise InputError(
                _("%(file)s has too many pages (%(pages)s; the limit is %(limit)s).")
                % {"file": path.name, "pages": len(reader.pages), "limit": settings.INGEST_MAX_PAGES}
            )
        pages = []
        for page in reader.pages:
            deadline.check()
            pages.append(page.extract_text() or "")
        metadata_title = (reader.metadata.title or "").strip() if reader.metadata else ""
    except _BROKEN as error:
        raise InputError(
            _("%(file)s is not a readable PDF (damaged or truncated: %(reason)s).")
            % {"file": path.name, "reason": error}
        ) from None
    text = require_text("\n\n".join(pages), path)
    title = metadata_title[:TITLE_LENGTH] or text_title(text, path.stem)
    return ReadResult(text=text, title=title, kind=DocumentKind.BOOKLET)
