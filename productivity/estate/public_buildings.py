"""Other agencies' buildings in Trafford and Greater Manchester (data/reference/public_buildings_trafford) as rows
of an asset file, one file per body that holds them, for the assets importer to bring in.

Which body holds each building is the demo's assumption (see the folder's SOURCE.md); each row says where it
came from in its tenure detail. Asset codes are built from the files' own identifiers, so importing again
changes nothing.
"""

import csv
import json
import re
from collections import defaultdict
from pathlib import Path

import numpy as np
import shapely
from django.conf import settings
from pyproj import Transformer
from shapely.geometry import shape

FOLDER = Path("reference") / "public_buildings_trafford"
HEADINGS = ("Asset code", "Property name", "Address", "Postcode", "CRS", "GeoX", "GeoY", "Use", "Tenure detail",
            "Holding type", "Status")
TRAFFORD = "E08000009"
GM_FIRE = "E31000040"
DWP, MOJ, DFE, CCG, MFT = "dwp", "moj", "dfe", "nhs-trafford-ccg", "manchester-university-nhs-ft"
COUNCIL_SCHOOLS = {"Local authority maintained schools", "Special schools"}
DFE_SCHOOLS = {"Academies", "Free Schools"}
PUBLIC_HOSPITALS = {"Trafford General Hospital", "Altrincham Hospital"}
SITE_METRES = 75  # building footprints closer than this are one site


def _folder() -> Path:
    return Path(settings.DATA_DIR) / FOLDER


def _rows(name: str):
    with (_folder() / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _code(prefix: str, text: str) -> str:
    return f"{prefix}-{re.sub(r'[^A-Z0-9]+', '-', text.upper()).strip('-')}"[:60]


def _point(prefix, text, name, address, postcode, lon, lat, use, detail, holding="Land and buildings"):
    return (_code(prefix, text), name, address, postcode, "WGS84", lon, lat, use, detail, holding, "Operational")


def _csv_assets() -> dict[str, list[tuple]]:
    by_owner: dict[str, list[tuple]] = defaultdict(list)
    for row in _rows("gm_jobcentreplus.csv"):
        by_owner[DWP].append(_point("JCP", row["name"], f"{row['name']} Jobcentre Plus", row["address"],
                                    row["postcode"], row["lon"], row["lat"], "Customer service centre",
                                    "Jobcentre Plus (DWP Jobcentre register, September 2018)"))
    for row in _rows("gm_probation_offices.csv"):
        service = "National Probation Service" if row["type"] == "NPS" else "Community Rehabilitation Company"
        by_owner[MOJ].append(_point("PROB", row["name"], row["name"], row["address"], row["postcode"], row["lon"],
                                    row["lat"], "Office", f"Probation office: {service}"))
    for row in _rows("gm_libraries.csv"):
        by_owner[row["area_code"]].append(_point("LIB", row["name"], row["name"], row["address"], row["postcode"],
                                                 row["lon"], row["lat"], "Library", f"{row['type']} (DCMS)"))
    for row in _rows("trafford_childrens_centres.csv"):
        by_owner[TRAFFORD].append(_point("URN", row["unique_reference_number"], row["name"], row["address"],
                                         row["postcode"], row["lon"], row["lat"], "Community centre",
                                         "Children's centre (DfE Get Information About Schools)"))
    for row in _rows("trafford_general_practices.csv"):
        by_owner[CCG].append(_point("GP", f"{row['name']} {row['postcode']}", row["name"], row["address"],
                                    row["postcode"], row["lon"], row["lat"], "GP surgery",
                                    "GP practice (NHS Digital ODS)"))
    for row in _rows("trafford_schools_and_colleges.csv"):
        owner = TRAFFORD if row["type"] in COUNCIL_SCHOOLS else DFE if row["type"] in DFE_SCHOOLS else None
        if owner is not None:
            by_owner[owner].append(_point("URN", row["unique_reference_number"], row["name"], "", row["postcode"],
                                          row["lon"], row["lat"], "School",
                                          f"{row['type']} (DfE Get Information About Schools)"))
    return by_owner


def _sites(name: str, key) -> list[tuple[str, str, object, str]]:
    """Building footprints grouped into sites: (group label, area name, centre as a lon/lat point, first id)."""
    features = json.loads((_folder() / name).read_text(encoding="utf-8"))["features"]
    groups = defaultdict(list)
    for feature in features:
        groups[key(feature["properties"])].append(feature)
    to_bng = Transformer.from_crs(4326, 27700, always_xy=True)
    to_wgs84 = Transformer.from_crs(27700, 4326, always_xy=True)
    sites = []
    for label, members in groups.items():
        footprints = [shapely.transform(shape(f["geometry"]), lambda xy: _projected(to_bng, xy)) for f in members]
        merged = shapely.union_all([s.buffer(SITE_METRES / 2) for s in footprints])
        parts = list(getattr(merged, "geoms", [merged]))
        parts.sort(key=lambda part: (part.centroid.x, part.centroid.y))
        for part in parts:
            inside = [f for f, s in zip(members, footprints, strict=True) if part.intersects(s)]
            centre = part.centroid
            lon, lat = to_wgs84.transform(centre.x, centre.y)
            first = min(f["properties"]["ID"] for f in inside)
            sites.append((label, inside[0]["properties"]["area_name"], (round(lon, 6), round(lat, 6)), first))
    return sites


def _projected(transformer, xy):
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _site_assets() -> dict[str, list[tuple]]:
    by_owner: dict[str, list[tuple]] = defaultdict(list)
    numbered: dict[str, int] = defaultdict(int)
    for _, area, (lon, lat), first in _sites("gm_fire_stations.geojson", lambda p: p["area_code"]):
        numbered[area] += 1
        by_owner[GM_FIRE].append(_point("OSFIRE", first[:8], f"Fire station, {area} ({numbered[area]})", "", "",
                                        str(lon), str(lat), "Fire station",
                                        "Fire station buildings (OS OpenMap Local, April 2018)"))
    for label, _, (lon, lat), first in _sites("trafford_hospitals.geojson", lambda p: p["DISTNAME"]):
        if label in PUBLIC_HOSPITALS:
            by_owner[MFT].append(_point("OSHOSP", first[:8], label, "", "", str(lon), str(lat), "Clinic",
                                        "Hospital buildings (OS OpenMap Local, April 2018)"))
    return by_owner


def files_by_owner() -> dict[str, list[tuple]]:
    """{owner code: rows of an asset file (HEADINGS)}: every building the demo takes from the folder."""
    found = _csv_assets()
    for owner, rows in _site_assets().items():
        found[owner].extend(rows)
    return dict(found)


def write(path: Path, rows: list[tuple]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADINGS)
        writer.writerows(rows)
