"""Every write to a pipeline: plans with their spend profiles, withdrawals with a reason, reviews, publishing."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from productivity.procurement.models import Pipeline, PlannedProcurement, PlannedSpend, PlanStatus


def pipeline_of(organisation) -> Pipeline:
    """The council's pipeline, made (unpublished, never reviewed) the first time it is asked for."""
    pipeline, _ = Pipeline.objects.get_or_create(organisation=organisation)
    return pipeline


def check_plan(plan: PlannedProcurement) -> None:
    """The rules a plan keeps, whichever way it arrives (form, import): ValidationError naming the field."""
    errors = {}
    if plan.value_low is not None and plan.value_high is not None and plan.value_high < plan.value_low:
        errors["value_high"] = "The top of the range must be at least its bottom"
    ordered = [("market_engagement_on", "market engagement"), ("tender_on", "tender"), ("award_on", "award"),
               ("contract_start_on", "contract start")]
    previous = None
    for name, label in ordered:
        day = getattr(plan, name)
        if day is None:
            continue
        if previous is not None and day < previous[1]:
            errors[name] = f"The {label} date must not be before the {previous[0]} date"
        previous = (label, day)
    if plan.status == PlanStatus.WITHDRAWN and not plan.withdrawal_reason.strip():
        errors["withdrawal_reason"] = "Give the reason it was withdrawn"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_plan(plan: PlannedProcurement, profile: dict[int, Decimal | None] | None = None) -> PlannedProcurement:
    """Save a plan and the financial years of its spend profile given (None or blank: that year removed)."""
    check_plan(plan)
    plan.updated_at = timezone.now()
    plan.save()
    for year, amount in (profile or {}).items():
        if amount is None:
            PlannedSpend.objects.filter(procurement=plan, financial_year=year).delete()
        else:
            PlannedSpend.objects.update_or_create(procurement=plan, financial_year=year, defaults={"amount": amount})
    return plan


@transaction.atomic
def withdraw(plan: PlannedProcurement, reason: str, day: dt.date | None = None) -> PlannedProcurement:
    """Withdraw a plan: it stays in the pipeline's record, with its reason, and leaves the figures."""
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason it is withdrawn"})
    plan.status = PlanStatus.WITHDRAWN
    plan.withdrawal_reason = reason.strip()
    plan.withdrawn_on = day or timezone.localdate()
    plan.updated_at = timezone.now()
    plan.save()
    return plan


def mark_reviewed(pipeline: Pipeline, day: dt.date | None = None) -> Pipeline:
    day = day or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"last_reviewed_on": "The review date must be today or in the past"})
    pipeline.last_reviewed_on = day
    pipeline.save(update_fields=["last_reviewed_on"])
    return pipeline
