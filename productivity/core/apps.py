from django.apps import AppConfig
from django.core.signals import setting_changed
from django.db.backends.signals import connection_created


def _forget_pages(**kwargs) -> None:
    """A changed setting (tests change them) may change any page: cached pages are dropped."""
    from django.core.cache import caches

    from productivity.core.page_cache import CACHE

    caches[CACHE].clear()


class CoreConfig(AppConfig):
    name = "productivity.core"
    label = "core"

    def ready(self) -> None:
        from productivity.core import data_version

        connection_created.connect(data_version.install, dispatch_uid="core.data_version")
        setting_changed.connect(_forget_pages, dispatch_uid="core.page_cache")
