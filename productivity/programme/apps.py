from importlib import import_module

from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "productivity.programme"
    label = "programme"

    def import_models(self) -> None:
        super().import_models()
        # Import runs live in their own module (bookkeeping, not portfolio); load them with the models.
        import_module(f"{self.name}.import_runs")

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
