"""One helper decides between a list page's table and the download of exactly what the table shows."""

import io

from django.test import RequestFactory
from openpyxl import load_workbook

from productivity.core.exports import download_format, table_or_download
from productivity.core.tables import Column, Filter

COLUMNS = [
    Column("name", "Council", lambda r: r["name"], order_by="name"),
    Column("amount", "Saved", lambda r: r["amount"], kind="money", order_by="amount"),
]
ROWS = [{"name": f"Council {n:02d}", "amount": n * 100, "region": "North" if n % 2 else "South"} for n in range(60)]
REGION = Filter("region", "Region", [("North", "North"), ("South", "South")],
                lambda rows, v: [r for r in rows if r["region"] == v])


def _get(query: str = ""):
    return RequestFactory().get(f"/councils/?{query}")


def test_without_a_format_the_page_gets_its_paginated_table():
    table, download = table_or_download(_get(), ROWS, COLUMNS, "councils", default_sort="name")
    assert download is None
    assert len(table.rows) == 50 and table.total == 60


def test_a_csv_download_holds_every_filtered_row_in_the_pages_order():
    table, download = table_or_download(_get("format=csv&region=North&sort=amount&order=desc"), ROWS, COLUMNS,
                                        "Councils: north", filters=[REGION])
    assert table is None
    assert download["Content-Disposition"] == 'attachment; filename="councils-north.csv"'
    lines = b"".join(download.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "Council,Saved"
    assert len(lines) == 31
    assert lines[1] == "Council 59,5900.00"


def test_an_xlsx_download_is_a_workbook_of_the_same_rows():
    _, download = table_or_download(_get("format=xlsx"), ROWS[:3], COLUMNS, "councils", default_sort="name")
    sheet = load_workbook(io.BytesIO(download.content)).active
    assert [row[0] for row in sheet.values] == ["Council", "Council 00", "Council 01", "Council 02"]


def test_an_unknown_format_shows_the_page():
    assert download_format(_get("format=pdf")) is None
    table, download = table_or_download(_get("format=pdf"), ROWS, COLUMNS, "councils")
    assert download is None and table is not None
