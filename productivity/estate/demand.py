"""Customer service needs in a place: the demand records inside a council's area, and for a chosen set of
service points the share of that demand within a given distance of one of them.

Distances are straight lines in British National Grid metres (the records keep BNG coordinates), found for
every demand record at once with a k-d tree (scipy). The share is the visits of the records within the
distance over the visits of every record: the table lists each record with its nearest chosen point and
distance, so the rows marked "within" add up to the figure exactly.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import shapely
from scipy.spatial import cKDTree

from productivity.estate import maps
from productivity.estate.models import ServiceDemand

DEFAULT_METRES = 800  # about a ten-minute walk
SHORTEST_METRES, LONGEST_METRES = 50, 50_000


@dataclass(frozen=True)
class Reach:
    demand: ServiceDemand
    nearest: object | None  # the nearest chosen service point (an Asset), or None without any
    metres: int | None
    within: bool


@dataclass(frozen=True)
class Coverage:
    metres: int
    points: list  # the chosen service points (Assets with coordinates)
    reaches: list[Reach]
    visits: int  # every demand record's visits
    visits_within: int  # the visits of those within ``metres`` of a chosen point

    @property
    def share(self) -> Decimal | None:
        """The share of demand within the distance, as a fraction to four places (None with no demand)."""
        if not self.visits:
            return None
        return (Decimal(self.visits_within) / Decimal(self.visits)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def in_place(visible_demand, place):
    """The demand records among ``visible_demand`` whose location lies in the place's area, as a QuerySet (to
    count them, ask about them or read them): their coordinates are read as plain numbers, tested against
    the boundary at once, and the records narrowed to those inside."""
    area = maps.area_for(place)
    if area is None:
        return visible_demand.none()
    west, south, east, north = shapely.bounds(area)
    candidates = (visible_demand.filter(longitude__gte=west, longitude__lte=east, latitude__gte=south,
                                        latitude__lte=north)
                  .order_by().values_list("pk", "longitude", "latitude"))
    ids, longitudes, latitudes = zip(*candidates, strict=True) if candidates else ((), (), ())
    inside = shapely.contains_xy(area, np.array(longitudes, dtype=float), np.array(latitudes, dtype=float))
    return maps.with_ids(visible_demand, np.array(ids, dtype=np.int64)[inside].tolist())


def records_in_place(visible_demand, place) -> list[ServiceDemand]:
    """The records of ``in_place``, with their owners, by name."""
    return list(in_place(visible_demand, place).select_related("owner").order_by("name", "pk"))


def coverage(records: list[ServiceDemand], points: list, metres: int) -> Coverage:
    """How much of the demand in ``records`` lies within ``metres`` of one of ``points`` (assets with BNG
    coordinates; those without are left out)."""
    points = [point for point in points if point.easting is not None and point.northing is not None]
    total = sum(record.visits for record in records)
    if not points or not records:
        reaches = [Reach(record, None, None, False) for record in records]
        return Coverage(metres, points, reaches, total, 0)
    tree = cKDTree(np.array([(float(p.easting), float(p.northing)) for p in points]))
    where = np.array([(float(r.easting), float(r.northing)) for r in records])
    distances, nearest = tree.query(where, k=1)
    reaches = []
    for record, distance, index in zip(records, distances.tolist(), nearest.tolist(), strict=True):
        # Rounded to the metre as shown, and compared as shown, so the table and the figure agree.
        shown = int(Decimal(distance).quantize(Decimal(1), ROUND_HALF_UP))
        reaches.append(Reach(record, points[index], shown, shown <= metres))
    within = sum(reach.demand.visits for reach in reaches if reach.within)
    return Coverage(metres, points, reaches, total, within)


def map_layer(records: list[ServiceDemand]) -> dict:
    """The demand layer's compact data for the map: a column per field."""
    return {
        "total": len(records),
        "id": [r.pk for r in records], "longitude": [float(r.longitude) for r in records],
        "latitude": [float(r.latitude) for r in records], "visits": [r.visits for r in records],
        "name": [r.name for r in records], "illustrative": [r.is_illustrative for r in records],
    }
