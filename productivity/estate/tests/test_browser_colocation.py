"""In a real browser: an editor finds a co-location group, starts a business case from it, adds an action and
compares the scenarios; every page passes axe-core and runs under the Content-Security-Policy."""

from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from productivity.accounts.models import Role
from productivity.accounts.tests.factories import make_user
from productivity.estate.tests.factories import make_asset, make_trafford
from productivity.organisations.models import Organisation
from tests.browser.support import axe, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_a_co_location_group_to_a_compared_business_case(page):
    trafford = make_trafford()
    police = Organisation.objects.create(name="Greater Manchester Police", slug="gmp", kind="police")
    make_asset(trafford, "T1", name="Sale Waterside", gross_internal_area=D(4000), rent=D(100000),
               market_value=D(2000000), carbon_tco2e=D(80), occupancy=D(45))
    make_asset(police, "P1", name="Sale police station", gross_internal_area=D(1200),
               easting=D("376780.1"), northing=D("388135.0"))
    editor = make_user(organisation=trafford, role=Role.EDITOR)
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content-Security-Policy" in message.text
            else None)
    signed_in(page, editor)
    page.goto("/estate/colocation/")
    found = {"finder": axe(page)}
    page.get_by_label("Distance between assets (metres)").fill("200")
    page.get_by_role("button", name="Find groups").click()
    expect(page.get_by_role("link", name="Sale police station")).to_be_visible()
    page.get_by_role("link", name="Start a business case for group 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a business case")
    found["start"] = axe(page)
    page.get_by_role("button", name="Start the business case").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Co-location: ")
    page.get_by_role("button", name="Add a scenario").click()
    page.get_by_label("Name").fill("Move the council into the station")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add an action to Move the council into the station").click()
    found["action"] = axe(page)
    page.get_by_label("What happens").select_option("dispose")
    page.get_by_label("To which asset").select_option(label="Sale Waterside")
    page.get_by_role("button", name="Fill in its figures").click()
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("Action added")).to_be_visible()
    expect(page.get_by_role("row", name="Capital receipts")).to_contain_text("£2,000,000")
    found["case"] = axe(page)
    assert {name: v for name, v in found.items() if v} == {}
    assert refused == []
