"""Plain text and Markdown files (.txt, .md), in UTF-8 or a legacy Western encoding."""

from pathlib import Path

from django.utils.translation import gettext as _

from passerelles.documents.choices import DocumentKind
from passerelles.interop.reading import ReadResult, require_text, text_title
from passerelles.lib.errors import InputError

# Tab, line feed, form feed and carriage return are ordinary in text; other control bytes are not.
_TEXT_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D}
# Share of other control bytes above which the bytes are taken for binary data.
_MAX_CONTROL_SHARE = 0.01


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    controls = sum(1 for byte in data if byte < 0x20 and byte not in _TEXT_CONTROLS)
    return controls > _MAX_CONTROL_SHARE * len(data)


def decode(data: bytes, file_name: str) -> str:
    """Return DATA decoded from UTF-8 (with or without BOM), else from cp1252 or latin-1.

    Refuse bytes that do not look like text, so that a binary file is never stored as garbage.
    """
    if _looks_binary(data):
        raise InputError(_("%(file)s is not a text file (it holds binary data).") % {"file": file_name})
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 decodes every byte.
        return data.decode("latin-1")


def read(path: Path) -> ReadResult:
    """Read a text or Markdown file as an article titled by its first non-empty line."""
    text = require_text(decode(path.read_bytes(), path.name), path)
    return ReadResult(text=text, title=text_title(text, path.stem), kind=DocumentKind.ARTICLE)
