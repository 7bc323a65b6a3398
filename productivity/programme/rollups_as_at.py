"""Figures as at a reporting date, the evidence behind them, and the programme's track record.

The board reports use these beside the current figures in rollups.py (which they build on).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone

from productivity.audit.models import AuditEntry
from productivity.core.fiscal import financial_year_of
from productivity.programme.models import (
    AmountKind,
    FundingAward,
    Project,
    ProjectStatus,
    Rag,
    Saving,
    SavingAmount,
)

# The same arithmetic as the current figures: one definition of gross, net and verified-only.
from productivity.programme.rollups import (
    GROUPS,
    KINDS,
    ZERO,
    Basis,
    SavingsFigures,
    _aggregates,
    _counted,
    _value,
    amounts_for,
    project_counts_by,
    savings_by,
    savings_totals,
    standing,
)

# Figures as at a reporting date, the evidence behind them and the programme's track record.
#
# The as-at rule (board reports): a report "as at D" shows what the records now say was true at the
# end of D. Much of the programme's history is entered after the event, so a record's own business
# date decides where it has one, and the time it was recorded decides where it has none:
# - a project counts if it had been recorded, had started or had been awarded funding by D;
# - a funding award counts if it was awarded on or before D (awards_for);
# - expected and forecast amounts are a project's plan and count with their project;
# - a realised amount counts if it was recorded by D or, when entered later, if its financial year
#   had ended by D; one verified or audited after D counts in the state it was in on D;
# - a withdrawn record (project, saving, amount or award) counts until the moment it was withdrawn;
# - a project's status and RAG rating on D are read back from the audit trail; a project recorded as
#   complete or closed with an end date after D was not yet finished on D.

CLOSED_STATUSES = ("complete", "closed")


def end_of_day(day: dt.date) -> dt.datetime:
    """The last moment of ``day`` in the platform's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def projects_as_at(projects, day: dt.date):
    """The given projects that existed at the end of ``day`` (see the as-at rule above)."""
    funded = FundingAward.objects.filter(awarded_on__lte=day).values("project_id")
    existed = projects.filter(Q(created_at__lte=end_of_day(day)) | Q(start_date__lte=day) | Q(pk__in=funded))
    return standing(existed, day)


def _last_ended_year(day: dt.date) -> int:
    year = financial_year_of(day)
    return year if (day.month, day.day) == (3, 31) else year - 1


def amounts_as_at(amounts, day: dt.date):
    """The given saving amounts as the records stood at the end of ``day`` (see the as-at rule above)."""
    return standing(amounts, day).filter(
        ~Q(kind=AmountKind.REALISED)
        | Q(created_at__lte=end_of_day(day))
        | Q(financial_year__lte=_last_ended_year(day))
    )


def last_ended_year(day: dt.date | None = None) -> int:
    """The last financial year that had ended by the end of ``day`` (today, if None)."""
    return _last_ended_year(day or timezone.localdate())


def amounts_in_ended_years(amounts, day: dt.date | None = None):
    """The given amounts for financial years that had ended by ``day``: a track record compares like with
    like, so a year still under way (nothing realised yet) does not read as a shortfall."""
    return amounts.filter(financial_year__lte=last_ended_year(day))


def verification_state(verification: str, verified_at, audited_at, as_at: dt.date | None = None) -> str:
    """A realised amount's verification state at the end of ``as_at`` (now, if None)."""
    if as_at is None:
        return verification
    end = end_of_day(as_at)
    if verification == "audited" and (audited_at is None or audited_at <= end):
        return "audited"
    if verification in {"verified", "audited"} and (verified_at is None or verified_at <= end):
        return "verified"
    return "unverified"


@dataclass
class EvidenceSplit:
    """How much of a figure is realised and verified (or audited), realised but unverified, or still forecast."""

    verified: Decimal = ZERO
    unverified: Decimal = ZERO
    forecast: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.verified + self.unverified + self.forecast


def evidence_states(amounts, as_at: dt.date | None = None) -> list[dict]:
    """Each amount with ``state``: verified, unverified or forecast (see evidence_split)."""
    rows = list(
        standing(amounts, as_at).order_by().values(
            "pk", "saving_id", "financial_year", "kind", "amount", "delivery_cost", "saving__is_disbenefit",
            "verification", "verified_at", "audited_at",
        )
    )
    realised = {}
    for row in rows:
        if row["kind"] == AmountKind.REALISED:
            state = verification_state(row["verification"], row["verified_at"], row["audited_at"], as_at)
            realised[(row["saving_id"], row["financial_year"])] = "unverified" if state == "unverified" else "verified"
    for row in rows:
        row["state"] = realised.get((row["saving_id"], row["financial_year"]), "forecast")
    return rows


def _verified_by(as_at: dt.date | None) -> Q:
    """Realised amounts that were verified or audited by the end of ``as_at`` (now, if None)."""
    if as_at is None:
        return Q(verification__in=["verified", "audited"])
    end = end_of_day(as_at)
    return (Q(verification__in=["verified", "audited"]) & (Q(verified_at__isnull=True) | Q(verified_at__lte=end))) | (
        Q(verification="audited") & (Q(audited_at__isnull=True) | Q(audited_at__lte=end)))


def evidence_split(amounts, net: bool = False, as_at: dt.date | None = None) -> dict[str, EvidenceSplit]:
    """For the expected, forecast and realised totals: how much is verified, unverified or still forecast.

    A planned amount (expected or forecast) takes the state of the realised amount recorded for the
    same saving and year, if there is one; each split adds up to savings_totals on the same basis
    (with every realised amount counted, verified or not). Computed in one grouped query.
    """
    realised = SavingAmount.objects.filter(saving=OuterRef("saving"), financial_year=OuterRef("financial_year"),
                                           kind=AmountKind.REALISED)
    if as_at is not None:
        # A realised amount that did not yet exist on the date cannot lend its state to a plan.
        realised = amounts_as_at(realised, as_at)
    state = Case(
        When(Exists(realised.filter(_verified_by(as_at))), then=Value("verified")),
        When(Exists(realised), then=Value("unverified")),
        default=Value("forecast"),
    )
    rows = standing(amounts).order_by().annotate(state=state).values("kind", "state").annotate(**_aggregates())
    result = {kind: EvidenceSplit() for kind in KINDS}
    for row in rows:
        setattr(result[row["kind"]], row["state"], _value(row, Basis(net=net)))
    return result


def savings_by_groups(amounts, groups: tuple[str, ...], basis: Basis = Basis()) -> dict:
    """Totals per combination of group keys, e.g. ("workstream", "financial_year"): {(ws, year): SavingsFigures}."""
    keys = [GROUPS[group] for group in groups]
    result: dict = defaultdict(SavingsFigures)
    rows = _counted(amounts, basis).order_by().values(*keys, "kind").annotate(**_aggregates())
    for row in rows:
        setattr(result[tuple(row[key] for key in keys)], row["kind"], _value(row, basis))
    return dict(result)


def _label_to_value(choices) -> dict[str, str]:
    return {str(label): value for value, label in choices}


def project_states_as_at(projects, day: dt.date) -> dict[int, dict[str, str]]:
    """Each project's status and RAG rating as they stood at the end of ``day``.

    Changes recorded in the audit trail after ``day`` are undone; a project recorded later keeps the
    values it was first recorded with, except that one due to end after ``day`` was not yet complete or closed.
    """
    states = {pk: {"status": status, "rag": rag} for pk, status, rag in projects.values_list("pk", "status", "rag")}
    # The audit trail stores choice labels for people to read; map them back to the stored values.
    values = {"status": _label_to_value(ProjectStatus.choices), "rag": _label_to_value(Rag.choices)}
    settled: set[tuple[int, str]] = set()
    later = (
        AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(Project), at__gt=end_of_day(day))
        .order_by("at", "pk")
        .values_list("object_id", "action", "changes")
    )
    for object_id, action, changes in later.iterator():
        pk = int(object_id)
        if pk not in states or action == "delete":
            continue
        for name in ("status", "rag"):
            if (pk, name) in settled or (action == "update" and name not in changes):
                continue
            recorded = changes.get(name, [None, None])[0 if action == "update" else 1]
            states[pk][name] = values[name].get(recorded, recorded or "")
            settled.add((pk, name))
    _reopen_unfinished(projects, states, day)
    return states


def _reopen_unfinished(projects, states: dict[int, dict[str, str]], day: dt.date) -> None:
    """A project entered after the event as complete or closed had not finished before its end date:
    on ``day`` it was under way if it had started, funded if it had funding, else selected."""
    closing = [pk for pk, state in states.items() if state["status"] in CLOSED_STATUSES]
    if not closing:
        return
    unfinished = projects.filter(pk__in=closing, end_date__gt=day).values_list("pk", "start_date")
    funded = set(FundingAward.objects.filter(project__in=projects, awarded_on__lte=day).values_list(
        "project_id", flat=True))
    for pk, start_date in unfinished:
        if start_date is not None and start_date <= day:
            states[pk]["status"] = ProjectStatus.IMPLEMENTING.value
        else:
            states[pk]["status"] = (ProjectStatus.FUNDED if pk in funded else ProjectStatus.SELECTED).value


def closed_as_at(projects, day: dt.date):
    """The given projects that were complete or closed at the end of ``day``."""
    states = project_states_as_at(projects, day)
    return projects.filter(pk__in=[pk for pk, state in states.items() if state["status"] in CLOSED_STATUSES])


@dataclass
class TrackRecord:
    """Realised savings as a share of forecast for a set of closed projects."""

    level: str  # "initiative", "workstream" or "programme"
    key: int | None
    projects: int
    forecast: Decimal
    realised: Decimal

    @property
    def ratio(self) -> Decimal | None:
        return (self.realised / self.forecast) if self.forecast else None


@dataclass
class TrackRecords:
    by_initiative: dict[int, TrackRecord]
    by_workstream: dict[int, TrackRecord]
    programme: TrackRecord
    min_projects: int = 3

    def comparable(self, initiative_id: int | None, workstream_id: int | None) -> TrackRecord | None:
        """The nearest track record built on at least ``min_projects`` closed projects with a forecast."""
        candidates = [self.by_initiative.get(initiative_id), self.by_workstream.get(workstream_id), self.programme]
        for record in candidates:
            if record is not None and record.ratio is not None and record.projects >= self.min_projects:
                return record
        return None


def track_records(closed_projects, min_projects: int = 3, as_at: dt.date | None = None) -> TrackRecords:
    """The programme's track record from closed projects, per initiative, per workstream and overall.

    Like is compared with like: only financial years that had ended by the reporting date (today if none)
    count, so a year still under way does not read as a shortfall. With no such years there is no track
    record, and so no adjustment.
    """
    last_year = last_ended_year(as_at)
    with_forecast = closed_projects.filter(
        savings__amounts__kind=AmountKind.FORECAST, savings__amounts__financial_year__lte=last_year
    ).distinct()
    amounts = amounts_in_ended_years(amounts_for(closed_projects), as_at)
    if as_at is not None:
        amounts = amounts_as_at(amounts, as_at)

    def records(level: str) -> dict[int, TrackRecord]:
        counts = project_counts_by(with_forecast, level)
        return {
            key: TrackRecord(level, key, counts.get(key, 0), figures.forecast, figures.realised)
            for key, figures in savings_by(amounts, level).items()
        }

    totals = savings_totals(amounts)
    overall = TrackRecord("programme", None, with_forecast.count(), totals.forecast, totals.realised)
    return TrackRecords(records("initiative"), records("workstream"), overall, min_projects)


def optimism_adjusted(forecast: Decimal, record: TrackRecord | None) -> Decimal | None:
    """``forecast`` scaled by a track record's realised/forecast ratio: shown beside a forecast, never instead."""
    if record is None or record.ratio is None:
        return None
    return (forecast * record.ratio).quantize(Decimal("0.01"))


def withdrawn_between(projects, after: dt.date, by: dt.date) -> list[dict]:
    """Records of ``projects`` (and the projects) withdrawn after the end of ``after`` and by the end of ``by``:
    what a board paper lists under "changes since" the previous one. Oldest first."""
    window = {"withdrawn_at__gt": end_of_day(after), "withdrawn_at__lte": end_of_day(by)}
    found = [(p.withdrawn_at, "Project", str(p), p.reference, p.withdrawal_reason)
             for p in projects.filter(**window)]
    for model, kind, project_path in ((Saving, "Saving", "project"), (FundingAward, "Funding award", "project"),
                                      (SavingAmount, "Saving amount", "saving__project")):
        rows = model.objects.filter(**{f"{project_path}__in": projects}, **window).select_related(project_path)
        for row in rows:
            project = row.saving.project if model is SavingAmount else row.project
            label = f"{row.saving.title}, {row}" if model is SavingAmount else str(row)
            found.append((row.withdrawn_at, kind, label, project.reference, row.withdrawal_reason))
    return [{"kind": kind, "label": label, "project": reference, "reason": reason,
             "withdrawn_on": timezone.localtime(at).date().isoformat()}
            for at, kind, label, reference, reason in sorted(found, key=lambda item: item[0])]
