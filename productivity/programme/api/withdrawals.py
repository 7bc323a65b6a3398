"""Withdrawing what others rely on instead of deleting it: the programme team withdraws and restores;
a council's editors ask, and the programme team approves or refuses (programme.withdrawals)."""

import datetime as dt
from typing import Literal

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from productivity.accounts.api_auth import caller, fetch, require_programme_team, writer
from productivity.core.access import require_write
from productivity.core.api.errors import CHANGE_ERRORS
from productivity.core.paging import BoundedPages
from productivity.programme import withdrawals
from productivity.programme.api.payloads import DecisionIn, WithdrawalIn
from productivity.programme.models import FundingAward, Project, Saving, SavingAmount, WithdrawalRequest

router = Router(tags=["Withdrawals"])


class WithdrawnOut(Schema):
    kind: Literal["project", "saving", "amount", "award"]
    id: int = Field(..., alias="pk")
    label: str = Field(..., description="What the record is called")
    withdrawn_at: dt.datetime | None = Field(..., description="When it was withdrawn; null once restored")
    withdrawal_reason: str

    @staticmethod
    def resolve_kind(obj) -> str:
        return withdrawals.kind_of(obj)

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj)


class WithdrawalRequestOut(Schema):
    id: int
    project: str = Field(..., alias="project.reference", description="The project's reference")
    kind: Literal["project", "saving", "amount", "award"]
    record_id: int
    record_label: str
    reason: str
    status: Literal["pending", "approved", "refused"]
    requested_at: dt.datetime
    decided_at: dt.datetime | None
    decision_note: str


class RequestFilters(Schema):
    status: Literal["pending", "approved", "refused"] | None = None
    project: str | None = Field(None, description="A project's reference")


WITHDRAW_RESPONSES = {200: WithdrawnOut, 202: WithdrawalRequestOut, **CHANGE_ERRORS}


def _withdraw(request, queryset, payload: WithdrawalIn, **lookup):
    """Anyone who may change the record's project: the programme team withdraws it (200), others ask (202)."""
    record = fetch(queryset, request, **lookup)
    user = writer(request)
    require_write(Project.objects, user, withdrawals.project_of(record))
    outcome = withdrawals.withdraw_or_ask(record, reason=payload.reason, user=user)
    return Status(202, outcome) if isinstance(outcome, WithdrawalRequest) else Status(200, outcome)


def _restore(request, queryset, **lookup):
    record = fetch(queryset, request, **lookup)
    user = writer(request)
    require_programme_team(user, "restore a withdrawn record")
    return withdrawals.restore(record, user=user)


def _savings():
    return Saving.objects.select_related("project")


def _amounts():
    return SavingAmount.objects.select_related("saving__project")


def _awards():
    return FundingAward.objects.select_related("project", "funder")


WITHDRAW = ("The programme team withdraws it now (200); its council's editors ask the programme team to (202). "
            "It stays, shown as withdrawn with the reason, and drops out of every figure from now.")
RESTORE = {200: WithdrawnOut, **CHANGE_ERRORS}


@router.post("/projects/{reference}/withdraw", response=WITHDRAW_RESPONSES, summary="Withdraw a project",
             description=WITHDRAW)
def withdraw_project(request, reference: str, payload: WithdrawalIn):
    return _withdraw(request, Project.objects.all(), payload, reference=reference)


@router.post("/projects/{reference}/restore", response=RESTORE, summary="Restore a withdrawn project")
def restore_project(request, reference: str):
    """Programme team only: it counts again; its history keeps the withdrawal."""
    return _restore(request, Project.objects.all(), reference=reference)


@router.post("/savings/{saving_id}/withdraw", response=WITHDRAW_RESPONSES, summary="Withdraw a saving",
             description=WITHDRAW)
def withdraw_saving(request, saving_id: int, payload: WithdrawalIn):
    return _withdraw(request, _savings(), payload, pk=saving_id)


@router.post("/savings/{saving_id}/restore", response=RESTORE, summary="Restore a withdrawn saving")
def restore_saving(request, saving_id: int):
    """Programme team only: it counts again; its history keeps the withdrawal."""
    return _restore(request, _savings(), pk=saving_id)


@router.post("/amounts/{amount_id}/withdraw", response=WITHDRAW_RESPONSES, summary="Withdraw a saving amount",
             description=WITHDRAW)
def withdraw_amount(request, amount_id: int, payload: WithdrawalIn):
    return _withdraw(request, _amounts(), payload, pk=amount_id)


@router.post("/amounts/{amount_id}/restore", response=RESTORE, summary="Restore a withdrawn saving amount")
def restore_amount(request, amount_id: int):
    """Programme team only: it counts again; its history keeps the withdrawal."""
    return _restore(request, _amounts(), pk=amount_id)


@router.post("/funding-awards/{award_id}/withdraw", response=WITHDRAW_RESPONSES, summary="Withdraw a funding award",
             description=WITHDRAW)
def withdraw_award(request, award_id: int, payload: WithdrawalIn):
    return _withdraw(request, _awards(), payload, pk=award_id)


@router.post("/funding-awards/{award_id}/restore", response=RESTORE, summary="Restore a withdrawn funding award")
def restore_award(request, award_id: int):
    """Programme team only: it counts again; its history keeps the withdrawal."""
    return _restore(request, _awards(), pk=award_id)


def _requests():
    return WithdrawalRequest.objects.select_related("project")


@router.get("/withdrawal-requests", response=list[WithdrawalRequestOut], summary="List withdrawal requests")
@paginate(BoundedPages)
def list_requests(request, filters: Query[RequestFilters]):
    """Requests about the projects the caller may see, newest first; the programme team sees them all."""
    rows = _requests().visible_to(caller(request))
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.project:
        rows = rows.filter(project__reference=filters.project)
    return rows


@router.post("/withdrawal-requests/{request_id}/approve", response={200: WithdrawalRequestOut, **CHANGE_ERRORS},
             summary="Approve a withdrawal request")
def approve_request(request, request_id: int, payload: DecisionIn):
    """Programme team only: the record is withdrawn with the reason the council gave."""
    asked = fetch(_requests(), request, pk=request_id)
    user = writer(request)
    require_programme_team(user, "approve a withdrawal")
    withdrawals.approve_withdrawal(asked, user=user, note=payload.note)
    return _requests().get(pk=asked.pk)


@router.post("/withdrawal-requests/{request_id}/refuse", response={200: WithdrawalRequestOut, **CHANGE_ERRORS},
             summary="Refuse a withdrawal request")
def refuse_request(request, request_id: int, payload: DecisionIn):
    """Programme team only: the record stays as it is; the note says why."""
    asked = fetch(_requests(), request, pk=request_id)
    user = writer(request)
    require_programme_team(user, "refuse a withdrawal")
    return withdrawals.refuse_withdrawal(asked, user=user, note=payload.note)

