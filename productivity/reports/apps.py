from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "productivity.reports"
    label = "reports"

    def ready(self) -> None:
        from productivity.audit.registry import register
        from productivity.reports import models

        # The snapshot is the frozen report itself, not a change worth listing field by field.
        register(models.Report, exclude=("snapshot", "created_at", "updated_at"))
        register(models.ReportSection)
        from productivity.reports import citations

        citations.register()  # what a published paper cites is withdrawn, never deleted
