"""Procurement's JSON API: each council's spend and shares, from the same roll-ups as the pages."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from productivity.accounts.api_auth import caller
from productivity.organisations.models import Organisation
from productivity.procurement import rollups
from productivity.procurement.models import SpendLine

router = Router(tags=["Procurement"])


class SharesOut(Schema):
    period: str | None = None
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


def _out(figures: rollups.Shares, period: str | None = None) -> SharesOut:
    return SharesOut(period=period, net_spend=str(figures.total), payments=figures.lines,
                     sme_share=_share(figures.sme_share), vcse_share=_share(figures.vcse_share),
                     local_share=_share(figures.local_share), unclassified_share=_share(figures.unclassified_share),
                     meets_aspiration=figures.meets_aspiration, sme_definition=figures.definition_label)


@router.get("/councils", response=list[CouncilOut], summary="List councils' spend and SME shares")
def councils(request, definition: str = "seeds"):
    """Each council with published spend: net spend and SME, VCSE and local shares (shares as fractions)."""
    by_council = rollups.shares_by(SpendLine.objects.visible_to(caller(request)), "publisher", definition)
    organisations = Organisation.objects.in_bulk(list(by_council))
    return [CouncilOut(council=organisations[pk].slug, name=organisations[pk].name, summary=_out(figures))
            for pk, figures in by_council.items()]


@router.get("/councils/{slug}", response=CouncilOut, summary="Fetch a council's spend and SME shares")
def council(request, slug: str, definition: str = "seeds"):
    """One council's spend and shares, overall and by financial year."""
    organisation = get_object_or_404(Organisation, slug=slug)
    lines = SpendLine.objects.visible_to(caller(request)).for_council(organisation)
    years = rollups.shares_by(lines, "financial_year", definition)
    return CouncilOut(council=organisation.slug, name=organisation.name,
                      summary=_out(rollups.shares(lines, definition)),
                      by_financial_year=[_out(figures, rollups.period_label(year, "financial_year"))
                                         for year, figures in years.items()])


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
