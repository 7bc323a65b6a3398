"""Reading files as they arrive: format from the bytes, encoding detected and reported."""

from pathlib import Path

import pytest

from productivity.imports.sources import SourceError, open_table

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str, as_name: str | None = None):
    with (FIXTURES / name).open("rb") as handle, open_table(handle, as_name or name) as table:
        return table.notes, list(table)


def test_excel_csv_utf8_with_byte_order_mark():
    notes, rows = read("projects_excel_utf8_bom.csv")
    assert any("UTF-8 (with a byte-order mark" in note for note in notes)
    assert rows[0][1][0] == "Project_Reference"  # no stray byte-order mark on the first heading
    assert "£25,000" in rows[1][1][10]
    assert rows[2][1][10] == "Two lines:\r\nfirst review, then pilot"
    assert rows[3][0] == 4  # a quoted line break does not shift the row numbers Excel shows


def test_windows_1252_is_read_and_said_so():
    notes, rows = read("projects_windows1252.csv")
    assert any(note.startswith("Read as CSV text in Windows-1252") for note in notes)
    assert rows[1][1][10] == "Saves £250,000 a year – one contract for two councils"
    assert rows[1][1][1] == "Shared café contract"


def test_workbook_renamed_csv_is_read_as_xlsx_and_said_so():
    notes, rows = read("projects_xlsx_renamed.csv")
    assert notes[0] == ("The file is named 'projects_xlsx_renamed.csv' but is an Excel workbook, so it was read "
                        "as XLSX")
    assert "sheet 'Projects'" in notes[1] and "2 sheets" in notes[1]
    assert rows[2] == (3, ("Reference", "Title", "Initiative", "Lead organisation code", "Partner codes", "Status",
                           "RAG", "Start date", "End date", "Published", "Summary"))


def test_excel_unicode_text_is_utf16_and_tab_separated():
    notes, rows = read("projects_unicode_text.txt")
    assert any("UTF-16" in note for note in notes)
    assert "Columns are separated by tabs" in notes
    assert rows[1][1][4] == "Saves £40,000 – est."


@pytest.mark.parametrize(("name", "expected"), [
    ("empty.csv", "The file is empty"),
    ("projects_utf16_no_bom.csv", "contains NUL bytes"),
    ("projects_shift_jis.csv", "not text in UTF-8 or Windows-1252: line 2"),
    ("projects_old_excel.xls", "old-style Excel workbook (.xls)"),
])
def test_unreadable_files_say_why_and_how_to_save_them(name, expected):
    with pytest.raises(SourceError) as error:
        read(name)
    assert expected in str(error.value)
    assert "CSV UTF-8" in str(error.value) or "empty" in str(error.value)


def test_a_zip_that_is_not_a_workbook_is_reported(tmp_path):
    import zipfile

    path = tmp_path / "evidence.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with path.open("rb") as handle, pytest.raises(SourceError) as error, open_table(handle, path.name):
        pass
    assert "not an Excel workbook" in str(error.value)


def test_a_row_too_large_for_csv_is_named():
    import io

    data = b"Reference,Title\r\nASC-1,\"" + b"x" * 200_000 + b"\"\r\n"
    with pytest.raises(SourceError) as error, open_table(io.BytesIO(data), "huge.csv") as table:
        list(table)
    assert error.value.row == 2
    assert str(error.value).startswith("This row is not valid CSV")
