from django.apps import AppConfig


class EstateConfig(AppConfig):
    name = "productivity.estate"
    label = "estate"
    verbose_name = "Capital and assets"

    def ready(self) -> None:
        from productivity.audit.registry import register
        from productivity.estate import models

        register(models.Asset, exclude=("created_at", "updated_at"))
        for model in (models.Partnership, models.PartnershipMember, models.EstateProject, models.QuarterlyReturn,
                      models.ReturnFigure, models.SelectionRound, models.Criterion, models.Application, models.Score):
            register(model, exclude=("created_at", "updated_at", "joined_at"))
        _register_importers()
        _register_map()


def _register_importers() -> None:
    from django.urls import reverse

    from productivity.estate.importers import AssetImporter
    from productivity.imports import registry

    def register_of(run) -> str:
        owner = run.publisher.slug if run.publisher_id else ""
        return reverse("estate:register") + (f"?owner={owner}" if owner else "")

    registry.register(
        AssetImporter, domain="Capital and assets", results=register_of,
        hint="One row per asset (a Transparency Code land and building assets file or an ePIMS extract). "
             "Assets are matched by the owner's asset code, or by UPRN where there is no code.")


# ---- customer service needs (estate maps) ----------------------------------------------------------------


def _register_map() -> None:
    from django.urls import reverse

    from productivity.audit.registry import register
    from productivity.estate.importers.demand import DemandImporter
    from productivity.estate.models import ServiceDemand
    from productivity.imports import registry

    register(ServiceDemand, exclude=("created_at", "updated_at"))

    def demand_of(run) -> str | None:
        owner = run.publisher
        if owner is None or owner.kind != "council":
            return None
        return reverse("estate:map-demand", args=[owner.slug])

    registry.register(
        DemandImporter, domain="Capital and assets", results=demand_of,
        hint="One row per service point (its visits or transactions in a year) or per area (the demand arising "
             "there, at its centre). Rows are matched by reference, service and period.")
