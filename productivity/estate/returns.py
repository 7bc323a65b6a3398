"""Quarterly returns' writes: start one, record figures, submit, verify an achieved figure, withdraw.

The rules, on every path (pages, API, the demo):
- an achieved figure needs evidence and starts unverified; someone other than the person who entered it
  verifies it (as the programme's saving amounts are); changing it sends it back to unverified;
- a submitted return is not changed: it is withdrawn with a reason (it stays, shown withdrawn) and the
  quarter's return filed again;
- only submitted, not withdrawn returns count (return_rollups), and only verified achieved figures count as
  achieved.

When what counts towards a programme saving may have changed, ``cash_figures_changed`` is sent with the
(saving id, financial year) pairs concerned; overview/estate_savings.py, above both domains, keeps the
programme's realised amounts in step (the one attribution: see the estate README).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from productivity.accounts.roles import is_programme_team
from productivity.estate.returns_models import (
    FED_TO_PROGRAMME,
    EstateProject,
    FigureVerification,
    Measure,
    QuarterlyReturn,
    ReturnFigure,
)

cash_figures_changed = Signal()  # savings: set of (saving id, financial year)
SUBMITTED_IS_KEPT = ("This return has been submitted, so it is kept as it was: withdraw it, giving the reason, "
                     "and file the quarter's return again")


def _refuse_if_closed(quarterly_return: QuarterlyReturn) -> None:
    if quarterly_return.is_withdrawn:
        raise ValidationError("This return has been withdrawn: it is kept as it was")
    if quarterly_return.is_submitted:
        raise ValidationError(SUBMITTED_IS_KEPT)


def fed_pairs(figures) -> set[tuple[int, int]]:
    """The (programme saving, financial year) pairs the cash figures among ``figures`` count towards."""
    pairs = set()
    for figure in figures.select_related("project", "quarterly_return"):
        link = FED_TO_PROGRAMME.get(figure.measure)
        saving_id = getattr(figure.project, f"{link}_id") if link else None
        if saving_id:
            pairs.add((saving_id, figure.quarterly_return.financial_year))
    return pairs


def _announce(pairs: set[tuple[int, int]]) -> None:
    if pairs:
        cash_figures_changed.send(sender=QuarterlyReturn, savings=pairs)


@transaction.atomic
def save_return(quarterly_return: QuarterlyReturn, *, user=None) -> QuarterlyReturn:
    """Start a draft return or change a draft's ratings and commentary."""
    if quarterly_return.pk:
        _refuse_if_closed(QuarterlyReturn.objects.get(pk=quarterly_return.pk))
    else:
        quarterly_return.created_by = user if getattr(user, "pk", None) else None
        quarterly_return.status = QuarterlyReturn.Status.DRAFT
        taken = QuarterlyReturn.objects.filter(partnership=quarterly_return.partnership_id,
                                               financial_year=quarterly_return.financial_year,
                                               quarter=quarterly_return.quarter, withdrawn_at__isnull=True)
        if taken.exists():
            raise ValidationError({"quarter": f"{quarterly_return.partnership} already has a return for "
                                              f"{quarterly_return.period}: change that one, or withdraw it first"})
    quarterly_return.full_clean()
    quarterly_return.save()
    return quarterly_return


@transaction.atomic
def set_figure(quarterly_return: QuarterlyReturn, project: EstateProject, measure: str, *,
               forecast: Decimal | None, achieved: Decimal | None, evidence_notes: str = "",
               user=None) -> ReturnFigure:
    """Record a project's forecast and achieved figure for one output in a draft return."""
    _refuse_if_closed(quarterly_return)
    if project.partnership_id != quarterly_return.partnership_id:
        raise ValidationError({"project": "Choose one of the partnership's own projects"})
    measure = Measure(measure)
    evidence_notes = (evidence_notes or "").strip()
    if achieved is not None and not evidence_notes:
        raise ValidationError({"evidence_notes": "Describe the evidence that this was achieved"})
    figure = ReturnFigure.objects.filter(quarterly_return=quarterly_return, project=project,
                                         measure=measure).first() or ReturnFigure(
        quarterly_return=quarterly_return, project=project, measure=measure)
    achieved_changed = figure.pk is None or figure.achieved != achieved or figure.evidence_notes != evidence_notes
    figure.forecast, figure.achieved, figure.evidence_notes = forecast, achieved, evidence_notes
    if achieved is None:
        figure.verification = FigureVerification.NOT_APPLICABLE
        figure.verified_by = figure.verified_at = None
    elif achieved_changed:
        figure.verification = FigureVerification.UNVERIFIED
        figure.verified_by = figure.verified_at = None
        figure.entered_by = user if getattr(user, "pk", None) else None
    figure.full_clean()
    figure.save()
    return figure


@transaction.atomic
def submit(quarterly_return: QuarterlyReturn, *, user=None) -> QuarterlyReturn:
    _refuse_if_closed(quarterly_return)
    quarterly_return.status = QuarterlyReturn.Status.SUBMITTED
    quarterly_return.submitted_by = user if getattr(user, "pk", None) else None
    quarterly_return.submitted_at = timezone.now()
    quarterly_return.save()
    _announce(fed_pairs(quarterly_return.figures.filter(verification=FigureVerification.VERIFIED)))
    return quarterly_return


def why_not_verify(figure: ReturnFigure, user) -> str | None:
    """Why ``user`` may not verify ``figure`` now (pages say it instead of offering a button), or None.

    ``user`` None is a command run on the server (the demo loader), with programme-wide rights."""
    if figure.quarterly_return.is_withdrawn:
        return "The return has been withdrawn"
    if figure.achieved is None:
        return "Only achieved figures are verified"
    if figure.verification == FigureVerification.VERIFIED:
        return "This figure is already verified"
    if figure.entered_by_id and figure.entered_by_id == getattr(user, "pk", None):
        return "Someone other than the person who entered a figure must verify it"
    if not figure.evidence_notes.strip():
        return "A figure needs evidence before it can be verified"
    if user is not None and not ReturnFigure.objects.filter(pk=figure.pk).verifiable_by(user).exists():
        return "Only the partnership's members and the programme team verify its figures"
    return None


@transaction.atomic
def verify(figure: ReturnFigure, user) -> ReturnFigure:
    reason = why_not_verify(figure, user)
    if reason:
        raise ValidationError(reason)
    figure.verification = FigureVerification.VERIFIED
    figure.verified_by = user if getattr(user, "pk", None) else None
    figure.verified_at = timezone.now()
    figure.save()
    if figure.quarterly_return.is_submitted:
        _announce(fed_pairs(ReturnFigure.objects.filter(pk=figure.pk)))
    return figure


@transaction.atomic
def withdraw(quarterly_return: QuarterlyReturn, *, reason: str, user=None) -> QuarterlyReturn:
    """Withdraw a submitted return (a draft is deleted instead): it stays, with the reason, and stops counting."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason for withdrawing it"})
    if quarterly_return.is_withdrawn:
        raise ValidationError("This return has already been withdrawn")
    if not quarterly_return.is_submitted:
        raise ValidationError("A draft return is deleted, not withdrawn")
    quarterly_return.withdrawn_at = timezone.now()
    quarterly_return.withdrawal_reason = reason
    quarterly_return.withdrawn_by = user if getattr(user, "pk", None) else None
    quarterly_return.save()
    _announce(fed_pairs(quarterly_return.figures.all()))
    return quarterly_return


@transaction.atomic
def delete_draft(quarterly_return: QuarterlyReturn) -> None:
    """A draft is deleted (the audit trail keeps a record); a submitted return is withdrawn instead."""
    if quarterly_return.is_submitted:
        raise ValidationError(SUBMITTED_IS_KEPT)
    quarterly_return.figures.all().delete()
    quarterly_return.delete()


@transaction.atomic
def save_project(project: EstateProject, *, user=None) -> EstateProject:
    """Save an estate project; linking it to another programme saving moves its cash figures there.

    A linked saving must belong to the programme project of the partnership, and have a baseline (the
    programme records realised amounts only against one); the programme team alone changes a link."""
    before = EstateProject.objects.filter(pk=project.pk).first() if project.pk else None
    programme_project = project.partnership.programme_project_id if project.partnership_id else None
    changed = set()
    for link in FED_TO_PROGRAMME.values():
        saving = getattr(project, link)
        old = getattr(before, f"{link}_id") if before else None
        if getattr(project, f"{link}_id") == old:
            continue
        if user is not None and not is_programme_team(user):
            raise ValidationError({link: "Only the programme team links a project to a programme saving"})
        if saving is not None:
            if saving.project_id != programme_project:
                raise ValidationError({link: "Choose a saving of the partnership's programme project"})
            if saving.baseline_value is None or saving.baseline_date is None:
                raise ValidationError({link: "That saving has no baseline: the programme records realised "
                                             "amounts only against a baseline"})
        changed |= {old, getattr(project, f"{link}_id")} - {None}
    project.full_clean()
    project.save()
    if changed and before is not None:
        years = set(ReturnFigure.objects.filter(project=project).values_list("quarterly_return__financial_year",
                                                                             flat=True))
        _announce({(saving_id, year) for saving_id in changed for year in years})
    return project
