"""Importing land and building asset registers: the real Trafford file and messy variants of it."""

import io

from openpyxl import Workbook

from productivity.estate.models import Asset, Flag
from productivity.estate.tests.conftest import TRAFFORD_FILE

HEADER = "AssetCode,UPRN,PropertyName,StreetName,PostTown,PostCode,CoordinateReferenceSystem,GeoX,GeoY,TenureType\n"


def test_the_trafford_register_imports_every_row_and_flags_those_without_coordinates(trafford, import_assets):
    line, _ = import_assets(TRAFFORD_FILE)
    # 235 rows have no coordinates; two investment properties lie in Warrington and Wigan; one row gives
    # its latitude as GeoX and its longitude as GeoY.
    assert line == "imported=608 unchanged=0 rejected=0 flagged=238 total=608"
    outside = Asset.objects.filter(flags__icontains=Flag.OUTSIDE_AREA)
    assert sorted(outside.values_list("name", flat=True)) == ["Sonova House", "The Fort"]
    swapped = Asset.objects.get(flags__icontains=Flag.BAD_LOCATION)
    assert swapped.name == "Davyhulme Youth Centre"
    assert swapped.location_given == "53.457484, -2.365856 (WGS84): the two look swapped"
    town_hall = Asset.objects.get(owner=trafford, asset_code="TMBC0001/T0000003")
    assert town_hall.uprn == "100012797623"
    assert town_hall.address == "Market Street, Altrincham"
    assert town_hall.postcode == "WA14 1PF"
    assert str(town_hall.longitude) == "-2.352092" and str(town_hall.latitude) == "53.387959"
    assert 376_000 < town_hall.easting < 377_000 and 387_000 < town_hall.northing < 389_000
    assert town_hall.tenure == "freehold" and town_hall.holding_type == "buildings"
    assert town_hall.energy_rating == "E" and str(town_hall.gross_internal_area) == "415.05"
    assert town_hall.flags == []
    assert Asset.objects.filter(owner=trafford, flags__icontains=Flag.NO_LOCATION).count() == 235


def test_importing_the_same_file_again_changes_nothing(trafford, import_assets):
    import_assets(TRAFFORD_FILE)
    line, _ = import_assets(TRAFFORD_FILE)
    assert line == "imported=0 unchanged=608 rejected=0 flagged=0 total=608"
    assert Asset.objects.count() == 608


def test_a_changed_row_updates_its_asset_and_records_the_change(trafford, import_assets):
    row = "TMBC9,,Depot,Street,Sale,M33 7DZ,WGS84,-2.32,53.42,Freehold\n"
    import_assets(HEADER + row)
    line, _ = import_assets(HEADER + row.replace("Depot", "Sale depot"))
    assert line == "imported=1 unchanged=0 rejected=0 flagged=0 total=1"
    asset = Asset.objects.get(asset_code="TMBC9")
    assert asset.name == "Sale depot"
    from productivity.audit.queries import history_for
    assert [entry.action for entry in history_for(asset)] == ["update", "create"]


def test_british_national_grid_coordinates_are_converted_to_longitude_and_latitude(trafford, import_assets):
    body = HEADER + "T1,012345,Sale Waterside,Waterside,Sale,M33 7ZF,OSGB36,377500,392800,Freehold\n"
    line, _ = import_assets(body)
    assert line == "imported=1 unchanged=0 rejected=0 flagged=0 total=1"
    asset = Asset.objects.get()
    assert asset.uprn == "012345"  # leading zero kept
    assert -2.35 < asset.longitude < -2.33 and 53.42 < asset.latitude < 53.44


def test_the_coordinate_system_is_inferred_from_the_values_when_not_named(trafford, import_assets):
    body = ("Asset code,Property name,Easting,Northing\n"
            "G1,Grid given,377500,392800\n"
            "W1,Degrees given,-2.3,53.43\n")
    line, _ = import_assets(body)
    assert line == "imported=2 unchanged=0 rejected=0 flagged=0 total=2"
    assert Asset.objects.get(asset_code="G1").longitude < 0
    assert Asset.objects.get(asset_code="W1").easting > 370_000


def test_impossible_and_faraway_coordinates_are_imported_but_flagged(trafford, import_assets):
    body = HEADER + ("T1,,Nowhere,,,,WGS84,200,300,Freehold\n"
                     "T2,,Westminster,,,,WGS84,-0.1276,51.5072,Freehold\n"
                     "T3,,Unreadable,,,,WGS84,abc,53.4,Freehold\n"
                     "T4,,No coordinates,,,,,,,Freehold\n")
    line, _ = import_assets(body)
    assert line == "imported=4 unchanged=0 rejected=0 flagged=4 total=4"
    flags = dict(Asset.objects.values_list("asset_code", "flags"))
    assert flags == {"T1": [Flag.BAD_LOCATION], "T2": [Flag.OUTSIDE_AREA], "T3": [Flag.BAD_LOCATION],
                     "T4": [Flag.NO_LOCATION]}
    assert Asset.objects.get(asset_code="T1").location_given == "200, 300 (WGS84)"


def test_a_file_with_a_byte_order_mark_and_one_in_windows_1252_read_alike(trafford, import_assets):
    body = HEADER + "T1,,Café Ré,Street,Sale,M33 7DZ,WGS84,-2.32,53.42,Freehold\n"
    import_assets(b"\xef\xbb\xbf" + body.encode("utf-8"))
    line, _ = import_assets(body.encode("cp1252"))
    assert line == "imported=0 unchanged=1 rejected=0 flagged=0 total=1"
    assert Asset.objects.get().name == "Café Ré"


def test_an_excel_workbook_keeps_uprn_leading_zeros_given_as_text(trafford, import_assets):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Asset code", "UPRN", "Property name", "Easting", "Northing", "Use", "Rent"])
    sheet.append(["X1", "000100012797623"[3:], "Library", 377500, 392800, "Library", 1200.5])
    sheet.append(["X2", "0012", "Depot", 377600, 392900, "Highways depot", "£3,000"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    line, _ = import_assets(buffer.getvalue(), name="assets.xlsx")
    assert line == "imported=2 unchanged=0 rejected=0 flagged=1 total=2"
    x2 = Asset.objects.get(asset_code="X2")
    assert x2.uprn == "0012" and str(x2.rent) == "3000.00"
    assert x2.use == "other" and x2.use_as_given == "Highways depot" and x2.flags == [Flag.UNKNOWN_USE]
    assert Asset.objects.get(asset_code="X1").use == "library"


def test_bad_cells_and_repeated_codes_are_rejected_with_their_row_and_column(trafford, import_assets):
    body = HEADER + ("T1,,First,,,,,,,Freehold\n"
                     "T1,,Again,,,,,,,Freehold\n"
                     "T2,12AB,Bad UPRN,,,,,,,Freehold\n"
                     "T3,,Bad tenure,,,,,,,Rented\n"
                     ",,No identity,,,,,,,Freehold\n")
    line, output = import_assets(body)
    assert line == "imported=1 unchanged=0 rejected=4 flagged=1 total=5"
    assert "row 3, column 'AssetCode (column A)': The asset code T1 is also on row 2" in output
    assert "row 4, column 'UPRN (column B)': '12AB' is not a UPRN" in output
    assert "row 5, column 'TenureType (column J)': 'Rented' is not allowed here" in output
    assert "row 6" in output and "Give the asset's code or its UPRN" in output


def test_a_file_without_the_name_column_asks_for_its_columns_to_be_matched(trafford, import_assets):
    line, output = import_assets("Ref,Where\nT1,Sale\n", expect_failure=True)
    assert line.startswith("imported=0 unchanged=0 ")
    assert "The file has no 'Property name' column" in output
    assert "match them once on the import page" in output
    assert not Asset.objects.exists()


def test_a_dry_run_saves_nothing(trafford, import_assets):
    line, output = import_assets(TRAFFORD_FILE, dry_run=True)
    assert line == "imported=608 unchanged=0 rejected=0 flagged=238 total=608"
    assert "Dry run" in output
    assert not Asset.objects.exists()



def test_the_asset_page_shows_the_import_in_its_history_in_plain_english(trafford, import_assets, client):
    import_assets(HEADER + "T4,,No coordinates,,,,,,,Freehold\n", name="register.csv")
    page = client.get(f"/estate/assets/{Asset.objects.get().pk}/").content.decode()
    assert "Import of register.csv" in page
    assert "<strong>Flags</strong>: No coordinates" in page and "<strong>Tenure</strong>: Freehold" in page


def test_the_history_keeps_every_decimal_place_of_the_coordinates(trafford, import_assets, client):
    import_assets(HEADER + "T1,,Depot,Street,Sale,M33 7DZ,WGS84,-2.3204334,53.426618,Freehold\n")
    page = client.get(f"/estate/assets/{Asset.objects.get().pk}/").content.decode()
    assert "<strong>Longitude</strong>: -2.320433" in page and "<strong>Latitude</strong>: 53.426618" in page


def test_an_epims_style_row_gives_every_figure_of_the_asset(trafford, import_assets):
    body = ("Property reference,UPRN,Property name,Address,Postcode,Easting,Northing,Tenure,Land or buildings,"
            "GIA m2,Site area ha,Primary use,Utilisation %,Annual rent,Business rates,FM costs,Utilities,"
            "Energy consumption kWh,Carbon emissions tCO2e,DEC rating,Condition,Maintenance backlog,Valuation,"
            "Asset status,Lease expiry\n"
            "EP-1,000123,Stretford House,\"Chester Road, Stretford\",M32 0LG,379500,395500,Leasehold,"
            "Land and buildings,\"2,400\",0.35,Offices,62%,\"£120,000\",45000.50,12000,8000,410000,75.5,D,C,"
            "250000,1500000,Surplus,31/03/2030\n")
    line, _ = import_assets(body)
    assert line == "imported=1 unchanged=0 rejected=0 flagged=0 total=1"
    asset = Asset.objects.get()
    assert (asset.asset_code, asset.uprn, asset.address) == ("EP-1", "000123", "Chester Road, Stretford")
    assert (asset.tenure, asset.holding_type, asset.use, asset.status) == (
        "leasehold", "land_and_buildings", "office", "surplus")
    assert str(asset.gross_internal_area) == "2400.00" and str(asset.land_area) == "0.3500"
    assert str(asset.occupancy) == "62.00" and str(asset.rent) == "120000.00" and str(asset.rates) == "45000.50"
    assert str(asset.facilities_cost) == "12000.00" and str(asset.energy_cost) == "8000.00"
    assert str(asset.energy_kwh) == "410000.00" and str(asset.carbon_tco2e) == "75.500"
    assert (asset.energy_rating, asset.condition) == ("D", "C")
    assert str(asset.backlog_maintenance) == "250000.00" and str(asset.market_value) == "1500000.00"
    assert asset.lease_end.isoformat() == "2030-03-31"


def test_implausible_sizes_are_flagged_and_impossible_figures_rejected(trafford, import_assets):
    body = ("Asset code,Property name,GIA,Land area,Occupancy,Rent,Energy rating\n"
            "S1,Huge,900000,,,,\n"
            "S2,No floor,0,,,,\n"
            "S3,Too full,,,120,,\n"
            "S4,Negative rent,,,,-5,\n"
            "S5,Bad rating,,,,,Z\n")
    line, output = import_assets(body)
    assert line == "imported=2 unchanged=0 rejected=3 flagged=2 total=5"
    assert {a.asset_code: a.flags for a in Asset.objects.all()} == {
        "S1": [Flag.NO_LOCATION, Flag.IMPLAUSIBLE_SIZE], "S2": [Flag.NO_LOCATION, Flag.IMPLAUSIBLE_SIZE]}
    assert "row 4, column 'Occupancy (column E)': '120' is not a percentage" in output
    assert "row 5, column 'Rent (column F)': '-5' is negative" in output
    assert "row 6, column 'Energy rating (column G)': 'Z' is not an energy rating" in output


def test_a_large_file_is_saved_in_bulk_with_one_history_entry_per_asset(trafford, import_assets,
                                                                        django_assert_max_num_queries):
    from productivity.audit.models import AuditEntry

    rows = "".join(f"BULK{n},,Site {n},Street,Sale,M33 7DZ,OSGB36,{377000 + n},{392000 + n},Freehold\n"
                   for n in range(1500))
    # A save per asset would take thousands of queries; the bulk path takes a few per batch of 1,000.
    with django_assert_max_num_queries(60):
        line, _ = import_assets(HEADER + rows)
    assert line == "imported=1500 unchanged=0 rejected=0 flagged=0 total=1500"
    entries = AuditEntry.objects.filter(content_type__model="asset")
    assert entries.count() == 1500 and set(entries.values_list("action", flat=True)) == {"create"}
    asset = Asset.objects.get(asset_code="BULK7")
    entry = entries.get(object_id=str(asset.pk))
    assert entry.changes["name"] == [None, "Site 7"] and entry.actor_label.startswith("Import of")
    changed = rows.replace("Site 7,", "Site seven,")
    with django_assert_max_num_queries(60):
        line, _ = import_assets(HEADER + changed)
    assert line == "imported=1 unchanged=1499 rejected=0 flagged=0 total=1500"
    update = entries.get(object_id=str(asset.pk), action="update")
    assert update.changes == {"name": ["Site 7", "Site seven"]}
