"""A council's forward pipeline from CSV or XLSX: one row per planned procurement, all or nothing.

A plan is matched by its reference within the council's pipeline: a re-imported file changes nothing, a
changed row changes its plan. Plans missing from the file are kept (a pipeline's records are withdrawn, with a
reason, never dropped). The spend profile is one cell, as the pipeline's CSV download writes it:
"2026/27: 1,000,000; 2027/28: 500,000".
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from productivity.core.dates import ACCEPTED as DATE_ACCEPTS
from productivity.core.dates import parse_date
from productivity.core.fiscal import ACCEPTED as YEAR_ACCEPTS
from productivity.core.fiscal import financial_year_label, parse_financial_year
from productivity.imports import cells
from productivity.imports.all_or_nothing import AllOrNothingImporter
from productivity.imports.base import Outcome, SourceRow
from productivity.imports.headers import Field
from productivity.procurement import pipeline_services
from productivity.procurement.models import Confidence, PlannedProcurement, PlanStatus

CONFIDENCES = cells.choice_map(Confidence)
STATUSES = cells.choice_map(PlanStatus, {"inprogress": "in_procurement", "tendering": "in_procurement"})
PROFILE_ACCEPTS = f"financial years and amounts, such as '2026/27: 1,000,000; 2027/28: 500,000' ({YEAR_ACCEPTS})"
PLAN_FIELDS = ("title", "description", "category", "proclass_code", "value_low", "value_high",
               "market_engagement_on", "tender_on", "award_on", "contract_start_on", "duration_months",
               "confidence", "suitable_for_sme", "suitable_for_vcse", "status", "withdrawal_reason")
# Model field -> column, so that a refusal names the column it came from.
COLUMNS = {"value_low": "value", "value_high": "value_high", "withdrawal_reason": "withdrawal_reason",
           "market_engagement_on": "market_engagement_on", "tender_on": "tender_on", "award_on": "award_on",
           "contract_start_on": "contract_start_on", "reference": "reference"}


def spend_profile(value: object) -> dict[int, Decimal]:
    """'2026/27: 1,000,000; 2027/28: 500,000' as {2026: 1000000.00, 2027: 500000.00}; ValueError otherwise."""
    raw = cells.text(value)
    profile: dict[int, Decimal] = {}
    for part in filter(None, (piece.strip() for piece in re.split(r"[;\n]", raw))):
        year_text, colon, amount_text = part.partition(":")
        if not colon:
            raise ValueError(f"'{part}' is not a year and an amount: write {PROFILE_ACCEPTS}")
        year = parse_financial_year(year_text.strip())
        if year in profile:
            raise ValueError(f"{financial_year_label(year)} is given twice: give each financial year once")
        amount = cells.money(amount_text.strip())
        if amount is None:
            raise ValueError(f"{financial_year_label(year)} has no amount: write {PROFILE_ACCEPTS}")
        profile[year] = amount
    return profile


def profile_text(profile: dict[int, Decimal]) -> str:
    return "; ".join(f"{financial_year_label(year)}: {amount:,.2f}" for year, amount in sorted(profile.items()))


def _months(value: object) -> int | None:
    raw = cells.text(value)
    if not raw:
        return None
    if not raw.isdigit() or not 0 < int(raw) <= 600:
        raise ValueError(f"'{raw}' is not a number of months: use a whole number from 1 to 600")
    return int(raw)


@dataclass
class PlanRow:
    row: int
    reference: str
    values: dict[str, Any]
    profile: dict[int, Decimal]


class PipelineImporter(AllOrNothingImporter):
    kind = "pipeline"
    title = "Procurement pipeline"
    noun = "planned procurement"
    needs_publisher = True
    fields = (
        Field("reference", "Reference", "the council's reference for the plan, unique in its pipeline",
              required=True, aliases=("ref", "pipeline reference", "id")),
        Field("title", "Title", "a short title", required=True, aliases=("name", "contract title")),
        Field("description", "Description", "what is to be bought"),
        Field("category", "Category", "the ProClass heading, such as Construction", aliases=("proclass category",)),
        Field("proclass_code", "ProClass code", "a ProClass code such as 191400", aliases=("proclass",)),
        Field("value", "Estimated value", f"{cells.MONEY_ACCEPTS}; the bottom of the range for a range",
              required=True, aliases=("value", "estimated value low", "value low")),
        Field("value_high", "Estimated value, top of range", f"{cells.MONEY_ACCEPTS}; blank for one figure",
              aliases=("value high", "estimated value high", "maximum value")),
        Field("spend_profile", "Spend profile", PROFILE_ACCEPTS, aliases=("spend by financial year",)),
        Field("market_engagement_on", "Market engagement date", DATE_ACCEPTS, aliases=("market engagement",)),
        Field("tender_on", "Tender date", DATE_ACCEPTS, aliases=("tender", "planned tender date")),
        Field("award_on", "Award date", DATE_ACCEPTS, aliases=("award", "planned award date")),
        Field("contract_start_on", "Contract start date", DATE_ACCEPTS, aliases=("contract start", "start date")),
        Field("duration_months", "Contract duration (months)", "a whole number of months",
              aliases=("duration", "duration months")),
        Field("confidence", "Confidence", "High, Medium or Low", required=True, aliases=("confidence rating",)),
        Field("suitable_for_sme", "Suitable for SMEs", "Yes or No", aliases=("sme suitable", "suitable for sme")),
        Field("suitable_for_vcse", "Suitable for VCSEs", "Yes or No", aliases=("vcse suitable",)),
        Field("status", "Status", "Planned, In procurement, Awarded or Withdrawn (blank: Planned)"),
        Field("withdrawal_reason", "Withdrawal reason", "why it was withdrawn (needed for Withdrawn)",
              aliases=("reason withdrawn",)),
    )
    examples = (("DCC-2026-001", "Highways maintenance", "Planned and reactive repairs", "Construction", "",
                 "2,000,000", "3,500,000", "2026/27: 1,000,000; 2027/28: 1,500,000", "01/05/2026", "01/07/2026",
                 "01/10/2026", "01/01/2027", "48", "High", "Yes", "No", "Planned", ""),)

    def parse_row(self, row: SourceRow) -> PlanRow | None:
        reference = row.text("reference", max_length=60)
        title = row.text("title", max_length=250)
        if not reference:
            row.problem("reference", "Give the plan's reference")
        if not title:
            row.problem("title", "Give the plan's title")
        low = row.parse("value", cells.money)
        high = row.parse("value_high", cells.money) if row.given("value_high") else low
        if low is None and not row.given("value"):
            row.problem("value", f"Give the estimated value: {cells.MONEY_ACCEPTS}")
        confidence = row.parse("confidence", cells.choice, CONFIDENCES, "High, Medium or Low")
        if confidence is None and not row.given("confidence"):
            row.problem("confidence", "Give the confidence rating: High, Medium or Low")
        values = {
            "title": title, "description": row.text("description", max_length=5000),
            "category": row.text("category", max_length=120), "proclass_code": row.text("proclass_code", max_length=20),
            "value_low": low, "value_high": high, "confidence": confidence,
            "market_engagement_on": row.parse("market_engagement_on", parse_date),
            "tender_on": row.parse("tender_on", parse_date), "award_on": row.parse("award_on", parse_date),
            "contract_start_on": row.parse("contract_start_on", parse_date),
            "duration_months": row.parse("duration_months", _months),
            "suitable_for_sme": bool(row.parse("suitable_for_sme", cells.boolean)),
            "suitable_for_vcse": bool(row.parse("suitable_for_vcse", cells.boolean)),
            "status": row.parse("status", cells.choice, STATUSES, "Planned, In procurement, Awarded or Withdrawn")
            or PlanStatus.PLANNED,
            "withdrawal_reason": row.text("withdrawal_reason", max_length=2000),
        }
        profile = row.parse("spend_profile", spend_profile) or {}
        if not row.ok:
            return None
        return PlanRow(row.number, reference, values, profile)

    def check(self, records: list[PlanRow]) -> None:
        first: dict[str, int] = {}
        for record in records:
            seen = first.setdefault(record.reference.casefold(), record.row)
            if seen != record.row:
                self.problem(record.row, "reference", f"The reference {record.reference} is also on row {seen}: "
                                                      "give each plan once")
            if record.values["value_high"] < record.values["value_low"]:
                self.problem(record.row, "value_high", "The top of the range is below its bottom: give the "
                                                       "smaller figure as the estimated value")

    def save(self, records: list[PlanRow], outcome: Outcome) -> None:
        pipeline = pipeline_services.pipeline_of(self.publisher)
        existing = {plan.reference.casefold(): plan for plan in
                    PlannedProcurement.objects.filter(pipeline=pipeline).prefetch_related("spend")}
        for label in ("Plans added", "Plans changed"):
            outcome.count(label, 0)
        for record in records:
            plan = existing.get(record.reference.casefold())
            if plan is None:
                plan = PlannedProcurement(pipeline=pipeline, reference=record.reference)
                verb = "added"
            elif _same(plan, record):
                outcome.unchanged_rows += 1
                continue
            else:
                verb = "changed"
            for name in PLAN_FIELDS:
                setattr(plan, name, record.values[name])
            profile = {**dict.fromkeys(_profile_of(plan) if plan.pk else {}), **record.profile}
            try:
                pipeline_services.save_plan(plan, profile)
            except ValidationError as error:
                raise self.refused(record.row, error, COLUMNS) from error
            outcome.count(f"Plans {verb}")
            outcome.touched(record.reference)


def _profile_of(plan: PlannedProcurement) -> dict[int, Decimal]:
    return {line.financial_year: line.amount for line in plan.spend.all()}


def _same(plan: PlannedProcurement, record: PlanRow) -> bool:
    return (all(getattr(plan, name) == record.values[name] for name in PLAN_FIELDS)
            and _profile_of(plan) == record.profile)
