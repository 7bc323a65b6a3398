from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "productivity.programme"
    label = "programme"

    def ready(self) -> None:
        from productivity.audit.registry import register
        from productivity.programme import models

        for model in (
            models.Workstream,
            models.Initiative,
            models.Project,
            models.Participant,
            models.FundingAward,
            models.Milestone,
            models.Risk,
            models.Saving,
            models.SavingAmount,
            models.Evidence,
        ):
            register(model, exclude=("created_at", "updated_at"))
        _register_importers()


def _register_importers() -> None:
    from django.urls import reverse

    from productivity.imports import registry
    from productivity.programme.importers import ProjectImporter, SavingsImporter

    def project_page(reference: str) -> str:
        return reverse("programme:project", args=[reference])

    registry.register(
        ProjectImporter, domain="Programme", changed_link=project_page,
        hint="One row per project. New projects are created; existing ones are matched by reference.",
        results=lambda run: reverse("programme:projects"))
    registry.register(
        SavingsImporter, domain="Programme", changed_link=project_page,
        hint="One row per saving amount (financial year and kind). Savings are matched by project, council and title.",
        results=lambda run: reverse("programme:savings"))
