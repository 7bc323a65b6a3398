"""CSV and XLSX downloads of a table: the same columns and rows as the page shows."""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from productivity.core.tables import Column, TablePage, all_rows, build_table, download_columns, iter_export_rows

DOWNLOAD_FORMATS = ("csv", "xlsx")
MONEY_FORMAT = "£#,##0.00;-£#,##0.00"
PERCENT_FORMAT = "0%"
DATE_FORMAT = "d mmmm yyyy"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Column widths in characters: wide enough for the heading and most values, never a wall of text.
NARROWEST, WIDEST = 8, 60
WIDTH_SAMPLE = 500  # rows read to size the columns
# How wide a money, date or percentage cell shows, whatever its digits.
SHOWN_WIDTH = {"money": 14, "date": 17, "percent": 8}


class _Echo:
    def write(self, value: str) -> str:
        return value


# A spreadsheet runs a cell starting with one of these as a formula, even after leading tabs or carriage returns.
_FORMULA_STARTS = {"=", "+", "-", "@"}


def _csv_value(value: Any) -> Any:
    if isinstance(value, str) and value.lstrip("\t\r")[:1] in _FORMULA_STARTS and not _looks_numeric(value):
        # Stop spreadsheet formula injection from text that users typed.
        return "'" + value
    return value


def csv_safe(value: Any) -> Any:
    """A cell value that a spreadsheet will show as text, never run as a formula."""
    return _csv_value(value)


def _looks_numeric(value: str) -> bool:
    try:
        Decimal(value)
    except ArithmeticError:
        return False
    return True


def csv_response(filename: str, columns: Sequence[Column], rows: Iterable[Any]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    lines = (writer.writerow([_csv_value(value) for value in line]) for line in iter_export_rows(columns, rows))
    response = StreamingHttpResponse(("\ufeff", *lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}.csv"'
    return response


def sheet_name(value: str) -> str:
    """A name Excel accepts for a sheet: none of : \\ / ? * [ ], at most 31 characters."""
    return " ".join(re.sub(r"[:\\/?*\[\]]", " ", value).split())[:31] or "Sheet1"


def xlsx_bytes(sheet_title: str, columns: Sequence[Column], rows: Iterable[Any]) -> bytes:
    """A workbook of one sheet: bold headings frozen above the rows, a filter on every column, columns sized to
    what they hold, and money, dates and percentages formatted while staying numbers and dates."""
    columns = download_columns(columns)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_name(sheet_title))
    formats = [MONEY_FORMAT if column.kind == "money" else PERCENT_FORMAT if column.kind == "percent"
               else DATE_FORMAT if column.kind == "date" else None for column in columns]
    lines = iter_export_rows(columns, rows)
    headings = next(lines)
    body = [[_xlsx_value(value) for value in line] for line in lines]
    # A write-only sheet takes its layout before its first row.
    for index, width in enumerate(_widths(columns, headings, body), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{len(body) + 1}"
    sheet.append([_heading_cell(sheet, heading) for heading in headings])
    for line in body:
        sheet.append([_cell(sheet, value, fmt) for value, fmt in zip(line, formats, strict=True)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _widths(columns: Sequence[Column], headings: list[str], body: list[list[Any]]) -> list[int]:
    widths = []
    for index, (column, heading) in enumerate(zip(columns, headings, strict=True)):
        longest = max((len(str(line[index])) for line in body[:WIDTH_SAMPLE]), default=0)
        shown = SHOWN_WIDTH.get(column.kind, longest)
        # Bold headings run a little wider than their letters; two characters of padding.
        widths.append(min(WIDEST, max(NARROWEST, round(len(heading) * 1.1) + 2, shown + 2)))
    return widths


def _heading_cell(sheet, heading: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=_xlsx_value(heading))
    cell.font = Font(bold=True)
    return cell


def _cell(sheet, value: Any, number_format: str | None) -> Any:
    """A cell that Excel shows as money, a percentage or a date, while its value stays a number or date."""
    if number_format is None or value == "":
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        return _csv_value(value)
    return value


def xlsx_response(filename: str, columns: Sequence[Column], rows: Iterable[Any]) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(filename, columns, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}.xlsx"'
    return response


def download_response(fmt: str, filename: str, columns: Sequence[Column], rows: Iterable[Any]):
    """The CSV or XLSX download for ``?format=csv|xlsx``; None for any other format."""
    if fmt == "csv":
        return csv_response(filename, columns, rows)
    if fmt == "xlsx":
        return xlsx_response(filename, columns, rows)
    return None


def download_format(request: HttpRequest) -> str | None:
    """"csv" or "xlsx" when the page is asked for a download (``?format=``), else None."""
    fmt = request.GET.get("format")
    return fmt if fmt in DOWNLOAD_FORMATS else None


def table_download(request: HttpRequest, rows: Any, columns: Sequence[Column], filename: str,
                   **table_options: Any) -> HttpResponse | StreamingHttpResponse:
    """Every row the page's table would show under the request's filters and sort, as its ``?format=``."""
    table = all_rows(request, rows, columns, **table_options)
    return download_response(download_format(request) or "csv", filename, columns, table.rows)


def table_or_download(request: HttpRequest, rows: Any, columns: Sequence[Column], filename: str,
                      **table_options: Any) -> tuple[TablePage | None, HttpResponse | StreamingHttpResponse | None]:
    """The page's table, or (for ``?format=csv|xlsx``) the download of exactly what it shows: one is None.

    ``table_options`` are build_table's (filters, default_sort, per_page), so page and download agree.
    """
    if download_format(request):
        return None, table_download(request, rows, columns, filename, **table_options)
    return build_table(request, rows, columns, **table_options), None
