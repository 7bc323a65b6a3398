"""The one attribution of partnerships' cash outputs to the programme's savings (above both domains).

An estate project names at most one programme saving for its running-cost savings and one for its capital
receipts (estate.returns.save_project checks the saving is its partnership's programme project's, with a
baseline). For each such saving and financial year, the programme's REALISED amount is the sum of the verified
achieved figures that count (estate.return_rollups.programme_total), written here and nowhere else:

- the returns' amount is recorded once, as the saving's realised amount for the year, verified (each figure
  behind it was verified by someone other than its author), its evidence naming the returns and figures; a
  ``ProgrammeFeed`` row marks it as the returns';
- if the saving already has a realised amount for that year that someone entered in the programme by hand,
  that amount stands and the returns add nothing (no double counting): the estate's pages say so;
- when no counted figure is left (a return withdrawn), the fed amount is withdrawn with the reason, never
  deleted, and comes back if figures count again.

So the programme's savings roll-ups count each pound once, whichever way it arrived, and its figures reconcile
with the returns: the fed amount equals the figures listed in its evidence.
"""

from django.dispatch import receiver
from django.utils import timezone

from productivity.core import formatting
from productivity.estate import return_rollups, returns
from productivity.estate.returns_models import ProgrammeFeed
from productivity.programme.models import AmountKind, SavingAmount, Verification

NONE_LEFT = "No verified figure in the partnerships' returns counts towards it now (a return was withdrawn)"


def hand_entered(saving_id: int, financial_year: int) -> SavingAmount | None:
    """A realised amount for the year that the programme recorded itself, not the returns."""
    return (SavingAmount.objects.filter(saving_id=saving_id, financial_year=financial_year,
                                        kind=AmountKind.REALISED, estate_feed__isnull=True).first())


def feed(saving_id: int, financial_year: int) -> SavingAmount | None:
    """Bring the saving's realised amount for the year into line with the returns; the amount, if any."""
    total, figures = return_rollups.programme_total(saving_id, financial_year)
    fed = ProgrammeFeed.objects.filter(saving_id=saving_id, financial_year=financial_year).select_related(
        "amount").first()
    if fed is None:
        if not total or hand_entered(saving_id, financial_year) is not None:
            return None
        amount = SavingAmount(saving_id=saving_id, financial_year=financial_year, kind=AmountKind.REALISED)
    else:
        amount = fed.amount
    if not total:
        if amount.withdrawn_at is None:
            amount.withdrawn_at = timezone.now()
            amount.withdrawal_reason = NONE_LEFT
            amount.save()
        return amount
    amount.amount = total
    amount.evidence_notes = "Verified achieved figures in the partnerships' quarterly returns: " + "; ".join(
        f"{figure.quarterly_return} {figure.project.reference} {figure.get_measure_display().lower()} "
        f"{formatting.money(figure.achieved, pence=True)}" for figure in figures)
    amount.verification = Verification.VERIFIED
    amount.entered_by = figures[0].entered_by
    latest = max(figures, key=lambda figure: figure.verified_at or timezone.now())
    amount.verified_by, amount.verified_at = latest.verified_by, latest.verified_at or timezone.now()
    amount.withdrawn_at, amount.withdrawal_reason, amount.withdrawn_by = None, "", None
    amount.full_clean()
    amount.save()
    if fed is None:
        ProgrammeFeed.objects.create(saving_id=saving_id, financial_year=financial_year, amount=amount)
    return amount


@receiver(returns.cash_figures_changed)
def _figures_changed(sender, savings, **kwargs):
    for saving_id, financial_year in sorted(savings):
        feed(saving_id, financial_year)
