"""The procurement tables: one definition drives each page, its CSV and its XLSX."""

from django.urls import reverse
from markupsafe import Markup

from productivity.core.tables import Column, Filter
from productivity.organisations.models import Organisation
from productivity.procurement.models import Size, SpendLine

IDENTIFIERS = (("companies_house_number", "Company"), ("vat_number", "VAT"), ("charity_number", "Charity"))


def identifiers(supplier) -> list[str]:
    """A supplier's registration numbers as the register shows them ('Company 01234567', each on one line)."""
    return [f"{label}\u00a0{getattr(supplier, name)}" for name, label in IDENTIFIERS if getattr(supplier, name)]


SUPPLIER_COLUMNS = [
    Column("name", "Supplier", lambda s: s.name, order_by="normalised_name", sort_key=lambda s: s.normalised_name,
           link=lambda s: reverse("procurement:supplier", args=[s.pk])),
    # On the page the identifiers share one column, so the register fits without scrolling; downloads keep three.
    Column("identifiers", "Identifiers", lambda s: identifiers(s), in_download=False,
           html=lambda s: Markup("<br>").join(identifiers(s))),
    Column("companies_house_number", "Companies House number", lambda s: s.companies_house_number, on_page=False),
    Column("vat_number", "VAT number", lambda s: s.vat_number, on_page=False),
    Column("charity_number", "Charity number", lambda s: s.charity_number, on_page=False),
    Column("region", "Region", lambda s: s.region),
    Column("class", "Class", lambda s: Size(s.latest_size).label if getattr(s, "latest_size", None) else "Not classed"),
    Column("councils", "Councils paying it", lambda s: s.councils, kind="number", order_by="councils"),
    Column("total", "Net spend", lambda s: s.total, kind="money", order_by="total"),
]

LINE_COLUMNS = [
    Column("payment_date", "Payment date", lambda line: line.payment_date, kind="date", order_by="payment_date"),
    Column("publisher", "Council", lambda line: line.publisher.name),
    Column("supplier_name", "Supplier (as published)", lambda line: line.supplier_name, order_by="supplier_name"),
    Column("amount", "Amount", lambda line: line.amount, kind="money", order_by="amount"),
    Column("transaction_reference", "Transaction number", lambda line: line.transaction_reference),
    Column("service_area", "Expense area", lambda line: line.service_area, order_by="service_area"),
    Column("expense_type", "Expense type", lambda line: line.expense_type),
    Column("proclass_code", "ProClass code", lambda line: line.proclass_code),
    Column("invoice_date", "Invoice date", lambda line: line.invoice_date, kind="date", on_page=False),
    Column("supplier", "Supplier in the register", lambda line: line.supplier.name, on_page=False),
]


def line_filters() -> list[Filter]:
    publishers = Organisation.objects.filter(pk__in=SpendLine.objects.values("publisher")).order_by("name")
    return [
        Filter("publisher", "Council", [(o.slug, o.name) for o in publishers],
               lambda rows, value: rows.filter(publisher__slug=value)),
        Filter("direction", "Payments or credits", [("payments", "Payments"), ("credits", "Credits and refunds")],
               lambda rows, value: rows.filter(amount__gte=0) if value == "payments" else rows.filter(amount__lt=0)),
    ]


# ---- Suppliers: the register's filters (the suppliers area) -----------------------------------------------------
def supplier_filters(definition: str) -> list[Filter]:
    from productivity.procurement import suppliers

    return [
        Filter("classification", "Classified as", suppliers.CLASS_CHOICES,
               lambda rows, value: suppliers.classification_filter(rows, value, definition)),
        Filter("merged", "Merged suppliers", [("hide", "Leave out merged suppliers"), ("only", "Only merged")],
               lambda rows, value: rows.filter(merge__isnull=value == "hide")),
    ]
