"""XLSX downloads: numbers stay numbers and dates stay dates, shown as pounds, percentages and GOV.UK dates."""

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from productivity.core.exports import xlsx_bytes, xlsx_response
from productivity.core.tables import Column

COLUMNS = [
    Column("name", "Name", lambda row: row[0]),
    Column("amount", "Amount", lambda row: row[1], kind="money"),
    Column("share", "Share", lambda row: row[2], kind="percent"),
    Column("on", "Awarded on", lambda row: row[3], kind="date"),
    Column("count", "Projects", lambda row: row[4], kind="number"),
]


def sheet(rows):
    return load_workbook(io.BytesIO(xlsx_bytes("Funding", COLUMNS, rows))).active


def test_each_kind_of_column_has_the_number_format_excel_shows_it_in():
    cells = sheet([("Hampshire", Decimal("1234.5"), Decimal("0.25"), dt.date(2012, 4, 1), 3)])[2]
    name, amount, share, awarded, count = cells
    assert (amount.value, amount.number_format) == (1234.5, "£#,##0.00;-£#,##0.00")
    assert (share.value, share.number_format) == (0.25, "0%")
    assert awarded.value == dt.datetime(2012, 4, 1)
    assert awarded.number_format == "d mmmm yyyy"
    assert (count.value, count.number_format) == (3, "General")
    assert (name.value, name.number_format) == ("Hampshire", "General")


def test_headings_are_the_first_row():
    assert [cell.value for cell in sheet([])[1]] == ["Name", "Amount", "Share", "Awarded on", "Projects"]


def test_blank_values_are_empty_cells_not_zero():
    cells = sheet([("Kent", None, None, None, None)])[2]
    assert [cell.value for cell in cells] == ["Kent", None, None, None, None]


def test_a_time_with_a_time_zone_is_written_as_the_time_people_saw():
    columns = [Column("at", "Changed at", lambda row: row, kind="date")]
    at = dt.datetime(2012, 7, 1, 14, 5, tzinfo=dt.UTC)
    cell = load_workbook(io.BytesIO(xlsx_bytes("History", columns, [at]))).active["A2"]
    assert cell.value == dt.datetime(2012, 7, 1, 14, 5)


def test_typed_formulas_are_text_in_the_workbook_too():
    book = sheet([("=HYPERLINK(\"http://evil\")", None, None, None, None), ("\t@SUM(A1)", None, None, None, None)])
    assert book.cell(2, 1).value == "'=HYPERLINK(\"http://evil\")"
    assert book.cell(2, 1).data_type == "s"
    assert book.cell(3, 1).value == "'\t@SUM(A1)"


def test_the_workbook_is_offered_as_a_named_download():
    response = xlsx_response("Council figures 2012/13", COLUMNS, [])
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="council-figures-201213.xlsx"'
    assert load_workbook(io.BytesIO(response.content)).active.title == "Council figures 2012 13"
