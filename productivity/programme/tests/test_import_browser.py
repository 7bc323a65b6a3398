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
    expect(page.get_by_role("heading", level=1)).to_have_text("Import projects or savings")
    found = {"upload": axe(page)}

    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("link", name="Select a CSV or Excel file")).to_be_visible()  # the error summary
    found["upload with errors"] = axe(page)

    page.get_by_label("Projects").check()
    page.get_by_label("Upload a file").set_input_files(str(FIXTURES / "projects_missing_column.csv"))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("nothing was imported")
    expect(page.get_by_role("table", name="Problems in projects_missing_column.csv")).to_contain_text(
        "The file has no 'Lead organisation code' column")
    found["problems"] = axe(page)

    page.get_by_role("link", name="Import another file").click()
    page.get_by_label("Projects").check()
    page.get_by_label("Upload a file").set_input_files(str(FIXTURES / "projects_excel_utf8_bom.csv"))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import complete")
    found["complete"] = axe(page)
    page.get_by_role("link", name="ASC-101").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Telecare for people leaving hospital")

    assert Project.objects.filter(reference__in=["ASC-101", "ASC-102"]).count() == 2
    assert {name: v for name, v in found.items() if v} == {}
