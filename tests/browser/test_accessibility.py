"""axe-core finds no serious or critical accessibility problems on the pages people read."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import axe, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Page name: (path, what its main heading says). One test visits them all: each test's database
# set-up and flush cost more than the page visit itself.
PAGES = {
    "home": ("/", "productivity programme"),
    "workstreams": ("/programme/workstreams/", "Workstreams"),
    "workstream": ("/programme/workstreams/children-adults-families/", "Children, Adults and Families"),
    "initiative": ("/programme/initiatives/adult-social-care-efficiency/", "Adult Social Care Efficiency Programme"),
    "projects": ("/programme/projects/", "Projects"),
    "projects, filtered to nothing": ("/programme/projects/?status=closed", "Projects"),
    "project": ("/programme/projects/ASC-001/", "Reablement at home"),
    "savings register": ("/programme/savings/", "Benefits register"),
    "figures": ("/programme/figures/", "Figures"),
    "councils in the programme": ("/programme/councils/", "Councils"),
    "council in the programme": ("/councils/E10000014/", "Hampshire"),
    "organisations": ("/organisations/", "Councils and other organisations"),
    "organisation": ("/organisations/E10000014/", "Hampshire"),
    "about": ("/about/", "About"),
    "sign in": ("/accounts/login/", "Sign in"),
    "not found": ("/programme/projects/NO-SUCH-PROJECT/", "Page not found"),
}


def test_pages_have_no_serious_accessibility_violations(page, world):
    found = {}
    for name, (path, heading) in PAGES.items():
        page.goto(path)
        # The page itself rendered: axe must not pass an error page by mistake.
        expect(page.get_by_role("heading", level=1), f"{name} at {path}").to_contain_text(heading, ignore_case=True)
        if violations := axe(page):
            found[name] = violations
    assert found == {}


SIGNED_IN_PAGES = {
    "her council's unpublished project, with its change links": ("/programme/projects/ASC-002/",
                                                                 "Secret draft project"),
    "projects, with the create link": ("/programme/projects/", "Projects"),
    "initiative, with the add-a-project button": ("/programme/initiatives/adult-social-care-efficiency/",
                                                  "Adult Social Care Efficiency Programme"),
    "her account": ("/accounts/profile/", "Your account"),
}


def test_signed_in_pages_have_no_serious_accessibility_violations(page, world):
    signed_in(page, world.editor_a)
    found = {}
    for name, (path, heading) in SIGNED_IN_PAGES.items():
        page.goto(path)
        expect(page.get_by_role("heading", level=1), f"{name} at {path}").to_contain_text(heading)
        if violations := axe(page):
            found[name] = violations
    assert found == {}


def test_sign_in_page_with_errors_has_no_serious_accessibility_violations(page, world):
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("not an email address")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator(".govuk-error-message").first).to_be_visible()
    assert axe(page) == []


def test_axe_reports_a_serious_violation_when_there_is_one(page, world):
    """The check itself works: an image without alternative text is a critical violation."""
    page.goto("/")
    page.evaluate("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')")
    assert [violation["rule"] for violation in axe(page)] == ["image-alt"]
