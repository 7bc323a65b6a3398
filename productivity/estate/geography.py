"""Where an asset is: British National Grid and WGS84 coordinates, and the areas organisations cover.

Files give either BNG easting/northing (EPSG:27700) or WGS84 longitude/latitude (EPSG:4326); both are
kept, converted with pyproj. The areas are the ONS boundaries the platform ships (TopoJSON, decoded here
without GDAL), found by the organisation's GSS code.
"""

import functools
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import shapely
from django.conf import settings
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon

BNG, WGS84 = "bng", "wgs84"
CRS_NAMES = {
    "wgs84": WGS84, "epsg4326": WGS84, "4326": WGS84, "latlong": WGS84, "lonlat": WGS84, "longlat": WGS84,
    "bng": BNG, "osgb": BNG, "osgb36": BNG, "osgb1936": BNG, "epsg27700": BNG, "27700": BNG,
    "britishnationalgrid": BNG, "nationalgrid": BNG, "osgb1936britishnationalgrid": BNG,
}
CRS_ACCEPTS = "WGS84 (longitude and latitude, EPSG:4326) or BNG (easting and northing, OSGB36, EPSG:27700)"
# What can be a place in the United Kingdom, in each system.
WGS84_BOUNDS = (Decimal("-8.7"), Decimal("49.8"), Decimal("1.8"), Decimal("60.9"))
BNG_BOUNDS = (Decimal("0"), Decimal("0"), Decimal("700000"), Decimal("1250000"))
BOUNDARY_FILES = (
    "Local_Authority_Districts_May_2024_Boundaries__UK_BSC.topo.json",
    "Counties_and_Unitary_Authorities_December_2024_Boundaries_UK_BSC.topo.json",
    "Police_Force_Areas_December_2023_EW_BSC.topo.json",
    "Fire_and_Rescue_Authorities_December_2023_EW_BSC.topo.json",
)


@dataclass(frozen=True)
class Location:
    easting: Decimal
    northing: Decimal
    longitude: Decimal
    latitude: Decimal


@functools.cache
def _to_wgs84() -> Transformer:
    return Transformer.from_crs(27700, 4326, always_xy=True)


@functools.cache
def _to_bng() -> Transformer:
    return Transformer.from_crs(4326, 27700, always_xy=True)


def _within(x: Decimal, y: Decimal, bounds: tuple[Decimal, ...]) -> bool:
    return bounds[0] <= x <= bounds[2] and bounds[1] <= y <= bounds[3]


def system_of(x: Decimal, y: Decimal, named: str | None) -> str | None:
    """The system the coordinates are in: as the file names it, else the only one whose range they fit;
    None when they fit no system (or not the one named)."""
    if named is not None:
        return named if _within(x, y, WGS84_BOUNDS if named == WGS84 else BNG_BOUNDS) else None
    if _within(x, y, WGS84_BOUNDS):
        return WGS84
    if _within(x, y, BNG_BOUNDS):
        return BNG
    return None


def locate(x: Decimal, y: Decimal, system: str) -> Location:
    """Both pairs of coordinates, BNG to 0.1 m and WGS84 to 6 decimal places (about 0.1 m)."""
    if system == BNG:
        lon, lat = _to_wgs84().transform(float(x), float(y))
        easting, northing = x, y
    else:
        lon, lat = float(x), float(y)
        e, n = _to_bng().transform(lon, lat)
        easting, northing = Decimal(repr(e)), Decimal(repr(n))
    return Location(easting.quantize(Decimal("0.1")), northing.quantize(Decimal("0.1")),
                    Decimal(repr(lon)).quantize(Decimal("0.000001")), Decimal(repr(lat)).quantize(Decimal("0.000001")))


# ---- boundaries ---------------------------------------------------------------------------------------


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of each arc of a quantised TopoJSON topology (delta-encoded integers)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            if transform:
                x, y = x + dx, y + dy
                points.append((x * transform["scale"][0] + transform["translate"][0],
                               y * transform["scale"][1] + transform["translate"][1]))
            else:
                points.append((dx, dy))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]  # a negative index is the arc reversed
        points.extend(arc if not points else arc[1:])  # consecutive arcs share their end point
    return points


def _polygon(arcs, rings: list[list[int]]) -> Polygon:
    outer, *holes = (_ring(arcs, ring) for ring in rings)
    return Polygon(outer, holes)


def _geometry(arcs, geometry: dict):
    if geometry["type"] == "Polygon":
        return _polygon(arcs, geometry["arcs"])
    if geometry["type"] == "MultiPolygon":
        return MultiPolygon([_polygon(arcs, rings) for rings in geometry["arcs"]])
    return None


def _boundary_folder() -> Path:
    return Path(settings.DATA_DIR) / "reference" / "boundaries"


@functools.cache
def _areas_in(filename: str) -> dict[str, tuple[list, dict]]:
    topology = json.loads((_boundary_folder() / filename).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    found = {}
    for collection in topology["objects"].values():
        for geometry in collection.get("geometries", []):
            code = (geometry.get("properties") or {}).get("AREACD")
            if code:
                found[code] = (arcs, geometry)
    return found


@functools.cache
def area_of(gss_code: str | None):
    """The shipped boundary of the area with this GSS code (a prepared shapely geometry in lon/lat), or None."""
    if not gss_code:
        return None
    for filename in BOUNDARY_FILES:
        found = _areas_in(filename).get(gss_code)
        if found is not None:
            shape = _geometry(*found)
            # The boundaries are generalised ("BSC"): allow about 200 m for assets on the edge.
            if shape is None:
                return None
            area = shape.buffer(0.003)
            shapely.prepare(area)
            return area
    return None


def outside(area, location: Location) -> bool:
    """Whether the location lies outside ``area`` (never, when there is no area to check against)."""
    if area is None:
        return False
    return not shapely.contains_xy(area, float(location.longitude), float(location.latitude))


# ---- boundaries as drawn (for maps) --------------------------------------------------------------------


def boundary_files() -> tuple[str, ...]:
    """The shipped boundary files, councils first, then police force areas and fire and rescue authorities."""
    return BOUNDARY_FILES


def areas_in_file(filename: str) -> dict[str, tuple[str, object]]:
    """{GSS code: (name, unbuffered shapely geometry in lon/lat)} of every area in one shipped file."""
    return _shapes_in(filename)


@functools.cache
def _shapes_in(filename: str) -> dict[str, tuple[str, object]]:
    topology = json.loads((_boundary_folder() / filename).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    found = {}
    for collection in topology["objects"].values():
        for geometry in collection.get("geometries", []):
            properties = geometry.get("properties") or {}
            shape = _drawn_geometry(arcs, geometry) if properties.get("AREACD") else None
            if shape is not None and not shape.is_empty:
                found[properties["AREACD"]] = (properties.get("AREANM") or properties["AREACD"], shape)
    return found


def _drawn_geometry(arcs, geometry: dict):
    """The area as a valid (Multi)Polygon. Quantising can leave a sliver ring of fewer than four points: it is
    left out, as it draws nothing."""
    kind = geometry["type"]
    polygons = [geometry["arcs"]] if kind == "Polygon" else geometry["arcs"] if kind == "MultiPolygon" else []
    parts = []
    for rings in polygons:
        outer, *holes = (_ring(arcs, ring) for ring in rings)
        if len(outer) >= 4:
            parts.append(Polygon(outer, [hole for hole in holes if len(hole) >= 4]))
    if not parts:
        return None
    return shapely.make_valid(MultiPolygon(parts) if len(parts) > 1 else parts[0])


@functools.cache
def codes_in_file(filename: str) -> frozenset[str]:
    """The GSS codes of the areas in one shipped file, without decoding their shapes."""
    topology = json.loads((_boundary_folder() / filename).read_text(encoding="utf-8"))
    return frozenset((geometry.get("properties") or {}).get("AREACD") for collection in topology["objects"].values()
                     for geometry in collection.get("geometries", [])) - {None}
