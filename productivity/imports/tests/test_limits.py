"""Bounds on what one import reads, each refusal naming its setting, and memory that stays flat whatever the file."""

import io
import os
import resource
import subprocess
import sys
import zipfile

import pytest

from productivity.imports.base import Tally
from productivity.imports.limits import Limits
from productivity.imports.registry import get
from productivity.imports.tests.worker import ROOT, database_url

LIMITS = Limits(upload_bytes=10_000_000, uncompressed_bytes=2_000_000, rows=1_000, columns=5, cell_chars=20,
                problems=3)


def run(content: bytes, name: str = "lines.csv", limits: Limits = LIMITS, **options):
    importer = get("sample-lines").importer(None, filename=name, programme_wide=True, limits=limits)
    return importer.run(io.BytesIO(content), dry_run=True, **options)


def messages(result) -> list[str]:
    return [problem.message for problem in result.problems]


@pytest.mark.django_db
def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_unpacked(world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<row/>" * 1_000_000)  # 6 MB of XML, a few KB zipped
    assert len(buffer.getvalue()) < 100_000
    result = run(buffer.getvalue(), "bomb.xlsx")
    assert any("unpacks to" in m and "IMPORT_MAX_UNCOMPRESSED_BYTES" in m for m in messages(result))
    assert result.outcome is None


@pytest.mark.django_db
def test_more_rows_than_the_limit_are_refused_naming_the_limit(world):
    lines = "Organisation code,Date,Amount\n" + "E10000014,01/04/2012,1.00\n" * 1_100
    result = run(lines.encode())
    assert any("more than 1,000 rows" in m and "IMPORT_MAX_ROWS" in m for m in messages(result))


@pytest.mark.django_db
def test_cells_past_the_last_column_allowed_are_refused_but_empty_ones_are_ignored(world):
    empty_extra = "Organisation code,Date,Amount,,,,,\nE10000014,01/04/2012,1.00,,,,,\n"
    assert run(empty_extra.encode()).tally.imported == 1
    full_extra = "Organisation code,Date,Amount,,,,x\nE10000014,01/04/2012,1.00\n"
    assert any("more than 5 columns" in m and "IMPORT_MAX_COLUMNS" in m for m in messages(run(full_extra.encode())))


@pytest.mark.django_db
def test_an_over_long_cell_is_a_problem_in_its_row_and_column(world):
    result = run(b"Organisation code,Date,Amount\n" + b"E10000014,01/04/2012," + b"1" * 30 + b"\n")
    assert result.problems[0].row == 2
    assert result.problems[0].column.startswith("Amount")
    assert "more than the 20 a cell may hold (IMPORT_MAX_CELL_CHARS)" in result.problems[0].message
    assert result.tally == Tally(rejected=1)


@pytest.mark.django_db
def test_only_the_first_problems_are_kept_and_the_rest_are_counted(world):
    lines = "Organisation code,Date,Amount\n" + "E99999999,01/04/2012,1.00\n" * 50
    result = run(lines.encode())
    assert len(result.problems) == 3
    assert result.problems_total == 50
    assert result.tally.rejected == 50


@pytest.mark.django_db
def test_the_limits_come_from_settings(settings):
    settings.IMPORT_MAX_ROWS = 7
    assert Limits.from_settings().rows == 7


SCRIPT = """
import io, resource, sys
import django
django.setup()
from openpyxl import Workbook
from productivity.imports.registry import get
rows = int(sys.argv[1])
book = Workbook(write_only=True)
sheet = book.create_sheet()
sheet.append(["Organisation code", "Date", "Amount"])
for _ in range(rows):
    sheet.append(["E99999999"])
buffer = io.BytesIO()
book.save(buffer)
del book, sheet
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
importer = get("sample-lines").importer(None, filename="tall.xlsx", programme_wide=True)
result = importer.run(buffer, dry_run=True)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(buffer.getvalue()), result.tally.rejected, len(result.problems), (after - before) // 1024)
"""


@pytest.mark.django_db(transaction=True)
def test_a_small_workbook_of_many_one_cell_rows_stays_within_bounded_memory():
    """The red team's file: a small XLSX holding hundreds of thousands of one-cell rows, each one a problem."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings", "DATABASE_URL": database_url()}
    out = subprocess.run([sys.executable, "-c", SCRIPT, "100000"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=300, check=True).stdout.split()
    size, rejected, problems_kept, grew_mb = (int(part) for part in out)
    assert size < 3_000_000
    assert problems_kept <= 1000  # the rest are counted, not kept
    assert rejected == 100_000  # every row read and found wanting
    assert grew_mb < 150, f"reading grew memory by {grew_mb} MB"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0
