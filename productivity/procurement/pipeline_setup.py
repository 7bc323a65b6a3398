"""What the pipelines work adds when the app is ready: its models in the audit trail, its importers."""

from django.urls import reverse


def ready() -> None:
    from productivity.audit.registry import register
    from productivity.imports import registry
    from productivity.procurement import models
    from productivity.procurement.importers.contracts import ContractsImporter
    from productivity.procurement.importers.pipeline import PipelineImporter

    for model in (models.Pipeline, models.PlannedProcurement, models.PlannedSpend, models.ProcurementProcess,
                  models.PledgeRecord, models.PledgeEvidence):
        register(model, exclude=("created_at", "updated_at"))
    # Contracts arrive by the thousand through imports, whose runs are their history.
    registry.register(
        PipelineImporter, domain="Procurement",
        hint="One row per planned procurement in a council's forward pipeline, matched by its reference: "
             "re-importing the file changes nothing, and plans missing from it are kept.",
        results=lambda run: reverse("procurement:pipeline", args=[run.publisher.slug]) if run.publisher else None)
    registry.register(
        ContractsImporter, domain="Procurement",
        hint="One row per contract over £5,000 in a council's contracts register (the Transparency Code's fields), "
             "matched by its reference: a changed row updates its contract.",
        results=lambda run: reverse("procurement:contracts-council", args=[run.publisher.slug])
        if run.publisher else None)
