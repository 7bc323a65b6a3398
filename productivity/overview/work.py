"""What waits for one signed-in person: the lists of their "Your work" page.

Each list reads the programme's and the reports' records through their QuerySets, scoped by ``visible_to`` or
``editable_by`` as the pages that act on them are, so a list never offers what its page would refuse.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from productivity.accounts.models import Membership, Role
from productivity.accounts.roles import editor_organisation_ids, is_programme_team, member_organisation_ids
from productivity.programme.models import AmountKind, Milestone, Project, Saving, SavingAmount
from productivity.programme.rollups_as_at import last_ended_year

# Each list shows its first rows; the page says how many more there are.
SHOWN = 25
MILESTONE_WARNING_DAYS = 30
FORECAST_STALE_MONTHS = 6


@dataclass
class WorkList:
    """The first rows of a list, and how many rows it has in all."""

    rows: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def _first(queryset, shown: int = SHOWN) -> WorkList:
    rows = list(queryset[:shown])
    total = len(rows) if len(rows) < shown else queryset.count()
    return WorkList(rows, total)


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day ``months`` calendar months earlier (the month's last day if it has fewer days)."""
    year, month_index = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month = month_index + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def my_projects(user) -> WorkList:
    """Projects that the organisations ``user`` belongs to take part in."""
    projects = (Project.objects.owned_by(member_organisation_ids(user)).not_withdrawn()
                .select_related("initiative").prefetch_related("participants__organisation"))
    return _first(projects.order_by("reference"))


def _amounts(queryset):
    """Amounts that still count (not withdrawn, nor their saving or project), in the order the lists show them."""
    return queryset.not_withdrawn().select_related("saving__project", "saving__organisation", "entered_by").order_by(
        "saving__project__reference", "saving__title", "financial_year")


def awaiting_my_verification(user) -> WorkList:
    """Realised amounts ``user`` may verify: unverified, on records they change, entered by someone else."""
    amounts = SavingAmount.objects.editable_by(user).awaiting_verification().exclude(entered_by=user)
    return _first(_amounts(amounts))


def mine_awaiting_verification(user) -> WorkList:
    """Realised amounts ``user`` entered that still wait for someone else to verify them."""
    return _first(_amounts(SavingAmount.objects.visible_to(user).awaiting_verification().filter(entered_by=user)))


def awaiting_verification_by_editors(user) -> WorkList:
    """For someone who changes nothing: their organisations' realised amounts waiting for an editor to verify."""
    if editor_organisation_ids(user) or is_programme_team(user):
        return WorkList([], 0)
    projects = Project.objects.owned_by(member_organisation_ids(user))
    return _first(_amounts(SavingAmount.objects.filter(saving__project__in=projects).awaiting_verification()))


def awaiting_evidence(user) -> WorkList:
    """Planned amounts for financial years that have ended with no realised amount recorded yet, on records
    ``user`` changes: the realised amount, with its evidence, is due. The forecast stands for the year when
    there is one, otherwise the expected amount."""
    same_year = {"saving": OuterRef("saving"), "financial_year": OuterRef("financial_year")}
    realised = SavingAmount.objects.filter(kind=AmountKind.REALISED, **same_year)
    forecast = SavingAmount.objects.filter(kind=AmountKind.FORECAST, **same_year)
    planned = (Q(kind=AmountKind.FORECAST) | (Q(kind=AmountKind.EXPECTED) & ~Exists(forecast)))
    amounts = (SavingAmount.objects.editable_by(user)
               .filter(planned, financial_year__lte=last_ended_year(), amount__gt=0)
               .exclude(Exists(realised)))
    return _first(_amounts(amounts))


@dataclass
class Milestones:
    overdue: WorkList
    due_soon: WorkList
    within_days: int = MILESTONE_WARNING_DAYS


def milestones_due(user, today: dt.date | None = None) -> Milestones:
    """Unfinished milestones on projects ``user`` changes: overdue, and due in the next 30 days."""
    today = today or timezone.localdate()
    live_projects = Project.objects.not_withdrawn()
    open_ones = (Milestone.objects.editable_by(user).filter(completed_on__isnull=True, project__in=live_projects)
                 .select_related("project").order_by("due_on", "project__reference"))
    soon = today + dt.timedelta(days=MILESTONE_WARNING_DAYS)
    return Milestones(overdue=_first(open_ones.filter(due_on__lt=today)),
                      due_soon=_first(open_ones.filter(due_on__gte=today, due_on__lte=soon)))


def stale_forecasts(user, now: dt.datetime | None = None) -> WorkList:
    """Savings ``user`` changes whose forecasts for years still to come were last updated over six months ago."""
    cutoff = months_before(now or timezone.now(), FORECAST_STALE_MONTHS)
    future = Q(amounts__kind=AmountKind.FORECAST, amounts__financial_year__gt=last_ended_year())
    last_changed = Max("amounts__updated_at", filter=future)
    savings = (Saving.objects.editable_by(user).not_withdrawn().annotate(forecast_updated=last_changed)
               .filter(forecast_updated__lt=cutoff).select_related("project", "organisation")
               .order_by("forecast_updated", "project__reference"))
    return _first(savings)


def papers_awaiting_my_clearance(user) -> WorkList:
    """Board papers submitted for clearance that ``user`` may clear (never their own)."""
    from productivity.reports import queries

    return _first(queries.papers_awaiting_clearance(user))


def organisation_admins(user) -> dict:
    """For each organisation ``user`` views but does not edit: its organisation admins, who can change that."""
    viewing = member_organisation_ids(user) - editor_organisation_ids(user)
    admins = (Membership.objects.filter(organisation_id__in=viewing, role=Role.ADMIN)
              .select_related("user", "organisation"))
    found: dict = {}
    for membership in admins:
        found.setdefault(membership.organisation, []).append(membership.user)
    return found


@dataclass
class YourWork:
    """Everything on one person's "Your work" page."""

    user: object
    projects: WorkList = field(init=False)
    to_verify: WorkList = field(init=False)
    mine_to_verify: WorkList = field(init=False)
    for_editors: WorkList = field(init=False)
    evidence_due: WorkList = field(init=False)
    milestones: Milestones = field(init=False)
    stale: WorkList = field(init=False)
    papers: WorkList = field(init=False)

    def __post_init__(self):
        user = self.user
        self.projects = my_projects(user)
        self.to_verify = awaiting_my_verification(user)
        self.mine_to_verify = mine_awaiting_verification(user)
        self.for_editors = awaiting_verification_by_editors(user)
        self.evidence_due = awaiting_evidence(user)
        self.milestones = milestones_due(user)
        self.stale = stale_forecasts(user)
        self.papers = papers_awaiting_my_clearance(user)
        self.changes_records = is_programme_team(user) or bool(editor_organisation_ids(user))
        self.is_programme_team = is_programme_team(user)
        self.viewer_admins = organisation_admins(user)
