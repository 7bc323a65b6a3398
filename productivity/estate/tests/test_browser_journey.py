"""In a real browser, issue 8's journey end to end: Trafford's editor imports the council's asset file through
the import pages, sees the assets on Trafford's map beside the police's building, finds them as a co-location
group and starts a business case from it; every page passes axe-core under the Content-Security-Policy."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from productivity.accounts.models import Role
from productivity.accounts.tests.factories import make_user
from productivity.estate.geography import WGS84, locate
from productivity.estate.models import Asset
from productivity.estate.tests.factories import make_asset, make_trafford
from productivity.organisations.models import OrganisationKind
from productivity.organisations.tests.factories import make_body
from tests.browser.support import axe, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Two rows in Trafford's own published layout (Transparency Code), in WGS84 as Trafford publishes them.
REGISTER = (
    "OrganisationLabel,UPRN,AssetCode,PropertyName,StreetName,PostTown,PostCode,CoordinateReferenceSystem,GeoX,"
    "GeoY,TenureType,HoldingType,BuildingSize\n"
    "Trafford Council,100012797623,TMBC0001/T0000003,Altrincham Town Hall,Market Street,Altrincham,WA14 1PF,"
    "WGS84,-2.3520922,53.3879587,Freehold,Buildings,415.05\n"
    "Trafford Council,100012800714,TMBC0002/B0000066,Broomwood Centre,Mainwood Road,Altrincham,WA15 7JU,"
    "WGS84,-2.306004,53.3914925,Freehold,Buildings,872.8\n")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_import_then_map_then_co_location_then_a_business_case(page, tmp_path):
    trafford = make_trafford()
    police = make_body("Greater Manchester Police", kind=OrganisationKind.POLICE, gss_code="E23000005",
                       slug="E23000005")
    # The police station 150 m from the town hall.
    station = locate(Decimal("-2.3500"), Decimal("53.3880"), WGS84)
    make_asset(police, "GMP-ALT", name="Altrincham police station", use="police_station",
               gross_internal_area=Decimal(900), **vars(station))
    editor = make_user(organisation=trafford, role=Role.EDITOR)
    path = tmp_path / "trafford-assets.csv"
    path.write_text(REGISTER, encoding="utf-8")
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content-Security-Policy" in message.text else None)
    signed_in(page, editor)

    page.goto("/imports/?kind=assets")
    page.get_by_label("Whose file is it?").fill("E08000009")
    page.get_by_label("Upload a file").set_input_files(str(path))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what will be imported")
    found = {"check": axe(page)}
    page.get_by_role("button", name="Import 2 rows").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import complete")
    assert Asset.objects.filter(owner=trafford).count() == 2

    page.goto("/estate/map/E08000009/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Public land and buildings in Trafford")
    expect(page.locator("#asset-map[data-ready]")).to_have_count(1, timeout=15000)
    table = page.get_by_role("main")
    expect(table).to_contain_text("Altrincham Town Hall")
    expect(table).to_contain_text("Altrincham police station")
    found["map"] = axe(page)

    page.goto("/estate/colocation/")
    page.get_by_label("Distance between assets (metres)").fill("400")
    page.get_by_role("button", name="Find groups").click()
    expect(page.get_by_role("link", name="Altrincham police station")).to_be_visible()
    expect(page.get_by_role("link", name="Altrincham Town Hall")).to_be_visible()
    found["groups"] = axe(page)
    page.get_by_role("link", name="Start a business case for group 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a business case")
    page.get_by_role("button", name="Start the business case").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Co-location: ")
    expect(page.get_by_role("main")).to_contain_text("Altrincham Town Hall")
    found["case"] = axe(page)
    assert {name: v for name, v in found.items() if v} == {}
    assert refused == []
