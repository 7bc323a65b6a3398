from importlib import import_module

from django.apps import AppConfig
from django.conf import settings


class ImportsConfig(AppConfig):
    name = "productivity.imports"
    label = "imports"
    verbose_name = "Imports"

    def ready(self) -> None:
        # Modules that register importers beyond the domains' own (tests and benchmarks name theirs here).
        for module in settings.IMPORTERS_EXTRA_MODULES:
            import_module(module)
