"""Withdrawing what others rely on, instead of deleting it (part of the programme's services).

A withdrawn project, saving, amount or funding award stays in the database and its history, is shown as
withdrawn with the reason, and drops out of every figure from the moment it was withdrawn (the roll-ups
count ``not_withdrawn(as_at)`` records only). The programme team withdraws and restores; a council's
editors ask, and the programme team approves or refuses.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from productivity.programme.models import FundingAward, Project, Saving, SavingAmount, WithdrawalRequest
from productivity.programme.services import acting, programme_wide

KINDS: dict[str, type] = {"project": Project, "saving": Saving, "amount": SavingAmount, "award": FundingAward}
ONLY_PROGRAMME = "Only the programme team withdraws records, approves withdrawals and restores them"


def kind_of(record) -> str:
    return next(kind for kind, model in KINDS.items() if isinstance(record, model))


def record_of(request: WithdrawalRequest):
    """The record a withdrawal request is about (None if it has since been deleted)."""
    return KINDS[request.kind]._base_manager.filter(pk=request.record_id).first()


def project_of(record) -> Project:
    if isinstance(record, Project):
        return record
    if isinstance(record, SavingAmount):
        return record.saving.project
    return record.project


def _reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: "Enter the reason for withdrawing it"})
    return reason


def _require_programme(user) -> None:
    if not programme_wide(user):
        raise PermissionDenied(ONLY_PROGRAMME)


def pending_request(record) -> WithdrawalRequest | None:
    return WithdrawalRequest.objects.filter(kind=kind_of(record), record_id=record.pk,
                                            status=WithdrawalRequest.Status.PENDING).first()


@transaction.atomic
def withdraw(record, *, reason: str, user=None):
    """Withdraw ``record`` now, with the reason; the programme team only. Any pending request is approved."""
    user = acting(user)
    _require_programme(user)
    reason = _reason(reason)
    if record.is_withdrawn:
        raise ValidationError(f"This {record._meta.verbose_name} was already withdrawn on "
                              f"{timezone.localtime(record.withdrawn_at):%-d %B %Y}")
    record.withdrawn_at = timezone.now()
    record.withdrawal_reason = reason[:2000]
    record.withdrawn_by = user if getattr(user, "pk", None) else None
    record.save()
    pending = pending_request(record)
    if pending is not None:
        _decide(pending, WithdrawalRequest.Status.APPROVED, user, "")
    return record


@transaction.atomic
def request_withdrawal(record, *, reason: str, user=None) -> WithdrawalRequest:
    """Ask the programme team to withdraw ``record`` (by someone who may change it; callers check that)."""
    user = acting(user)
    reason = _reason(reason)
    if record.is_withdrawn:
        raise ValidationError(f"This {record._meta.verbose_name} has already been withdrawn")
    if pending_request(record) is not None:
        raise ValidationError("Withdrawal of this record has already been asked for: the programme team will "
                              "approve or refuse it")
    return WithdrawalRequest.objects.create(
        project=project_of(record), kind=kind_of(record), record_id=record.pk, record_label=str(record)[:250],
        reason=reason, requested_by=user if getattr(user, "pk", None) else None)


def _decide(request: WithdrawalRequest, status: str, user, note: str) -> WithdrawalRequest:
    request.status = status
    request.decided_by = user if getattr(user, "pk", None) else None
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save()
    return request


@transaction.atomic
def approve_withdrawal(request: WithdrawalRequest, *, user=None, note: str = ""):
    """Withdraw the record a council asked to withdraw, with their reason; the programme team only."""
    user = acting(user)
    _require_programme(user)
    if request.status != WithdrawalRequest.Status.PENDING:
        raise ValidationError(f"This request has already been decided: {request.get_status_display().lower()}")
    record = record_of(request)
    if record is None:
        raise ValidationError("The record this request was about no longer exists")
    withdraw(record, reason=request.reason, user=user)
    request.refresh_from_db()
    if note:
        request.decision_note = note
        request.save()
    return record


@transaction.atomic
def refuse_withdrawal(request: WithdrawalRequest, *, user=None, note: str = "") -> WithdrawalRequest:
    """Leave the record as it is, saying why; the programme team only."""
    user = acting(user)
    _require_programme(user)
    if request.status != WithdrawalRequest.Status.PENDING:
        raise ValidationError(f"This request has already been decided: {request.get_status_display().lower()}")
    if not (note or "").strip():
        raise ValidationError({"note": "Say why the record is kept, for the person who asked"})
    return _decide(request, WithdrawalRequest.Status.REFUSED, user, note.strip())


@transaction.atomic
def restore(record, *, user=None):
    """Bring a withdrawn record back into the figures; the programme team only. Its history keeps both."""
    user = acting(user)
    _require_programme(user)
    if not record.is_withdrawn:
        raise ValidationError(f"This {record._meta.verbose_name} has not been withdrawn")
    record.withdrawn_at = None
    record.withdrawal_reason = ""
    record.withdrawn_by = None
    record.save()
    return record


def withdraw_or_ask(record, *, reason: str, user=None):
    """The programme team withdraws ``record`` now (returns it); anyone else who may change it asks the
    programme team to (returns the WithdrawalRequest). Callers check that ``user`` may change its project."""
    if programme_wide(acting(user)):
        return withdraw(record, reason=reason, user=user)
    return request_withdrawal(record, reason=reason, user=user)
