"""The estate's JSON API: assets, data quality, partnerships, quarterly returns, outputs and selection rounds.

The same scoping as the pages (``visible_to``: the public sees what owners publish and submitted returns;
members of a partnership see its shared view) and the same roll-ups (return_rollups, selection). Money and
quantities are strings, as the rest of the API returns them.
"""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from productivity.accounts.api_auth import caller, fetch
from productivity.accounts.roles import is_programme_team
from productivity.core.paging import BoundedPages
from productivity.estate import quality, return_rollups, selection
from productivity.estate.models import Asset, HoldingType, Status, Tenure, Use
from productivity.estate.returns_models import (
    UNITS,
    Application,
    Partnership,
    QuarterlyReturn,
    ReturnFigure,
    SelectionRound,
)
from productivity.organisations.models import Organisation

router = Router(tags=["Capital and assets"])


def _text(value) -> str | None:
    return None if value is None else str(value)


class AssetOut(Schema):
    id: int
    owner: str = Field(..., description="The owning organisation's slug")
    owner_name: str
    asset_code: str
    uprn: str
    name: str
    address: str
    postcode: str
    longitude: str | None
    latitude: str | None
    easting: str | None
    northing: str | None
    use: str
    tenure: str
    holding_type: str
    gross_internal_area: str | None
    land_area: str | None
    status: str
    is_published: bool
    flags: list[str]
    withdrawn_at: dt.datetime | None
    withdrawal_reason: str


def _asset(asset: Asset) -> dict:
    return {
        "id": asset.pk, "owner": asset.owner.slug, "owner_name": asset.owner.name, "asset_code": asset.asset_code,
        "uprn": asset.uprn, "name": asset.name, "address": asset.address, "postcode": asset.postcode,
        **{name: _text(getattr(asset, name)) for name in ("longitude", "latitude", "easting", "northing",
                                                            "gross_internal_area", "land_area")},
        "use": asset.use, "tenure": asset.tenure, "holding_type": asset.holding_type, "status": asset.status,
        "is_published": asset.is_published, "flags": list(asset.flags), "withdrawn_at": asset.withdrawn_at,
        "withdrawal_reason": asset.withdrawal_reason,
    }


class AssetFilters(Schema):
    owner: str | None = Field(None, description="The owning organisation's slug")
    partnership: str | None = Field(None, description="A partnership's slug: its members' assets")
    use: Use | None = None
    tenure: Tenure | None = None
    holding_type: HoldingType | None = None
    status: Status | None = None
    flag: str | None = Field(None, description="A data-quality flag code, such as no_location")
    q: str | None = Field(None, max_length=200, description="Words in the name, address, postcode, code or UPRN")
    withdrawn: bool = Field(False, description="Include withdrawn assets")


@router.get("/assets", response=list[AssetOut], summary="List assets")
@paginate(BoundedPages)
def list_assets(request, filters: Query[AssetFilters]):
    """The assets the caller may see, filtered; withdrawn ones only when asked for."""
    assets = Asset.objects.visible_to(caller(request)).select_related("owner").order_by("owner__name", "pk")
    if not filters.withdrawn:
        assets = assets.standing()
    if filters.owner:
        assets = assets.filter(owner__slug=filters.owner)
    if filters.partnership:
        assets = assets.filter(owner__estate_memberships__partnership__slug=filters.partnership)
    for name in ("use", "tenure", "holding_type", "status"):
        value = getattr(filters, name)
        if value:
            assets = assets.filter(**{name: value})
    if filters.flag:
        assets = assets.flagged(filters.flag)
    if filters.q:
        assets = assets.matching(filters.q)
    return [_asset(asset) for asset in assets]


@router.get("/assets/{asset_id}", response=AssetOut, summary="Fetch an asset")
def get_asset(request, asset_id: int):
    return _asset(fetch(Asset.objects.select_related("owner"), request, pk=asset_id))


class QualityItemOut(Schema):
    asset: int
    name: str
    note: str
    others: list[int]


class QualityCheckOut(Schema):
    key: str
    title: str
    count: int
    items: list[QualityItemOut]


class QualityOut(Schema):
    owner: str
    assets: int
    with_problems: int
    checks: list[QualityCheckOut]


@router.get("/quality/{slug}", response=QualityOut, summary="Fetch an owner's data-quality report")
def get_quality(request, slug: str):
    """The owner's data-quality checks over the assets the caller may see (the page's report)."""
    owner = get_object_or_404(Organisation, slug=slug)
    visible = Asset.objects.visible_to(caller(request))
    checks = quality.report(owner, visible)
    return {"owner": owner.slug, "assets": visible.of_owner(owner).count(),
            "with_problems": quality.total_problems(checks),
            "checks": [{"key": check.key, "title": check.title, "count": check.count,
                        "items": [{"asset": item.asset.pk, "name": item.asset.name, "note": item.note,
                                   "others": [other.pk for other in item.others]} for item in check.items]}
                       for check in checks]}


class OutputOut(Schema):
    measure: str
    label: str
    unit: str
    forecast: str
    achieved: str = Field(..., description="Verified achieved figures of submitted, not withdrawn returns")
    awaiting_verification: str


def _outputs(outputs: return_rollups.Outputs) -> list[dict]:
    return [{"measure": measure.value, "label": measure.label, "unit": UNITS[measure],
             "forecast": str(outputs[measure].forecast), "achieved": str(outputs[measure].achieved),
             "awaiting_verification": str(outputs[measure].awaiting)} for measure in return_rollups.MEASURES]


class MemberOut(Schema):
    organisation: str
    name: str
    kind: str
    role: str


class ProjectOut(Schema):
    reference: str
    title: str
    status: str
    closed_on: dt.date | None
    running_cost_saving: int | None = Field(..., description="The programme saving its running-cost savings "
                                                              "count in, if any")
    receipts_saving: int | None


class PartnershipOut(Schema):
    slug: str
    name: str
    lead: str
    programme_project: str | None
    is_illustrative: bool


class PartnershipDetailOut(PartnershipOut):
    members: list[MemberOut]
    projects: list[ProjectOut]
    outputs: list[OutputOut]


def _partnership(partnership: Partnership) -> dict:
    return {"slug": partnership.slug, "name": partnership.name, "lead": partnership.lead.slug,
            "programme_project": partnership.programme_project.reference if partnership.programme_project else None,
            "is_illustrative": partnership.is_illustrative}


@router.get("/partnerships", response=list[PartnershipOut], summary="List partnerships")
@paginate(BoundedPages)
def list_partnerships(request):
    rows = Partnership.objects.visible_to(caller(request)).select_related("lead", "programme_project")
    return [_partnership(partnership) for partnership in rows]


@router.get("/partnerships/{slug}", response=PartnershipDetailOut, summary="Fetch a partnership")
def get_partnership(request, slug: str):
    """A partnership's members, projects and outputs (from the returns the caller may see)."""
    partnership = fetch(Partnership.objects.select_related("lead", "programme_project"), request, slug=slug)
    figures = ReturnFigure.objects.visible_to(caller(request)).filter(quarterly_return__partnership=partnership)
    return {**_partnership(partnership),
            "members": [{"organisation": m.organisation.slug, "name": m.organisation.name,
                         "kind": m.organisation.kind, "role": m.role}
                        for m in partnership.members.select_related("organisation")],
            "projects": [{"reference": p.reference, "title": p.title, "status": p.status, "closed_on": p.closed_on,
                          "running_cost_saving": p.running_cost_saving_id, "receipts_saving": p.receipts_saving_id}
                         for p in partnership.projects.all()],
            "outputs": _outputs(return_rollups.outputs(figures))}


class FigureOut(Schema):
    id: int
    project: str
    measure: str
    unit: str
    forecast: str | None
    achieved: str | None
    verification: str
    evidence_notes: str


class ReturnOut(Schema):
    id: int
    partnership: str
    financial_year: int
    quarter: int
    period: str
    overall_rag: str
    delivery_rag: str
    governance_rag: str
    status: str
    submitted_at: dt.datetime | None
    withdrawn_at: dt.datetime | None
    withdrawal_reason: str
    is_illustrative: bool


class ReturnDetailOut(ReturnOut):
    commentary: str
    delivery_commentary: str
    governance_commentary: str
    figures: list[FigureOut]


def _return(item: QuarterlyReturn) -> dict:
    return {"id": item.pk, "partnership": item.partnership.slug, "financial_year": item.financial_year,
            "quarter": item.quarter, "period": item.period, "overall_rag": item.overall_rag,
            "delivery_rag": item.delivery_rag, "governance_rag": item.governance_rag, "status": item.status,
            "submitted_at": item.submitted_at, "withdrawn_at": item.withdrawn_at,
            "withdrawal_reason": item.withdrawal_reason, "is_illustrative": item.is_illustrative}


class ReturnFilters(Schema):
    partnership: str | None = Field(None, description="A partnership's slug")
    financial_year: int | None = Field(None, ge=2000, le=2100, description="The year it starts in: 2012 for 2012/13")


@router.get("/returns", response=list[ReturnOut], summary="List quarterly returns")
@paginate(BoundedPages)
def list_returns(request, filters: Query[ReturnFilters]):
    rows = QuarterlyReturn.objects.visible_to(caller(request)).select_related("partnership")
    if filters.partnership:
        rows = rows.filter(partnership__slug=filters.partnership)
    if filters.financial_year:
        rows = rows.filter(financial_year=filters.financial_year)
    return [_return(item) for item in rows]


@router.get("/returns/{return_id}", response=ReturnDetailOut, summary="Fetch a quarterly return")
def get_return(request, return_id: int):
    item = fetch(QuarterlyReturn.objects.select_related("partnership"), request, pk=return_id)
    return {**_return(item), "commentary": item.commentary, "delivery_commentary": item.delivery_commentary,
            "governance_commentary": item.governance_commentary,
            "figures": [{"id": f.pk, "project": f.project.reference, "measure": f.measure, "unit": f.unit,
                         "forecast": _text(f.forecast), "achieved": _text(f.achieved),
                         "verification": f.verification, "evidence_notes": f.evidence_notes}
                        for f in item.figures.select_related("project")]}


class GroupOutputsOut(Schema):
    group: str
    outputs: list[OutputOut]


class AccuracyOut(Schema):
    partnership: str
    project: str
    measure: str
    first_period: str
    first_forecast: str
    latest_forecast: str
    achieved: str
    over_optimistic: bool


class OutputsOut(Schema):
    total: list[OutputOut]
    by_partnership: list[GroupOutputsOut]
    by_financial_year: list[GroupOutputsOut]
    forecast_accuracy: list[AccuracyOut]


@router.get("/outputs", response=OutputsOut, summary="Fetch partnerships' outputs")
def get_outputs(request):
    """Forecast beside achieved across partnerships and years, and the forecast accuracy of closed projects."""
    figures = ReturnFigure.objects.visible_to(caller(request))
    partnerships = Partnership.objects.in_bulk()
    return {
        "total": _outputs(return_rollups.outputs(figures)),
        "by_partnership": [{"group": partnerships[pk].slug, "outputs": _outputs(outputs)}
                           for pk, outputs in return_rollups.outputs_by_partnership(figures).items()],
        "by_financial_year": [{"group": str(year), "outputs": _outputs(outputs)}
                              for year, outputs in return_rollups.outputs_by_year(figures).items()],
        "forecast_accuracy": [{"partnership": a.project.partnership.slug, "project": a.project.reference,
                               "measure": a.measure.value, "first_period": a.first_period,
                               "first_forecast": str(a.first_forecast), "latest_forecast": str(a.latest_forecast),
                               "achieved": str(a.achieved), "over_optimistic": a.over_optimistic}
                              for a in return_rollups.forecast_accuracy(figures)],
    }


class RankedOut(Schema):
    council: str
    rank: int | None
    score: str | None = Field(..., description="Weighted criteria scores out of 100")
    match_funding: str
    shortlisted: bool
    why_not: str


class RoundOut(Schema):
    slug: str
    name: str
    opens_on: dt.date
    closes_on: dt.date
    fewest_places: int
    places: int
    ranking: list[RankedOut]


@router.get("/selection-rounds/{slug}", response=RoundOut, summary="Fetch a selection round and its ranking")
def get_round(request, slug: str):
    item = fetch(SelectionRound.objects.all(), request, slug=slug)
    user = caller(request)
    ranked = selection.ranking(item, Application.objects.visible_to(user),
                               full=item.shortlist_published or is_programme_team(user))
    return {"slug": item.slug, "name": item.name, "opens_on": item.opens_on, "closes_on": item.closes_on,
            "fewest_places": item.fewest_places, "places": item.places,
            "ranking": [{"council": r.application.council.slug, "rank": r.rank, "score": _text(r.score),
                         "match_funding": str(r.application.match_funding), "shortlisted": r.shortlisted,
                         "why_not": r.why_not} for r in ranked]}
