"""Downloading a filtered table gives exactly the rows the page shows."""

import csv
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from productivity.programme.models import Participant, Project
from tests.browser.support import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portfolio(world):
    """Projects of several statuses, published and not, so that a status filter has something to leave out."""
    rows = [
        ("ASC-010", "Shared care records", "implementing", True, world.council_a),
        ("ASC-011", "Hampshire telecare, phase two", "implementing", False, world.council_a),
        ("ASC-012", "Closed pilot", "complete", True, world.council_b),
    ]
    for reference, title, status, published, lead in rows:
        project = Project.objects.create(initiative=world.initiative, reference=reference, title=title,
                                         status=status, rag="amber", is_published=published)
        Participant.objects.create(project=project, organisation=lead, role="lead")
    return world


def table_rows(page, caption):
    """The table's header and body rows as the reader sees them."""
    table = page.get_by_role("table", name=caption)
    expect(table).to_be_visible()
    header = [text.strip() for text in table.locator("thead th").all_inner_texts()]
    body = [
        [text.strip() for text in row.locator("th, td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]
    return [header, *body]


def filter_to_implementing(page):
    page.goto("/programme/projects/")
    expect(page.get_by_role("link", name="ASC-012")).to_be_visible()
    page.get_by_label("Status").select_option(label="Implementing")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"status=implementing"))
    expect(page.get_by_role("link", name="ASC-012")).to_have_count(0)


def save(download, folder):
    """Keep the file under the name the browser offered, as a person's downloads folder would."""
    path = folder / download.suggested_filename
    download.save_as(path)
    return path


def test_csv_download_holds_exactly_the_filtered_rows(page, portfolio, tmp_path):
    signed_in(page, portfolio.editor_a)
    filter_to_implementing(page)
    shown = table_rows(page, "Projects")
    # Her council's unpublished project is listed; Swindon's unpublished one (also implementing) is not.
    assert [row[0] for row in shown[1:]] == ["ASC-010", "ASC-011"]

    with page.expect_download() as info:
        page.get_by_role("link", name="Download as CSV").click()
    path = save(info.value, tmp_path)
    assert path.name == "projects.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        downloaded = list(csv.reader(handle))

    assert downloaded == shown


def test_xlsx_download_opens_in_a_spreadsheet_with_the_filtered_rows(page, portfolio, tmp_path):
    signed_in(page, portfolio.editor_a)
    filter_to_implementing(page)
    shown = table_rows(page, "Projects")

    with page.expect_download() as info:
        page.get_by_role("link", name="Download as Excel (XLSX)").click()
    path = save(info.value, tmp_path)
    assert path.name == "projects.xlsx"
    sheet = load_workbook(path).active
    downloaded = [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]

    assert downloaded == shown
