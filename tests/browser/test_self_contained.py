"""In a real browser the pages and /api/docs work from the platform alone: nothing is asked of another
site, the Content-Security-Policy blocks nothing the pages need, and GOV.UK Frontend's script runs."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watched(page, live_server):
    """Lists that fill with requests to other origins and with problems the browser reports."""
    foreign, problems = [], []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else foreign.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return foreign, problems


def test_pages_run_gov_uk_frontend_under_the_policy_and_ask_nothing_of_other_sites(page, world, live_server):
    foreign, problems = watched(page, live_server)
    for path in ("/", f"/programme/projects/{world.published.reference}/", "/accounts/login/"):
        page.goto(path)
        # Set by the inline script that runs only with its nonce.
        expect(page.locator("body")).to_have_class("govuk-template__body js-enabled govuk-frontend-supported")
    expect(page.locator("header")).to_contain_text("Local Government Association")
    assert foreign == []
    assert problems == []


def test_api_docs_show_the_operations_with_no_internet(page, world, live_server):
    foreign, problems = watched(page, live_server)
    page.goto("/api/docs")
    expect(page.get_by_role("heading", name="Productivity Platform API")).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
    assert foreign == []
    assert problems == []
