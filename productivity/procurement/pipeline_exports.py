"""A pipeline's exports, the same from the page, the API and ``export_pipeline``: CSV and OCDS release packages."""

import csv
import io

from django.conf import settings
from django.urls import reverse

from productivity.core.exports import csv_safe
from productivity.core.tables import iter_export_rows
from productivity.procurement import ocds, pipelines
from productivity.procurement.models import PlannedProcurement
from productivity.procurement.pipeline_tables import PLAN_COLUMNS

FORMATS = ("ocds", "csv")


def plans_of(pipeline):
    """Every plan in the pipeline (withdrawn ones too, with their reasons), with its spend profile."""
    found = PlannedProcurement.objects.filter(pipeline=pipeline).order_by("reference")
    return pipelines.plans_with_spend(found)


def package_uri(organisation, suffix: str = "") -> str:
    return f"{settings.SITE_URL}{reverse('procurement:pipeline', args=[organisation.slug])}?format=ocds{suffix}"


def ocds_text(organisation, plans, *, uri: str | None = None) -> str:
    """The OCDS release package of ``plans``, validated; ExportRefused (with the reasons) if it does not validate."""
    plans = list(plans)
    if not plans:
        raise ocds.ExportRefused(["There are no plans to export: an OCDS release package holds at least one "
                                  "release"])
    built = ocds.package(organisation, plans, uri=uri or package_uri(organisation))
    return ocds.dumps(ocds.validated(built))


def csv_text(plans) -> str:
    """The plans as the pipeline page's CSV download writes them (importable again as a pipeline file)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for line in iter_export_rows(PLAN_COLUMNS, plans):
        writer.writerow([csv_safe(value) for value in line])
    return out.getvalue()
