"""Saving amounts by financial year: expected, forecast and realised. A realised amount needs the saving's
baseline and evidence; someone other than its author verifies it, and the programme team audits it."""

from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from productivity.accounts.api_auth import caller, fetch, fetch_for_change, require_programme_team, writer
from productivity.accounts.roles import is_programme_team
from productivity.core.access import require_write
from productivity.core.api.errors import CHANGE_ERRORS, ApiError
from productivity.core.api.patching import changes, patch_of
from productivity.core.fiscal import financial_year_label
from productivity.core.paging import BoundedPages
from productivity.programme import services
from productivity.programme.api.choices import AmountKindChoice
from productivity.programme.api.common import delete
from productivity.programme.api.history import AuditEntryOut
from productivity.programme.api.payloads import AmountIn, FinancialYear
from productivity.programme.api.schemas import AmountOut
from productivity.programme.history import visible_history
from productivity.programme.models import AmountKind, Project, Saving, SavingAmount
from productivity.programme.queries import CHECKED
from productivity.programme.rules import FIRST_YEAR, LAST_YEAR

router = Router(tags=["Saving amounts"])


class AmountFilters(Schema):
    project: str | None = Field(None, description="A project's reference")
    saving: int | None = Field(None, ge=1, le=2**63 - 1, description="A saving's id")
    council: str | None = Field(None, description="The slug of the council the saving accrues to")
    workstream: str | None = Field(None, description="A workstream's slug")
    initiative: str | None = Field(None, description="An initiative's slug")
    financial_year: FinancialYear | None = None
    kind: AmountKindChoice | None = None
    verification: Literal["unverified", "verified", "audited"] | None = Field(
        None, description="Realised amounts in this state"
    )


def _check_year(year: int, current: int | None = None) -> None:
    """The years the pages offer (an amount may keep a year outside them that it already has)."""
    if not FIRST_YEAR <= year <= LAST_YEAR and year != current:
        raise ValidationError({"financial_year": f"Choose a financial year from {financial_year_label(FIRST_YEAR)} "
                                                 f"to {financial_year_label(LAST_YEAR)}"})


def _for_change(request, amount_id: int) -> SavingAmount:
    """An amount the caller may change: a verified or audited one is the programme team's alone (403 saying so)."""
    amount = fetch(amounts(), request, pk=amount_id)
    user = writer(request)
    require_write(Project.objects, user, amount.saving.project)
    if amount.verification in CHECKED and not is_programme_team(user):
        raise PermissionDenied(f"This amount is {amount.get_verification_display().lower()}: "
                               f"{services.CHECKED_ONLY_BY_PROGRAMME}, or withdraws it")
    return amount


def amounts():
    return (SavingAmount.objects.select_related("saving__project", "entered_by", "verified_by", "audited_by")
            .prefetch_related("evidence"))


@router.get("/amounts", response=list[AmountOut], summary="List saving amounts")
@paginate(BoundedPages)
def list_amounts(request, filters: Query[AmountFilters]):
    """The savings register, one row per saving, financial year and kind, for the projects the caller may see."""
    rows = amounts().visible_to(caller(request))
    lookups = {
        "saving__project__reference": filters.project,
        "saving_id": filters.saving,
        "saving__organisation__slug": filters.council,
        "saving__project__initiative__workstream__slug": filters.workstream,
        "saving__project__initiative__slug": filters.initiative,
        "financial_year": filters.financial_year,
        "kind": filters.kind,
        "verification": filters.verification,
    }
    rows = rows.filter(**{lookup: value for lookup, value in lookups.items() if value is not None})
    # A stable order, so that paging through the register never skips or repeats a row.
    return rows.order_by("saving__project__reference", "saving_id", "financial_year", "kind")


@router.post("/savings/{saving_id}/amounts", response={201: AmountOut, **CHANGE_ERRORS},
             summary="Record a saving amount")
def record_amount(request, saving_id: int, payload: AmountIn):
    """One amount per financial year and kind: change an existing one instead. A realised amount starts
    unverified and needs the saving's baseline and evidence notes."""
    saving = fetch_for_change(Saving.objects, request, pk=saving_id)
    _check_year(payload.financial_year)
    if saving.amounts.filter(financial_year=payload.financial_year, kind=payload.kind).exists():
        kind = AmountKind(payload.kind).label.lower()
        article = "an" if kind[0] in "aeiou" else "a"
        raise ValidationError({"financial_year": f"This saving already has {article} {kind} amount for "
                                                 f"{financial_year_label(payload.financial_year)}: "
                                                 "change that amount instead"})
    amount = services.record_amount(saving, user=writer(request), **payload.dict())
    return Status(201, amounts().get(pk=amount.pk))


@router.get("/amounts/{amount_id}", response={200: AmountOut, 404: ApiError}, summary="Fetch a saving amount")
def get_amount(request, amount_id: int):
    return fetch(amounts(), request, pk=amount_id)


@router.patch("/amounts/{amount_id}", response={200: AmountOut, **CHANGE_ERRORS}, summary="Change a saving amount")
def update_amount(request, amount_id: int, payload: patch_of(AmountIn)):
    """Send only the fields to change. Changing a verified or audited amount sends it back to unverified."""
    amount = _for_change(request, amount_id)
    values = {name: getattr(amount, name) for name in AmountIn.model_fields} | changes(payload, AmountIn)
    _check_year(values["financial_year"], amount.financial_year)
    services.record_amount(amount.saving, user=writer(request), instance=amount, **values)
    return amounts().get(pk=amount.pk)


@router.delete("/amounts/{amount_id}", response={204: None, 409: ApiError, **CHANGE_ERRORS},
               summary="Delete a saving amount")
def delete_amount(request, amount_id: int):
    delete(_for_change(request, amount_id))
    return Status(204, None)


@router.post("/amounts/{amount_id}/verify", response={200: AmountOut, **CHANGE_ERRORS},
             summary="Verify a realised amount")
def verify_amount(request, amount_id: int):
    """Someone who may change the project, other than the person who entered the amount, checks its evidence."""
    amount = fetch_for_change(amounts(), request, pk=amount_id)
    services.verify_amount(amount, writer(request))
    return amounts().get(pk=amount.pk)


@router.post("/amounts/{amount_id}/audit", response={200: AmountOut, **CHANGE_ERRORS},
             summary="Record that a verified amount was audited")
def audit_amount(request, amount_id: int):
    """Programme team only; the amount must already be verified."""
    user = writer(request)
    amount = fetch(amounts(), request, pk=amount_id)
    require_programme_team(user, "record that an amount has been audited")
    services.audit_amount(amount, user)
    return amounts().get(pk=amount.pk)


@router.get("/amounts/{amount_id}/history", response={200: list[AuditEntryOut], 404: ApiError},
            summary="A saving amount's audit history")
@paginate(BoundedPages)
def saving_amount_history(request, amount_id: int):
    """Changes to the saving amount, newest first. Its evidence files are in its project's history."""
    return visible_history(fetch(amounts(), request, pk=amount_id), caller(request))
