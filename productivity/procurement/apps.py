from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "productivity.procurement"
    label = "procurement"
    verbose_name = "Procurement: council spend and suppliers"

    def ready(self) -> None:
        from productivity.audit.registry import register
        from productivity.procurement import models

        # Spend lines arrive by the thousand through imports, whose runs are their history.
        for model in (models.Supplier, models.SupplierClassification):
            register(model, exclude=("created_at",))
        _register_importers()
        # Pipelines, timeliness, the pledge and contracts registers (the pipelines work).
        from productivity.procurement import pipeline_setup

        pipeline_setup.ready()


def _register_importers() -> None:
    from django.urls import reverse

    from productivity.imports import registry
    from productivity.procurement.importers import SpendImporter

    registry.register(
        SpendImporter, domain="Procurement",
        hint="One row per payment in a council's published spend file (over £500, card transactions or the LGA "
             "spend schema). Re-importing a file, or one that overlaps it, adds no line twice.",
        results=lambda run: reverse("procurement:spend") + (f"?publisher={run.publisher.slug}" if run.publisher
                                                            else ""))
