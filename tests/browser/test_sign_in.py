"""Signing in through the real form, as a person would."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_signs_in_and_lands_on_your_work_signed_in(page, world, live_server):
    page.goto("/")
    expect(page.get_by_role("link", name="Sign out")).to_have_count(0)

    signed_in(page, world.editor_a)

    expect(page).to_have_url(f"{live_server.url}/your-work/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
    expect(page.get_by_role("link", name="Your account")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_have_count(0)
    # Signed in, she sees her council's unpublished project that visitors cannot.
    page.goto("/programme/projects/")
    expect(page.get_by_role("link", name="ASC-002")).to_be_visible()


def test_wrong_password_shows_the_error_summary_and_keeps_the_email(page, world):
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(world.editor_a.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary).to_contain_text("Enter a correct email address and password")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_label("Email address")).to_have_value(world.editor_a.email)
    expect(page.get_by_role("link", name="Sign out")).to_have_count(0)


def test_error_summary_links_to_the_field_left_empty(page, world):
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(world.editor_a.email)
    page.get_by_role("button", name="Sign in").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Password")).to_be_focused()
