"""Exchange formats, one sub-package each with `write(projects, stream)` (and `read` where it exists).

Formats are looked up by name in FORMATS, so adding one is adding a sub-package and a line.
"""

from importlib import import_module
from types import ModuleType

from django.utils.translation import gettext as _

from passerelles.lib.errors import InputError

FORMATS = {
    "records": "passerelles.interop.records",
    "csv": "passerelles.interop.csv",
    "iati": "passerelles.interop.iati",
}


def get_format(name: str) -> ModuleType:
    """Return the module of the format NAME, or refuse an unknown name."""
    if name not in FORMATS:
        raise InputError(
            _("Unknown format “%(name)s”; choose one of: %(formats)s.")
            % {"name": name, "formats": ", ".join(FORMATS)}
        )
    return import_module(FORMATS[name])
