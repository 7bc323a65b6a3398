"""Procurement's JSON API: each council's spend and shares, from the same roll-ups as the pages."""

from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from productivity.accounts.api_auth import caller
from productivity.organisations.models import Organisation
from productivity.procurement import pilots, proclass, rollups
from productivity.procurement.models import CategoryPilot, SpendLine
from productivity.procurement.rollups import Scope

router = Router(tags=["Procurement"])


class SharesOut(Schema):
    period: str | None = None
    label: str | None = None  # what the row is about, in a breakdown (a period, category, expense area, council)
    net_spend: str
    payments: int
    sme_share: str | None
    vcse_share: str | None
    local_share: str | None
    unclassified_share: str | None
    meets_aspiration: bool | None
    sme_definition: str


class CouncilOut(Schema):
    council: str
    name: str
    summary: SharesOut
    by_financial_year: list[SharesOut] = []


def _share(value) -> str | None:
    return None if value is None else f"{value:.4f}"


def _out(figures: rollups.Shares, period: str | None = None, label: str | None = None) -> SharesOut:
    return SharesOut(period=period, label=label, net_spend=str(figures.total), payments=figures.lines,
                     sme_share=_share(figures.sme_share), vcse_share=_share(figures.vcse_share),
                     local_share=_share(figures.local_share), unclassified_share=_share(figures.unclassified_share),
                     meets_aspiration=figures.meets_aspiration, sme_definition=figures.definition_label)


@router.get("/councils", response=list[CouncilOut], summary="List councils' spend and SME shares")
def councils(request, definition: str = "seeds"):
    """Each council with published spend: net spend and SME, VCSE and local shares (shares as fractions)."""
    caller(request)  # published spend: anyone may read it
    by_council = rollups.rollup(Scope(definition=definition), ("council",))
    organisations = Organisation.objects.in_bulk([key[0] for key in by_council])
    return [CouncilOut(council=organisations[pk].slug, name=organisations[pk].name, summary=_out(figures))
            for (pk,), figures in by_council.items()]


@router.get("/councils/{slug}", response=CouncilOut, summary="Fetch a council's spend and SME shares")
def council(request, slug: str, definition: str = "seeds"):
    """One council's spend and shares, overall and by financial year."""
    organisation = get_object_or_404(Organisation, slug=slug)
    scope = Scope(councils=(organisation.pk,), definition=definition)
    years = rollups.rollup(scope, ("financial_year",))
    return CouncilOut(council=organisation.slug, name=organisation.name, summary=_out(rollups.shares(scope)),
                      by_financial_year=[_out(figures, rollups.period_label(year, "financial_year"))
                                         for (year,), figures in years.items()])


# Pipelines, OCDS, UK1 notices, timeliness and contracts registers (the pipelines work).
from productivity.procurement.pipeline_api import router as pipelines_router  # noqa: E402

router.add_router("", pipelines_router)

# ---- Suppliers: paying suppliers on time (the suppliers area) ---------------------------------------------------
class PaymentTimesOut(Schema):
    council: str
    period: str | None = None
    suppliers: str | None = None
    supplier_id: int | None = None
    supplier: str | None = None
    invoices: int
    value: str
    average_days: str | None
    within_30_days: str | None
    from_31_to_60_days: str | None
    from_61_days: str | None
    paid_before_invoice_date: int
    sme_definition: str


@router.get("/payments", response=list[PaymentTimesOut], summary="List days to pay suppliers")
def payment_times(request, council: str = "", by: str = "period", definition: str = "seeds"):
    """Days from invoice to payment: per council, six-month reporting period and supplier size (``by=period``) or
    per council and supplier (``by=supplier``); shares of invoices paid within 30, in 31-60 and in 61+ days."""
    from productivity.procurement import payments

    definition = rollups.definition_of(definition)
    lines = SpendLine.objects.visible_to(caller(request))
    if council:
        lines = lines.for_council(get_object_or_404(Organisation, slug=council))
    grouping = ("publisher", "supplier") if by == "supplier" else ("publisher", "period", "size")
    figures = payments.payment_times(lines, grouping, definition)
    organisations = Organisation.objects.in_bulk({key[0] for key in figures})
    label = rollups.Definition(definition).label
    found = []
    for key, times in figures.items():
        extra = ({"supplier_id": key[1][0], "supplier": key[1][1]} if by == "supplier" else
                 {"period": payments.period_label(key[1]), "suppliers": payments.size_label(key[2])})
        found.append(PaymentTimesOut(
            council=organisations[key[0]].slug, invoices=times.invoices, value=str(times.value),
            average_days=None if times.average_days is None else str(times.average_days),
            within_30_days=_share(times.within_30), from_31_to_60_days=_share(times.from_31_to_60),
            from_61_days=_share(times.from_61), paid_before_invoice_date=times.out_of_order, sme_definition=label,
            **extra))
    return found


# ---- Spend analysis: periods, categories, suppliers, expense areas, councils compared (the spend area) ------


# A financial year by the calendar year it starts in; outside these, no spend was ever published.
Year = Annotated[int | None, Query(description="A financial year, by the calendar year it starts in", ge=2000,
                                   le=2100)]


class BreakdownOut(Schema):
    council: str | None = None
    definition: str
    sme_definition: str
    financial_year: str | None = None
    category: str | None = None
    rows: list[SharesOut]


class SupplierOut(Schema):
    rank: int
    supplier_id: int
    supplier: str
    net_spend: str
    part_of_spend: str | None
    payments: int


class ConcentrationOut(Schema):
    council: str
    financial_year: str | None = None
    top: int
    suppliers_paid: int
    net_spend: str
    top_spend: str
    top_share: str | None
    suppliers: list[SupplierOut]


class HeadingOut(Schema):
    key: str
    heading: str


def _council(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


def _year(year: int | None) -> str | None:
    return rollups.period_label(year, "financial_year") if year is not None else None


def _breakdown(figures: dict, label, definition: str, year: int | None, council: str | None = None,
               category: str | None = None) -> BreakdownOut:
    definition = rollups.definition_of(definition)
    return BreakdownOut(council=council, definition=definition,
                        sme_definition=rollups.Shares(definition).definition_label, financial_year=_year(year),
                        category=category, rows=[_out(shares, label=label(key)) for key, shares in figures.items()])


@router.get("/councils/{slug}/periods", response=BreakdownOut, summary="A council's spend and shares by period")
def council_periods(request, slug: str, period: str = "financial_year", year: Year = None,
                    definition: str = "seeds"):
    """By financial year, quarter or month (``period``), in one financial year (``year``, its first calendar
    year) or all."""
    organisation = _council(slug)
    period = period if period in rollups.PERIODS else "financial_year"
    scope = Scope.for_year(year, councils=(organisation.pk,), definition=definition)
    figures = rollups.rollup(scope, (period,))
    return _breakdown(figures, lambda key: rollups.period_label(key[0], period), definition, year, organisation.slug)


@router.get("/councils/{slug}/categories", response=BreakdownOut,
            summary="A council's spend and shares by ProClass category")
def council_categories(request, slug: str, level: int = 1, year: Year = None, definition: str = "seeds"):
    """By ProClass level 1 (``level=1``) or level 2; spend with no code is "Unclassified". Largest first."""
    organisation = _council(slug)
    scope = Scope.for_year(year, councils=(organisation.pk,), definition=definition)
    figures = dict(rollups.largest_first(rollups.rollup(scope, ("category2" if level == 2 else "category",))))
    return _breakdown(figures, lambda key: key[0].label, definition, year, organisation.slug)


@router.get("/councils/{slug}/service-areas", response=BreakdownOut,
            summary="A council's spend and shares by expense area")
def council_service_areas(request, slug: str, year: Year = None, definition: str = "seeds"):
    """By the expense area (service) the council gave each line, largest first."""
    organisation = _council(slug)
    scope = Scope.for_year(year, councils=(organisation.pk,), definition=definition)
    figures = dict(rollups.largest_first(rollups.rollup(scope, ("service_area",))))
    return _breakdown(figures, lambda key: key[0] or "Not given", definition, year, organisation.slug)


@router.get("/councils/{slug}/suppliers", response=ConcentrationOut,
            summary="A council's suppliers paid most and their share of its spend")
def council_suppliers(request, slug: str, top: int = rollups.TOP_SUPPLIERS, year: Year = None):
    """The ``top`` (1 to 100) suppliers paid most, and what part of the council's net spend they had."""
    organisation = _council(slug)
    top = min(max(top, 1), 100)
    found = rollups.top_suppliers(Scope.for_year(year, councils=(organisation.pk,)), top)
    return ConcentrationOut(
        council=organisation.slug, financial_year=_year(year), top=top, suppliers_paid=found.count,
        net_spend=str(found.total), top_spend=str(found.spend), top_share=_share(found.share),
        suppliers=[SupplierOut(rank=rank, supplier_id=pk, supplier=name, net_spend=str(figures.total),
                               part_of_spend=_share(figures.total / found.total if found.total else None),
                               payments=figures.lines)
                   for rank, ((pk, name), figures) in enumerate(found.suppliers, start=1)])


@router.get("/compare", response=BreakdownOut, summary="Councils' spend and shares side by side")
def compare(request, councils: str = "", category: str = "", pilot: str = "", year: Year = None,
            definition: str = "seeds"):
    """The councils named (``councils``: slugs, comma separated; none: every council with spend), or a category
    management pilot's (``pilot``: its reference), in one ProClass level-1 category (``category``: its key, as
    /categories lists; with a pilot and none given, the pilot's category) or all their spend. Each row's label
    is the council's slug."""
    found_pilot = get_object_or_404(CategoryPilot, reference=pilot) if pilot else None
    if found_pilot is not None:
        chosen = tuple(pilots.pilot_councils(found_pilot).values_list("pk", flat=True))
    else:
        chosen = rollups.councils_of(councils)
    spend_in, what = pilots.compared_in(category, found_pilot)
    scope = Scope.for_year(year, councils=chosen, definition=definition, category=spend_in)
    figures = rollups.rollup(scope, ("council",))
    slugs = dict(Organisation.objects.filter(pk__in=[key[0] for key in figures]).values_list("pk", "slug"))
    return _breakdown(figures, lambda key: slugs[key[0]], definition, year, category=what if spend_in else None)


@router.get("/categories", response=list[HeadingOut], summary="List the ProClass level-1 headings")
def categories(request):
    """The headings spend is analysed under (keys for ``category``), with Unclassified last."""
    return [HeadingOut(key=heading.key, heading=heading.label) for heading in proclass.headings()]



# ---- Suppliers: the review queue of proposed matches, confirmed or rejected (the suppliers area) ----------------
from productivity.procurement.supplier_api import router as supplier_matches_router  # noqa: E402

router.add_router("", supplier_matches_router)
