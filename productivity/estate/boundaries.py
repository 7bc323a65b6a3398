"""The boundaries a place's map draws: the council's own area and the police force areas and fire and rescue
authorities that cover it, decoded from the shipped TopoJSON (``geography``), simplified and kept as GeoJSON.

A place's GeoJSON is built once per process (the files never change while it runs) and is small: the
boundaries are ONS's super-generalised (200 m) ones, simplified again to about 20 m and written to
five decimal places (about 1 m).
"""

import functools
import json
from dataclasses import dataclass

import shapely
from shapely.geometry import mapping

from productivity.estate import geography

COUNCIL_FILES = geography.boundary_files()[:2]
LAYERS = (  # (layer, file, what the legend calls it)
    ("police", geography.boundary_files()[2], "Police force area"),
    ("fire", geography.boundary_files()[3], "Fire and rescue authority"),
)
# Where the boundaries come from, shown under every map. The platform is not a service on GOV.UK, so it prints no
# Crown-reserved copyright line; it names the data's sources and licence (the full terms are in data/reference's
# SOURCE.md and on the About page).
ATTRIBUTION = ("Boundaries: Office for National Statistics, Open Government Licence v3.0; contains Ordnance Survey "
               "data (see About and data sources).")
SIMPLIFY_DEGREES = 0.0002  # about 20 m: finer than the 200 m generalisation the files already have
PLACES = 5  # decimal places kept: about 1 m
COVERS_SHARE = 0.01  # an area "covers" the place when it holds more than 1% of it (not a neighbour's edge)


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    layer: str  # council | police | fire
    shape: object  # shapely geometry, lon/lat


def council_area(gss_code: str | None) -> Area | None:
    """The council's own boundary, unbuffered, or None when no shipped file has its code."""
    if not gss_code:
        return None
    for filename in COUNCIL_FILES:
        found = geography.areas_in_file(filename).get(gss_code)
        if found is not None:
            return Area(gss_code, found[0], "council", found[1])
    return None


def has_boundary(gss_code: str | None) -> bool:
    """Whether a shipped file has the council's boundary (read from the files' codes alone: quick)."""
    return bool(gss_code) and any(gss_code in geography.codes_in_file(name) for name in COUNCIL_FILES)


def covering(place: Area) -> list[Area]:
    """The police force areas and fire and rescue authorities that cover part of the place."""
    found = []
    place_area = place.shape.area
    for layer, filename, _ in LAYERS:
        for code, (name, shape) in geography.areas_in_file(filename).items():
            if not shapely.intersects(shape, place.shape):
                continue
            if shapely.intersection(shape, place.shape).area > COVERS_SHARE * place_area:
                found.append(Area(code, name, layer, shape))
    return found


def place_areas(gss_code: str) -> list[Area]:
    """The council first, then the areas that cover it; empty when the council has no shipped boundary."""
    place = council_area(gss_code)
    return [place, *covering(place)] if place is not None else []


def _rounded(geometry) -> dict:
    simplified = shapely.simplify(geometry, SIMPLIFY_DEGREES, preserve_topology=True)
    return mapping(shapely.set_precision(simplified, 10 ** -PLACES))


@functools.lru_cache(maxsize=256)
def geojson(gss_code: str) -> str:
    """The place's boundaries as a GeoJSON FeatureCollection (text), each feature naming its code, name and layer."""
    features = [
        {"type": "Feature", "id": area.code, "geometry": _rounded(area.shape),
         "properties": {"code": area.code, "name": area.name, "layer": area.layer}}
        for area in place_areas(gss_code)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))


def bounds(gss_code: str) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the council's area, or None."""
    place = council_area(gss_code)
    return tuple(float(v) for v in place.shape.bounds) if place is not None else None
