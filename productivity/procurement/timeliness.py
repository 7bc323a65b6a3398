"""How long procurements take, in working days from the notice to the award, against the pledge's 120.

A working day is a weekday that is not a bank holiday in England and Wales (the ``holidays`` package's
United Kingdom calendar, subdivision ENG, which has the one-off days: the 2022 Platinum Jubilee and the
Queen's funeral, the 2023 coronation). The days are counted after the notice day up to and including the
award day: a notice on a Monday and an award on the next Monday took 5 working days.

A process still running is counted up to today; once past 120 it cannot comply, and is counted as late.
Competitive dialogue is flagged unless a justification is recorded (the pledge: "unless its use can be
justified"). Every figure is computed here; pages, the API and downloads call these functions.
"""

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal

import holidays
from django.utils import timezone

from productivity.procurement.models import ProcedureType

COMMITMENT_DAYS = 120


@functools.cache
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def working_days(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not after ``start``)."""
    if end <= start:
        return 0
    weeks, extra = divmod((end - start).days, 7)
    count = weeks * 5
    day = start + dt.timedelta(days=weeks * 7)
    for _ in range(extra):
        day += dt.timedelta(days=1)
        count += day.weekday() < 5
    holidays_between = sum(1 for year in range(start.year, end.year + 1) for holiday in _bank_holidays(year)
                           if start < holiday <= end and holiday.weekday() < 5)
    return count - holidays_between


@dataclass(frozen=True)
class Timing:
    """One process's working days and where it stands against the commitment."""

    days: int
    awarded: bool
    within: bool | None  # None: still running and not yet past 120
    dialogue_flagged: bool

    @property
    def state(self) -> str:
        if self.within is None:
            return "Running"
        if self.awarded:
            return "Within 120 working days" if self.within else "Over 120 working days"
        return "Running, past 120 working days"


def timing(process, today: dt.date | None = None) -> Timing:
    end = process.awarded_on or today or timezone.localdate()
    days = working_days(process.notice_on, end)
    awarded = process.awarded_on is not None
    # Running: undecided until it passes the 120 days, when it can no longer comply.
    within = days <= COMMITMENT_DAYS if awarded else (False if days > COMMITMENT_DAYS else None)
    flagged = process.procedure_type == ProcedureType.COMPETITIVE_DIALOGUE and not process.justification.strip()
    return Timing(days, awarded, within, flagged)


@dataclass
class Compliance:
    """Processes counted against the 120-day commitment: those awarded, and those running that cannot make it."""

    processes: int = 0
    decided: int = 0  # awarded, or running past 120
    within: int = 0
    running: int = 0
    dialogue_flagged: int = 0
    total_days_awarded: int = 0
    awarded: int = 0

    @property
    def share_within(self) -> Decimal | None:
        return None if not self.decided else Decimal(self.within) / Decimal(self.decided)

    @property
    def average_days(self) -> Decimal | None:
        if not self.awarded:
            return None
        return (Decimal(self.total_days_awarded) / Decimal(self.awarded)).quantize(Decimal("0.1"))

    def add(self, found: Timing) -> None:
        self.processes += 1
        self.dialogue_flagged += found.dialogue_flagged
        if found.within is None:
            self.running += 1
            return
        self.decided += 1
        self.within += bool(found.within)
        if found.awarded:
            self.awarded += 1
            self.total_days_awarded += found.days


def rollup(processes, today: dt.date | None = None) -> tuple[Compliance, dict[int, Compliance]]:
    """Compliance overall and per council (by organisation id), from one pass over ``processes``."""
    overall, by_council = Compliance(), {}
    for process in processes:
        found = timing(process, today)
        overall.add(found)
        by_council.setdefault(process.organisation_id, Compliance()).add(found)
    return overall, by_council
