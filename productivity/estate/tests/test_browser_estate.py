"""In a real browser: a visitor finds an asset in the register, opens it and the owner's data-quality report;
every page passes axe-core and runs under the platform's Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from productivity.estate.models import Flag
from productivity.estate.tests.factories import make_asset, make_trafford
from tests.browser.support import axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_an_asset_and_its_data_quality(page):
    trafford = make_trafford()
    make_asset(trafford, "TMBC1", name="Altrincham Town Hall", use="office", postcode="WA14 1PF")
    make_asset(trafford, "TMBC2", name="Moss View Centre", flags=[Flag.NO_LOCATION], longitude=None,
               latitude=None)
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content-Security-Policy" in message.text
            else None)
    page.goto("/estate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Asset register")
    found = {"register": axe(page)}
    page.get_by_label("Search by name, address, postcode, asset code or UPRN").fill("moss")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Altrincham Town Hall")).to_have_count(0)
    page.get_by_role("link", name="Moss View Centre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moss View Centre")
    found["asset"] = axe(page)
    page.get_by_role("link", name="See every data-quality problem in Trafford's register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data quality of Trafford's assets")
    found["quality"] = axe(page)
    assert {name: v for name, v in found.items() if v} == {}
    assert refused == []
