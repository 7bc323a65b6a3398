"""Every write to the programme portfolio. Callers check permissions first (core.access);
these functions keep the invariants of the benefits register and write in one transaction."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from productivity.accounts.roles import is_programme_team
from productivity.programme.models import (
    AmountKind,
    Evidence,
    Participant,
    Project,
    SavingAmount,
    Verification,
)


@transaction.atomic
def save(instance, *, exclude_validation: tuple[str, ...] = ()):
    """Validate ``instance`` (fields, clean(), constraints) and save it; raises ValidationError."""
    instance.full_clean(exclude=list(exclude_validation) or None)
    instance.save()
    return instance


@transaction.atomic
def delete(instance) -> None:
    """Delete ``instance`` and what belongs to it; the audit trail keeps a record."""
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

    A realised amount needs the saving's baseline and evidence, and starts unverified; changing a
    verified or audited realised amount sends it back to unverified.
    """
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
def verify_amount(amount: SavingAmount, user) -> SavingAmount:
    """Mark a realised amount verified; the verifier must not be the person who entered it."""
    if amount.kind != AmountKind.REALISED:
        raise ValidationError("Only realised amounts are verified")
    if amount.verification != Verification.UNVERIFIED:
        raise ValidationError(f"This amount is already {amount.get_verification_display().lower()}")
    if amount.entered_by_id and amount.entered_by_id == user.pk:
        raise ValidationError("Someone other than the person who entered an amount must verify it")
    if not amount.evidence_notes.strip() and not amount.evidence.exists():
        raise ValidationError("An amount needs evidence before it can be verified")
    amount.verification = Verification.VERIFIED
    amount.verified_by = user
    amount.verified_at = timezone.now()
    amount.save()
    return amount


@transaction.atomic
def audit_amount(amount: SavingAmount, user) -> SavingAmount:
    """Mark a verified amount audited; only the programme team records audits."""
    if not is_programme_team(user):
        raise ValidationError("Only the programme team records that an amount has been audited")
    if amount.verification != Verification.VERIFIED:
        raise ValidationError("An amount must be verified before it is audited")
    amount.verification = Verification.AUDITED
    amount.audited_by = user
    amount.audited_at = timezone.now()
    amount.save()
    return amount
