"""Working days from notice to award (England and Wales bank holidays), and compliance with the 120."""

import datetime as dt

import pytest

from productivity.procurement import timeliness
from productivity.procurement.models import ProcurementProcess
from productivity.procurement.tests.factories import make_devon, make_trafford
from productivity.procurement.tests.pipeline_factories import make_process

D = dt.date


def test_a_week_is_five_working_days_and_the_notice_day_does_not_count():
    assert timeliness.working_days(D(2025, 1, 6), D(2025, 1, 13)) == 5
    assert timeliness.working_days(D(2025, 1, 6), D(2025, 1, 6)) == 0
    assert timeliness.working_days(D(2025, 1, 10), D(2025, 1, 13)) == 1  # Friday to Monday


def test_christmas_and_boxing_day_and_their_substitutes_are_not_working_days():
    # 2022: Christmas on a Sunday, so Boxing Day (Monday) and the substitute (Tuesday 27th) are holidays.
    assert timeliness.working_days(D(2022, 12, 23), D(2022, 12, 28)) == 1
    assert not timeliness.is_working_day(D(2022, 12, 27))
    # 2024: Wednesday and Thursday.
    assert timeliness.working_days(D(2024, 12, 24), D(2024, 12, 27)) == 1


def test_good_friday_and_easter_monday_are_not_working_days():
    # Easter 2024: Good Friday 29 March, Easter Monday 1 April.
    assert timeliness.working_days(D(2024, 3, 28), D(2024, 4, 2)) == 1
    assert not timeliness.is_working_day(D(2025, 4, 18)) and not timeliness.is_working_day(D(2025, 4, 21))


def test_the_one_off_bank_holidays_of_2022_and_2023_are_not_working_days():
    jubilee, funeral, coronation = D(2022, 6, 3), D(2022, 9, 19), D(2023, 5, 8)
    assert not any(timeliness.is_working_day(day) for day in (D(2022, 6, 2), jubilee, funeral, coronation))
    assert timeliness.working_days(D(2022, 6, 1), D(2022, 6, 6)) == 1  # Thursday and Friday were holidays
    assert timeliness.working_days(D(2022, 9, 16), D(2022, 9, 20)) == 1
    assert timeliness.working_days(D(2023, 5, 5), D(2023, 5, 9)) == 1
    # 2022 had 260 weekdays and 10 bank holidays on weekdays (the 1 January holiday fell on a Saturday).
    assert timeliness.working_days(D(2021, 12, 31), D(2022, 12, 31)) == 250


@pytest.mark.django_db
def test_compliance_is_counted_per_council_and_overall_from_one_rollup():
    devon, trafford = make_devon(), make_trafford()
    # Monday 6 Jan 2025 plus 24 weeks is Monday 23 June; Good Friday, Easter Monday and the two May bank
    # holidays put the 120th working day on Friday 27 June.
    on_time = make_process(devon, "D-ON-TIME", notice_on=D(2025, 1, 6), awarded_on=D(2025, 6, 27))
    make_process(devon, "D-LATE", notice_on=D(2025, 1, 6), awarded_on=D(2025, 6, 30))
    make_process(devon, "D-DIALOGUE", procedure_type="competitive_dialogue", notice_on=D(2025, 1, 6),
                 awarded_on=D(2025, 2, 3))
    make_process(trafford, "T-JUSTIFIED", procedure_type="competitive_dialogue", justification="Novel PFI scheme",
                 notice_on=D(2025, 1, 6), awarded_on=D(2025, 2, 3))
    make_process(trafford, "T-RUNNING", notice_on=D(2025, 1, 6))
    processes = list(ProcurementProcess.objects.all())
    assert timeliness.timing(on_time).days == 120 and timeliness.timing(on_time).within
    overall, by_council = timeliness.rollup(processes, today=D(2025, 3, 3))
    assert (overall.processes, overall.decided, overall.within, overall.running) == (5, 4, 3, 1)
    assert overall.dialogue_flagged == 1
    assert by_council[devon.pk].within == 2 and by_council[devon.pk].decided == 3
    assert by_council[trafford.pk].running == 1
    later, _ = timeliness.rollup(processes, today=D(2025, 12, 1))
    assert later.running == 0 and later.decided == 5 and later.within == 3
