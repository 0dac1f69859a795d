"""Check an Office file's ZIP archive before any library inflates it."""

import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from passerelles.lib.errors import InputError


def _unsafe_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts


def check_zip(path: Path) -> None:
    """Refuse PATH unless it is a ZIP archive of modest unpacked size with no escaping entry names.

    The sizes checked are the ones the archive declares; zipfile never inflates an entry beyond its
    declared size, so they bound what python-docx and openpyxl can unpack.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise InputError(
            _("%(file)s is not a valid Office file (it is not a ZIP archive).") % {"file": path.name}
        ) from None
    for entry in entries:
        if _unsafe_name(entry.filename):
            raise InputError(
                _("%(file)s contains an entry with an unsafe path (%(entry)s).")
                % {"file": path.name, "entry": entry.filename}
            )
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries)
    if unpacked > settings.INGEST_MAX_UNZIPPED_BYTES:
        raise InputError(
            _("%(file)s unpacks to too much data (%(size)s MB; the limit is %(limit)s MB).")
            % {
                "file": path.name,
                "size": unpacked // 1_000_000,
                "limit": settings.INGEST_MAX_UNZIPPED_BYTES // 1_000_000,
            }
        )
    if unpacked > settings.INGEST_MAX_ZIP_RATIO * max(packed, 1):
        raise InputError(
            _("%(file)s is compressed suspiciously well (more than %(ratio)s times), like a ZIP bomb.")
            % {"file": path.name, "ratio": settings.INGEST_MAX_ZIP_RATIO}
        )
