"""In a real browser: a lead council's editor files a quarterly return and a partner body's editor verifies a
figure; the partnership, return, outputs and selection pages pass axe-core."""

import pytest
from playwright.sync_api import expect

from conftest import make_user
from productivity.accounts.models import Role
from productivity.accounts.tests.factories import make_roles
from productivity.estate.models import Criterion, SelectionRound
from productivity.estate.tests.factories import make_partnership, make_project
from productivity.organisations.tests.factories import make_organisation
from tests.browser.support import axe, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_return_is_filed_and_a_partner_verifies_it(page, browser, live_server):
    roles = make_roles()
    police = make_organisation("Hampshire Constabulary", kind="police", slug="hampshire-police")
    partnership = make_partnership(roles.council_a, police)
    make_project(partnership, "HAM-01", title="Joint police and fire station")
    verifier = make_user("editor.police@example.org", police, Role.EDITOR)
    round_ = SelectionRound.objects.create(name="Capital assets 2012/13", slug="round", opens_on="2012-04-02",
                                           closes_on="2012-06-29")
    Criterion.objects.create(selection_round=round_, name="Outputs")
    found = {}
    signed_in(page, roles.editor_a)
    page.goto(f"/estate/partnerships/{partnership.slug}/")
    found["partnership"] = axe(page)
    page.get_by_role("link", name="Start a quarterly return").click()
    page.get_by_label("Financial year (the year it starts in)").fill("2012")
    page.get_by_label("Q1: April to June").check()
    page.get_by_role("group", name="Overall RAG").get_by_label("Amber/Green").check()
    page.get_by_role("group", name="Project delivery and outputs RAG").get_by_label("Amber", exact=True).check()
    page.get_by_role("group", name="Governance RAG").get_by_label("Green", exact=True).check()
    page.get_by_label("Commentary", exact=True).fill("Station design agreed with the fire authority")
    page.get_by_role("button", name="Start return").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quarterly return for 2012/13 Q1")
    page.get_by_role("link", name="Record the outputs of HAM-01: Joint police and fire station").click()
    found["figures form"] = axe(page)
    page.get_by_label("Jobs created: forecast (jobs)").fill("40")
    page.get_by_label("Jobs created: achieved this quarter (jobs)").fill("12")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Describe the evidence")
    found["figures errors"] = axe(page)
    page.get_by_label("Jobs created: evidence").fill("Payroll of the new station")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Submit the return").click()
    page.get_by_role("button", name="Submit return").click()
    expect(page.locator("strong.govuk-tag", has_text="Submitted")).to_be_visible()
    expect(page.get_by_text("Someone other than the person who entered a figure must verify it")).to_be_visible()
    found["return"] = axe(page)
    url = page.url

    other = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    signed_in(other, verifier)
    other.goto(url)
    other.get_by_role("link", name="Verify HAM-01 Jobs created").click()
    other.get_by_role("button", name="Verify figure").click()
    expect(other.locator("strong.govuk-tag", has_text="Verified")).to_be_visible()
    other.goto("/estate/outputs/")
    expect(other.get_by_role("heading", level=1)).to_have_text("Partnerships' outputs")
    found["outputs"] = axe(other)
    other.goto("/estate/selection/round/")
    found["round"] = axe(other)
    assert {name: v for name, v in found.items() if v} == {}
