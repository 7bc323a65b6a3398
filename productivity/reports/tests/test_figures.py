"""A report's figures come from the roll-ups and add up to the records shown behind them."""

import datetime as dt
from decimal import Decimal

from productivity.programme import rollups
from productivity.programme.models import FundingAward, Project, Saving, SavingAmount
from productivity.reports.figures import ledger
from productivity.reports.snapshot import compute_snapshot
from productivity.reports.tests.support import draft


def _value(snapshot, key):
    return Decimal(snapshot["figures"][key]["value"])


def test_public_report_counts_only_published_records(world):
    snapshot = compute_snapshot(draft(world))
    assert _value(snapshot, "headline.projects") == 1
    assert _value(snapshot, "headline.savings.expected") == Decimal("500000")
    assert _value(snapshot, "headline.funding") == Decimal("325000")
    assert [p["reference"] for p in snapshot["projects"]] == ["ASC-001"]


def test_restricted_report_counts_what_its_author_may_see(world):
    snapshot = compute_snapshot(draft(world, restricted=True))
    assert _value(snapshot, "headline.projects") == 3
    assert _value(snapshot, "headline.savings.expected") == rollups.savings_totals(
        rollups.amounts_for(Project.objects.all())).expected


def test_figures_are_strings_and_every_sum_matches_its_records(world):
    SavingAmount.objects.create(saving=world.saving, financial_year=2012, kind="forecast", amount=Decimal("450000"))
    snapshot = compute_snapshot(draft(world, restricted=True), with_ledger=True)
    checked = 0
    for key, figure in snapshot["figures"].items():
        assert figure["value"] is None or isinstance(figure["value"], str), key
        spec = figure["records"]
        if spec and spec["total"] in {"sum", "count", "distinct"}:
            rows = ledger.select(snapshot["ledger"], spec)
            assert ledger.total(rows, spec) == Decimal(figure["value"]), key
            checked += 1
    assert checked > 40


def test_headline_split_adds_up_and_states_what_is_verified(world):
    world.realised.verification = "verified"
    world.realised.verified_by = world.programme
    world.realised.save()
    snapshot = compute_snapshot(draft(world))
    parts = [_value(snapshot, f"headline.split.expected.{state}") for state in ("verified", "unverified", "forecast")]
    assert parts == [Decimal("500000"), Decimal("0"), Decimal("0")]
    assert _value(snapshot, "headline.split.realised.verified") == Decimal("420000")


def test_reporting_date_leaves_out_later_funding_and_projects(world):
    FundingAward.objects.create(project=world.published, funder=world.dh, amount=Decimal("5000"),
                                awarded_on=dt.date(2012, 6, 1))
    snapshot = compute_snapshot(draft(world, as_at=dt.date(2012, 3, 1)))
    assert _value(snapshot, "headline.funding") == Decimal("325000")
    # The realised 2012/13 amount was recorded after the date, in a year that had not ended.
    assert _value(snapshot, "headline.savings.realised") == Decimal("0")
    assert _value(snapshot, "headline.savings.expected") == Decimal("500000")


def test_council_report_counts_that_councils_projects_and_savings(world):
    other = Saving.objects.create(project=world.published, organisation=world.council_b, title="Partner's saving",
                                  service="Transport", measure="m", owner="o")
    SavingAmount.objects.create(saving=other, financial_year=2012, kind="expected", amount=Decimal("7000"))
    snapshot = compute_snapshot(draft(world, scope="council", target=world.council_a))
    assert snapshot["scope"]["name"] == "Hampshire"
    assert _value(snapshot, "headline.savings.expected") == Decimal("500000")


def test_initiative_progress_lists_projects_with_status_and_figures(world):
    snapshot = compute_snapshot(draft(world, template="initiative-progress", scope="initiative",
                                      target=world.initiative, restricted=True))
    table = snapshot["tables"]["projects"]
    assert [row[0]["text"] for row in table["rows"]] == ["ASC-001", "ASC-002", "ASC-003"]
    assert table["rows"][0][4] == {"text": "Green"}
    assert _value(snapshot, table["rows"][0][6]["figure"]) == Decimal("500000")


def _closed(world, reference, forecast, realised, council):
    project = Project.objects.create(initiative=world.initiative, reference=reference, title=reference,
                                     status="closed", is_published=True)
    saving = Saving.objects.create(project=project, organisation=council, title="s", service=reference, measure="m",
                                   owner="o", baseline_value=Decimal("1"), baseline_date=dt.date(2011, 3, 31))
    SavingAmount.objects.create(saving=saving, financial_year=2011, kind="forecast", amount=Decimal(forecast))
    SavingAmount.objects.create(saving=saving, financial_year=2011, kind="realised", amount=Decimal(realised),
                                verification="unverified", evidence_notes="Outturn")


def test_open_forecasts_sit_beside_their_optimism_adjustment(world):
    for n in range(3):
        _closed(world, f"ASC-10{n}", "100000", "80000", world.council_a)
    SavingAmount.objects.create(saving=world.saving, financial_year=2012, kind="forecast", amount=Decimal("450000"))
    snapshot = compute_snapshot(draft(world))
    row = snapshot["tables"]["optimism"]["rows"][0]
    assert row[0] == {"text": "Adult Social Care Efficiency Programme"}
    assert _value(snapshot, row[1]["figure"]) == Decimal("450000")  # the forecast itself, unchanged
    assert _value(snapshot, row[2]["figure"]) == Decimal("0.8")
    assert _value(snapshot, row[3]["figure"]) == Decimal("360000")
    assert _value(snapshot, "headline.savings.forecast") == Decimal("750000")  # open and closed forecasts
    accuracy = snapshot["tables"]["accuracy_by_council_type"]["rows"]
    assert accuracy[0][0] == {"text": "CTY"}  # the fixture gives the type code but no name
    assert _value(snapshot, accuracy[0][3]["figure"]) == Decimal("0.8")


def test_charts_refer_to_figures_that_exist(world):
    snapshot = compute_snapshot(draft(world, restricted=True))
    for chart in snapshot["charts"].values():
        assert chart["table"] in snapshot["tables"]
        for series in chart["series"]:
            assert all(key in snapshot["figures"] for key in series["values"])
