"""The estate's pages for the five roles: the public sees published assets only, outsiders get 404 for the
rest, and no list, download or report lets an unpublished asset slip out."""

from decimal import Decimal

import pytest

from productivity.estate.models import Flag
from productivity.estate.tests.factories import make_asset

ROLES = ["anonymous", "viewer_a", "editor_a", "editor_b", "programme"]


@pytest.fixture
def estate(roles):
    a, b = roles.council_a, roles.council_b
    return {
        "published": make_asset(a, "HCC1", name="Winchester Library", uprn="0012", postcode="SO23 8SB",
                                address="Jewry Street, Winchester", use="library"),
        "secret": make_asset(a, "HCC2", name="Secret depot", is_published=False, uprn="0099",
                             flags=[Flag.NO_LOCATION], longitude=None, latitude=None),
        "other": make_asset(b, "SBC1", name="Swindon civic offices", is_published=False),
        "shared": make_asset(b, "SBC2", name="Joint library", uprn="0012", address="Jewry Street, Winchester",
                             postcode="SO23 8SB"),
    }


ASSET_PAGES = {
    "published": {"all": 200},
    "secret": {"anonymous": 404, "viewer_a": 200, "editor_a": 200, "editor_b": 404, "programme": 200},
    "other": {"anonymous": 404, "viewer_a": 404, "editor_a": 404, "editor_b": 200, "programme": 200},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", sorted(ASSET_PAGES))
def test_asset_pages_for_each_role(roles, estate, client_for, which, role):
    response = client_for(roles.users()[role]).get(f"/estate/assets/{estate[which].pk}/")
    table = ASSET_PAGES[which]
    assert response.status_code == table.get(role, table.get("all"))
    if response.status_code == 404:
        assert "Secret" not in response.content.decode()


@pytest.mark.parametrize("path", ["/estate/", "/estate/?format=csv", "/estate/?format=xlsx",
                                  "/estate/quality/E10000014/", "/councils/E10000014/", "/estate/?q=depot"])
@pytest.mark.parametrize("role", ["anonymous", "editor_b"])
def test_outsiders_never_see_an_unpublished_asset(roles, estate, client_for, role, path):
    response = client_for(roles.users()[role]).get(path)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if path.endswith("xlsx"):
        assert body.startswith(b"PK")
        return
    text = body.decode("utf-8-sig")
    assert "Secret depot" not in text and "HCC2" not in text


def test_the_owner_sees_its_unpublished_asset_in_the_register_and_its_download(roles, estate, client_for):
    client = client_for(roles.viewer_a)
    assert "Secret depot" in client.get("/estate/?owner=E10000014").content.decode()
    csv = b"".join(client.get("/estate/?owner=E10000014&format=csv").streaming_content).decode("utf-8-sig")
    lines = csv.splitlines()
    assert lines[0].startswith("Owner,Asset code,UPRN,Name,Address,Postcode,Easting")
    assert len(lines) == 3 and "Swindon" not in csv
    assert ",0099," in csv  # the UPRN's leading zeros survive the download


def test_the_register_filters_and_searches(roles, estate, client_for):
    client = client_for(roles.programme)
    page = client.get("/estate/?use=library").content.decode()
    assert "Winchester Library" in page and "Swindon civic offices" not in page
    page = client.get("/estate/?q=civic").content.decode()
    assert "Swindon civic offices" in page and "Winchester Library" not in page


def test_the_asset_page_says_what_the_register_says_in_plain_english(roles, estate, client_for):
    page = client_for(None).get(f"/estate/assets/{estate['published'].pk}/").content.decode()
    assert "Jewry Street, Winchester" in page and "Library" in page and "Not given" in page
    assert "Created" in page or "Create" in page  # its history
    assert "editor.a@example.org" not in page


def test_the_quality_report_lists_flags_and_duplicates_across_owners(roles, estate, client_for):
    page = client_for(roles.editor_a).get("/estate/quality/E10000014/").content.decode()
    assert f"/estate/assets/{estate['secret'].pk}/" in page  # no coordinates
    assert "register (1)</h2>" in page  # the same UPRN in another owner's register
    assert "Joint library" in page and "Swindon" in page
    assert "Held by" not in page  # one owner's report: every asset is the owner's


def test_the_council_page_has_the_estate_section(roles, estate, client_for):
    public = client_for(None).get("/councils/E10000014/").content.decode()
    assert "Land and buildings" in public and "holds 1 asset you can see" in public
    member = client_for(roles.viewer_a).get("/councils/E10000014/").content.decode()
    assert "holds 2 assets you can see" in member and "1 has a data-quality flag" in member


def test_a_published_asset_is_never_deleted_but_an_unpublished_one_may_be(roles, estate):
    from productivity.estate.models import Asset, PublishedAssetDeleted

    with pytest.raises(PublishedAssetDeleted):
        estate["published"].delete()
    with pytest.raises(PublishedAssetDeleted):
        Asset.objects.all().delete()
    estate["secret"].delete()
    assert not Asset.objects.filter(name="Secret depot").exists()
    assert Asset.objects.filter(name="Winchester Library").exists()


def test_a_council_edits_only_its_own_assets(roles, estate):
    from productivity.estate.models import Asset

    assert set(Asset.objects.editable_by(roles.editor_a)) == {estate["published"], estate["secret"]}
    assert set(Asset.objects.editable_by(roles.viewer_a)) == set()
    assert set(Asset.objects.editable_by(roles.programme)) == set(estate.values())


def test_the_council_page_gives_the_floor_area_in_hundredths_of_a_square_metre(roles, client_for):
    from productivity.estate.tests.factories import make_asset

    # Three areas whose sum is not exact in binary floating point (SQLite adds decimals as floats).
    for code, area in (("F1", "45690.12"), ("F2", "45690.12"), ("F3", "45690.13")):
        make_asset(roles.council_a, code, gross_internal_area=Decimal(area))
    page = client_for(None).get(f"/councils/{roles.council_a.slug}/").content.decode()
    assert "with 137,070.37 m² of gross internal floor area recorded" in page
    make_asset(roles.council_a, "F4", gross_internal_area=Decimal("0.63"))
    page = client_for(None).get(f"/councils/{roles.council_a.slug}/").content.decode()
    assert "with 137,071 m² of gross internal floor area recorded" in page  # a whole number: no .00
