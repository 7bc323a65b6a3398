"""Roll-ups the board reports need: figures as at a date, the evidence split and the track record."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from productivity.audit.models import AuditEntry
from productivity.programme import rollups, rollups_as_at
from productivity.programme.models import FundingAward, Initiative, Project, Saving, SavingAmount

MARCH_2012 = dt.date(2012, 3, 1)
ZERO = Decimal("0.00")


def _refs(projects):
    return set(projects.values_list("reference", flat=True))


def test_a_project_counts_as_at_a_date_once_started_funded_or_recorded(world):
    # All three were recorded today; only ASC-001 had been funded by March 2012.
    assert _refs(rollups_as_at.projects_as_at(Project.objects.all(), MARCH_2012)) == {"ASC-001"}
    world.project_b.start_date = dt.date(2011, 6, 1)
    world.project_b.save()
    assert _refs(rollups_as_at.projects_as_at(Project.objects.all(), MARCH_2012)) == {"ASC-001", "ASC-003"}
    assert _refs(rollups_as_at.projects_as_at(Project.objects.all(), timezone.localdate())) == {
        "ASC-001",
        "ASC-002",
        "ASC-003",
    }


def test_funding_awarded_after_the_date_is_left_out(world):
    FundingAward.objects.create(
        project=world.published, funder=world.dh, amount=Decimal("1000"), awarded_on=dt.date(2012, 3, 2)
    )
    projects = Project.objects.filter(pk=world.published.pk)
    assert rollups.funding_totals(projects, as_at=MARCH_2012)["all"] == Decimal("325000")
    assert rollups.funding_totals(projects)["all"] == Decimal("326000")
    by_funder = {f.funder_slug: f.total for f in rollups.funding_by_funder(projects, as_at=MARCH_2012)}
    assert by_funder == {"dh": Decimal("300000"), "lga": Decimal("25000")}


def test_realised_amounts_recorded_later_count_only_once_their_year_had_ended(world):
    amounts = rollups.amounts_for(Project.objects.filter(pk=world.published.pk))
    in_march = rollups.savings_totals(rollups_as_at.amounts_as_at(amounts, MARCH_2012))
    assert (in_march.expected, in_march.realised) == (Decimal("500000"), Decimal("0"))
    # The realised amount is for 2012/13, which ended on 31 March 2013.
    assert rollups.savings_totals(rollups_as_at.amounts_as_at(amounts, dt.date(2013, 3, 30))).realised == Decimal("0")
    assert rollups.savings_totals(rollups_as_at.amounts_as_at(amounts, dt.date(2013, 3, 31))).realised == Decimal(
        "420000"
    )


def test_verification_steps_back_when_it_happened_after_the_date():
    later = timezone.make_aware(dt.datetime(2013, 5, 1, 10))
    assert rollups_as_at.verification_state("verified", later, None, dt.date(2013, 4, 30)) == "unverified"
    assert rollups_as_at.verification_state("verified", later, None, dt.date(2013, 5, 1)) == "verified"
    assert rollups_as_at.verification_state("audited", None, later, dt.date(2013, 4, 30)) == "verified"
    assert rollups_as_at.verification_state("audited", None, None, dt.date(2013, 4, 30)) == "audited"


def test_evidence_split_adds_up_to_each_headline_figure(world):
    amounts = rollups.amounts_for(Project.objects.all())
    split = rollups_as_at.evidence_split(amounts)
    totals = rollups.savings_totals(amounts)
    # 500,000 expected for 2012/13 has an unverified realised amount; 999,999 for 2013/14 has none.
    assert split["expected"] == rollups_as_at.EvidenceSplit(ZERO, Decimal("500000"), Decimal("999999"))
    assert split["realised"] == rollups_as_at.EvidenceSplit(ZERO, Decimal("420000"), ZERO)
    assert split["expected"].total == totals.expected
    world.realised.verification = "verified"
    world.realised.verified_by = world.programme
    world.realised.verified_at = timezone.now()
    world.realised.save()
    split = rollups_as_at.evidence_split(amounts)
    assert split["expected"].verified == Decimal("500000")
    assert split["realised"].verified == Decimal("420000")
    # As at a day before it was verified, it was not.
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    assert rollups_as_at.evidence_split(amounts, as_at=yesterday)["expected"].unverified == Decimal("500000")


def test_net_evidence_split_matches_net_totals(world):
    world.realised.delivery_cost = Decimal("20000")
    world.realised.save()
    amounts = rollups.amounts_for(Project.objects.all())
    net = rollups_as_at.evidence_split(amounts, net=True)
    assert net["realised"].total == rollups.savings_totals(amounts, rollups.Basis(net=True)).realised


def test_status_and_rag_as_at_a_date_are_read_back_from_the_audit_trail(world):
    # Pretend ASC-003 was recorded in January 2012; it went red and closed today.
    AuditEntry.objects.filter(object_id=str(world.project_b.pk), action="create", content_type__model="project").update(
        at=timezone.make_aware(dt.datetime(2012, 1, 10, 9))
    )
    world.project_b.status = "closed"
    world.project_b.rag = "red"
    world.project_b.save()
    projects = Project.objects.filter(pk=world.project_b.pk)
    assert rollups_as_at.project_states_as_at(projects, MARCH_2012)[world.project_b.pk] == {
        "status": "implementing",
        "rag": "amber",
    }
    assert rollups_as_at.project_states_as_at(projects, timezone.localdate())[world.project_b.pk] == {
        "status": "closed",
        "rag": "red",
    }
    assert not rollups_as_at.closed_as_at(projects, MARCH_2012).exists()
    assert rollups_as_at.closed_as_at(projects, timezone.localdate()).exists()


def test_a_project_recorded_after_the_date_keeps_its_first_recorded_values(world):
    world.published.rag = "red"
    world.published.save()
    states = rollups_as_at.project_states_as_at(Project.objects.filter(pk=world.published.pk), MARCH_2012)
    assert states[world.published.pk] == {"status": "funded", "rag": "green"}


def _closed_project(initiative, council, reference, forecast, realised):
    project = Project.objects.create(initiative=initiative, reference=reference, title=reference, status="closed")
    saving = Saving.objects.create(
        project=project,
        organisation=council,
        title="t",
        service=reference,
        measure="m",
        owner="o",
        baseline_value=Decimal("1"),
        baseline_date=dt.date(2011, 3, 31),
    )
    SavingAmount.objects.create(saving=saving, financial_year=2012, kind="forecast", amount=Decimal(forecast))
    SavingAmount.objects.create(
        saving=saving,
        financial_year=2012,
        kind="realised",
        amount=Decimal(realised),
        verification="unverified",
        evidence_notes="Ledger",
    )
    return project


def test_track_record_uses_the_nearest_group_with_enough_closed_projects(world):
    other = Initiative.objects.create(workstream=world.workstream, name="Other", slug="other")
    for n in range(3):
        _closed_project(other, world.council_a, f"OTH-{n}", "100000", "60000")
    _closed_project(world.initiative, world.council_b, "ASC-9", "100000", "90000")
    records = rollups_as_at.track_records(Project.objects.filter(status="closed"))
    # The adult social care initiative has one closed project: too few, so the workstream's record is used.
    record = records.comparable(world.initiative.pk, world.workstream.pk)
    assert (record.level, record.projects) == ("workstream", 4)
    assert record.ratio == Decimal("270000") / Decimal("400000")
    assert records.comparable(other.pk, world.workstream.pk).ratio == Decimal("0.6")
    assert rollups_as_at.optimism_adjusted(Decimal("1000"), record) == Decimal("675.00")
    assert rollups_as_at.optimism_adjusted(Decimal("1000"), None) is None


def test_no_track_record_without_closed_projects(world):
    records = rollups_as_at.track_records(Project.objects.filter(status="closed"))
    assert records.comparable(world.initiative.pk, world.workstream.pk) is None


def test_track_record_counts_only_financial_years_that_had_ended(world):
    for n in range(3):
        _closed_project(world.initiative, world.council_a, f"DONE-{n}", "100000", "0")
    closed = Project.objects.filter(status="closed")
    # On 1 June 2012 the 2012/13 year is under way: nothing realised yet is not a shortfall.
    during = rollups_as_at.track_records(closed, as_at=dt.date(2012, 6, 1))
    assert during.comparable(world.initiative.pk, world.workstream.pk) is None
    # Once 2012/13 has ended, the same records do make a track record.
    after = rollups_as_at.track_records(closed, as_at=dt.date(2013, 6, 1))
    assert after.comparable(world.initiative.pk, world.workstream.pk).ratio == Decimal("0")


def test_savings_by_workstream_and_year(world):
    by_pair = rollups_as_at.savings_by_groups(
        rollups.amounts_for(Project.objects.all()), ("workstream", "financial_year")
    )
    assert by_pair[(world.workstream.pk, 2012)].expected == Decimal("500000")
    assert by_pair[(world.workstream.pk, 2013)].expected == Decimal("999999")
    by_type = rollups.savings_by(rollups.amounts_for(Project.objects.all()), "council_type")
    assert by_type["CTY"].realised == Decimal("420000")
