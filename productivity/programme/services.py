"""Every write to the programme portfolio. Callers check permissions first (core.access);
these functions keep the invariants of the benefits register and write in one transaction.

Pages, the API and the importers all write through here, so the rules hold on every path:
- verified and audited amounts, and the fields of their saving that change what they mean, are changed
  by the programme team alone, and such a change sends the amounts back to unverified, saying why;
- what others rely on is withdrawn with a reason (withdrawals.py), never deleted.

``user`` is the person acting; left out, it is whoever the audit trail says is acting (the web request,
the API token, the import). Nobody at all means a command run on the server, with programme-wide rights.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from productivity.accounts.roles import is_programme_team
from productivity.audit.context import current_actor
from productivity.programme.models import (
    AmountKind,
    Evidence,
    Participant,
    Project,
    Saving,
    SavingAmount,
    Verification,
)
from productivity.programme.queries import CHECKED
from productivity.programme.rules import protection

# What a saving's amounts mean: changing any of these changes what a verified amount claims.
MEANING = {"is_disbenefit": "whether it is a dis-benefit", "benefit_class": "class of benefit",
           "recurrence": "recurrence", "baseline_value": "baseline value", "baseline_date": "baseline date",
           "organisation": "council", "project": "project"}
CHECKED_ONLY_BY_PROGRAMME = "only the programme team changes an amount once it has been verified or audited"


def acting(user=None):
    """The person acting: ``user``, or whoever the audit trail says is acting."""
    return user if user is not None else current_actor()[0]


def programme_wide(user) -> bool:
    """The programme team, or a command run on the server with nobody signed in."""
    return user is None or is_programme_team(user)


def _refuse_if_withdrawn(instance) -> None:
    """A withdrawn record (or one whose project or saving is withdrawn) is kept as it was: restore it first."""
    model = type(instance)
    if instance.pk and hasattr(model.objects, "withdrawn"):
        withdrawn = model.objects.withdrawn().filter(pk=instance.pk).exists()
    else:
        withdrawn = Project.objects.withdrawn().filter(pk=getattr(instance, "project_id", None)).exists()
    if withdrawn:
        noun = model._meta.verbose_name
        raise ValidationError(f"This {noun} has been withdrawn, or what it belongs to has: the programme team "
                              "can restore it before it is changed")


def _meaning_changes(saving: Saving) -> list[str]:
    """The fields that give a saving's amounts their meaning that this save would change."""
    before = Saving._base_manager.filter(pk=saving.pk).first()
    if before is None:
        return []
    return [name for name in MEANING
            if getattr(before, Saving._meta.get_field(name).attname) != getattr(saving, Saving._meta.get_field(
                name).attname)]


def send_back_to_unverified(amounts, note: str) -> int:
    """Make checked amounts unverified again, each saying why in its history; how many were."""
    count = 0
    for amount in amounts:
        amount.verification = Verification.UNVERIFIED
        amount.verified_by = amount.verified_at = amount.audited_by = amount.audited_at = None
        amount.verification_note = note[:250]
        amount.save()
        count += 1
    return count


def _guard_meaning(saving: Saving, user) -> None:
    changed = _meaning_changes(saving) if saving.pk else []
    checked = SavingAmount.objects.filter(saving_id=saving.pk, verification__in=CHECKED) if changed else None
    if not changed or not checked.exists():
        return
    if not programme_wide(user):
        raise ValidationError({name: f"This saving has verified or audited amounts, so only the programme team "
                                     f"changes its {MEANING[name]}" for name in changed})
    what = ", ".join(MEANING[name] for name in changed)
    send_back_to_unverified(checked, f"Sent back to unverified: the saving's {what} changed")


@transaction.atomic
def save(instance, *, user=None, exclude_validation: tuple[str, ...] = ()):
    """Validate ``instance`` (fields, clean(), constraints) and save it; raises ValidationError.

    A withdrawn record is not changed; a saving with verified or audited amounts keeps what they mean
    unless the programme team changes it, which sends them back to unverified.
    """
    _refuse_if_withdrawn(instance)
    if isinstance(instance, Saving):
        _guard_meaning(instance, acting(user))
    instance.full_clean(exclude=list(exclude_validation) or None)
    instance.save()
    return instance


@transaction.atomic
def delete(instance, *, user=None) -> None:
    """Delete a draft and what belongs to it (the audit trail keeps a record); what others rely on is refused
    with the reason, to be withdrawn instead."""
    reasons = protection(instance)
    if reasons:
        noun = instance._meta.verbose_name
        raise ValidationError(f"This {noun} cannot be deleted because {' and '.join(reasons)}: "
                              "withdraw it instead, giving the reason")
    instance.delete()


@transaction.atomic
def create_project(project: Project, lead_organisation) -> Project:
    """Create a project with its lead organisation as its first participant."""
    project.full_clean()
    project.save()
    Participant.objects.create(project=project, organisation=lead_organisation, role=Participant.Role.LEAD)
    return project


@transaction.atomic
def set_participant(project: Project, organisation, role: str) -> Participant:
    """Add or change an organisation's part in a project; making one the lead makes the old lead a partner."""
    if role == Participant.Role.LEAD:
        for old in project.participants.filter(role=Participant.Role.LEAD).exclude(organisation=organisation):
            old.role = Participant.Role.PARTNER
            old.save()
    participant, created = Participant.objects.get_or_create(
        project=project, organisation=organisation, defaults={"role": role}
    )
    if not created and participant.role != role:
        participant.role = role
        participant.save()
    return participant


@transaction.atomic
def remove_participant(participant: Participant) -> None:
    """Remove a participant; a project keeps at least one, and savings accruing to it block removal."""
    project = participant.project
    if project.participants.count() <= 1:
        raise ValidationError("A project needs at least one participating organisation")
    if project.savings.filter(organisation=participant.organisation).exists():
        raise ValidationError(
            f"{participant.organisation} has savings recorded on this project: move or delete them first"
        )
    participant.delete()


@transaction.atomic
def record_amount(saving, *, financial_year: int, kind: str, amount: Decimal, delivery_cost: Decimal = Decimal("0"),
                  evidence_notes: str = "", user=None, instance: SavingAmount | None = None) -> SavingAmount:
    """Record (or replace) a saving's amount for one year and kind.

    A realised amount needs the saving's baseline and evidence, and starts unverified. Only the programme
    team changes a verified or audited amount, which sends it back to unverified; nobody changes a
    withdrawn one.
    """
    _refuse_if_withdrawn(saving)
    target = instance or SavingAmount.objects.filter(saving=saving, financial_year=financial_year, kind=kind).first()
    if target is None:
        target = SavingAmount(saving=saving, entered_by=user)
    changed = (
        target.pk is None
        or target.amount != amount
        or target.delivery_cost != delivery_cost
        or target.financial_year != financial_year
        or target.kind != kind
        or target.evidence_notes != evidence_notes
    )
    if changed and target.pk is not None:
        _refuse_if_withdrawn(target)
        if target.verification in CHECKED:
            if not programme_wide(acting(user)):
                raise ValidationError(f"The {target.year_label} {target.get_kind_display().lower()} amount is "
                                      f"{target.get_verification_display().lower()}: {CHECKED_ONLY_BY_PROGRAMME}")
            target.verification_note = "Sent back to unverified: the programme team changed the amount"
    target.financial_year = financial_year
    target.kind = kind
    target.amount = amount
    target.delivery_cost = delivery_cost
    target.evidence_notes = evidence_notes
    if kind == AmountKind.REALISED:
        if changed:
            target.verification = Verification.UNVERIFIED
            target.verified_by = target.verified_at = target.audited_by = target.audited_at = None
            if target.pk is not None:
                target.entered_by = user
    else:
        target.verification = Verification.NOT_APPLICABLE
        target.verified_by = target.verified_at = target.audited_by = target.audited_at = None
    if not changed:
        return target
    target.full_clean(validate_unique=True)
    target.save()
    return target


@transaction.atomic
def add_evidence(amount: SavingAmount, uploaded_file, *, description: str = "", user=None) -> Evidence:
    """Attach an evidence file to an amount (usually a realised one)."""
    evidence = Evidence(amount=amount, file=uploaded_file, original_name=uploaded_file.name[:250],
                        description=description, uploaded_by=user)
    evidence.save()
    return evidence


@transaction.atomic
def why_not_verify(amount: SavingAmount, user) -> str | None:
    """Why ``user`` may not verify ``amount`` now (so pages say it instead of offering a button), or None."""
    if amount.kind != AmountKind.REALISED:
        return "Only realised amounts are verified"
    if amount.verification != Verification.UNVERIFIED:
        return f"This amount is already {amount.get_verification_display().lower()}"
    if amount.entered_by_id and amount.entered_by_id == user.pk:
        return "Someone other than the person who entered an amount must verify it"
    if not amount.evidence_notes.strip() and not amount.evidence.exists():
        return "An amount needs evidence before it can be verified"
    return None


def verify_amount(amount: SavingAmount, user) -> SavingAmount:
    """Mark a realised amount verified; the verifier must not be the person who entered it."""
    _refuse_if_withdrawn(amount)
    reason = why_not_verify(amount, user)
    if reason:
        raise ValidationError(reason)
    amount.verification = Verification.VERIFIED
    amount.verification_note = ""
    amount.verified_by = user
    amount.verified_at = timezone.now()
    amount.save()
    return amount


@transaction.atomic
def audit_amount(amount: SavingAmount, user) -> SavingAmount:
    """Mark a verified amount audited; only the programme team records audits."""
    if not is_programme_team(user):
        raise ValidationError("Only the programme team records that an amount has been audited")
    _refuse_if_withdrawn(amount)
    if amount.verification != Verification.VERIFIED:
        raise ValidationError("An amount must be verified before it is audited")
    amount.verification = Verification.AUDITED
    amount.audited_by = user
    amount.audited_at = timezone.now()
    amount.save()
    return amount
