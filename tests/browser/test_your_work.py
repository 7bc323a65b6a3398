""""Your work" in Chromium: a council editor signs in, finds a colleague's realised amount waiting for them,
and verifies it; the colleague who entered it is told why they cannot."""

import re

import pytest
from playwright.sync_api import expect

from productivity.accounts.models import Role
from productivity.accounts.tests.factories import make_member
from tests.browser.support import axe, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_verifies_a_colleagues_amount_from_your_work(page, world, live_server, tmp_path):
    colleague = make_member(world.council_a, Role.EDITOR, full_name="Colin Colleague")
    signed_in(page, colleague)

    expect(page).to_have_url(f"{live_server.url}/your-work/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
    expect(page.get_by_role("link", name="Your work")).to_be_visible()
    projects = page.locator("#projects ~ .pp-table-wrap").first
    expect(projects.get_by_role("link", name="ASC-001")).to_be_visible()
    assert axe(page) == []
    # At 1280px nothing runs off the right edge (kept for a look: pytest keeps tmp_path after the run).
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.screenshot(path=str(tmp_path / "your-work.png"), full_page=True)

    page.get_by_role("link", name="Verify Fewer residential placements, 2012/13").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify this realised amount")
    page.get_by_role("button", name="Verify amount").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Realised amount for 2012/13 verified")

    page.goto("/your-work/")
    expect(page.locator("#to-verify")).to_contain_text("(0)")
    expect(page.get_by_text("Nothing waits for you to verify")).to_be_visible()


def test_the_author_sees_their_amount_waiting_and_no_verify_button(page, world):
    signed_in(page, world.editor_a)
    expect(page.get_by_role("heading", name="Amounts you entered, waiting for someone else (1)")).to_be_visible()
    expect(page.get_by_text("you cannot verify these yourself")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Verify "))).to_have_count(0)
