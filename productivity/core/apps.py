from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "productivity.core"
    label = "core"

    def ready(self) -> None:
        from productivity.core import data_version

        connection_created.connect(data_version.install, dispatch_uid="core.data_version")
