"""Every figure about forward pipelines: the five-year view, review dates and staleness, record values.

Pages, the API, downloads and the exports call these, so they all say the same.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Sum
from django.utils import timezone

from productivity.core.fiscal import financial_year_bounds, financial_year_label, financial_year_of
from productivity.core.formatting import money
from productivity.procurement.models import Pipeline, PlannedSpend

YEARS_AHEAD = 5
REVIEW_MONTHS = 6
ZERO = Decimal("0.00")


def this_financial_year(today: dt.date | None = None) -> int:
    return financial_year_of(today or timezone.localdate())


def window(start_year: int | None = None) -> list[int]:
    """The five financial years the pipeline view shows, from ``start_year`` (this financial year by default)."""
    first = this_financial_year() if start_year is None else start_year
    return list(range(first, first + YEARS_AHEAD))


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (the month's last day if it has fewer days)."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month_index + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


@dataclass(frozen=True)
class Review:
    """When a pipeline was last reviewed, when the next review is due, and whether it is overdue (stale)."""

    last_reviewed_on: dt.date | None
    due_on: dt.date | None
    stale: bool

    @property
    def label(self) -> str:
        if self.last_reviewed_on is None:
            return "Never reviewed: review due now"
        due = f"{self.due_on:%-d %B %Y}"
        return f"Review overdue since {due}" if self.stale else f"Next review by {due}"


def review(pipeline: Pipeline, today: dt.date | None = None) -> Review:
    """Pipelines are refreshed every six months: stale once six months have passed since the last review."""
    today = today or timezone.localdate()
    last = pipeline.last_reviewed_on
    if last is None:
        return Review(None, None, True)
    due = months_after(last, REVIEW_MONTHS)
    return Review(last, due, today > due)


@dataclass
class YearView:
    """Planned spend per financial year over the window, for one council or several; withdrawn plans excluded."""

    years: list[int]
    by_year: dict[int, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return sum(self.by_year.values(), ZERO)

    def amounts(self) -> list[Decimal]:
        return [self.by_year.get(year, ZERO) for year in self.years]


def _spend_in(spend_queryset, years: list[int]):
    return (spend_queryset.filter(financial_year__in=years).exclude(procurement__status="withdrawn"))


def year_view(spend_queryset, years: list[int]) -> YearView:
    """The spend profiles of the live plans in ``spend_queryset`` summed per financial year of ``years``."""
    found = _spend_in(spend_queryset, years).values("financial_year").annotate(total=Sum("amount"))
    return YearView(years, {row["financial_year"]: row["total"] for row in found})


def year_views_by_council(spend_queryset, years: list[int]) -> dict[int, YearView]:
    """Each council's YearView (by organisation id), from one query."""
    found = (_spend_in(spend_queryset, years).values("procurement__pipeline__organisation", "financial_year")
             .annotate(total=Sum("amount")))
    views: dict[int, YearView] = defaultdict(lambda: YearView(years))
    for row in found:
        views[row["procurement__pipeline__organisation"]].by_year[row["financial_year"]] = row["total"]
    return dict(views)


def spend_profile(procurement) -> dict[int, Decimal]:
    """One plan's spend by financial year, as recorded."""
    return {line.financial_year: line.amount for line in procurement.spend.all()}


def profile_total(procurement) -> Decimal:
    return sum(spend_profile(procurement).values(), ZERO)


def value_text(procurement) -> str:
    if procurement.is_range:
        return f"{money(procurement.value_low)} to {money(procurement.value_high)}"
    return money(procurement.value_high)


def year_label(year: int) -> str:
    return financial_year_label(year)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return financial_year_bounds(year)


def plans_with_spend(queryset):
    """Plans with their council and spend profile fetched in two queries, whatever their number."""
    profile = Prefetch("spend", queryset=PlannedSpend.objects.order_by("financial_year"))
    return queryset.select_related("pipeline__organisation").prefetch_related(profile)
