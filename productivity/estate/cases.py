"""Business cases: their baseline estate, the Green Book figures of their scenarios, and every write.

``appraise_case`` is the one function that turns a case's records into the figures that its pages, downloads
and document show (through ``greenbook.appraise``, all scenarios at once).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from productivity.estate import greenbook
from productivity.estate.case_models import ActionKind, BusinessCase, CaseStatus, ProjectType, Scenario
from productivity.estate.colocation import RUNNING_COST_FIELDS


def running_cost(asset) -> Decimal:
    """An asset's running costs per year: rent + rates + facilities + energy (blanks count as nothing)."""
    return sum((getattr(asset, name) or Decimal(0) for name in RUNNING_COST_FIELDS), Decimal(0))


def baseline(case: BusinessCase) -> greenbook.Baseline:
    """The case's baseline estate: the floor area, running costs and carbon of its assets."""
    assets = list(case.assets.all())
    return greenbook.Baseline(
        floor_area=sum((a.gross_internal_area or Decimal(0) for a in assets), Decimal(0)),
        running_cost=sum((running_cost(a) for a in assets), Decimal(0)),
        carbon=sum((a.carbon_tco2e or Decimal(0) for a in assets), Decimal(0)))


def settings_of(case: BusinessCase) -> greenbook.Settings:
    return greenbook.Settings(start_year=case.start_year, discount_rate=case.discount_rate)


def carbon_note(case: BusinessCase) -> str:
    """The label of the case's carbon values: their source, price base and how far each year is published."""
    return greenbook.carbon_note(case.start_year)


@dataclass(frozen=True)
class Appraised:
    scenario: Scenario
    figures: greenbook.ScenarioResult


def appraise_case(case: BusinessCase) -> list[Appraised]:
    """Every scenario of the case with its Green Book figures, in the scenarios' order."""
    scenarios = list(case.scenarios.prefetch_related("actions"))
    if not scenarios:
        return []
    base = baseline(case)
    actions = [greenbook.Action(
        scenario=index, year=action.year, capital_cost=action.capital_cost, capital_receipt=action.capital_receipt,
        uplift=greenbook.uplift_percent(action.project_type) if action.capital_cost else Decimal(0),
        running_cost_change=action.running_cost_change, floor_area_change=action.floor_area_change,
        carbon_change=action.carbon_change)
        for index, scenario in enumerate(scenarios) for action in scenario.actions.all()]
    results = greenbook.appraise_all(actions, [base] * len(scenarios), settings_of(case))
    return [Appraised(scenario, figures) for scenario, figures in zip(scenarios, results, strict=True)]


def action_defaults(kind: str, asset, into=None) -> dict:
    """Figures to start an action from, read from its asset's record (people change them before saving)."""
    if asset is None:
        return {"project_type": ProjectType.STANDARD_BUILDINGS if kind == ActionKind.NEW_BUILD else ProjectType.NONE}
    leaving = {"running_cost_change": -running_cost(asset), "floor_area_change": -(asset.gross_internal_area or 0),
               "carbon_change": -(asset.carbon_tco2e or 0)}
    if kind in (ActionKind.VACATE, ActionKind.LEASE_OUT, ActionKind.CO_LOCATE):
        return {**leaving, "project_type": ProjectType.NONE}
    if kind == ActionKind.DISPOSE:
        return {**leaving, "capital_receipt": asset.market_value or Decimal(0), "project_type": ProjectType.NONE}
    if kind == ActionKind.REFURBISH:
        return {"capital_cost": asset.backlog_maintenance or Decimal(0),
                "project_type": ProjectType.STANDARD_BUILDINGS}
    return {"project_type": ProjectType.STANDARD_BUILDINGS}


# Writes ----------------------------------------------------------------------------------------------------------
@transaction.atomic
def start_case(*, organisation, user, title: str, kind: str, assets, start_year: int | None = None
               ) -> BusinessCase:
    """A draft case led by ``organisation`` with ``assets`` as its baseline, and a first scenario to fill in."""
    case = BusinessCase.objects.create(organisation=organisation, created_by=user, title=title, kind=kind,
                                       **({"start_year": start_year} if start_year else {}))
    case.assets.set(assets)
    Scenario.objects.create(case=case, name="Do nothing",
                            description="The baseline: the estate as it is, for comparison.")
    return case


def require_draft(case: BusinessCase) -> None:
    if not case.is_draft:
        raise ValidationError(f"This case is {case.get_status_display().lower()}: only a draft can be changed.")


@transaction.atomic
def submit(case: BusinessCase) -> None:
    """Draft → submitted: from now on it is withdrawn, never deleted."""
    require_draft(case)
    if not case.scenarios.filter(actions__isnull=False).exists():
        raise ValidationError("Add at least one action to a scenario before submitting the case.")
    case.status = CaseStatus.SUBMITTED
    case.save(update_fields=["status", "updated_at"])


@transaction.atomic
def publish(case: BusinessCase) -> None:
    """Submitted → published: anyone can then read it."""
    if case.status != CaseStatus.SUBMITTED:
        raise ValidationError("Only a submitted case can be published.")
    case.status = CaseStatus.PUBLISHED
    case.published_at = timezone.now()
    case.save(update_fields=["status", "published_at", "updated_at"])


@transaction.atomic
def withdraw(case: BusinessCase, reason: str) -> None:
    """A submitted or published case is withdrawn with its reason, and kept with its scenarios."""
    if case.status not in (CaseStatus.SUBMITTED, CaseStatus.PUBLISHED):
        raise ValidationError("Only a submitted or published case is withdrawn: a draft may simply be deleted.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the case is being withdrawn"})
    case.status = CaseStatus.WITHDRAWN
    case.withdrawn_reason = reason.strip()
    case.withdrawn_at = timezone.now()
    case.save(update_fields=["status", "withdrawn_reason", "withdrawn_at", "updated_at"])


@transaction.atomic
def delete_draft(case: BusinessCase) -> None:
    require_draft(case)
    case.delete()
