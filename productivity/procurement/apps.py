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

        _register_suppliers()


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


# ---- Suppliers: matching decisions, merges, size data, category pilots (the suppliers area) ---------------------
def _register_suppliers() -> None:
    from django.urls import reverse

    from productivity.audit.registry import register
    from productivity.imports import registry
    from productivity.procurement import models
    from productivity.procurement.importers.sizes import SupplierSizeImporter

    for model in (models.MatchProposal, models.SupplierMerge, models.CategoryPilot, models.CategoryPilotCouncil):
        register(model)
    registry.register(
        SupplierSizeImporter, domain="Procurement",
        hint="One row per supplier and date: employees, turnover, balance sheet total, VCSE and public-body flags, "
             "postcode or region. Each row classes a supplier already in the register, under each SME definition "
             "its figures decide. The programme team imports it.",
        results=lambda run: reverse("procurement:suppliers"))
