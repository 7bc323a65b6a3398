"""Selection rounds: a call for applications (10 to 15 councils with match funding), criteria scores, and the
ranked shortlist, computed here once for the pages, downloads and the API.

An application's score is the weighted sum of its criteria's scores, each as a share of its maximum, out of
100: sum(weight × score / max) / sum(weight) × 100. Applications are ranked by score (then match funding,
then name). The shortlist is the top ``places`` applications that are fully scored and, where the round needs
match funding, offer some; the round says whether it reached its fewest places.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from productivity.estate.returns_models import Application, Score, SelectionRound

HUNDRED = Decimal(100)


@dataclass
class Ranked:
    application: Application
    score: Decimal | None  # out of 100; None until every criterion is scored
    rank: int | None
    shortlisted: bool
    why_not: str  # why it is not on the shortlist, or ""


def score_of(application: Application, criteria: list) -> Decimal | None:
    given = {score.criterion_id: score.score for score in application.scores.all()}
    if not criteria or any(criterion.pk not in given for criterion in criteria):
        return None
    weights = sum(criterion.weight for criterion in criteria)
    total = sum(criterion.weight * Decimal(given[criterion.pk]) / criterion.max_score for criterion in criteria)
    return (total / weights * HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


NOT_YET = "The ranked shortlist is not yet published"


def ranking(selection_round: SelectionRound, visible=None, *, full: bool = True) -> list[Ranked]:
    """The round's applications ranked, the shortlist marked; only those in ``visible`` (the reader's) are
    returned. Ranks are always among ALL the round's applications; without ``full`` (a council before the
    programme team publishes the shortlist) ranks and the shortlist are left out."""
    criteria = list(selection_round.criteria.all())
    scored = []
    for application in Application.objects.filter(selection_round=selection_round).select_related("council") \
            .prefetch_related("scores"):
        scored.append((application, score_of(application, criteria)))
    scored.sort(key=lambda pair: (pair[1] is None, -(pair[1] or 0), -pair[0].match_funding, pair[0].council.name))
    result, places = [], 0
    for position, (application, score) in enumerate(scored, start=1):
        why_not = ""
        if score is None:
            why_not = "Not yet scored on every criterion"
        elif selection_round.needs_match_funding and not application.match_funding:
            why_not = "No match funding offered"
        elif places >= selection_round.places:
            why_not = f"Below the {selection_round.places} places"
        shortlisted = not why_not
        places += shortlisted
        result.append(Ranked(application, score, position if score is not None else None, shortlisted, why_not))
    if visible is not None:
        shown = set(visible.filter(selection_round=selection_round).values_list("pk", flat=True))
        result = [item for item in result if item.application.pk in shown]
    if not full:
        result = [Ranked(item.application, item.score, None, False, NOT_YET) for item in result]
    return result


def shortlist(selection_round: SelectionRound) -> list[Ranked]:
    return [item for item in ranking(selection_round) if item.shortlisted]


@transaction.atomic
def apply(application: Application, *, user=None) -> Application:
    if Application.objects.filter(selection_round=application.selection_round_id,
                                  council=application.council_id).exists():
        raise ValidationError({"council": f"{application.council} has already applied to this round"})
    application.submitted_by = user if getattr(user, "pk", None) else None
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def record_scores(application: Application, scores: dict[int, int], *, user=None) -> None:
    """Record the application's score on each criterion ({criterion id: score})."""
    criteria = {criterion.pk: criterion for criterion in application.selection_round.criteria.all()}
    for criterion_id, value in scores.items():
        criterion = criteria[criterion_id]
        if not 0 <= value <= criterion.max_score:
            raise ValidationError(f"Score {criterion.name} from 0 to {criterion.max_score}")
        Score.objects.update_or_create(application=application, criterion=criterion,
                                       defaults={"score": value,
                                                 "scored_by": user if getattr(user, "pk", None) else None})
