from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class OverviewConfig(AppConfig):
    """The pages above the domains: the home page and a council's page, made of the domains' sections."""

    name = "productivity.overview"
    label = "overview"

    def ready(self) -> None:
        # Each domain's sections.py registers its sections with core.sections (see there).
        autodiscover_modules("sections")
