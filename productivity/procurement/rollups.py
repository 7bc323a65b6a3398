"""Every figure of council spend people see: pages, API and downloads call these, and nothing else adds spend up.

Spend is net: credits and refunds are negative lines and reduce it. A share is a part of the net spend of
the same lines; a supplier's class is its latest under the definition asked for (or under any definition,
for classes that are not a matter of size: public bodies, individuals and redacted names).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Subquery, Sum
from django.db.models.functions import TruncMonth

from productivity.core.fiscal import financial_year_label, financial_year_of
from productivity.procurement.models import Definition, Size, SupplierClassification

ASPIRATION = Decimal("0.25")  # the government's aspiration for the share of spend with SMEs
PERIODS = ("financial_year", "month")
TOP_SUPPLIERS = 10
ZERO = Decimal("0.00")


def definition_of(value: str | None) -> str:
    """The SME definition asked for (``?definition=``), the seed papers' when none or an unknown one is given."""
    return value if value in (Definition.SEEDS, Definition.PROCUREMENT_ACT) else Definition.SEEDS


@dataclass
class Shares:
    """Net spend of some lines and the parts of it with SMEs, VCSEs, local and unclassified suppliers."""

    definition: str
    total: Decimal = ZERO
    lines: int = 0
    by_size: dict[str, Decimal] = field(default_factory=dict)
    local: Decimal = ZERO

    @property
    def definition_label(self) -> str:
        return Definition(self.definition).label

    def _of(self, part: Decimal) -> Decimal | None:
        return None if not self.total else part / self.total

    @property
    def sme(self) -> Decimal:
        return self.by_size.get(Size.SME, ZERO)

    @property
    def vcse(self) -> Decimal:
        return self.by_size.get(Size.VCSE, ZERO)

    @property
    def unclassified(self) -> Decimal:
        return self.by_size.get("", ZERO)

    @property
    def sme_share(self) -> Decimal | None:
        return self._of(self.sme)

    @property
    def vcse_share(self) -> Decimal | None:
        return self._of(self.vcse)

    @property
    def local_share(self) -> Decimal | None:
        return self._of(self.local)

    @property
    def unclassified_share(self) -> Decimal | None:
        return self._of(self.unclassified)

    @property
    def meets_aspiration(self) -> bool | None:
        share = self.sme_share
        return None if share is None else share >= ASPIRATION


def _with_size(lines, definition: str):
    latest = (SupplierClassification.objects
              .filter(supplier=OuterRef("supplier"), definition__in=[definition, Definition.ANY])
              .exclude(size="").order_by("-recorded_on", "-pk").values("size")[:1])
    return lines.annotate(size=Subquery(latest))


def _period_of(month: dt.date, period: str | None):
    if period == "financial_year":
        return financial_year_of(month)
    return month if period == "month" else None


def shares_by(lines, group: str | None = None, definition: str = Definition.SEEDS) -> dict:
    """{group value: Shares} for ``group`` "publisher", "financial_year", "month" or None (all the lines: key None)."""
    definition = definition_of(definition)
    grouping = ["publisher"] if group == "publisher" else ["month"] if group in PERIODS else []
    sized = _with_size(lines.annotate(month=TruncMonth("payment_date")), definition)
    found: dict = defaultdict(lambda: Shares(definition))
    for row in sized.order_by().values(*grouping, "size").annotate(total=Sum("amount"), count=Count("pk")):
        key = row["publisher"] if group == "publisher" else _period_of(row.get("month"), group)
        shares = found[key]
        shares.total += row["total"]
        shares.lines += row["count"]
        size = row["size"] or ""
        shares.by_size[size] = shares.by_size.get(size, ZERO) + row["total"]
    local = (lines.annotate(month=TruncMonth("payment_date")).exclude(supplier__region="")
             .filter(supplier__region=F("publisher__region")))
    for row in local.order_by().values(*grouping).annotate(total=Sum("amount")):
        key = row["publisher"] if group == "publisher" else _period_of(row.get("month"), group)
        found[key].local += row["total"]
    return dict(sorted(found.items(), key=lambda item: (item[0] is None, item[0] or 0)))


def shares(lines, definition: str = Definition.SEEDS) -> Shares:
    """The shares of all of ``lines``."""
    return shares_by(lines, None, definition).get(None, Shares(definition_of(definition)))


def spend_by(lines, group: str) -> list[tuple]:
    """[(group value, net spend, lines)] for "service_area" or "supplier" (largest first), or a period (in order)."""
    if group in PERIODS:
        totals: dict = defaultdict(lambda: [ZERO, 0])
        rows = lines.annotate(month=TruncMonth("payment_date")).order_by().values("month")
        for row in rows.annotate(total=Sum("amount"), count=Count("pk")):
            entry = totals[_period_of(row["month"], group)]
            entry[0] += row["total"]
            entry[1] += row["count"]
        return [(key, total, count) for key, (total, count) in sorted(totals.items())]
    names = {"service_area": ["service_area"], "supplier": ["supplier", "supplier__name"]}[group]
    rows = lines.order_by().values(*names).annotate(total=Sum("amount"), count=Count("pk")).order_by("-total", *names)
    if group == "supplier":
        return [((row["supplier"], row["supplier__name"]), row["total"], row["count"]) for row in rows]
    return [(row["service_area"], row["total"], row["count"]) for row in rows]


@dataclass(frozen=True)
class Concentration:
    suppliers: list[tuple]  # [((supplier id, name), net spend, lines)], the largest first
    total: Decimal

    @property
    def spend(self) -> Decimal:
        return sum((row[1] for row in self.suppliers), ZERO)

    @property
    def share(self) -> Decimal | None:
        return None if not self.total else self.spend / self.total


def top_suppliers(lines, count: int = TOP_SUPPLIERS) -> Concentration:
    """The ``count`` suppliers paid most, and their share of the net spend of ``lines``."""
    total = lines.aggregate(total=Sum("amount"))["total"] or ZERO
    return Concentration(spend_by(lines, "supplier")[:count], total)


def period_label(key, period: str) -> str:
    if period == "financial_year":
        return financial_year_label(key)
    return key.strftime("%B %Y") if key else ""
