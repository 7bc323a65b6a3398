"""The procurement pages: councils' spend and shares, one council's summary, the supplier register, spend lines."""

from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, render

from productivity.core.exports import download_format, table_download, table_or_download
from productivity.organisations.models import Organisation
from productivity.procurement import rollups, tables
from productivity.procurement.models import Definition, SpendLine, Supplier

HOME = {"text": "Home", "href": "/"}
PROCUREMENT = {"text": "Procurement", "href": "/procurement/"}


def _definition(request) -> str:
    return rollups.definition_of(request.GET.get("definition"))


def councils(request):
    """Each council that has published spend: its net spend and its SME, VCSE and local shares."""
    definition = _definition(request)
    lines = SpendLine.objects.visible_to(request.user)
    by_council = rollups.shares_by(lines, "publisher", definition)
    organisations = Organisation.objects.in_bulk(list(by_council))
    rows = [(organisations[pk], figures) for pk, figures in by_council.items()]
    table, download = table_or_download(request, rows, tables.COUNCIL_COLUMNS, "council-spend", per_page=None)
    if download:
        return download
    return render(request, "procurement/councils.html", {
        "title": "Council spend", "table": table, "definition": definition, "definitions": _choices(),
        "aspiration": rollups.ASPIRATION, "overall": rollups.shares(lines, definition),
        "breadcrumbs": [HOME, {"text": "Procurement"}],
    })


def council(request, slug):
    """One council's spend: shares against the aspiration, a table per period, top suppliers, service areas."""
    organisation = get_object_or_404(Organisation, slug=slug)
    definition = _definition(request)
    lines = SpendLine.objects.visible_to(request.user).for_council(organisation)
    periods = {period: list(rollups.shares_by(lines, period, definition).items()) for period in rollups.PERIODS}
    wanted = request.GET.get("table")
    if download_format(request) and wanted in periods:
        return table_download(request, periods[wanted], tables.period_columns(wanted),
                              f"{organisation.name} spend by {wanted.replace('_', ' ')}")
    return render(request, "procurement/council.html", {
        "title": f"{organisation.name}: spend", "organisation": organisation, "definition": definition,
        "definitions": _choices(), "aspiration": rollups.ASPIRATION,
        "shares": rollups.shares(lines, definition), "periods": periods,
        "period_tables": {period: tables.period_columns(period) for period in rollups.PERIODS},
        "top": rollups.top_suppliers(lines), "services": rollups.spend_by(lines, "service_area")[:15],
        "breadcrumbs": [HOME, PROCUREMENT, {"text": organisation.name}],
    })


def suppliers(request):
    """The supplier register across councils, with what each was paid."""
    from productivity.procurement.suppliers import latest_size

    rows = Supplier.objects.visible_to(request.user).annotate(
        total=Sum("spend_lines__amount"), councils=Count("spend_lines__publisher", distinct=True),
        latest_size=latest_size(_definition(request), "pk"))
    table, download = table_or_download(request, rows, tables.SUPPLIER_COLUMNS, "suppliers", default_sort="name",
                                        search=lambda found, text: found.search(text),
                                        filters=tables.supplier_filters(_definition(request)))
    if download:
        return download
    return render(request, "procurement/suppliers.html", {
        "title": "Supplier register", "table": table, "definition": _definition(request), "definitions": _choices(),
        "breadcrumbs": [HOME, PROCUREMENT, {"text": "Suppliers"}],
    })


def spend(request):
    """Every spend line, filtered by council and direction, searched by supplier."""
    rows = SpendLine.objects.visible_to(request.user).select_related("publisher", "supplier")
    table, download = table_or_download(
        request, rows, tables.LINE_COLUMNS, "spend-lines", filters=tables.line_filters(),
        default_sort="payment_date",
        search=lambda found, text: found.filter(Q(supplier_name__icontains=text) | Q(transaction_reference=text)))
    if download:
        return download
    return render(request, "procurement/spend.html", {
        "title": "Spend lines", "table": table, "breadcrumbs": [HOME, PROCUREMENT, {"text": "Spend lines"}],
    })


def _choices() -> list[tuple[str, str]]:
    return [(Definition.SEEDS.value, Definition.SEEDS.label),
            (Definition.PROCUREMENT_ACT.value, Definition.PROCUREMENT_ACT.label)]
