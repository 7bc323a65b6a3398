"""Paying suppliers on time (item 5a): days from invoice to payment, as the Procurement Act 2023's payments
compliance notice measures it: the share of invoices paid within 30 days, in 31 to 60 days and in 61 days or
more, in six-month reporting periods (1 April to 30 September, 1 October to 31 March).

Only spend lines that give an invoice date count, and only payments (a credit or refund pays no invoice). A
line paid before its invoice date is counted in no band and reported as such, so the bands and the lines
"out of order" add up to the lines with both dates. Pages, API and downloads call ``payment_times``.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DurationField, ExpressionWrapper, F, Sum
from django.db.models.functions import TruncMonth

from productivity.procurement import suppliers
from productivity.procurement.models import Definition, Size

BANDS = (("within_30", "Within 30 days", 0, 30), ("31_to_60", "31 to 60 days", 31, 60),
         ("61_plus", "61 days or more", 61, None))
GROUPS = ("publisher", "period", "size", "supplier")
SIZE_GROUPS = {Size.SME: "SME", Size.LARGE: "Large"}  # every other class (or none) is "Other or unclassified"
OTHER = "other"
ZERO = Decimal("0.00")


@dataclass
class PaymentTimes:
    """How long some invoices took to pay."""

    invoices: int = 0
    value: Decimal = ZERO
    days: int = 0  # summed over the invoices in the bands
    out_of_order: int = 0  # paid before the invoice date: in no band
    bands: dict[str, int] = field(default_factory=lambda: {key: 0 for key, *_ in BANDS})

    @property
    def banded(self) -> int:
        return sum(self.bands.values())

    @property
    def average_days(self) -> Decimal | None:
        return None if not self.banded else (Decimal(self.days) / self.banded).quantize(Decimal("0.1"))

    def share(self, band: str) -> Decimal | None:
        return None if not self.banded else Decimal(self.bands[band]) / self.banded

    @property
    def within_30(self) -> Decimal | None:
        return self.share("within_30")

    @property
    def from_31_to_60(self) -> Decimal | None:
        return self.share("31_to_60")

    @property
    def from_61(self) -> Decimal | None:
        return self.share("61_plus")

    def add(self, days: int, count: int, value: Decimal) -> None:
        self.invoices += count
        self.value += value
        if days < 0:
            self.out_of_order += count
            return
        self.days += days * count
        for key, _, low, high in BANDS:
            if days >= low and (high is None or days <= high):
                self.bands[key] += count
                return


def period_of(day: dt.date) -> dt.date:
    """The first day of the six-month reporting period ``day`` falls in (1 April or 1 October)."""
    if 4 <= day.month <= 9:
        return dt.date(day.year, 4, 1)
    return dt.date(day.year if day.month >= 10 else day.year - 1, 10, 1)


def period_label(start: dt.date | None) -> str:
    if start is None:
        return ""
    if start.month == 4:
        return f"April to September {start.year}"
    return f"October {start.year} to March {start.year + 1}"


def size_group(size: str | None) -> str:
    return size if size in SIZE_GROUPS else OTHER


def size_label(group: str) -> str:
    return SIZE_GROUPS.get(group, "Other or unclassified")


def timed(lines):
    """The lines that count: payments with an invoice date."""
    return lines.filter(invoice_date__isnull=False, amount__gt=0)


def payment_times(lines, by: tuple[str, ...] = (), definition: str = Definition.SEEDS) -> dict[tuple, PaymentTimes]:
    """{(value of each of ``by``): PaymentTimes}, ``by`` drawn from "publisher", "period", "size", "supplier"
    (supplier: (id, name)); ``()`` gives one entry, key ``()``. Sizes are SME, large or other, under ``definition``."""
    unknown = set(by) - set(GROUPS)
    if unknown:
        raise ValueError(f"Cannot group payment times by {sorted(unknown)}")
    rows = timed(lines).annotate(
        wait=ExpressionWrapper(F("payment_date") - F("invoice_date"), output_field=DurationField()))
    values = ["wait"]
    if "publisher" in by:
        values.append("publisher")
    if "supplier" in by:
        values += ["supplier", "supplier__name"]
    if "period" in by:
        rows = rows.annotate(month=TruncMonth("payment_date"))
        values.append("month")
    if "size" in by:
        rows = rows.annotate(size=suppliers.latest_size(definition))
        values.append("size")
    found: dict[tuple, PaymentTimes] = defaultdict(PaymentTimes)
    for row in rows.order_by().values(*values).annotate(count=Count("pk"), total=Sum("amount")):
        key = []
        for group in by:
            if group == "publisher":
                key.append(row["publisher"])
            elif group == "supplier":
                key.append((row["supplier"], row["supplier__name"]))
            elif group == "period":
                key.append(period_of(row["month"]))
            else:
                key.append(size_group(row["size"]))
        wait = row["wait"]
        days = wait.days if isinstance(wait, dt.timedelta) else int(wait or 0)
        found[tuple(key)].add(days, row["count"], row["total"])
    return dict(sorted(found.items(), key=lambda item: tuple(_order(part) for part in item[0])))


def _order(part):
    if isinstance(part, tuple):
        return (1, str(part[1]).casefold(), part[0])
    if isinstance(part, dt.date):
        return (0, part.toordinal(), 0)
    if isinstance(part, int):
        return (0, part, 0)
    return (2, [Size.SME, Size.LARGE, OTHER].index(part) if part in (Size.SME, Size.LARGE, OTHER) else 3, 0)
