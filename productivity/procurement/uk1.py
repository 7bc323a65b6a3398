"""The Procurement Act 2023 pipeline notice (UK1), built from the same pipeline records.

A contracting authority that expects to pay more than £100 million under relevant contracts in a financial year
publishes, within the 56 days beginning with that year's first day (1 April to 26 May), a notice of every
public contract with an estimated value over £2 million for which it expects to publish a tender or
transparency notice in the 18 months beginning with that day (1 April of the year to 30 September of the next).

Here a plan is in the notice when it is live and not yet awarded, its estimated value (the top of its range)
is over £2 million and its planned tender date falls in those 18 months. A plan with no tender date cannot be
placed and is listed as needing one. Whether the authority must publish comes from the expected spend it
records for the year; without one, from its plans' spend profiles for the year (a lower bound: when those
alone pass £100 million it must publish, otherwise the page says the expected spend is needed).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from productivity.core.fiscal import financial_year_label
from productivity.procurement import pipelines
from productivity.procurement.models import PlanStatus

SPEND_THRESHOLD = Decimal("100000000")
CONTRACT_THRESHOLD = Decimal("2000000")
PUBLISH_WITHIN_DAYS = 56
PERIOD_MONTHS = 18

IN = "included"
OUT = "excluded"
UNPLACED = "needs a date"


@dataclass(frozen=True)
class Verdict:
    plan: object
    outcome: str  # IN, OUT or UNPLACED
    reason: str


@dataclass
class NoticeCheck:
    """Whether the authority must publish for the year, by when, for which period, and each plan's verdict."""

    year: int
    period_start: dt.date
    period_end: dt.date
    publish_by: dt.date
    required: bool | None  # None: cannot tell without the authority's expected spend
    basis: str
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def label(self) -> str:
        return financial_year_label(self.year)

    def with_outcome(self, outcome: str) -> list[Verdict]:
        return [verdict for verdict in self.verdicts if verdict.outcome == outcome]

    @property
    def included(self) -> list:
        return [verdict.plan for verdict in self.with_outcome(IN)]


def period(year: int) -> tuple[dt.date, dt.date, dt.date]:
    """The notice's period (its first and last days) and the last day to publish it, for financial year ``year``."""
    start = dt.date(year, 4, 1)
    end = pipelines.months_after(start, PERIOD_MONTHS) - dt.timedelta(days=1)
    return start, end, start + dt.timedelta(days=PUBLISH_WITHIN_DAYS - 1)


def verdict(plan, start: dt.date, end: dt.date) -> Verdict:
    """Whether one plan must be in the notice for the period ``start`` to ``end``, and why."""
    if plan.status == PlanStatus.WITHDRAWN:
        return Verdict(plan, OUT, f"Withdrawn: {plan.withdrawal_reason}")
    if plan.status == PlanStatus.AWARDED:
        return Verdict(plan, OUT, "Already awarded: no tender notice is to come")
    if plan.value_high <= CONTRACT_THRESHOLD:
        return Verdict(plan, OUT, "Estimated value £2 million or less")
    if plan.tender_on is None:
        return Verdict(plan, UNPLACED, "Over £2 million but no planned tender date: add one to place it")
    if not start <= plan.tender_on <= end:
        return Verdict(plan, OUT, f"Tender planned outside the period ({plan.tender_on:%-d %B %Y})")
    if plan.value_low <= CONTRACT_THRESHOLD:
        return Verdict(plan, IN, "Its range reaches over £2 million (the top of the range decides)")
    return Verdict(plan, IN, "Over £2 million, tender planned in the period")


def _requirement(pipeline, plans, year: int) -> tuple[bool | None, str]:
    label = financial_year_label(year)
    if pipeline.expected_spend is not None and pipeline.expected_spend_year == year:
        must = pipeline.expected_spend > SPEND_THRESHOLD
        word = "more" if must else "no more"
        return must, (f"It expects to pay £{pipeline.expected_spend:,.0f} under contracts in {label}: {word} than "
                      "£100 million")
    profiled = sum((line.amount for plan in plans if plan.status != PlanStatus.WITHDRAWN
                    for line in plan.spend.all() if line.financial_year == year), Decimal("0"))
    if profiled > SPEND_THRESHOLD:
        return True, (f"Its plans alone are profiled to spend £{profiled:,.0f} in {label}: more than £100 million")
    return None, (f"No expected spend is recorded for {label}, and its plans' profiles come to £{profiled:,.0f}: "
                  "record what it expects to pay under contracts in the year to decide")


def check(pipeline, plans, year: int) -> NoticeCheck:
    """The UK1 check for ``pipeline`` in financial year ``year``: ``plans`` with their spend prefetched."""
    plans = list(plans)
    start, end, publish_by = period(year)
    required, basis = _requirement(pipeline, plans, year)
    return NoticeCheck(year, start, end, publish_by, required, basis, [verdict(plan, start, end) for plan in plans])
