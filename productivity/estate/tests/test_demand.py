"""Customer service needs: importing demand (points or areas, BNG or WGS84), the share of it within a distance
of the chosen service points (checked by hand), and who sees which figures."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from productivity.estate import demand
from productivity.estate.models import ServiceDemand
from productivity.estate.tests.factories import make_asset

HEADER = "Reference,Name,Kind,Service,Period,Visits per year,CRS,GeoX,GeoY,Illustrative,Published\n"
PAGE = "/estate/map/E10000014/demand/"


@pytest.fixture
def run_import(tmp_path, capsys):
    def run(text, owner="E10000014", expect_failure=False):
        path = tmp_path / "demand.csv"
        path.write_text(text, encoding="utf-8")
        try:
            call_command("import_file", "--kind", "service_demand", "--publisher", owner, str(path))
        except Exception:  # CommandError when nothing could be imported
            assert expect_failure
        out = capsys.readouterr()
        return out.out.strip().splitlines()[-1], out.out + out.err
    return run


def test_demand_comes_in_from_bng_or_wgs84_and_again_changes_nothing(roles, run_import):
    text = HEADER + ("CSC1,Winchester desk,Service point,Council tax,2012/13,\"12,500\",BNG,448000,129500,No,\n"
                     "A1,Area around St Cross,Area,,2012/13,900,WGS84,-1.3180,51.0450,Yes,\n")
    line, _ = run_import(text)
    assert "imported=2" in line and "rejected=0" in line
    desk = ServiceDemand.objects.get(reference="CSC1")
    assert desk.visits == 12500 and desk.easting == Decimal("448000.0") and desk.longitude is not None
    area = ServiceDemand.objects.get(reference="A1")
    assert area.kind == "area" and area.is_illustrative and area.northing is not None
    line, _ = run_import(text)
    assert "imported=0 unchanged=2" in line


def test_rows_that_cannot_be_placed_or_counted_are_rejected_with_their_reasons(roles, run_import):
    text = HEADER + ("B1,No place,,,,100,,,,,\n"
                     "B2,Swapped,,,,100,WGS84,51.0450,-1.3180,,\n"
                     "B3,Bad count,,,,lots,BNG,448000,129500,,\n"
                     "B4,Good,,,,100,BNG,448000,129500,,\n")
    line, out = run_import(text)
    assert "imported=1" in line and "rejected=3" in line and "total=4" in line
    assert "row 4" in out and "cannot be placed in the UK" in out
    assert "'lots' is not a number of visits" in out


def _demand(owner, reference, easting, northing, visits, **fields):
    from productivity.estate.geography import BNG, locate

    place = locate(Decimal(easting), Decimal(northing), BNG)
    return ServiceDemand.objects.create(owner=owner, reference=reference, name=reference, visits=visits,
                                        easting=place.easting, northing=place.northing, longitude=place.longitude,
                                        latitude=place.latitude, **fields)


def test_the_share_within_a_distance_is_worked_out_as_by_hand(roles):
    a = roles.council_a
    point = make_asset(a, "P1", name="Desk", easting=Decimal("448000"), northing=Decimal("129500"))
    far_point = make_asset(a, "P2", name="Far desk", easting=Decimal("452000"), northing=Decimal("129500"))
    records = [_demand(a, "near", "448300", "129900", 600),   # 500 m from the desk (a 3-4-5 triangle)
               _demand(a, "edge", "448800", "129500", 300),   # 800 m exactly: within
               _demand(a, "far", "450000", "129500", 100)]    # 2,000 m from both desks
    result = demand.coverage(records, [point, far_point], 800)
    assert [(r.demand.reference, r.nearest.name, r.metres, r.within) for r in result.reaches] == [
        ("near", "Desk", 500, True), ("edge", "Desk", 800, True), ("far", "Desk", 2000, False)]
    assert result.visits == 1000 and result.visits_within == 900 and result.share == Decimal("0.9000")
    assert demand.coverage(records, [], 800).share == Decimal("0.0000")


def test_the_page_shows_the_share_and_its_table_and_outsiders_see_only_published_demand(roles, client_for):
    a = roles.council_a
    make_asset(a, "P1", name="Winchester Library", use="library", easting=Decimal("448000"),
               northing=Decimal("129500"), longitude=Decimal("-1.3137"), latitude=Decimal("51.0632"))
    _demand(a, "D1", "448300", "129900", 600, is_illustrative=True)
    _demand(a, "SECRET", "448100", "129600", 400, is_published=False)
    member = client_for(roles.viewer_a).get(f"{PAGE}?use=library&distance=800").content.decode()
    assert "100.0%" in member and "1,000 of 1,000" in member and "illustrative" in member
    outsider = client_for(roles.editor_b).get(f"{PAGE}?use=library&distance=800").content.decode()
    assert "600 of 600" in outsider and "SECRET" not in outsider
    csv = b"".join(client_for(roles.editor_b).get(f"{PAGE}?use=library&format=csv").streaming_content)
    assert b"D1" in csv and b"SECRET" not in csv
    layer = client_for(None).get("/estate/map/E10000014/demand.json").json()
    assert layer["name"] == ["D1"] and layer["visits"] == [600]
    key = client_for(None).get("/estate/map/E10000014/").content.decode()
    assert "Customer service demand (1 record, with illustrative figures" in key


@pytest.mark.parametrize("distance", ["-5", "lots", "999999", "1e3"])
def test_a_distance_that_is_not_a_number_of_metres_is_explained(roles, client_for, distance):
    response = client_for(None).get(f"{PAGE}?distance={distance}")
    assert response.status_code == 200
    assert "Enter the distance as a whole number of metres" in response.content.decode()


def test_the_maps_key_counts_the_demand_inside_the_area_and_says_whether_any_is_illustrative(roles, client_for):
    a = roles.council_a
    _demand(a, "D1", "448300", "129900", 600)
    _demand(a, "D2", "448100", "129600", 400)
    # Bournemouth: inside Hampshire's bounding box, outside its boundary.
    _demand(a, "BOURNEMOUTH", "408900", "91300", 900, is_illustrative=True)
    key = client_for(None).get("/estate/map/E10000014/").content.decode()
    assert "Customer service demand (2 records)" in key and "illustrative figures" not in key
    _demand(a, "D3", "448200", "129700", 100, is_illustrative=True)
    key = client_for(None).get("/estate/map/E10000014/").content.decode()
    assert "Customer service demand (3 records, with illustrative figures" in key
