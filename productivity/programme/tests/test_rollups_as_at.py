"""The as-at rule where records were entered after the event: plans, closures and the years compared."""

import datetime as dt
from decimal import Decimal

from productivity.programme import rollups, rollups_as_at
from productivity.programme.models import FundingAward, Project, SavingAmount

MARCH_2012 = dt.date(2012, 3, 1)


def test_a_plan_is_not_realised_on_a_date_before_its_realised_amount_counted(world):
    # The 2012/13 realised amount was recorded today: on 1 March 2012 it did not exist, so the
    # expected amount for that year was still a plan, not "realised but not yet verified".
    amounts = rollups_as_at.amounts_as_at(
        rollups.amounts_for(Project.objects.filter(pk=world.published.pk)), MARCH_2012
    )
    split = rollups_as_at.evidence_split(amounts, as_at=MARCH_2012)["expected"]
    assert (split.verified, split.unverified, split.forecast) == (Decimal("0"), Decimal("0"), Decimal("500000"))
    # The ledger's per-row states agree with the split.
    assert {row["state"] for row in rollups_as_at.evidence_states(amounts, MARCH_2012)} == {"forecast"}
    # Once 2012/13 had ended, the realised amount counts and the plan takes its state.
    later = rollups_as_at.evidence_split(amounts, as_at=dt.date(2013, 4, 1))["expected"]
    assert later.unverified == Decimal("500000")


def test_a_project_entered_as_complete_was_not_finished_before_its_end_date(world):
    # Entered today, after the event, as complete; funded on 15 January 2012.
    project = Project.objects.create(
        initiative=world.initiative,
        reference="ASC-010",
        title="Telecare",
        status="complete",
        start_date=dt.date(2012, 4, 2),
        end_date=dt.date(2013, 3, 31),
    )
    FundingAward.objects.create(
        project=project, funder=world.dh, amount=Decimal("1000"), awarded_on=dt.date(2012, 1, 15)
    )
    projects = Project.objects.filter(pk=project.pk)
    assert rollups_as_at.project_states_as_at(projects, MARCH_2012)[project.pk]["status"] == "funded"
    assert rollups_as_at.project_states_as_at(projects, dt.date(2012, 6, 1))[project.pk]["status"] == "implementing"
    assert rollups_as_at.project_states_as_at(projects, dt.date(2013, 3, 31))[project.pk]["status"] == "complete"
    assert not rollups_as_at.closed_as_at(projects, dt.date(2012, 6, 1)).exists()
    assert rollups_as_at.closed_as_at(projects, dt.date(2013, 4, 1)).exists()
    # Not funded and not started by the date: it had only been selected.
    unfunded = Project.objects.create(
        initiative=world.initiative,
        reference="ASC-011",
        title="Reviews",
        status="closed",
        end_date=dt.date(2013, 3, 31),
    )
    states = rollups_as_at.project_states_as_at(Project.objects.filter(pk=unfunded.pk), MARCH_2012)
    assert states[unfunded.pk]["status"] == "selected"


def test_a_financial_year_has_ended_at_the_end_of_31_march():
    assert rollups_as_at.last_ended_year(dt.date(2013, 3, 30)) == 2011
    assert rollups_as_at.last_ended_year(dt.date(2013, 3, 31)) == 2012
    assert rollups_as_at.last_ended_year(dt.date(2013, 4, 1)) == 2012


def test_track_record_on_31_march_counts_the_year_ending_that_day(world):
    Project.objects.filter(pk=world.published.pk).update(status="closed")
    SavingAmount.objects.create(saving=world.saving, financial_year=2012, kind="forecast", amount=Decimal("400000"))
    closed = Project.objects.filter(pk=world.published.pk)
    record = rollups_as_at.track_records(closed, min_projects=1, as_at=dt.date(2013, 3, 31)).comparable(
        world.initiative.pk, world.workstream.pk
    )
    assert record is not None and record.ratio == Decimal("420000") / Decimal("400000")
    assert (
        rollups_as_at.track_records(closed, min_projects=1, as_at=dt.date(2013, 3, 30)).comparable(
            world.initiative.pk, world.workstream.pk
        )
        is None
    )
