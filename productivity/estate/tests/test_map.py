"""A place's map: which assets it shows (in the area, whoever holds them, as the reader may see them), its
filters, its compact data, its boundaries, its table and downloads, and the tile server the CSP allows."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.test import override_settings

from productivity.estate import maps
from productivity.estate.models import Asset
from productivity.estate.tests.factories import make_asset
from productivity.organisations.models import OrganisationKind
from productivity.organisations.tests.factories import make_body

WINCHESTER = {"longitude": Decimal("-1.3137"), "latitude": Decimal("51.0632")}
BASINGSTOKE = {"longitude": Decimal("-1.0872"), "latitude": Decimal("51.2665")}
SWINDON = {"longitude": Decimal("-1.7797"), "latitude": Decimal("51.5558")}
MAP = "/estate/map/E10000014/"


@pytest.fixture
def place(roles):
    a, b = roles.council_a, roles.council_b
    police = make_body("Hampshire Police", kind=OrganisationKind.POLICE, gss_code="E23000030", slug="E23000030")
    return {
        "library": make_asset(a, "HCC1", name="Winchester Library", use="library", tenure="freehold",
                              status="operational", **WINCHESTER),
        "depot": make_asset(a, "HCC2", name="Secret depot", use="depot", is_published=False, **BASINGSTOKE),
        "station": make_asset(police, "HC1", name="Winchester police station", use="police_station",
                              status="surplus", **WINCHESTER),
        "swindon": make_asset(b, "SBC1", name="Swindon civic offices", use="office", **SWINDON),
        "unmapped": make_asset(a, "HCC3", name="Unmapped land", longitude=None, latitude=None),
        "police": police,
    }


def _data(client, query=""):
    response = client.get(f"{MAP}assets.json{query}")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()


def _names(data):
    return sorted(data["name"])


def test_the_map_shows_every_bodys_assets_in_the_area_and_nothing_outside_it(roles, place, client_for):
    data = _data(client_for(roles.programme))
    assert _names(data) == ["Secret depot", "Winchester Library", "Winchester police station"]
    assert data["total"] == 3 and len(data["id"]) == len(data["longitude_e6"]) == len(data["use"]) == 3
    at = {name: index for index, name in enumerate(data["name"])}
    library = at["Winchester Library"]
    assert data["id"][library] == place["library"].pk
    assert (data["longitude_e6"][library], data["latitude_e6"][library]) == (-1_313_700, 51_063_200)
    assert data["agencies"][data["agency"][library]]["name"] == "Hampshire"
    assert data["use_labels"][data["use"][library]] == "Library"
    assert data["status_labels"][data["status"][library]] == "Operational"
    assert data["tenure_labels"][data["tenure"][at["Winchester police station"]]] == "Not given"


def test_every_column_of_the_data_keeps_each_asset_in_its_own_place(roles, place, client_for):
    # A name holding a control character, and a use no longer on the list,
    # must not shift the names against the ids or show a wrong label.
    odd = make_asset(roles.council_a, "HCC4", name="Odd\x1ename", use="office", **WINCHESTER)
    Asset.objects.filter(pk=odd.pk).update(use="retired_code")
    data = _data(client_for(roles.programme))
    assert data["id"] == sorted(data["id"]) and data["total"] == 4
    at = dict(zip(data["id"], range(data["total"]), strict=True))
    assert data["name"][at[odd.pk]] == "Odd\x1ename" and data["use_labels"][data["use"][at[odd.pk]]] == "Not given"
    assert data["name"][at[place["depot"].pk]] == "Secret depot"
    assert data["use_labels"][data["use"][at[place["depot"].pk]]] == "Depot"
    assert data["agencies"][data["agency"][at[place["station"].pk]]]["name"] == "Hampshire Police"


@pytest.mark.parametrize("role", ["anonymous", "editor_b"])
def test_outsiders_never_see_an_unpublished_asset_on_the_map_its_table_or_downloads(roles, place, client_for, role):
    client = client_for(roles.users()[role])
    assert _names(_data(client)) == ["Winchester Library", "Winchester police station"]
    for query in ("", "?format=csv", "?format=geojson", "quality/"):
        path = f"{MAP}{query}" if not query.endswith("/") else f"{MAP}{query}"
        response = client.get(path)
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Secret depot" not in body and b"HCC2" not in body


def test_the_filters_narrow_the_map_its_table_and_its_downloads_alike(roles, place, client_for):
    client = client_for(roles.viewer_a)
    assert _names(_data(client, "?agency=E23000030")) == ["Winchester police station"]
    assert _names(_data(client, "?status=surplus")) == ["Winchester police station"]
    assert _names(_data(client, "?use=library&tenure=freehold")) == ["Winchester Library"]
    assert _names(_data(client, "?use=library&status=surplus")) == []
    # A value that is not on the list is ignored rather than an error (or an empty map).
    assert _data(client, "?use=rocket&agency=nobody")["total"] == 3
    page = client.get(f"{MAP}?agency=E23000030").content.decode()
    assert "Winchester police station" in page and "Winchester Library</a>" not in page
    assert 'data-assets-url="/estate/map/E10000014/assets.json?agency=E23000030"' in page
    csv_body = b"".join(client.get(f"{MAP}?agency=E23000030&format=csv").streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_body)))
    assert [row[3] for row in rows[1:]] == ["Winchester police station"]
    geojson = json.loads(b"".join(client.get(f"{MAP}?agency=E23000030&format=geojson").streaming_content))
    assert [f["id"] for f in geojson["features"]] == [place["station"].pk]
    assert geojson["features"][0]["geometry"]["coordinates"] == [-1.3137, 51.0632]


def test_the_page_has_a_key_a_table_and_says_what_cannot_be_mapped(roles, place, client_for):
    page = client_for(roles.viewer_a).get(MAP).content.decode()
    assert "3 assets of 2 bodies" in page
    assert "1 of Hampshire's own assets have no usable coordinates" in page
    assert 'pp-map-colour--0" aria-hidden="true"></span> Hampshire (2)' in page
    assert "Hampshire Police (1)" in page
    assert "Assets on the map" in page and "Download as CSV" in page and "as GeoJSON" in page
    assert "Skip the map" in page and "<script>" not in page  # the map's code is a static file, never inline



def test_the_table_says_what_the_map_does_in_a_few_columns_and_its_download_keeps_every_column(
        roles, place, client_for):
    Asset.objects.filter(pk=place["library"].pk).update(address="Jewry Street, Winchester", postcode="SO23 8SB")
    client = client_for(roles.viewer_a)
    page = client.get(f"{MAP}?use=library").content.decode()
    table = page[page.index('<table class="govuk-table'):page.index("</table>")]
    headings = re.findall(r'<th scope="col"[^>]*>(?:<a [^>]*>)?([^<]+)', table)
    assert headings == ["Owner", "Name", "Address", "Use", "Tenure", "Status"]
    assert '<td class="govuk-table__cell">Jewry Street, Winchester, SO23 8SB</td>' in table
    csv_body = b"".join(client.get(f"{MAP}?use=library&format=csv").streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(csv_body)))
    assert header[:6] == ["Owner", "Asset code", "UPRN", "Name", "Address", "Postcode"] and "Data quality" in header
    assert row[4:6] == ["Jewry Street, Winchester", "SO23 8SB"] and "Address" not in header[6:]

def test_boundaries_are_the_council_and_the_police_and_fire_areas_covering_it(roles, client_for):
    response = client_for(None).get(f"{MAP}boundaries.geojson")
    assert response.status_code == 200 and "max-age" in response["Cache-Control"]
    features = response.json()["features"]
    assert [(f["properties"]["layer"], f["properties"]["code"]) for f in features] == [
        ("council", "E10000014"), ("police", "E23000030"), ("fire", "E31000048")]
    assert features[0]["geometry"]["type"] in ("Polygon", "MultiPolygon")


@pytest.mark.parametrize("path", ["/estate/map/E23000030/", "/estate/map/nowhere/assets.json",
                                  "/estate/map/nowhere/boundaries.geojson", "/estate/map/nowhere/quality/"])
def test_only_a_council_with_a_boundary_is_a_place(roles, place, client_for, path):
    assert client_for(None).get(path).status_code == 404


def test_choosing_a_place(roles, client_for):
    client = client_for(None)
    page = client.get("/estate/map/").content.decode()
    assert '<option value="E10000014">Hampshire</option>' in page
    assert client.get("/estate/map/?place=E10000014")["Location"] == MAP
    refused = client.get("/estate/map/?place=E23000030")
    assert refused.status_code == 200 and "Choose a council from the list" in refused.content.decode()


def test_without_a_tile_server_the_policy_stays_our_own(roles, client_for):
    response = client_for(None).get(MAP)
    policy = response["Content-Security-Policy"]
    assert "img-src 'self' data:;" in policy
    assert 'data-tiles-url=""' in response.content.decode()


@override_settings(MAP_TILES_URL="https://tiles.example.org/{z}/{x}/{y}.png", MAP_TILES_ATTRIBUTION="© Example")
def test_a_configured_tile_server_is_allowed_for_images_only(roles, client_for):
    response = client_for(None).get(MAP)
    directives = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert directives["img-src"] == "'self' data: https://tiles.example.org"
    assert "tiles.example.org" not in directives["script-src"] + directives["connect-src"]
    page = response.content.decode()
    assert 'data-tiles-url="https://tiles.example.org/{z}/{x}/{y}.png"' in page
    assert 'data-tiles-attribution="© Example"' in page


def test_many_ids_travel_in_one_query_parameter(roles, place):
    ids = [*range(10_000_000, 10_050_000), place["library"].pk]
    assert list(maps.with_ids(Asset.objects.all(), ids)) == [place["library"]]


def test_the_council_page_links_to_its_map(roles, client_for):
    page = client_for(None).get("/councils/E10000014/").content.decode()
    assert f'href="{MAP}">Map of every public body' in page


# The kept JSON (fastcoloc): outside a test's transaction, so that the map data is really kept between requests.
@pytest.mark.django_db(transaction=True)
def test_the_kept_map_data_shows_a_change_on_the_next_request_and_never_crosses_readers(roles, place, client_for):
    team, visitor = client_for(roles.programme), client_for(None)
    assert "Secret depot" in _names(_data(team))  # kept for the programme team
    assert "Secret depot" not in _names(_data(visitor))  # the public's own copy, published assets only
    assert _names(_data(team)) == _names(_data(team))  # served again, unchanged
    make_asset(roles.council_a, "HCC9", name="New Winchester office", **WINCHESTER)
    assert "New Winchester office" in _names(_data(team)) and "New Winchester office" in _names(_data(visitor))
    Asset.objects.filter(pk=place["library"].pk).update(name="Winchester Discovery Centre")
    assert "Winchester Discovery Centre" in _names(_data(visitor))
    assert _names(_data(team, "?use=library")) == ["Winchester Discovery Centre"]  # filters kept apart


def test_the_map_data_is_gzipped_for_a_browser_that_accepts_it(roles, place, client_for):
    import gzip

    response = client_for(roles.programme).get(f"{MAP}assets.json", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert sorted(json.loads(gzip.decompress(response.content))["name"]) == [
        "Secret depot", "Winchester Library", "Winchester police station"]
