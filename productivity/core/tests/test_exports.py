import io

from openpyxl import load_workbook

from productivity.core.exports import sheet_name, xlsx_bytes
from productivity.core.tables import Column


def test_titles_excel_refuses_become_valid_sheet_names():
    assert sheet_name("Update: 1 March 2012 [draft] a/b?*\\") == "Update 1 March 2012 draft a b"
    assert len(sheet_name("x" * 50)) == 31
    assert sheet_name("::") == "Sheet1"


def test_an_xlsx_download_with_a_colon_in_its_title_opens_with_numbers_as_numbers():
    columns = [Column("name", "Name", lambda r: r[0]), Column("amount", "Amount", lambda r: r[1], kind="money")]
    book = load_workbook(io.BytesIO(xlsx_bytes("Programme update: figures", columns, [("=cmd", 12.5)])))
    sheet = book.active
    assert sheet.title == "Programme update figures"
    assert list(sheet.values) == [("Name", "Amount"), ("'=cmd", 12.5)]


def test_money_cells_are_formatted_as_pounds_in_excel():
    columns = [Column("amount", "Amount", lambda r: r, kind="money")]
    sheet = load_workbook(io.BytesIO(xlsx_bytes("Money", columns, [1234.5]))).active
    cell = sheet["A2"]
    assert cell.value == 1234.5
    assert cell.number_format.startswith("£#,##0.00")
