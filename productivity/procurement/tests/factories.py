"""Councils that publish spend, suppliers and their classes, and spend lines, for the procurement tests."""

import datetime as dt
from decimal import Decimal

from productivity.organisations.tests.factories import make_council
from productivity.procurement import names, summaries
from productivity.procurement.models import Definition, Size, Source, SpendLine, Supplier, SupplierClassification


def make_devon():
    return make_council("Devon", gss_code="E10000008", authority_type="CTY", region="South West")


def make_trafford():
    return make_council("Trafford", gss_code="E08000009", authority_type="MD", region="North West")


def make_supplier(name: str, *, size: str | None = None, region: str = "", definition: str = Definition.SEEDS,
                  **fields) -> Supplier:
    supplier = Supplier.objects.create(name=name, normalised_name=names.normalised(name), region=region, **fields)
    if size:
        SupplierClassification.objects.create(supplier=supplier, size=size, definition=definition,
                                              source=Source.MANUAL)
    return supplier


def make_line(publisher, supplier: Supplier, amount: str, day: dt.date = dt.date(2026, 3, 2), **fields) -> SpendLine:
    """A spend line, added to the summaries as an import would add it."""
    number = SpendLine.objects.count() + 1
    line = SpendLine.objects.create(publisher=publisher, supplier=supplier, supplier_name=supplier.name,
                                    amount=Decimal(amount), payment_date=day, line_key=f"test-{number}", **fields)
    summaries.rebuild([publisher.pk], [day])
    return line


__all__ = ["Size", "make_devon", "make_line", "make_supplier", "make_trafford"]
