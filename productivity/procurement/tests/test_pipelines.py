"""Pipelines: the five-year view, review and staleness, OCDS exports that validate, UK1, import and export."""

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from productivity.procurement import ocds, pipeline_exports, pipelines, uk1
from productivity.procurement.importers.pipeline import spend_profile
from productivity.procurement.models import PlannedProcurement, PlannedSpend
from productivity.procurement.pipeline_queries import PlanKept
from productivity.procurement.tests.factories import make_devon
from productivity.procurement.tests.pipeline_factories import make_pipeline, make_plan

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[3] / "data" / "ocds" / "ocds-213czf-000-00001.json"


@pytest.fixture
def devon_pipeline(db):
    devon = make_devon()
    pipeline = make_pipeline(devon, published=True, reviewed=dt.date.today())
    year = pipelines.this_financial_year()
    make_plan(pipeline, "DCC-1", value="2500000", high="4000000", tender_on=dt.date(year, 7, 1),
              profile={year: "1000000", year + 1: "1500000"}, suitable_for_sme=True, category="Construction")
    make_plan(pipeline, "DCC-2", value="150000", profile={year + 2: "150000"}, suitable_for_vcse=True)
    return pipeline


def test_the_five_year_view_sums_the_spend_profiles_of_live_plans(devon_pipeline):
    year = pipelines.this_financial_year()
    withdrawn = make_plan(devon_pipeline, "DCC-3", value="900000", profile={year: "900000"})
    from productivity.procurement import pipeline_services
    pipeline_services.withdraw(withdrawn, "Brought in house")
    view = pipelines.year_view(PlannedSpend.objects.all(), pipelines.window())
    assert view.amounts() == [Decimal("1000000.00"), Decimal("1500000.00"), Decimal("150000.00"), 0, 0]
    assert view.total == Decimal("2650000.00")
    withdrawn.refresh_from_db()
    assert withdrawn.status == "withdrawn" and withdrawn.withdrawal_reason == "Brought in house"


def test_a_plan_is_never_deleted(devon_pipeline):
    with pytest.raises(PlanKept):
        PlannedProcurement.objects.all().delete()


def test_a_pipeline_goes_stale_six_months_after_its_review(devon_pipeline):
    devon_pipeline.last_reviewed_on = dt.date(2026, 2, 28)
    fresh = pipelines.review(devon_pipeline, today=dt.date(2026, 8, 28))
    stale = pipelines.review(devon_pipeline, today=dt.date(2026, 8, 29))
    assert fresh.due_on == dt.date(2026, 8, 28) and not fresh.stale
    assert stale.stale and "overdue" in stale.label
    devon_pipeline.last_reviewed_on = None
    assert pipelines.review(devon_pipeline).stale


def test_the_real_ocds_example_validates_and_a_broken_one_says_where(db):
    example = json.loads(EXAMPLE.read_text())
    assert ocds.problems(example) == []
    example["releases"][0]["tender"]["status"] = "pencilled in"
    del example["publisher"]
    found = ocds.problems(example)
    assert any("publisher" in reason for reason in found)
    assert any(reason.startswith("releases/0/tender/status") for reason in found)


def test_the_ocds_export_is_a_valid_planning_package_like_the_example(devon_pipeline):
    package = json.loads(pipeline_exports.ocds_text(devon_pipeline.organisation,
                                                    pipeline_exports.plans_of(devon_pipeline)))
    assert ocds.problems(package) == []
    example = json.loads(EXAMPLE.read_text())["releases"][0]
    first = package["releases"][0]
    assert first["tag"] == example["tag"] == ["planning"]
    assert first["tender"]["status"] == example["tender"]["status"] == "planned"
    assert first["buyer"]["name"] == "Devon"
    year = pipelines.this_financial_year()
    breakdown = first["planning"]["budget"]["budgetBreakdown"]
    assert [(b["id"], b["amount"]["amount"]) for b in breakdown] == [
        (pipelines.year_label(year), 1000000), (pipelines.year_label(year + 1), 1500000)]
    assert breakdown[0]["period"]["startDate"] == f"{year}-04-01T00:00:00Z"
    assert first["tender"]["minValue"]["amount"] == 2500000 and first["tender"]["value"]["amount"] == 4000000
    assert first["tender"]["suitability"] == {"sme": True, "vcse": False}
    assert package["releases"][1]["tender"]["suitability"] == {"sme": False, "vcse": True}


def test_an_export_that_would_not_validate_is_refused_with_the_reasons(devon_pipeline, monkeypatch):
    monkeypatch.setitem(ocds.TENDER_STATUS, "planned", "pencilled in")
    with pytest.raises(ocds.ExportRefused) as refused:
        pipeline_exports.ocds_text(devon_pipeline.organisation, pipeline_exports.plans_of(devon_pipeline))
    assert any("tender/status" in reason for reason in refused.value.reasons)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("export_pipeline", "--publisher", "E10000008", "--format", "ocds", stdout=io.StringIO(),
                     stderr=err)
    assert "pencilled in" in err.getvalue()


def test_export_pipeline_writes_ocds_and_csv_to_standard_output(devon_pipeline):
    out = io.StringIO()
    call_command("export_pipeline", "--publisher", "E10000008", "--format", "ocds", stdout=out)
    assert ocds.problems(json.loads(out.getvalue())) == []
    out = io.StringIO()
    call_command("export_pipeline", "--publisher", "E10000008", "--format", "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Reference,Title,Description,Category")
    assert "DCC-1" in lines[1] and "1,000,000.00" in lines[1]


def test_the_csv_download_imports_again_changing_nothing(devon_pipeline, tmp_path):
    path = tmp_path / "pipeline.csv"
    path.write_text(pipeline_exports.csv_text(pipeline_exports.plans_of(devon_pipeline)))
    out = io.StringIO()
    call_command("import_file", "--kind", "pipeline", "--publisher", "E10000008", str(path), stdout=out)
    assert out.getvalue().strip().splitlines()[-1].startswith("imported=0 unchanged=2")


def test_a_pipeline_file_with_problems_saves_nothing_and_names_row_and_column(db, tmp_path):
    make_devon()
    path = tmp_path / "plans.csv"
    path.write_text("Reference,Title,Estimated value,Confidence,Spend profile\n"
                    "A-1,Roads,2000000,High,2026/27: 1000000\n"
                    "A-2,Parks,lots,Middling,2026: 5\n"
                    "A-1,Roads again,100,Low,\n")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_file", "--kind", "pipeline", "--publisher", "E10000008", str(path), stdout=out,
                     stderr=err)
    text = err.getvalue()
    assert "row 3" in text and "Estimated value" in text and "Confidence" in text and "Spend profile" in text
    assert "also on row 2" in text
    assert PlannedProcurement.objects.count() == 0


def test_spend_profiles_are_read_as_written():
    assert spend_profile("2026/27: 1,000,000; 2027-28: £500.50") == {2026: Decimal("1000000.00"),
                                                                      2027: Decimal("500.50")}
    for bad in ("2026: 5", "2026/27 1000", "2026/27: 1; 2026/27: 2", "2026/27: -5"):
        with pytest.raises(ValueError):
            spend_profile(bad)


def test_uk1_includes_live_plans_over_two_million_tendered_in_the_eighteen_months(devon_pipeline):
    year = 2026
    pipeline = devon_pipeline
    make_plan(pipeline, "IN-EDGE", value="2000001", tender_on=dt.date(2027, 9, 30))
    make_plan(pipeline, "OUT-LATE", value="9000000", tender_on=dt.date(2027, 10, 1))
    make_plan(pipeline, "OUT-SMALL", value="2000000", tender_on=dt.date(2026, 6, 1))
    make_plan(pipeline, "NO-DATE", value="5000000")
    make_plan(pipeline, "AWARDED", value="5000000", tender_on=dt.date(2026, 6, 1), status="awarded")
    plans = pipelines.plans_with_spend(PlannedProcurement.objects.filter(pipeline=pipeline))
    notice = uk1.check(pipeline, plans, year)
    by_ref = {v.plan.reference: v.outcome for v in notice.verdicts}
    assert by_ref["IN-EDGE"] == uk1.IN and by_ref["OUT-LATE"] == uk1.OUT and by_ref["OUT-SMALL"] == uk1.OUT
    assert by_ref["NO-DATE"] == uk1.UNPLACED and by_ref["AWARDED"] == uk1.OUT
    assert (notice.period_start, notice.period_end, notice.publish_by) == (
        dt.date(2026, 4, 1), dt.date(2027, 9, 30), dt.date(2026, 5, 26))


def test_uk1_is_required_from_the_expected_spend(devon_pipeline):
    year = pipelines.this_financial_year()
    plans = list(pipelines.plans_with_spend(PlannedProcurement.objects.all()))
    assert uk1.check(devon_pipeline, plans, year).required is None
    devon_pipeline.expected_spend, devon_pipeline.expected_spend_year = Decimal("100000000.01"), year
    assert uk1.check(devon_pipeline, plans, year).required is True
    devon_pipeline.expected_spend = Decimal("100000000")
    assert uk1.check(devon_pipeline, plans, year).required is False
