from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibConfig(AppConfig):
    name = "passerelles.lib"
    verbose_name = _("Shared tools")

    def ready(self) -> None:
        from passerelles.lib import lookups  # noqa: F401  (registers `__any_of` on every field)
