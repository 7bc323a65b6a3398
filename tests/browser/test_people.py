"""A council's organisation admin manages its people, and a newcomer replaces their temporary password, in the
browser as people would; axe-core finds no serious or critical problem on any of those pages."""

import pytest
from playwright.sync_api import Page, expect

from conftest import make_user
from productivity.accounts.models import Role
from tests.browser.support import axe, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page: Page, name: str, found: dict) -> None:
    if violations := axe(page):
        found[name] = violations


def test_an_admin_adds_a_person_who_then_changes_their_temporary_password(page, world):
    admin = make_user("admin.a@example.org", world.council_a, Role.ADMIN)
    found = {}
    signed_in(page, admin)

    page.goto("/accounts/profile/")
    page.get_by_role("link", name="Manage people at Hampshire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    expect(page.get_by_role("cell", name="viewer.a@example.org")).to_be_visible()
    _check(page, "people, as its admin", found)

    page.get_by_role("button", name="Add a person").click()
    page.get_by_role("button", name="Add person").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an email address")
    _check(page, "add a person, with errors", found)

    page.get_by_label("Email address").fill("newcomer@example.org")
    page.get_by_label("Full name").fill("Nia Newcomer")
    page.get_by_label("Editor", exact=True).check()
    page.get_by_role("button", name="Add person").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Temporary password")
    temporary = page.locator("#temporary-password").inner_text()
    _check(page, "person added, with the temporary password", found)

    page.get_by_role("link", name="Back to the people at Hampshire").click()
    expect(page.get_by_role("cell", name="newcomer@example.org")).to_be_visible()
    expect(page.get_by_text(temporary)).to_have_count(0)
    page.get_by_role("link", name="Change role of Nia Newcomer").click()
    _check(page, "change a role", found)
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Remove Admin.A").click()
    page.get_by_role("button", name="Remove yourself").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("You are the only organisation admin of Hampshire")
    _check(page, "remove yourself, refused", found)

    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()
    newcomer = type("Newcomer", (), {"email": "newcomer@example.org"})
    signed_in(page, newcomer, password=temporary)
    # Until they choose their own password, every page sends them to choose it.
    page.goto("/accounts/profile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    expect(page.get_by_role("main")).to_contain_text("You are using a temporary password")
    _check(page, "account, with a temporary password", found)
    page.get_by_label("Current password").fill(temporary)
    page.get_by_label("New password", exact=True).fill("a-much-longer-secret-2012")
    page.get_by_label("Confirm new password").fill("something else")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The new passwords do not match")
    _check(page, "change password, with errors", found)
    page.get_by_label("Current password").fill(temporary)
    page.get_by_label("New password", exact=True).fill("a-much-longer-secret-2012")
    page.get_by_label("Confirm new password").fill("a-much-longer-secret-2012")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your password has been changed")
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
    expect(page.get_by_text("You are signed in with a temporary password")).to_have_count(0)
    assert found == {}


def test_a_viewer_sees_her_colleagues_without_change_links(page, world):
    signed_in(page, world.viewer_a)
    page.goto("/organisations/E10000014/")
    page.get_by_role("link", name="People at Hampshire").click()
    expect(page.get_by_role("cell", name="editor.a@example.org")).to_be_visible()
    expect(page.get_by_role("link", name="Change role")).to_have_count(0)
    assert axe(page) == []
