"""Accounted-for imports: every row of a messy file is imported, a duplicate or rejected with its reasons.

The sample importer (organisation code, date, amount) reads its cells through declared parsers, the
quick way; ``RowByRow`` reads the same file one SourceRow at a time through ``parse_row``. Both must
give the same answers.
"""

import dataclasses
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from productivity.imports import registry, runs
from productivity.imports.models import ImportRun, RejectedRow
from productivity.imports.tests.sample.importer import SampleLineImporter
from productivity.imports.tests.sample.models import SampleLine
from productivity.organisations.tests.factories import make_council

pytestmark = pytest.mark.django_db

UNKNOWN = "No organisation has the code 'E99999999'"
FILLERS = [("E06990003", f"{day:02d}/04/2013", f"{day}.00") for day in range(1, 11)]  # rows 4 to 13
MESSY = [
    ("E06990001", "01/04/2012", "1,008.00"),  # row 14
    ("E06990001", "02/04/2012", "-250.00"),  # a credit: negative amounts are imported
    ("E06990002", "2012-04-03", "£12.50"),
    ("", "", ""),  # row 17, blank: not a row of data
    ("E06990003", "01/04/2013", "1.00"),  # the same as row 4: a duplicate
    ("E99999999", "01/04/2012", "5.00"),  # row 19
    ("E06990002", "31/02/2013", "5.00"),  # row 20
    ("E06990002", "03/04/2012", "1,00.00"),  # row 21
    ("E06990002", "04/04/2012", ""),  # row 22
    ("", "05/04/2012", "not money"),  # row 23: two reasons
    ("E06990002", "05/04/2012", "7.25"),  # row 24: saved before the import, so a duplicate
]
ROWS = len(FILLERS) + len(MESSY) - 1
IMPORTED, DUPLICATES, REJECTED = 13, 2, 5


@pytest.fixture
def councils():
    made = [make_council(gss_code=code) for code in ("E06990001", "E06990002", "E06990003")]
    SampleLine.objects.create(organisation=made[1], day=dt.date(2012, 4, 5), amount=Decimal("7.25"))
    return made


def csv_file(encoding: str) -> bytes:
    lines = ["Sample lines for 2012-13,,,,", "Exported from the finance system,,,,",
             "Organisation code,Date,Amount,,"]
    lines += [",".join(f'"{cell}"' if "," in cell else cell for cell in row) + ",," for row in FILLERS + MESSY]
    return "\r\n".join(lines).encode(encoding) + b"\r\n,,,,\r\n"


def xlsx_file() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Sample lines for 2012-13"])
    sheet.append([])
    sheet.append(["Organisation code", "Date", "Amount", None, None])
    for code, day, amount in FILLERS + MESSY:
        sheet.append([code or None, day or None, amount or None, None])
    sheet["C15"] = -250  # Excel holds numbers and dates as such
    sheet["B16"] = dt.datetime(2012, 4, 3)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class RowByRow(SampleLineImporter):
    """The same importer read one SourceRow at a time: overriding parse_row turns the quick way off."""

    def parse_row(self, row):
        return super().parse_row(row)


def checked(importer_class, content: bytes, name: str, *, dry_run: bool = True, batch_size: int = 4):
    importer_class = type("Small", (importer_class,), {"batch_size": batch_size})
    importer = importer_class(None, filename=name, programme_wide=True)
    batches = []
    result = importer.run(io.BytesIO(content), dry_run=dry_run, on_batch=batches.append)
    rejections = [rejection for batch in batches for rejection in batch.rejections]
    return result, rejections, batches


FILES = {"utf-8 with BOM": ("lines.csv", lambda: csv_file("utf-8-sig")),
         "cp1252": ("lines.csv", lambda: csv_file("cp1252")),
         "xlsx": ("lines.xlsx", xlsx_file)}


@pytest.mark.parametrize("layout", FILES)
def test_every_row_of_a_messy_file_is_accounted_for(councils, layout):
    name, content = FILES[layout]
    result, rejections, _ = checked(SampleLineImporter, content(), name, dry_run=False)
    tally = result.tally
    assert (tally.imported, tally.duplicates, tally.rejected) == (IMPORTED, DUPLICATES, REJECTED)
    assert tally.imported + tally.unchanged + tally.duplicates + tally.rejected == result.rows == ROWS
    assert tally.line() == f"imported=13 unchanged=0 duplicates=2 rejected=5 total={ROWS}"
    assert SampleLine.objects.count() == 1 + IMPORTED
    assert SampleLine.objects.filter(organisation=councils[0], amount=Decimal("-250.00")).exists()
    assert [rejection.row for rejection in rejections] == [19, 20, 21, 22, 23]
    assert rejections[4].reasons == [
        {"column": "Organisation code (column A)", "message": "Enter the organisation code: an ONS GSS code such "
                                                             "as E08000009"},
        {"column": "Amount (column C)", "message": "'not money' is not an amount we can read: use an amount in "
                                                  "pounds such as 1234.50, £1,234.50 or 1234, with commas only "
                                                  "between thousands and a full stop before the pence"}]
    assert rejections[0].values[:3] == ["E99999999", "01/04/2012", "5.00"]
    assert set(rejections[0].values[3:]) == {""}  # the trailing empty columns, as the file has them
    assert UNKNOWN in rejections[0].reasons[0]["message"]
    assert rejections[1].reasons[0]["column"] == "Date (column B)"
    assert rejections[3].reasons == [{"column": "Amount (column C)", "message": "Enter the amount: an amount in "
                                      "pounds such as 1234.50, £1,234.50 or 1234"}]
    assert [str(problem) for problem in result.problems][0].startswith(f"{name}, row 19, column 'Organisation code")


@pytest.mark.parametrize("layout", FILES)
def test_reading_cell_by_cell_and_row_by_row_give_the_same_answers(councils, layout):
    name, content = FILES[layout]
    quick, quick_rejections, quick_batches = checked(SampleLineImporter, content(), name)
    slow, slow_rejections, slow_batches = checked(RowByRow, content(), name)
    assert quick.tally == slow.tally
    assert [str(problem) for problem in quick.problems] == [str(problem) for problem in slow.problems]
    assert quick_rejections == slow_rejections
    assert [(batch.last_row, batch.tally) for batch in quick_batches] == [
        (batch.last_row, batch.tally) for batch in slow_batches]
    assert quick.preview == slow.preview
    assert quick.notes == slow.notes


def test_a_dry_run_saves_nothing_and_counts_what_an_import_would(councils):
    result, _, _ = checked(SampleLineImporter, csv_file("utf-8"), "lines.csv")
    assert (result.tally.imported, result.tally.duplicates, result.tally.rejected) == (IMPORTED, DUPLICATES, REJECTED)
    assert SampleLine.objects.count() == 1


def test_importing_the_same_file_again_imports_nothing_and_counts_every_good_row_a_duplicate(councils):
    checked(SampleLineImporter, csv_file("utf-8"), "lines.csv", dry_run=False)
    again, _, _ = checked(SampleLineImporter, csv_file("utf-8"), "lines.csv", dry_run=False)
    assert (again.tally.imported, again.tally.duplicates, again.tally.rejected) == (0, ROWS - REJECTED, REJECTED)
    assert SampleLine.objects.count() == 1 + IMPORTED


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def imported_run(content: bytes) -> ImportRun:
    run = runs.create_run(None, "sample-lines", SimpleUploadedFile("lines.csv", content))
    runs.check_run(run.pk, programme_wide=True)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.CHECKED, run.problems
    assert runs.confirm_run(run)
    runs.import_run(run.pk, programme_wide=True)
    run.refresh_from_db()
    return run


def test_an_import_run_keeps_each_rejected_row_with_its_reasons(councils, media):
    run = imported_run(csv_file("utf-8-sig"))
    assert run.status == ImportRun.Status.DONE
    assert (run.imported, run.duplicates, run.rejected, run.rows_in_file) == (IMPORTED, DUPLICATES, REJECTED, ROWS)
    assert run.checked["imported"] == IMPORTED
    kept = list(RejectedRow.objects.filter(run=run).order_by("row"))
    assert [row.row for row in kept] == [19, 20, 21, 22, 23]
    assert kept[0].values[:3] == ["E99999999", "01/04/2012", "5.00"]
    assert UNKNOWN in kept[0].reasons[0]["message"]
    assert kept[1].reasons[0]["message"].startswith("'31/02/2013' is not a date we can read")
    assert SampleLine.objects.count() == 1 + IMPORTED


class FailsInBatchThree(SampleLineImporter):
    batch_size = 3
    fail = True

    def save_batch(self, new, changed):
        self.saved = getattr(self, "saved", 0) + 1
        if type(self).fail and self.saved == 3:
            raise RuntimeError("The database went away")
        super().save_batch(new, changed)


def test_a_failure_in_batch_three_keeps_batches_one_and_two_and_trying_again_completes(councils, media, monkeypatch):
    entry = registry.get("sample-lines")
    monkeypatch.setitem(registry._REGISTRY, "sample-lines", dataclasses.replace(entry, importer=FailsInBatchThree))
    monkeypatch.setattr(FailsInBatchThree, "fail", True)
    with pytest.raises(RuntimeError):
        imported_run(csv_file("utf-8"))
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert run.checkpoint_row == 9  # the last row of batch two (rows 4 to 6, then 7 to 9)
    assert (run.imported, run.duplicates, run.rejected) == (6, 0, 0)
    assert SampleLine.objects.count() == 1 + 6
    assert "The rows up to row 9 were imported" in run.error

    monkeypatch.setattr(FailsInBatchThree, "fail", False)
    assert runs.retry_run(run)
    runs.import_run(run.pk, programme_wide=True)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert (run.imported, run.duplicates, run.rejected) == (IMPORTED, DUPLICATES, REJECTED)
    assert run.imported + run.unchanged + run.duplicates + run.rejected == run.rows_in_file == ROWS
    assert SampleLine.objects.count() == 1 + IMPORTED
    assert RejectedRow.objects.filter(run=run).count() == REJECTED


def test_distinct_cells_are_parsed_once_and_the_memory_stays_bounded(councils, monkeypatch):
    from productivity.imports import columns

    monkeypatch.setattr(columns, "MEMO_CELLS", 3)  # emptied and refilled many times over the file
    small, small_rejections, _ = checked(SampleLineImporter, csv_file("utf-8"), "lines.csv")
    slow, slow_rejections, _ = checked(RowByRow, csv_file("utf-8"), "lines.csv")
    assert small.tally == slow.tally and small_rejections == slow_rejections


def test_a_cell_is_parsed_once_until_the_memory_is_full_and_a_problem_is_remembered_too(monkeypatch):
    from productivity.imports import columns

    monkeypatch.setattr(columns, "MEMO_CELLS", 2)
    calls = []

    def parser(cell):
        calls.append(cell)
        if cell == "bad":
            raise ValueError("Enter a letter")
        return str(cell).upper()

    memo: dict = {}
    # A typed cell (1) makes the column be read cell by cell through the memory.
    values, errors = columns.parse_column(parser, memo, ["a", "bad", "a", "bad", 1, "c", "a"])
    assert values == ["A", None, "A", None, "1", "C", "A"] and errors == {1: "Enter a letter", 3: "Enter a letter"}
    assert calls == ["a", "bad", 1, "c", "a"]  # full at "c": emptied, so "a" is parsed again
    assert len(memo) <= 2
