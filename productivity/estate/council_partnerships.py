"""The partnerships a council leads or belongs to, as its page shows them, scoped to the reader.

Partnerships are public. Their returns and figures are read through the same scoping as the partnership pages
(``visible_to``), and the outputs come from ``return_rollups``: only submitted returns that are not withdrawn
count, achieved is verified figures only. A draft return is mentioned only to those who may see it.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from productivity.estate import return_rollups
from productivity.estate.return_rollups import MEASURES
from productivity.estate.returns_models import (
    MONEY_MEASURES,
    Partnership,
    PartnershipMember,
    QuarterlyReturn,
    ReturnFigure,
    rag_tag,
)
from productivity.estate.returns_tables import OutputRow


@dataclass
class CouncilPartnership:
    partnership: Partnership
    role: str  # "Lead council" or "Partner body"
    latest: QuarterlyReturn | None  # the latest return that counts
    draft: QuarterlyReturn | None  # a later draft, for those who may see it
    achieved: list[OutputRow] = field(default_factory=list)  # outputs with a verified achieved figure
    may_write: bool = False  # the reader writes its returns

    @property
    def is_lead(self) -> bool:
        return self.role == PartnershipMember.Role.LEAD.label

    @property
    def rag_tag(self) -> str:
        return rag_tag(self.latest.overall_rag) if self.latest else ""


def headline(row: OutputRow) -> str:
    """An achieved output in words: "Jobs created: 12 jobs", "Capital receipts: £1,200,000"."""
    amount = str(row.shown("achieved"))
    if row.measure in MONEY_MEASURES:
        per = row.unit.removeprefix("£").strip()
        return f"{row.measure.label}: {amount}{' ' + per if per else ''}"
    return f"{row.measure.label}: {amount} {row.unit}"


def for_council(user, organisation) -> list[CouncilPartnership]:
    """Each partnership ``organisation`` leads or is a member of, by name, with what ``user`` may see of it."""
    partnerships = list(Partnership.objects.visible_to(user).filter(
        Q(lead=organisation) | Q(members__organisation=organisation)).distinct().order_by("name"))
    if not partnerships:
        return []
    ids = [partnership.pk for partnership in partnerships]
    returns = QuarterlyReturn.objects.visible_to(user).filter(partnership_id__in=ids).distinct()
    latest = _latest_by_partnership(returns.standing())
    drafts = _latest_by_partnership(returns.filter(status=QuarterlyReturn.Status.DRAFT))
    figures = ReturnFigure.objects.visible_to(user).filter(quarterly_return__partnership_id__in=ids)
    outputs = return_rollups.outputs_by_partnership(figures)
    written = set(Partnership.objects.run_by(user).filter(pk__in=ids).values_list("pk", flat=True))
    found = []
    for partnership in partnerships:
        counted, draft = latest.get(partnership.pk), drafts.get(partnership.pk)
        if draft is not None and counted is not None and _when(draft) < _when(counted):
            draft = None
        achieved = [OutputRow(partnership.name, measure, outputs[partnership.pk][measure]) for measure in MEASURES
                    if partnership.pk in outputs and outputs[partnership.pk][measure].achieved]
        role = PartnershipMember.Role.LEAD if partnership.lead_id == organisation.pk else PartnershipMember.Role.PARTNER
        found.append(CouncilPartnership(partnership, role.label, counted, draft, achieved,
                                        partnership.pk in written))
    return found


def _when(quarterly_return: QuarterlyReturn) -> tuple[int, int]:
    return quarterly_return.financial_year, quarterly_return.quarter


def _latest_by_partnership(returns) -> dict[int, QuarterlyReturn]:
    latest: dict[int, QuarterlyReturn] = {}
    for quarterly_return in returns.order_by("financial_year", "quarter"):
        latest[quarterly_return.partnership_id] = quarterly_return
    return latest
