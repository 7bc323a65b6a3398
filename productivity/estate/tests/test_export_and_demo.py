"""Writing an owner's assets out (GeoJSON, CSV) and loading the demo's real register."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from productivity.estate.models import Asset
from productivity.estate.tests.factories import make_asset
from productivity.organisations.models import Organisation

TRAFFORD_ROWS = 608


def _export(owner, fmt):
    out = io.StringIO()
    call_command("export_assets", "--owner", owner, "--format", fmt, stdout=out)
    return out.getvalue()


def test_geojson_is_a_feature_collection_in_longitude_and_latitude(trafford):
    make_asset(trafford, "T1", name="Town hall", uprn="0042")
    make_asset(trafford, "T2", name="Unmapped land", longitude=None, latitude=None, easting=None, northing=None)
    found = json.loads(_export("E08000009", "geojson"))
    assert found["type"] == "FeatureCollection"
    by_code = {f["properties"]["asset_code"]: f for f in found["features"]}
    assert by_code["T1"]["geometry"] == {"type": "Point", "coordinates": [-2.35, 53.39]}
    assert by_code["T1"]["properties"]["uprn"] == "0042" and by_code["T1"]["properties"]["name"] == "Town hall"
    assert by_code["T2"]["geometry"] is None


def test_csv_has_the_registers_columns_and_never_a_formula(trafford):
    make_asset(trafford, "T1", name="=HYPERLINK(\"http://example.com\")", uprn="0042")
    rows = list(csv.reader(io.StringIO(_export("E08000009", "csv"))))
    assert rows[0][:4] == ["Owner", "Asset code", "UPRN", "Name"]
    assert rows[1][1:4] == ["T1", "0042", "'=HYPERLINK(\"http://example.com\")"]


def test_an_unknown_owner_is_refused(db):
    with pytest.raises(CommandError, match="No organisation has the code 'X99'"):
        _export("X99", "csv")


def test_the_demo_loads_traffords_real_register_and_loading_it_again_changes_nothing(db, capsys):
    call_command("import_organisations")  # the demo also loads other agencies' buildings, which need them
    trafford = Organisation.objects.get(gss_code="E08000009")
    call_command("load_estate_demo")
    first = capsys.readouterr().out.strip().splitlines()[-1]
    counts = dict(part.split("=") for part in first.split())
    assert int(counts["imported"]) + int(counts["unchanged"]) + int(counts["rejected"]) == TRAFFORD_ROWS
    assert int(counts["total"]) == TRAFFORD_ROWS and counts["rejected"] == "0"
    # Trafford's register (TMBC codes) beside the libraries and schools the map's demo adds.
    assert Asset.objects.filter(owner=trafford, asset_code__startswith="TMBC").count() == TRAFFORD_ROWS
    call_command("load_estate_demo")
    again = capsys.readouterr().out.strip().splitlines()[-1]
    assert again == f"imported=0 unchanged={TRAFFORD_ROWS} rejected=0 flagged=0 total={TRAFFORD_ROWS}"


def test_the_demo_needs_the_organisations_first(db):
    with pytest.raises(CommandError, match="import_organisations"):
        call_command("load_estate_demo")


def test_the_pathfinder_demo_is_labelled_illustrative_and_loads_once(db, trafford, capsys):
    from productivity.estate import demo_partnerships
    from productivity.estate.models import Partnership, QuarterlyReturn, SelectionRound
    from productivity.organisations.tests.factories import make_council

    for _number, area, gss, councils, _bodies in demo_partnerships.AREAS:
        for code in (gss, *councils):
            make_council(area if code == gss else None, gss_code=code)
    first = demo_partnerships.load()
    assert first["partnerships"] == 11 and first["returns"] == 16 and first["assets"] > 300
    assert demo_partnerships.load() == {"partnerships": 0, "assets": 0, "returns": 0}
    assert not Partnership.objects.filter(is_illustrative=False).exists()
    assert not QuarterlyReturn.objects.filter(is_illustrative=False).exists()
    assert all("(illustrative)" in name for name in Asset.objects.exclude(owner=trafford).values_list("name",
                                                                                                     flat=True))
    assert SelectionRound.objects.get().is_illustrative
