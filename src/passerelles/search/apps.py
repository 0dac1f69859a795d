from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "passerelles.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from passerelles.search import signals  # noqa: F401  (connects the receivers)
