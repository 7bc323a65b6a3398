"""Browser test of the reports flow in Debian's headless Chromium: create, edit the narrative, preview,
publish and download the paper in all three formats; the pages pass axe-core's serious and critical checks.

Playwright's sync API runs one instance per thread, and other apps' browser tests keep a session-long
instance on the main thread. So this test drives its own Chromium from a worker thread, and checks the
database from the main thread once the browser has finished. The live server answers from yet another
thread and sees only committed data, hence transaction=True.
"""

import io
import os
import re
import threading
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Page, expect, sync_playwright
from pypdf import PdfReader

from conftest import PASSWORD
from productivity.reports.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TIMEOUT_MS = 15_000
TITLE = "Productivity programme: update for the Board"


def in_browser(base_url: str, flow) -> dict:
    """Run ``flow(page, found)`` in Chromium on a worker thread; re-raise what it raised; return ``found``."""
    if not CHROMIUM.exists():
        pytest.fail(f"The browser test needs Chromium at {CHROMIUM}: run ./scripts/ensure-chromium")
    found: dict = {}
    failure: list[BaseException] = []

    def run():
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                context = browser.new_context(base_url=base_url, accept_downloads=True, locale="en-GB")
                context.set_default_timeout(TIMEOUT_MS)
                expect.set_options(timeout=TIMEOUT_MS)
                try:
                    flow(context.new_page(), found)
                finally:
                    browser.close()
        except BaseException as error:  # handed to the test's thread below
            failure.append(error)

    worker = threading.Thread(target=run, name="reports-browser-test")
    worker.start()
    worker.join(timeout=300)
    if worker.is_alive():
        pytest.fail("The browser test did not finish within five minutes")
    if failure:
        raise failure[0]
    return found


def sign_in(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()


def serious_violations(page: Page) -> list[str]:
    page.add_script_tag(url="/static/axe/axe.min.js")
    violations = page.evaluate("async () => (await window.axe.run(document)).violations")
    return [f"{v['id']}: {v['help']}: {[node['html'][:150] for node in v['nodes']]}"
            for v in violations if v["impact"] in {"serious", "critical"}]


def download(page: Page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_bytes()


def flow(email: str):
    def steps(page: Page, found: dict) -> None:
        sign_in(page, email)
        page.get_by_role("link", name="Board reports").click()
        page.get_by_role("button", name="Start a board report").click()
        expect(page.get_by_role("heading", name="Start a board report")).to_be_visible()
        found["start page"] = serious_violations(page)
        page.get_by_label("Programme update").check()
        page.get_by_label("Whole programme").check()
        page.get_by_role("button", name="Start the draft").click()
        expect(page.get_by_text("Draft created.")).to_be_visible()

        page.get_by_role("button", name="Edit title and narrative").click()
        found["edit page"] = serious_violations(page)
        page.get_by_label("Title").fill(TITLE)
        page.get_by_label("Recommendations").fill("The Board is asked to:\n1. note the progress made\n"
                                                  "2. agree the next steps for the Capital and Assets Programme")
        page.get_by_role("button", name="Save the report").click()

        # Preview: the draft, its narrative and its computed figures, each linked to the records behind it.
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        preview = page.get_by_role("region", name="The report")
        expect(preview.get_by_text("agree the next steps for the Capital and Assets Programme")).to_be_visible()
        found["report page"] = serious_violations(page)
        preview.get_by_role("link", name=re.compile(r"^£500,000 expected savings")).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Expected savings: £500,000")
        expect(page.get_by_role("link", name="ASC-001")).to_be_visible()
        found["records page"] = serious_violations(page)
        page.go_back()

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


def test_create_edit_preview_publish_and_download(world, live_server):
    found = in_browser(live_server.url, flow(world.programme.email))

    for name in ("start page", "edit page", "report page", "records page"):
        assert found[name] == [], name
    report = Report.objects.get()
    assert report.status == "published" and report.title == TITLE
    assert report.snapshot["narrative"]["recommendations"].startswith("The Board is asked to:")
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(found["pdf"])).pages)
    assert TITLE in pdf and "£500,000 expected savings" in pdf
    word = docx.Document(io.BytesIO(found["docx"]))
    assert any("agree the next steps" in paragraph.text for paragraph in word.paragraphs)
    assert "£500,000 expected savings" in found["html"] and "snapshot published" in found["html"]
