"""In a real browser: a council editor imports a file from the projects page; the pages pass axe-core."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from productivity.programme.models import Project
from tests.browser.support import axe, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_editor_imports_a_file_and_fixes_a_bad_one(page, world):
    signed_in(page, world.editor_a)
    page.goto("/programme/projects/")
    page.get_by_role("link", name="Import projects or savings from a CSV or Excel file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a file")
    found = {"upload": axe(page)}

    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("link", name="Select a CSV or Excel file")).to_be_visible()  # the error summary
    found["upload with errors"] = axe(page)

    page.get_by_label("Projects").check()
    page.get_by_label("Upload a file").set_input_files(str(FIXTURES / "projects_missing_column.csv"))
    page.get_by_role("button", name="Upload and check").click()
    # A column it cannot find: the file's columns are matched once, by hand.
    expect(page.get_by_role("heading", level=1)).to_have_text("Match the file's columns")
    expect(page.get_by_role("main")).to_contain_text("The file has no 'Lead organisation code' column")
    found["columns to match"] = axe(page)
    page.get_by_role("button", name="Match the columns").click()
    expect(page.get_by_label("Lead organisation code")).to_be_visible()
    found["matching columns"] = axe(page)

    page.goto("/imports/?kind=projects")
    page.get_by_label("Upload a file").set_input_files(str(FIXTURES / "projects_bad_rows.csv"))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("nothing was imported")
    expect(page.get_by_role("table", name="Problems in projects_bad_rows.csv")).to_contain_text(
        "No organisation has the code")
    found["problems"] = axe(page)

    page.get_by_role("link", name="Import another file").click()
    page.get_by_label("Projects").check()
    page.get_by_label("Upload a file").set_input_files(str(FIXTURES / "projects_excel_utf8_bom.csv"))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what will be imported")
    expect(page.get_by_role("table", name="The first 3 rows of projects_excel_utf8_bom.csv")).to_contain_text(
        "Telecare for people leaving hospital")
    found["checked"] = axe(page)
    assert not Project.objects.filter(reference="ASC-101").exists()  # nothing saved until confirmed
    page.get_by_role("button", name="Import 3 rows").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import complete")
    found["complete"] = axe(page)
    page.get_by_role("link", name="ASC-101").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Telecare for people leaving hospital")

    assert Project.objects.filter(reference__in=["ASC-101", "ASC-102"]).count() == 2
    assert {name: v for name, v in found.items() if v} == {}


def test_a_large_file_shows_its_progress_and_the_page_moves_on_by_itself(page, world, settings):
    from django.core.management import call_command

    settings.IMPORT_INLINE_MAX_ROWS = 1
    signed_in(page, world.editor_a)
    page.goto("/imports/?kind=projects")
    page.get_by_label("Upload a file").set_input_files(str(FIXTURES / "projects_excel_utf8_bom.csv"))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Checking your file")
    expect(page.get_by_role("heading", level=2, name="Waiting for the background worker to check it")).to_be_visible()
    expect(page.get_by_label("Rows done")).to_be_attached()
    found = {"progress": axe(page)}

    call_command("db_worker", "--batch", "--no-startup-delay")
    # The page asks for the run's progress every second or two and reloads itself once the check is done.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what will be imported", timeout=15_000)
    assert {name: v for name, v in found.items() if v} == {}
