"""Browser test of the reports flow in Debian's headless Chromium: create, edit the narrative, preview,
publish and download the paper in all three formats; the pages pass axe-core's serious and critical checks.

It uses the shared browser fixtures of the root conftest.py (one Chromium for the run, a fresh page per
test). The live server answers from another thread and sees only committed data, hence transaction=True.
"""

import io
import re
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from productivity.reports.models import Report
from productivity.reports.tests.support import clearer
from tests.browser.support import axe, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Productivity programme: update for the Board"


def download(page: Page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_bytes()


def flow(user, clearer):
    def steps(page: Page, found: dict) -> None:
        signed_in(page, user)
        page.get_by_role("link", name="Board reports").click()
        page.get_by_role("button", name="Start a board report").click()
        expect(page.get_by_role("heading", name="Start a board report")).to_be_visible()
        found["start page"] = axe(page)
        page.get_by_label("Programme update").check()
        page.get_by_label("Whole programme").check()
        page.get_by_role("button", name="Start the draft").click()
        expect(page.get_by_text("Draft created.")).to_be_visible()

        page.get_by_role("button", name="Edit the paper").click()
        found["edit page"] = axe(page)
        page.get_by_label("Title", exact=True).fill(TITLE)
        page.get_by_label("Agenda item").fill("4")
        page.get_by_label("For decision").check()
        page.get_by_label("Recommendations").fill("The Board is asked to:\n1. note the progress made\n"
                                                  "2. agree the next steps for the Capital and Assets Programme")
        page.get_by_role("button", name="Save the report").click()

        # Preview: the draft, its narrative and its computed figures, each linked to the records behind it.
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        preview = page.get_by_role("region", name="The report")
        expect(preview.get_by_text("agree the next steps for the Capital and Assets Programme")).to_be_visible()
        found["report page"] = axe(page)
        preview.get_by_role("link", name=re.compile(r"^£500,000 expected savings")).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Expected savings: £500,000")
        expect(page.get_by_role("link", name="ASC-001")).to_be_visible()
        found["records page"] = axe(page)
        page.go_back()

        # The author submits; the clear button is not offered to them, and the page says why.
        page.get_by_role("button", name="Submit for clearance").click()
        expect(page.get_by_text("Submitted for clearance.")).to_be_visible()
        expect(page.get_by_text("never cleared by its author")).to_be_visible()
        expect(page.get_by_role("button", name="Clear for publication")).to_have_count(0)
        paper = page.url
        page.context.clear_cookies()
        signed_in(page, clearer)
        page.goto(paper)
        page.get_by_role("button", name="Clear for publication").click()
        expect(page.get_by_text("Cleared for publication.")).to_be_visible()
        page.context.clear_cookies()
        signed_in(page, user)
        page.goto(paper)

        page.get_by_role("button", name="Publish").click()
        page.get_by_role("button", name="Publish the report").click()
        expect(page.get_by_text("Report published.")).to_be_visible()
        expect(page.locator(".govuk-tag", has_text="Published")).to_be_visible()

        found["pdf"] = download(page, "PDF")
        found["docx"] = download(page, "Word (DOCX)")
        page.get_by_role("link", name="Print-ready HTML").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(page.get_by_role("heading", name="Notes on the figures")).to_be_visible()
        found["html"] = page.content()

    return steps


def test_create_edit_preview_publish_and_download(world, page):
    found: dict = {}
    flow(world.programme, clearer())(page, found)

    for name in ("start page", "edit page", "report page", "records page"):
        assert found[name] == [], name
    report = Report.objects.get()
    assert report.status == "published" and report.title == TITLE
    assert report.snapshot["narrative"]["recommendations"].startswith("The Board is asked to:")
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(found["pdf"])).pages)
    assert TITLE in pdf and "£500,000 expected savings" in pdf
    word = docx.Document(io.BytesIO(found["docx"]))
    assert any("agree the next steps" in paragraph.text for paragraph in word.paragraphs)
    assert "£500,000 expected savings" in found["html"] and "Agenda item 4 · For decision" in found["html"]
    assert report.cleared_by is not None and report.cleared_by != report.author
