"""The co-location finder: groups of nearby assets held by different bodies, ranked by the opportunity.

Assets are points in British National Grid metres (the register keeps easting and northing; an asset given in
longitude and latitude only is projected with pyproj). Every pair within the chosen distance is found with
``scipy.spatial.cKDTree.query_pairs``; the pairs join assets into clusters (connected components: two assets
are in one cluster if a chain of assets, each within the distance of the next, links them); clusters of assets
held by at least two different owners are kept. Disposed assets and assets without coordinates take no part.

The opportunity score (0 to 100) is the sum of five parts of up to 20 points each, every part shown:

- floor area: 20 × combined gross internal area / 5,000 m² (20 at 5,000 m² or more);
- low utilisation: 20 × (100 − mean occupancy %) / 100, over the assets that record occupancy (0 if none do);
- running cost: 20 × combined running costs per year / £500,000 (20 at £500,000 or more); running costs are
  rent + rates + facilities + energy (``RUNNING_COST_FIELDS``), blanks counting as nothing;
- leases ending: 20 × the share of the cluster's assets whose lease ends within the next N years;
- surplus: 20 × the share of the cluster's assets that are surplus, vacant or for disposal.

Each part is rounded to one decimal place and the score is the sum of the rounded parts. Clusters are ranked by
score, then combined floor area, then their first asset.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.db import connection
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from productivity.estate.geography import _to_bng

DEFAULT_DISTANCE = 400  # metres
DEFAULT_LEASE_YEARS = 5
MIN_DISTANCE, MAX_DISTANCE = 10, 5000
MAX_LEASE_YEARS = 25
RUNNING_COST_FIELDS = ("rent", "rates", "facilities_cost", "energy_cost")
SURPLUS_STATUSES = ("surplus", "vacant", "for_disposal")
FULL_FLOOR_AREA = 5000.0  # m² for the full 20 points
FULL_RUNNING_COST = 500_000.0  # £ per year for the full 20 points
PART_POINTS = 20.0
PARTS = (
    ("floor_area", "Floor area"),
    ("utilisation", "Low utilisation"),
    ("running_cost", "Running cost"),
    ("leases", "Leases ending"),
    ("surplus", "Surplus"),
)
COLUMNS = ("id", "owner_id", "easting", "northing", "longitude", "latitude", "gross_internal_area", "occupancy",
           *RUNNING_COST_FIELDS, "lease_end", "status")


@dataclass
class Points:
    """The assets taking part, as columns."""

    pk: np.ndarray
    owner: np.ndarray
    x: np.ndarray  # easting, m
    y: np.ndarray  # northing, m
    longitude: np.ndarray
    latitude: np.ndarray
    floor: np.ndarray  # m², NaN where not recorded
    occupancy: np.ndarray  # %, NaN where not recorded
    running: np.ndarray  # pence per year (whole numbers)
    lease_end: np.ndarray  # days since 1970-01-01, a very large number where none
    surplus: np.ndarray  # bool

    def __len__(self) -> int:
        return len(self.pk)

    def take(self, keep: np.ndarray) -> "Points":
        return Points(**{name: getattr(self, name)[keep] for name in self.__dataclass_fields__})


NO_LEASE = np.iinfo(np.int64).max


# Reading ---------------------------------------------------------------------------------------------------------
def _candidates(assets):
    return assets.exclude(status="disposed").filter(
        (~_q_null("easting") & ~_q_null("northing")) | (~_q_null("longitude") & ~_q_null("latitude")))


def _q_null(name: str):
    from django.db.models import Q

    return Q(**{f"{name}__isnull": True})


def read_points(assets) -> Points:
    """The assets' coordinates and figures, read in one query (``COPY`` on PostgreSQL) and projected to BNG."""
    queryset = _candidates(assets).order_by().values_list(*COLUMNS)
    if connection.vendor == "postgresql":
        return _from_columns(_copy_columns(queryset))
    rows = list(queryset)
    return _from_columns([[row[i] for row in rows] for i in range(len(COLUMNS))])


def _copy_columns(queryset) -> list:
    """The query's rows through ``COPY ... TO STDOUT (FORMAT CSV)``, parsed by polars: far faster than
    building a Python object per row."""
    import io

    import polars as pl

    sql, params = queryset.query.sql_with_params()
    buffer = io.BytesIO()
    with connection.cursor() as cursor:
        raw = cursor.cursor
        statement = raw.mogrify(sql, params) if params else sql
        with raw.copy(f"COPY ({statement}) TO STDOUT (FORMAT CSV)") as copy:
            for block in copy:
                buffer.write(block)
    if not buffer.tell():
        return [[] for _ in COLUMNS]
    buffer.seek(0)
    schema = dict.fromkeys(COLUMNS, pl.Float64)
    schema.update({"id": pl.Int64, "owner_id": pl.Int64, "lease_end": pl.Date, "status": pl.Utf8})
    frame = pl.read_csv(buffer, has_header=False, new_columns=list(COLUMNS), schema=schema)
    return [frame[name] for name in COLUMNS]


def _floats(values) -> np.ndarray:
    if hasattr(values, "to_numpy"):
        return values.cast(float).fill_null(float("nan")).to_numpy()
    return np.array([np.nan if value is None else float(value) for value in values], dtype=np.float64)


def _from_columns(columns: list) -> Points:
    named = dict(zip(COLUMNS, columns, strict=True))
    pk = np.asarray(_ints(named["id"]), dtype=np.int64)
    x, y = _floats(named["easting"]), _floats(named["northing"])
    longitude, latitude = _floats(named["longitude"]), _floats(named["latitude"])
    missing = np.isnan(x) | np.isnan(y)
    if missing.any():
        x[missing], y[missing] = _to_bng().transform(longitude[missing], latitude[missing])
    if np.isnan(longitude).any():
        gap = np.isnan(longitude) | np.isnan(latitude)
        from productivity.estate.geography import _to_wgs84

        longitude[gap], latitude[gap] = _to_wgs84().transform(x[gap], y[gap])
    running = np.zeros(len(pk), dtype=np.int64)
    for name in RUNNING_COST_FIELDS:
        running += np.rint(np.nan_to_num(_floats(named[name])) * 100).astype(np.int64)
    return Points(pk=pk, owner=np.asarray(_ints(named["owner_id"]), dtype=np.int64), x=x, y=y,
                  longitude=longitude, latitude=latitude, floor=_floats(named["gross_internal_area"]),
                  occupancy=_floats(named["occupancy"]), running=running, lease_end=_days(named["lease_end"]),
                  surplus=_surplus(named["status"]))


def _ints(values):
    return values.to_numpy() if hasattr(values, "to_numpy") else list(values)


def _days(values) -> np.ndarray:
    if hasattr(values, "to_numpy"):
        days = values.cast(int).fill_null(NO_LEASE)
        return days.to_numpy().astype(np.int64)
    epoch = dt.date(1970, 1, 1)
    return np.array([NO_LEASE if value is None else (value - epoch).days for value in values], dtype=np.int64)


def _surplus(values) -> np.ndarray:
    if hasattr(values, "is_in"):
        return values.is_in(list(SURPLUS_STATUSES)).fill_null(False).to_numpy()
    return np.array([value in SURPLUS_STATUSES for value in values], dtype=bool)


def within_place(points: Points, area) -> Points:
    """The points inside ``area`` (a shapely geometry in longitude and latitude)."""
    import shapely

    return points.take(shapely.contains_xy(area, points.longitude, points.latitude))


# Pairing and clustering -----------------------------------------------------------------------------------------
def pairs_within(x: np.ndarray, y: np.ndarray, distance: float) -> np.ndarray:
    """Every pair (i < j) of points at most ``distance`` metres apart, as an (n, 2) array."""
    if len(x) < 2:
        return np.empty((0, 2), dtype=np.int64)
    tree = cKDTree(np.column_stack([x, y]))
    return tree.query_pairs(distance, output_type="ndarray")


def cross_owner_pairs(points: Points, pairs: np.ndarray) -> np.ndarray:
    """The pairs whose assets belong to different owners."""
    return pairs[points.owner[pairs[:, 0]] != points.owner[pairs[:, 1]]]


@dataclass(frozen=True)
class Cluster:
    rank: int
    asset_ids: tuple[int, ...]
    owner_ids: tuple[int, ...]
    floor_area: Decimal  # m², of the assets that record it
    running_cost: Decimal  # £ per year
    mean_occupancy: Decimal | None
    leases_ending: int
    surplus: int
    parts: dict  # part key -> points (Decimal, one decimal place)
    score: Decimal
    easting: int  # the cluster's centre
    northing: int

    @property
    def assets(self) -> int:
        return len(self.asset_ids)

    @property
    def owners(self) -> int:
        return len(self.owner_ids)

    def explained(self) -> str:
        return "; ".join(f"{label} {self.parts[key]}" for key, label in PARTS)


@dataclass(frozen=True)
class Criteria:
    distance: float = DEFAULT_DISTANCE
    lease_years: int = DEFAULT_LEASE_YEARS
    today: dt.date | None = None


def find(points: Points, criteria: Criteria) -> list[Cluster]:
    """The clusters of assets of at least two owners within ``criteria.distance`` of each other, ranked."""
    pairs = pairs_within(points.x, points.y, criteria.distance)
    return rank(points, pairs, criteria)


def rank(points: Points, pairs: np.ndarray, criteria: Criteria) -> list[Cluster]:
    n = len(points)
    if n == 0 or len(pairs) == 0:
        return []
    graph = coo_matrix((np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    size = np.bincount(labels)
    # Distinct owners per component: count the distinct (component, owner) pairs.
    combined = np.unique(labels.astype(np.int64) * (int(points.owner.max()) + 1) + points.owner)
    owners = np.bincount(combined // (int(points.owner.max()) + 1), minlength=len(size))
    kept = np.flatnonzero((size >= 2) & (owners >= 2))
    if not len(kept):
        return []
    member = np.isin(labels, kept)
    index = np.searchsorted(kept, labels[member])  # each member's cluster, 0 .. len(kept) - 1
    members = points.take(member)
    scores = _score(members, index, len(kept), criteria)
    order = np.lexsort((scores["first"], -scores["floor"], -scores["total"]))
    by_cluster = np.argsort(index, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(index, minlength=len(kept)))])
    clusters = []
    for position, c in enumerate(order, start=1):
        rows = by_cluster[bounds[c]:bounds[c + 1]]
        clusters.append(Cluster(
            rank=position, asset_ids=tuple(sorted(int(pk) for pk in members.pk[rows])),
            owner_ids=tuple(sorted({int(o) for o in members.owner[rows]})),
            floor_area=Decimal(f"{scores['floor'][c]:.2f}"), running_cost=Decimal(int(scores["running"][c])) / 100,
            mean_occupancy=None if np.isnan(scores["occupancy"][c]) else Decimal(f"{scores['occupancy'][c]:.1f}"),
            leases_ending=int(scores["leases"][c]), surplus=int(scores["surplus"][c]),
            parts={key: Decimal(f"{scores[key + '_points'][c]:.1f}") for key, _ in PARTS},
            score=Decimal(f"{scores['total'][c]:.1f}"),
            easting=int(round(scores["x"][c])), northing=int(round(scores["y"][c]))))
    return clusters


def _tenths(values: np.ndarray) -> np.ndarray:
    return np.floor(values * 10 + 0.5) / 10


def _score(members: Points, index: np.ndarray, count: int, criteria: Criteria) -> dict:
    """Every cluster's figures and score parts at once."""
    def total(values):
        return np.bincount(index, weights=values, minlength=count)

    size = np.bincount(index, minlength=count).astype(np.float64)
    floor = total(np.nan_to_num(members.floor))
    recorded = ~np.isnan(members.occupancy)
    occupancy_n = np.bincount(index, weights=recorded.astype(np.float64), minlength=count)
    with np.errstate(invalid="ignore", divide="ignore"):
        occupancy = np.where(occupancy_n > 0, total(np.nan_to_num(members.occupancy)) / occupancy_n, np.nan)
    running = np.zeros(count, dtype=np.int64)
    np.add.at(running, index, members.running)
    today = criteria.today or dt.date.today()
    start = (today - dt.date(1970, 1, 1)).days
    horizon = (_years_later(today, criteria.lease_years) - dt.date(1970, 1, 1)).days
    ending = (members.lease_end >= start) & (members.lease_end <= horizon)
    leases = total(ending.astype(np.float64))
    surplus = total(members.surplus.astype(np.float64))
    parts = {
        "floor_area_points": _tenths(PART_POINTS * np.minimum(1.0, floor / FULL_FLOOR_AREA)),
        "utilisation_points": _tenths(np.where(np.isnan(occupancy), 0.0,
                                               PART_POINTS * np.clip(100 - np.nan_to_num(occupancy), 0, 100) / 100)),
        "running_cost_points": _tenths(PART_POINTS * np.minimum(1.0, running / 100 / FULL_RUNNING_COST)),
        "leases_points": _tenths(PART_POINTS * leases / size),
        "surplus_points": _tenths(PART_POINTS * surplus / size),
    }
    first = np.full(count, np.iinfo(np.int64).max)
    np.minimum.at(first, index, members.pk)
    return {
        **parts, "total": np.round(sum(parts.values()), 1), "floor": floor, "occupancy": occupancy,
        "running": running, "leases": leases, "surplus": surplus, "first": first,
        "x": total(members.x) / size, "y": total(members.y) / size,
    }


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def naive_pairs(x: np.ndarray, y: np.ndarray, distance: float) -> set[tuple[int, int]]:
    """Every pair (i < j) within ``distance``, by comparing every point with every other (for checking)."""
    found = set()
    squared = distance * distance
    for i in range(len(x)):
        dx, dy = x[i + 1:] - x[i], y[i + 1:] - y[i]
        for j in np.flatnonzero(dx * dx + dy * dy <= squared):
            found.add((i, i + 1 + int(j)))
    return found
