"""The JSON API of pipelines, their OCDS packages and UK1 notices, timeliness and contracts registers.

The same figures as the pages, from the same functions; a pipeline is fetched as its page fetches it (404 for
anyone who may not see it).
"""

import datetime as dt
import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from productivity.accounts.api_auth import caller
from productivity.core.api.errors import NOT_FOUND
from productivity.core.fiscal import financial_year_label
from productivity.core.paging import BoundedPages
from productivity.organisations.models import Organisation
from productivity.procurement import ocds, pipeline_exports, pipelines, timeliness, uk1
from productivity.procurement.models import (
    ContractRecord,
    Pipeline,
    PlannedProcurement,
    PlannedSpend,
    ProcurementProcess,
)

router = Router(tags=["Procurement pipelines, timeliness and contracts"])


class YearOut(Schema):
    financial_year: str
    planned_spend: str


class PipelineOut(Schema):
    council: str
    name: str
    published: bool
    illustrative: bool
    last_reviewed_on: dt.date | None
    review_due_on: dt.date | None
    stale: bool
    five_years: list[YearOut]
    five_year_total: str


class PlanOut(Schema):
    reference: str
    title: str
    description: str
    category: str
    value_low: str
    value_high: str
    spend_profile: list[YearOut]
    market_engagement_on: dt.date | None
    tender_on: dt.date | None
    award_on: dt.date | None
    contract_start_on: dt.date | None
    duration_months: int | None
    confidence: str
    suitable_for_sme: bool
    suitable_for_vcse: bool
    status: str
    withdrawal_reason: str


class PipelineDetailOut(PipelineOut):
    plans: list[PlanOut]


class VerdictOut(Schema):
    reference: str
    title: str
    outcome: str
    reason: str


class Uk1Out(Schema):
    council: str
    financial_year: str
    required: bool | None
    basis: str
    period_start: dt.date
    period_end: dt.date
    publish_by: dt.date
    plans: list[VerdictOut]


class ComplianceOut(Schema):
    council: str | None
    processes: int
    awarded: int
    running: int
    within_120_working_days: int
    share_within: str | None
    average_working_days: str | None
    unjustified_competitive_dialogue: int


class TimelinessOut(Schema):
    overall: ComplianceOut
    by_council: list[ComplianceOut]


class ContractOut(Schema):
    council: str
    reference: str
    title: str
    department: str
    description: str
    supplier_name: str
    supplier_registration: str
    value: str
    irrecoverable_vat: str | None
    start_on: dt.date
    end_on: dt.date | None
    review_on: dt.date | None
    route: str
    supplier_kind: str
    illustrative: bool


def _years(view: pipelines.YearView) -> list[YearOut]:
    return [YearOut(financial_year=financial_year_label(year), planned_spend=str(amount))
            for year, amount in zip(view.years, view.amounts(), strict=True)]


def _pipeline(pipeline: Pipeline, view: pipelines.YearView) -> dict:
    review = pipelines.review(pipeline)
    return {"council": pipeline.organisation.slug, "name": pipeline.organisation.name,
            "published": pipeline.is_published, "illustrative": pipeline.is_illustrative,
            "last_reviewed_on": review.last_reviewed_on, "review_due_on": review.due_on, "stale": review.stale,
            "five_years": _years(view), "five_year_total": str(view.total)}


def _seen(request, slug: str) -> Pipeline:
    user = caller(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    found = Pipeline.objects.visible_to(user).filter(organisation=organisation).select_related("organisation").first()
    if found is None:
        raise Http404("Not found")
    return found


def _plans(pipeline: Pipeline):
    return pipelines.plans_with_spend(PlannedProcurement.objects.filter(pipeline=pipeline)).order_by("reference")


@router.get("/pipelines", response=list[PipelineOut], summary="List councils' procurement pipelines")
def list_pipelines(request):
    """Every pipeline you may see (published ones, and your council's own): five years of planned spend, review."""
    user = caller(request)
    years = pipelines.window()
    views = pipelines.year_views_by_council(PlannedSpend.objects.visible_to(user), years)
    seen = Pipeline.objects.visible_to(user).select_related("organisation")
    return [_pipeline(p, views.get(p.organisation_id, pipelines.YearView(years))) for p in seen]


@router.get("/pipelines/{slug}", response={200: PipelineDetailOut, **NOT_FOUND}, summary="Fetch a pipeline")
def get_pipeline(request, slug: str):
    """A council's pipeline with every plan (withdrawn ones too, with their reasons)."""
    pipeline = _seen(request, slug)
    years = pipelines.window()
    view = pipelines.year_view(PlannedSpend.objects.filter(procurement__pipeline=pipeline), years)
    plans = [PlanOut(
        reference=p.reference, title=p.title, description=p.description, category=p.category,
        value_low=str(p.value_low), value_high=str(p.value_high),
        spend_profile=[YearOut(financial_year=financial_year_label(year), planned_spend=str(amount))
                       for year, amount in pipelines.spend_profile(p).items()],
        market_engagement_on=p.market_engagement_on, tender_on=p.tender_on, award_on=p.award_on,
        contract_start_on=p.contract_start_on, duration_months=p.duration_months, confidence=p.confidence,
        suitable_for_sme=p.suitable_for_sme, suitable_for_vcse=p.suitable_for_vcse, status=p.status,
        withdrawal_reason=p.withdrawal_reason) for p in _plans(pipeline)]
    return {**_pipeline(pipeline, view), "plans": plans}


@router.get("/pipelines/{slug}/ocds", response={200: dict, **NOT_FOUND},
            summary="Fetch a pipeline as an OCDS release package")
def get_pipeline_ocds(request, slug: str):
    """The pipeline as an OCDS 1.1 release package, validated against the 1.1.5 schema (422 with the reasons if
    it does not validate)."""
    pipeline = _seen(request, slug)
    try:
        text = pipeline_exports.ocds_text(pipeline.organisation, _plans(pipeline))
    except ocds.ExportRefused as refused:
        body = {"detail": "The package does not validate against the OCDS 1.1.5 schema",
                "errors": {"__all__": refused.reasons}}
        return HttpResponse(json.dumps(body), status=422, content_type="application/json")
    return HttpResponse(text, content_type="application/json")


@router.get("/pipelines/{slug}/uk1", response={200: Uk1Out, **NOT_FOUND}, summary="Check a UK1 pipeline notice")
def get_uk1(request, slug: str, year: int | None = None):
    """Whether the council must publish a UK1 notice for the financial year (by its first calendar year), by
    when, and which plans the notice includes, with the reason for each."""
    pipeline = _seen(request, slug)
    year = pipelines.this_financial_year() if year is None else min(max(year, 2000), 2100)
    notice = uk1.check(pipeline, _plans(pipeline), year)
    return Uk1Out(council=pipeline.organisation.slug, financial_year=notice.label, required=notice.required,
                  basis=notice.basis, period_start=notice.period_start, period_end=notice.period_end,
                  publish_by=notice.publish_by,
                  plans=[VerdictOut(reference=v.plan.reference, title=v.plan.title, outcome=v.outcome,
                                    reason=v.reason) for v in notice.verdicts])


def _compliance(name: str | None, figures: timeliness.Compliance) -> ComplianceOut:
    share = figures.share_within
    return ComplianceOut(council=name, processes=figures.processes, awarded=figures.awarded,
                         running=figures.running, within_120_working_days=figures.within,
                         share_within=None if share is None else f"{share:.4f}",
                         average_working_days=None if figures.average_days is None else str(figures.average_days),
                         unjustified_competitive_dialogue=figures.dialogue_flagged)


@router.get("/timeliness", response=TimelinessOut, summary="Fetch procurement timeliness")
def get_timeliness(request):
    """Compliance with the 120-working-day commitment overall and per council (the same roll-up as the page)."""
    processes = list(ProcurementProcess.objects.visible_to(caller(request)))
    overall, by_council = timeliness.rollup(processes)
    names = Organisation.objects.in_bulk(list(by_council))
    return TimelinessOut(overall=_compliance(None, overall),
                         by_council=[_compliance(names[pk].slug, figures) for pk, figures in by_council.items()])


@router.get("/contracts", response=list[ContractOut], summary="List contracts in councils' registers")
@paginate(BoundedPages)
def list_contracts(request, council: str | None = None):
    """Contracts over £5,000 in councils' registers, newest first; ``council`` narrows them to one council."""
    found = ContractRecord.objects.visible_to(caller(request)).select_related("publisher")
    if council:
        found = found.filter(publisher__slug=council)
    return [ContractOut(council=c.publisher.slug, reference=c.reference, title=c.title, department=c.department,
                        description=c.description, supplier_name=c.supplier_name,
                        supplier_registration=c.supplier_registration, value=str(c.value),
                        irrecoverable_vat=None if c.irrecoverable_vat is None else str(c.irrecoverable_vat),
                        start_on=c.start_on, end_on=c.end_on, review_on=c.review_on, route=c.route,
                        supplier_kind=c.supplier_kind, illustrative=c.is_illustrative) for c in found]
