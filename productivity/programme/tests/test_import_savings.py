"""Importing savings and their amounts: benefits-register rules hold, re-imports change nothing."""

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

from productivity.imports.registry import get as registered
from productivity.programme import services
from productivity.programme.models import Saving, SavingAmount

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def run(user, name: str, *, content: bytes | None = None):
    importer = registered("savings").importer(user, filename=name)
    if content is not None:
        return importer.run(io.BytesIO(content))
    with (FIXTURES / name).open("rb") as handle:
        return importer.run(handle)


def amount(title: str, year: int, kind: str) -> SavingAmount:
    return SavingAmount.objects.get(saving__title=title, financial_year=year, kind=kind)


@pytest.mark.django_db
def test_messy_savings_file_imports_with_every_rule_kept(world):
    result = run(world.editor_a, "savings_messy.csv")

    assert result.problems == []
    assert result.rows == 4
    assert dict(result.outcome.counts) == {
        "Savings created": 1, "Savings updated": 0, "Savings unchanged": 1,
        "Amounts created": 4, "Amounts updated": 0, "Amounts unchanged": 0,
        # The file's 2013/14 amount puts a claim beside Hampshire's draft ASC-002, which its editor can see.
        "Possible double counting with another project's saving": 1,
    }
    assert result.outcome.warnings == [
        "Possible double counting: ASC-001 'Fewer residential placements' and ASC-002 'Secret saving' both claim "
        "Adult social care savings for Hampshire in 2013/14"]
    saving = Saving.objects.get(title="Shared telecare contract")
    assert (saving.project, saving.organisation) == (world.published, world.council_a)
    assert (saving.benefit_class, saving.recurrence, saving.is_disbenefit) == ("non_cashable", "recurring", False)
    assert (saving.baseline_value, saving.baseline_date) == (Decimal("120000.00"), dt.date(2012, 4, 1))
    assert saving.created_by == world.editor_a
    expected = amount("Shared telecare contract", 2012, "expected")
    assert (expected.amount, expected.delivery_cost) == (Decimal("1234.50"), Decimal("100.00"))
    assert amount("Shared telecare contract", 2012, "forecast").amount == Decimal("1234.00")
    realised = amount("Shared telecare contract", 2012, "realised")
    assert (realised.amount, realised.verification, realised.entered_by) == (
        Decimal("1000.00"), "unverified", world.editor_a)
    assert realised.evidence_notes == "Invoice comparison 2011/12 to 2012/13"
    assert amount("Fewer residential placements", 2013, "expected").amount == Decimal("600000.00")
    assert result.outcome.changed == ["ASC-001"]


@pytest.mark.django_db
def test_reimporting_changes_nothing_and_keeps_verification(world):
    run(world.editor_a, "savings_messy.csv")
    realised = amount("Shared telecare contract", 2012, "realised")
    services.verify_amount(realised, world.programme)

    again = run(world.editor_a, "savings_messy.csv")

    assert dict(again.outcome.counts) == {
        "Savings created": 0, "Savings updated": 0, "Savings unchanged": 2,
        "Amounts created": 0, "Amounts updated": 0, "Amounts unchanged": 4,
    }
    realised.refresh_from_db()
    assert realised.verification == "verified"


@pytest.mark.django_db
def test_changing_a_realised_amount_sends_it_back_to_unverified(world):
    services.verify_amount(world.realised, world.programme)
    content = ("Project reference,Council code,Saving title,Financial year,Kind,Amount,Evidence notes\n"
               "ASC-001,E10000014,Fewer residential placements,2012/13,Realised,\"£430,000\",Placement records Q1-Q4\n")
    result = run(world.programme, "change.csv", content=content.encode())
    assert dict(result.outcome.counts)["Amounts updated"] == 1
    world.realised.refresh_from_db()
    assert (world.realised.amount, world.realised.verification) == (Decimal("430000.00"), "unverified")


@pytest.mark.django_db
def test_windows_1252_pound_signs_in_amounts(world):
    result = run(world.editor_a, "savings_windows1252.csv")
    assert result.problems == []
    assert amount("Fewer residential placements", 2014, "forecast").amount == Decimal("2500.00")


@pytest.mark.django_db
def test_workbook_with_typed_cells(world):
    result = run(world.programme, "savings.xlsx")

    assert result.problems == []
    assert result.rows == 2
    saving = Saving.objects.get(title="Less agency spend")
    assert (saving.baseline_value, saving.baseline_date) == (Decimal("150000.00"), dt.date(2012, 3, 31))
    expected = amount("Less agency spend", 2012, "expected")
    # Excel stores 0.1 + 0.2 as 0.30000000000000004: that is 30p, not a refusal.
    assert (expected.amount, expected.delivery_cost) == (Decimal("12500.50"), Decimal("0.30"))
    assert amount("Less agency spend", 2013, "forecast").amount == Decimal("13000.00")


@pytest.mark.django_db
def test_every_bad_savings_row_is_reported_and_nothing_is_saved(world):
    before = (Saving.objects.count(), SavingAmount.objects.count())

    result = run(world.programme, "savings_bad_rows.csv")

    assert (Saving.objects.count(), SavingAmount.objects.count()) == before
    found = [(p.row, p.column.split(" (column")[0], p.message) for p in result.problems]
    expected = [
        (2, "Amount", "'1.234,50' is not an amount we can read"),
        (3, "Financial year", "'2012/14' is not a financial year"),
        (4, "Kind", "'Actual' is not allowed here: use Expected, Forecast or Realised"),
        (5, "Council code", "No organisation has the code 'E0600003'"),
        (6, "Council code", "Swindon does not take part in project ASC-001"),
        (7, "Project reference", "No project you can change has the reference 'ASC-999'"),
        (8, "Kind", "A realised amount needs the saving's baseline first"),
        (8, "Evidence notes", "Describe the evidence that this amount was realised"),
        (9, "Amount", "'-500' is negative"),
        (10, "Amount", "'£1.2m' is not an amount we can read"),
        (10, "Owner", "Enter the owner of the new saving 'Saving without an owner'"),
        (12, "Owner", "This saving's owner is 'Bob' here but 'Ann' in row 11"),
    ]
    for row, column, start in expected:
        assert any(r == row and c == column and m.startswith(start) for r, c, m in found), (row, column, start)
    assert len(found) == len(expected)
    assert [p.row for p in result.problems] == sorted(p.row for p in result.problems)


@pytest.mark.django_db
def test_same_amount_twice_in_one_file_is_reported(world):
    content = (b"Project reference,Council code,Saving title,Financial year,Kind,Amount\n"
               b"ASC-001,E10000014,Fewer residential placements,2013/14,Expected,100\n"
               b"ASC-001,E10000014,FEWER residential placements,2013-14,expected,200\n")
    result = run(world.programme, "twice.csv", content=content)
    assert [(p.row, p.message) for p in result.problems] == [
        (3, "The expected amount for 2013/14 of this saving is also in row 2: give it once")]


@pytest.mark.django_db
def test_financial_years_outside_the_programme_are_refused_as_the_pages_refuse_them(world):
    content = (b"Project reference,Council code,Saving title,Financial year,Kind,Amount\n"
               b"ASC-001,E10000014,Fewer residential placements,2099/00,Expected,100\n"
               b"ASC-001,E10000014,Fewer residential placements,1999,Forecast,100\n")
    result = run(world.programme, "far-years.csv", content=content)
    assert [(p.row, p.column.split(" (column")[0]) for p in result.problems] == [
        (2, "Financial year"), (3, "Financial year")]
    assert result.problems[0].message == (
        "'2099/00' is outside the programme: use a financial year from 2010/11 to 2016/17")
    assert not SavingAmount.objects.filter(financial_year__in=[1999, 2099]).exists()


@pytest.mark.django_db
def test_amount_columns_go_together(world):
    content = b"Project reference,Council code,Saving title,Amount\nASC-001,E10000014,Fewer residential placements,1\n"
    result = run(world.programme, "partial.csv", content=content)
    assert {p.column for p in result.problems} == {"Financial year", "Kind"}
    assert all(p.row == 1 for p in result.problems)


@pytest.mark.django_db
def test_saving_details_without_amounts_update_the_saving(world):
    content = (b"Project reference,Council code,Saving title,Owner\n"
               b"ASC-001,E10000014,Fewer residential placements,Director of adult services\n")
    result = run(world.editor_a, "owner.csv", content=content)
    assert dict(result.outcome.counts)["Savings updated"] == 1
    world.saving.refresh_from_db()
    assert world.saving.owner == "Director of adult services"


# ---- who may import what ------------------------------------------------------------------------


@pytest.mark.django_db
def test_council_editor_cannot_import_savings_for_another_councils_project(world):
    content = (b"Project reference,Council code,Saving title,Financial year,Kind,Amount\n"
               b"ASC-001,E10000014,Fewer residential placements,2013/14,Expected,1\n"
               b"ASC-002,E10000014,Secret saving,2013/14,Expected,1\n"
               b"ASC-003,E06000030,Swindon's own,2013/14,Expected,1\n")
    result = run(world.editor_b, "others.csv", content=content)
    messages = [(p.row, p.message.split(":")[0]) for p in result.problems]
    assert messages == [
        (2, "You can see project ASC-001 but cannot change it"),
        (3, "No project you can change has the reference 'ASC-002'"),  # another council's draft is not revealed
        # ASC-003 is Swindon's own project, so only the new saving's missing details are problems.
        (4, "Enter the service of the new saving 'Swindon's own'"),
        (4, "Enter the measure of the new saving 'Swindon's own'"),
        (4, "Enter the owner of the new saving 'Swindon's own'"),
    ]
    assert SavingAmount.objects.filter(financial_year=2013, amount=1).count() == 0


@pytest.mark.django_db
def test_viewer_can_import_no_savings(world):
    content = (b"Project reference,Council code,Saving title,Financial year,Kind,Amount\n"
               b"ASC-001,E10000014,Fewer residential placements,2013/14,Expected,1\n")
    result = run(world.viewer_a, "viewer.csv", content=content)
    assert result.problems[0].message.startswith("You can see project ASC-001 but cannot change it")
