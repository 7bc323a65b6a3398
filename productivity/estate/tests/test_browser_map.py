"""In a real browser: a visitor opens Trafford's map, sees clustered assets on the boundaries alone (no tiles),
filters to one agency, opens an asset's popup from the keyboard and follows it, and uses the table
alternative; the map, demand and data-quality pages pass axe-core under the platform's CSP."""

from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from productivity.estate.geography import WGS84, locate
from productivity.estate.models import ServiceDemand
from productivity.estate.tests.factories import make_asset, make_trafford
from productivity.organisations.models import OrganisationKind
from productivity.organisations.tests.factories import make_body
from tests.browser.support import axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _trafford_estate():
    trafford = make_trafford()
    police = make_body("Greater Manchester Police", kind=OrganisationKind.POLICE, gss_code="E23000005",
                       slug="E23000005")
    for number in range(40):  # a crowd of assets in Altrincham: one cluster at the borough's zoom
        make_asset(trafford, f"TMBC{number}", name=f"Altrincham asset {number}", use="office",
                   longitude=Decimal("-2.3500") + Decimal(number) / 100000, latitude=Decimal("53.3870"))
    station = locate(Decimal("-2.3160"), Decimal("53.4461"), WGS84)
    make_asset(police, "GMP1", name="Stretford police station", use="police_station", **vars(station))
    sale = locate(Decimal("-2.3280"), Decimal("53.4250"), WGS84)  # 2.5 km from the police station
    ServiceDemand.objects.create(owner=trafford, reference="D1", name="Sale square", visits=900,
                                 easting=sale.easting, northing=sale.northing, longitude=sale.longitude,
                                 latitude=sale.latitude, is_illustrative=True)


def _ready(page):
    expect(page.locator("#asset-map[data-ready]")).to_have_count(1, timeout=15000)


def test_a_visitor_uses_the_map_its_filters_popups_and_table(page):
    _trafford_estate()
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content-Security-Policy" in message.text or message.type == "error" else None)
    page.goto("/estate/map/")
    page.get_by_label("Council").select_option(label="Trafford")
    page.get_by_role("button", name="Show the map").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Public land and buildings in Trafford")
    _ready(page)
    expect(page.locator(".pp-map-cluster").first).to_be_visible()  # forty assets drawn as a cluster
    expect(page.get_by_role("status")).to_have_text("41 assets are on the map.")
    found = {"map": axe(page)}

    page.get_by_label("Agency").select_option(label="Greater Manchester Police")
    page.get_by_role("button", name="Apply filters").click()
    _ready(page)
    expect(page.get_by_role("status")).to_have_text("1 asset is on the map.")
    expect(page.locator(".pp-map-cluster")).to_have_count(0)
    marker = page.get_by_role("button", name="Stretford police station (Greater Manchester Police)")
    marker.focus()
    page.keyboard.press("Enter")  # the keyboard opens the popup, as a click would
    link = page.locator(".leaflet-popup").get_by_role("link", name="View Stretford police station")
    expect(link).to_be_visible()
    expect(link).to_be_focused()  # the keyboard goes on to the popup's link

    table = page.get_by_role("table", name="Assets on the map")
    expect(table.get_by_role("row")).to_have_count(2)  # the heading row and the one asset
    expect(table.get_by_role("link", name="Stretford police station")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    assert "Stretford police station" in Path(download.value.path()).read_text(encoding="utf-8-sig")

    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stretford police station")

    page.goto("/estate/map/E08000009/demand/?use=police_station&distance=3000")
    expect(page.get_by_role("heading", level=1)).to_have_text("Customer service needs in Trafford")
    expect(page.locator(".govuk-panel__title")).to_have_text("100.0%")
    found["demand"] = axe(page)
    page.goto("/estate/map/E08000009/quality/")
    found["quality"] = axe(page)
    assert {name: v for name, v in found.items() if v} == {}
    assert refused == []
