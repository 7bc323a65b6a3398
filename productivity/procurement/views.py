"""The procurement pages: the supplier register and spend lines (the spend analysis is in analysis_views.py)."""

from django.db.models import Q
from django.shortcuts import render

from productivity.core.exports import table_or_download
from productivity.procurement import rollups, supplier_register, tables
from productivity.procurement.models import SpendLine, Supplier

HOME = {"text": "Home", "href": "/"}
PROCUREMENT = {"text": "Procurement", "href": "/procurement/"}


def _definition(request) -> str:
    return rollups.definition_of(request.GET.get("definition"))


def suppliers(request):
    """The supplier register across councils, with what each was paid (from the roll-up, as every figure is)."""
    definition = _definition(request)
    rows = supplier_register.with_spend(Supplier.objects.visible_to(request.user), definition)
    table, download = table_or_download(request, rows, tables.SUPPLIER_COLUMNS, "suppliers", default_sort="name",
                                        search=lambda found, text: found.search(text),
                                        filters=tables.supplier_filters(definition),
                                        fill=lambda shown: supplier_register.fill(shown, definition))
    if download:
        return download
    return render(request, "procurement/suppliers.html", {
        "title": "Supplier register", "table": table, "definition": _definition(request),
        "definitions": rollups.definition_choices(),
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
