"""Pipelines, plans with spend profiles, processes, pledges and contracts for the pipelines tests."""

import datetime as dt
from decimal import Decimal

from productivity.procurement import pipeline_services
from productivity.procurement.models import Pipeline, PlannedProcurement, ProcurementProcess


def make_pipeline(organisation, *, published=False, reviewed=None, **fields) -> Pipeline:
    return Pipeline.objects.create(organisation=organisation, is_published=published, last_reviewed_on=reviewed,
                                   **fields)


def make_plan(pipeline, reference="P-001", *, value="3000000", high=None, profile=None, tender_on=None,
              **fields) -> PlannedProcurement:
    fields.setdefault("title", f"Plan {reference}")
    fields.setdefault("confidence", "high")
    plan = PlannedProcurement(pipeline=pipeline, reference=reference, value_low=Decimal(value),
                              value_high=Decimal(high or value), tender_on=tender_on, **fields)
    return pipeline_services.save_plan(plan, {year: Decimal(amount) for year, amount in (profile or {}).items()})


def make_process(organisation, reference="T-001", *, notice_on=dt.date(2025, 1, 6), awarded_on=None,
                 procedure_type="open", **fields) -> ProcurementProcess:
    fields.setdefault("title", f"Process {reference}")
    return ProcurementProcess.objects.create(organisation=organisation, reference=reference, notice_on=notice_on,
                                             awarded_on=awarded_on, procedure_type=procedure_type, **fields)
