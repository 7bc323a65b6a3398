from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class OverviewConfig(AppConfig):
    """The pages above the domains: the home page and a council's page, made of the domains' sections; each
    person's "Your work", the papers they follow, and the emails that tell them what awaits them."""

    name = "productivity.overview"
    label = "overview"

    def ready(self) -> None:
        # Each domain's sections.py registers its sections with core.sections (see there).
        autodiscover_modules("sections")
        # Email people when something awaits them (an amount to verify, a paper to clear or one they follow).
        # Partnerships' verified cash outputs reach the programme's savings once (estate_savings.py).
        from productivity.overview import estate_savings, receivers  # noqa: F401
