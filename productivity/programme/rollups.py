"""Every programme figure a person sees, computed from the records in one place.

Pages, the API, exports and board reports call these functions; nothing stores a total.

Definitions (the benefits register's, after the Green Book):
- gross: the sum of benefit amounts; dis-benefits and delivery costs are left out.
- net: benefit amounts minus dis-benefit amounts minus the cost of delivering them.
- verified only: realised amounts count once verified (or audited); expected and forecast
  amounts are plans and are not verified, so they always count.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from productivity.core.fiscal import financial_year_of
from productivity.programme.models import (
    AmountKind,
    FundingAward,
    Participant,
    Project,
    Saving,
    SavingAmount,
)
from productivity.programme.service_headings import service_key

ZERO = Decimal("0.00")
KINDS = [kind.value for kind in AmountKind]

GROUPS = {
    "saving": "saving_id",
    "project": "saving__project_id",
    "initiative": "saving__project__initiative_id",
    "workstream": "saving__project__initiative__workstream_id",
    "council": "saving__organisation_id",
    "council_type": "saving__organisation__authority_type",
    "financial_year": "financial_year",
}


@dataclass(frozen=True)
class Basis:
    """How savings are counted: gross or net, all realised amounts or verified ones only."""

    net: bool = False
    verified_only: bool = False

    @classmethod
    def from_params(cls, params) -> "Basis":
        return cls(net=params.get("basis") == "net", verified_only=params.get("verification") == "verified")

    @property
    def label(self) -> str:
        parts = ["net" if self.net else "gross", "verified realised only" if self.verified_only else "all"]
        return ", ".join(parts)


@dataclass
class SavingsFigures:
    expected: Decimal = ZERO
    forecast: Decimal = ZERO
    realised: Decimal = ZERO

    def get(self, kind: str) -> Decimal:
        return getattr(self, kind)

    @property
    def realised_share_of_forecast(self) -> Decimal | None:
        return (self.realised / self.forecast) if self.forecast else None


def standing(records, as_at: dt.date | None = None):
    """The records that count: those not withdrawn (nor their project or saving) by the end of ``as_at``, or
    now. Records already cut at a date (rollups_as_at) keep that date. Every figure counts through here."""
    if records.withdrawals_cut:
        return records
    return records.not_withdrawn(as_at)


def amounts_for(projects) -> "SavingAmount.objects":
    """The saving amounts of the given projects (the figures count those standing: see ``standing``)."""
    return SavingAmount.objects.filter(saving__project__in=projects)


def _counted(amounts, basis: Basis):
    amounts = standing(amounts)
    if basis.verified_only:
        amounts = amounts.exclude(kind=AmountKind.REALISED, verification="unverified")
    return amounts


def _value(row: dict, basis: Basis) -> Decimal:
    if basis.net:
        return row["benefit"] - row["disbenefit"] - row["cost"]
    return row["benefit"]


def _aggregates():
    return {
        "benefit": Coalesce(Sum("amount", filter=Q(saving__is_disbenefit=False)), ZERO),
        "disbenefit": Coalesce(Sum("amount", filter=Q(saving__is_disbenefit=True)), ZERO),
        "cost": Coalesce(Sum("delivery_cost"), ZERO),
    }


def savings_totals(amounts, basis: Basis = Basis()) -> SavingsFigures:
    """Expected, forecast and realised totals of ``amounts`` on the given basis."""
    figures = SavingsFigures()
    rows = _counted(amounts, basis).order_by().values("kind").annotate(**_aggregates())
    for row in rows:
        setattr(figures, row["kind"], _value(row, basis))
    return figures


def savings_by(amounts, group: str, basis: Basis = Basis()) -> dict:
    """Totals per group key (see GROUPS): {key: SavingsFigures}, keys in no particular order."""
    key = GROUPS[group]
    result: dict = defaultdict(SavingsFigures)
    rows = _counted(amounts, basis).order_by().values(key, "kind").annotate(**_aggregates())
    for row in rows:
        setattr(result[row[key]], row["kind"], _value(row, basis))
    return dict(result)


def verification_breakdown(amounts, basis: Basis = Basis(net=False)) -> dict[str, Decimal]:
    """Realised totals split by verification state: how much of a figure has been checked."""
    realised = standing(amounts).filter(kind=AmountKind.REALISED)
    rows = realised.order_by().values("verification").annotate(**_aggregates())
    result = {"unverified": ZERO, "verified": ZERO, "audited": ZERO}
    for row in rows:
        result[row["verification"]] = _value(row, basis)
    return result


def awards_for(projects, as_at: dt.date | None = None):
    """The funding awards of the given projects; with ``as_at``, only those awarded on or before that day."""
    awards = standing(FundingAward.objects.filter(project__in=projects), as_at)
    return awards if as_at is None else awards.filter(awarded_on__lte=as_at)


def funding_totals(projects, as_at: dt.date | None = None) -> dict[str, Decimal]:
    """Programme funding and match funding awarded to the given projects (by ``as_at``, if given)."""
    rows = (
        awards_for(projects, as_at)
        .order_by()
        .values("is_match_funding")
        .annotate(total=Sum("amount"))
    )
    totals = {"programme": ZERO, "match": ZERO}
    for row in rows:
        totals["match" if row["is_match_funding"] else "programme"] = row["total"]
    totals["all"] = totals["programme"] + totals["match"]
    return totals


@dataclass
class FunderTotal:
    funder_id: int
    funder_name: str
    funder_slug: str
    programme: Decimal = ZERO
    match: Decimal = ZERO
    awards: int = 0

    @property
    def total(self) -> Decimal:
        return self.programme + self.match


def funding_by_funder(projects, as_at: dt.date | None = None) -> list[FunderTotal]:
    """Funding per funder, largest first (awarded by ``as_at``, if given)."""
    rows = (
        awards_for(projects, as_at)
        .order_by()
        .values("funder_id", "funder__name", "funder__slug", "is_match_funding")
        .annotate(total=Sum("amount"), awards=Count("pk"))
    )
    by_funder: dict[int, FunderTotal] = {}
    for row in rows:
        item = by_funder.setdefault(
            row["funder_id"], FunderTotal(row["funder_id"], row["funder__name"], row["funder__slug"])
        )
        if row["is_match_funding"]:
            item.match += row["total"]
        else:
            item.programme += row["total"]
        item.awards += row["awards"]
    return sorted(by_funder.values(), key=lambda item: (-item.total, item.funder_name))


def funding_by(projects, group: str, as_at: dt.date | None = None) -> dict:
    """Funding (programme and match together) per project, initiative, workstream or financial year."""
    awards = awards_for(projects, as_at).order_by()
    if group == "financial_year":
        result: dict = defaultdict(lambda: ZERO)
        for awarded_on, amount in awards.values_list("awarded_on", "amount"):
            result[financial_year_of(awarded_on)] += amount
        return dict(result)
    key = {
        "project": "project_id",
        "initiative": "project__initiative_id",
        "workstream": "project__initiative__workstream_id",
        "funder": "funder_id",
    }[group]
    return {row[key]: row["total"] for row in awards.values(key).annotate(total=Sum("amount"))}


def participating_councils(projects):
    """Councils taking part in the given projects (as lead or partner)."""
    from productivity.organisations.models import Organisation

    org_ids = Participant.objects.filter(project__in=standing(projects)).values("organisation_id")
    return Organisation.objects.councils().filter(pk__in=org_ids)


def council_counts_by(projects, group: str) -> dict:
    """Distinct participating councils per initiative or workstream."""
    key = {"initiative": "project__initiative_id", "workstream": "project__initiative__workstream_id"}[group]
    rows = (
        Participant.objects.filter(project__in=standing(projects), organisation__kind="council")
        .order_by()
        .values(key)
        .annotate(councils=Count("organisation_id", distinct=True))
    )
    return {row[key]: row["councils"] for row in rows}


def project_counts_by(projects, group: str) -> dict:
    key = {"initiative": "initiative_id", "workstream": "initiative__workstream_id", "status": "status"}[group]
    rows = standing(projects).order_by().values(key).annotate(n=Count("pk"))
    return {row[key]: row["n"] for row in rows}


@dataclass
class GroupSummary:
    """What one workstream or initiative holds: projects, councils, funding and savings."""

    projects: int = 0
    councils: int = 0
    funding: Decimal = ZERO
    savings: SavingsFigures = field(default_factory=SavingsFigures)


def summaries_by(projects, group: str, basis: Basis = Basis()) -> dict[int, GroupSummary]:
    """A GroupSummary per workstream or initiative of the given projects (absent keys hold nothing)."""
    counts = project_counts_by(projects, group)
    councils = council_counts_by(projects, group)
    funding = funding_by(projects, group)
    savings = savings_by(amounts_for(projects), group, basis)
    return {
        key: GroupSummary(counts.get(key, 0), councils.get(key, 0), funding.get(key, ZERO),
                          savings.get(key, SavingsFigures()))
        for key in set(counts) | set(councils) | set(funding) | set(savings)
    }


@dataclass
class Headline:
    projects: int
    councils: int
    funding: dict[str, Decimal]
    funders: list[FunderTotal]
    savings: SavingsFigures
    verification: dict[str, Decimal]
    basis: Basis = field(default_factory=Basis)


def headline(projects, basis: Basis = Basis()) -> Headline:
    """The headline figures for a set of projects: what the home page and board papers lead with."""
    amounts = amounts_for(projects)
    return Headline(
        projects=standing(projects).count(),
        councils=participating_councils(projects).count(),
        funding=funding_totals(projects),
        funders=funding_by_funder(projects),
        savings=savings_totals(amounts, basis),
        verification=verification_breakdown(amounts, basis),
        basis=basis,
    )


def possible_double_counts(savings: Iterable[Saving] | None = None) -> dict[int, list[Saving]]:
    """Savings that another project also claims for the same council, service and financial year.

    Services are compared by their heading on the controlled list, so "Property & Assets" and
    "Property and assets" (or "Waste" and "Environmental and regulatory") are one service.

    Returns {saving id: [the other project's savings it may duplicate]} for every flagged saving.
    """
    candidates = Saving.objects.not_withdrawn() if savings is None else savings
    keys = {(s.organisation_id, service_key(s.service)) for s in candidates}
    if not keys:
        return {}
    org_ids = {org for org, _ in keys}
    pool = list(
        Saving.objects.not_withdrawn().filter(organisation_id__in=org_ids)
        .select_related("project")
        .prefetch_related("amounts")
    )
    by_key: dict[tuple, list[Saving]] = defaultdict(list)
    for saving in pool:
        by_key[(saving.organisation_id, service_key(saving.service))].append(saving)
    flagged: dict[int, list[Saving]] = {}
    for group in by_key.values():
        if len({s.project_id for s in group}) < 2:
            continue
        years = {s.pk: {a.financial_year for a in s.amounts.all()} for s in group}
        for saving in group:
            clashes = [
                other
                for other in group
                if other.project_id != saving.project_id and years[saving.pk] & years[other.pk]
            ]
            if clashes:
                flagged[saving.pk] = clashes
    wanted = {s.pk for s in candidates}
    return {pk: others for pk, others in flagged.items() if pk in wanted}


def forecast_accuracy(projects, group: str = "initiative") -> dict:
    """Realised as a share of forecast for closed projects, per initiative (or workstream)."""
    closed = projects.filter(status__in=["complete", "closed"])
    by_group = savings_by(amounts_for(closed), group)
    return {key: figures.realised_share_of_forecast for key, figures in by_group.items()}


def project_ids(projects) -> list[int]:
    return list(projects.values_list("pk", flat=True))


__all__ = [
    "Basis",
    "GroupSummary",
    "Headline",
    "Project",
    "SavingsFigures",
    "amounts_for",
    "standing",
    "awards_for",
    "council_counts_by",
    "forecast_accuracy",
    "funding_by",
    "funding_by_funder",
    "funding_totals",
    "headline",
    "participating_councils",
    "possible_double_counts",
    "project_counts_by",
    "savings_by",
    "savings_totals",
    "summaries_by",
    "verification_breakdown",
]


def project_counts_by_organisation(projects) -> dict[int, int]:
    """Projects each organisation takes part in (as lead or partner)."""
    rows = (
        Participant.objects.filter(project__in=standing(projects))
        .order_by()
        .values("organisation_id")
        .annotate(n=Count("project_id", distinct=True))
    )
    return {row["organisation_id"]: row["n"] for row in rows}


def visible_double_counts(savings, visible_projects) -> dict[int, list[Saving]]:
    """possible_double_counts for ``savings``, naming only clashing savings in ``visible_projects``.

    A clash with a project the reader cannot see is left out: naming it would tell an outsider that
    an unpublished project exists and what it claims. Those who can see both are told.
    """
    flags = possible_double_counts(list(savings))
    seen = set(visible_projects.values_list("pk", flat=True))
    visible = {pk: [other for other in others if other.project_id in seen] for pk, others in flags.items()}
    return {pk: others for pk, others in visible.items() if others}
