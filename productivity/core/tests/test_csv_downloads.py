"""CSV downloads: open cleanly in Excel (UTF-8 with a BOM) and never run a formula someone typed into a field."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from productivity.core.exports import csv_response, download_response
from productivity.core.tables import Column


def _columns():
    return [Column("name", "Name", lambda row: row[0]), Column("amount", "Amount", lambda row: row[1], kind="money"),
            Column("on", "Awarded on", lambda row: row[2], kind="date")]


def download(rows, filename="Savings: 2012/13") -> tuple[bytes, list[list[str]], object]:
    response = csv_response(filename, _columns(), rows)
    body = b"".join(response.streaming_content)
    return body, list(csv.reader(io.StringIO(body.decode("utf-8-sig")))), response


def test_the_file_starts_with_one_byte_order_mark_so_excel_reads_pounds_and_accents():
    body, lines, _ = download([("Saint-Étienne £", Decimal("1"), None)])
    assert body.startswith("\ufeff".encode())
    assert body.count("\ufeff".encode()) == 1
    assert lines[1][0] == "Saint-Étienne £"


def test_headings_then_one_line_per_row_with_plain_numbers_and_iso_dates():
    _, lines, _ = download([("Hampshire", Decimal("1234.5"), dt.date(2012, 4, 1)), ("Kent", None, None)])
    assert lines == [["Name", "Amount", "Awarded on"], ["Hampshire", "1234.50", "2012-04-01"], ["Kent", "", ""]]


def test_the_file_is_named_after_the_table_and_offered_as_a_download():
    _, _, response = download([], filename="Savings: 2012/13")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="savings-201213.csv"'


@pytest.mark.parametrize("typed", ["=HYPERLINK(\"http://evil\")", "+1+2", "-2+3", "@SUM(A1:A2)", "=1+1",
                                   "\t=cmd|' /C calc'!A0", "\r=1+1", "\t\r@SUM(A1)", "\t-1+1"])
def test_text_that_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(typed):
    _, lines, _ = download([(typed, None, None)])
    assert lines[1][0] == "'" + typed


@pytest.mark.parametrize("typed", ["-5", "-1234.50", "+7", "\t-5", "Reablement - phase 2", "a=b", "email@example.org"])
def test_numbers_with_a_sign_and_ordinary_text_are_left_alone(typed):
    _, lines, _ = download([(typed, None, None)])
    assert lines[1][0] == typed


def test_a_negative_amount_stays_a_number():
    _, lines, _ = download([("Dis-benefit", Decimal("-250"), None)])
    assert lines[1][1] == "-250.00"


def test_only_csv_and_xlsx_are_downloads():
    assert download_response("csv", "x", _columns(), []) is not None
    assert download_response("xlsx", "x", _columns(), [])["Content-Disposition"] == 'attachment; filename="x.xlsx"'
    assert download_response("pdf", "x", _columns(), []) is None
    assert download_response("", "x", _columns(), []) is None
