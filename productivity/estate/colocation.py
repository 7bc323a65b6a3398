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

Each part is rounded half up to one decimal place and the score is the sum of the rounded parts (worked in
whole numbers, so exactly). Clusters are ranked by score, then combined floor area, then their first asset.
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.db import connection, transaction
from django.db.models import Q, TextField
from django.db.models.expressions import Expression
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from productivity.estate.geography import _to_bng
from productivity.estate.models import RUNNING_COST_COLUMNS

DEFAULT_DISTANCE = 400  # metres
DEFAULT_LEASE_YEARS = 5
MIN_DISTANCE, MAX_DISTANCE = 10, 5000
MAX_LEASE_YEARS = 25
RUNNING_COST_FIELDS = RUNNING_COST_COLUMNS  # rent, rates, facilities, energy: one list, the model's
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


NO_LEASE = np.iinfo(np.int64).max  # lease_end of an asset without one


# Reading ---------------------------------------------------------------------------------------------------------
def _candidates(assets):
    located = Q(easting__isnull=False, northing__isnull=False) | Q(longitude__isnull=False, latitude__isnull=False)
    return assets.exclude(status="disposed").filter(located)


# On PostgreSQL, every asset comes back as one fixed-size binary record (its values packed in network byte order,
# one after another), all of them in one string, which numpy reads as a structured array without making a Python
# object per row: (column, SQL packing one value, numpy type). Nothing packed may be NULL (a NULL would drop the
# whole record), hence the coalesces. The numbers are read from the asset's generated columns (models.py, "Fast
# reading"): floats, and the running costs (rent + rates + facilities + energy) added up by the database in whole
# pence, exactly, on every write, so a read converts no decimals. The string comes through a binary COPY, so it
# is neither hex-encoded by the server nor decoded by the driver.
_NOT_GIVEN = np.iinfo(np.int64).max
_PACKED = (
    ("pk", "int8send(t.id)", ">i8"),
    ("owner", "int8send(t.owner_id::int8)", ">i8"),
    ("x", "float8send(coalesce(t.easting_m, 'NaN'))", ">f8"),
    ("y", "float8send(coalesce(t.northing_m, 'NaN'))", ">f8"),
    ("floor", "float8send(coalesce(t.floor_area_m2, 'NaN'))", ">f8"),
    ("occupancy", "float8send(coalesce(t.occupancy_pct, 'NaN'))", ">f8"),
    ("running", "int8send(coalesce(t.running_cost_pence, 0))", ">i8"),
    ("lease_end", f"int8send(coalesce((t.lease_end - date '1970-01-01')::int8, {_NOT_GIVEN}))", ">i8"),
    ("surplus", "CASE WHEN t.status IN ('surplus', 'vacant', 'for_disposal') THEN '\\x01'::bytea "
                "ELSE '\\x00'::bytea END", "u1"),
)
_LONLAT = (("longitude", "float8send(coalesce(t.longitude_deg, 'NaN'))", ">f8"),
           ("latitude", "float8send(coalesce(t.latitude_deg, 'NaN'))", ">f8"))
_PACKED_FIELDS = ("id", "owner_id", "easting_m", "northing_m", "floor_area_m2", "occupancy_pct",
                  "running_cost_pence", "lease_end", "status", "longitude_deg", "latitude_deg")
_ROW_FIELDS = ("id", "owner_id", "easting", "northing", "gross_internal_area", "occupancy", *RUNNING_COST_FIELDS,
               "lease_end", "status", "longitude", "latitude")


def read_points(assets, *, lonlat: bool = False) -> Points:
    """The located assets among ``assets`` (disposed ones left out) as columns, in British National Grid metres;
    longitude and latitude too with ``lonlat`` (to find those inside a boundary), else NaN."""
    queryset = _candidates(assets).order_by()
    if connection.vendor == "postgresql":
        columns = _packed(queryset, lonlat)
    else:
        columns = _from_rows(list(queryset.values_list(*_ROW_FIELDS)))
    columns.setdefault("longitude", _nan(columns))
    columns.setdefault("latitude", _nan(columns))
    return _projected(Points(**columns), queryset)


def _nan(columns: dict) -> np.ndarray:
    return np.full(len(columns["pk"]), np.nan)


# A large register is read by READERS connections at once, each taking its share of the table's pages (a range
# of row addresses, so that each reads only its own pages), in one snapshot of the database; below PARALLEL_FROM
# assets (or inside a transaction, whose uncommitted rows other connections cannot see) one query reads it all.
READERS = 2
PARALLEL_FROM = 200_000
_END = "(4294967295,0)"  # a row address beyond every page a table can have


class _RowAddress(Expression):
    """A row's address in its table (page, position): a range of addresses is a range of the table's pages."""

    output_field = TextField()

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(compiler.query.get_initial_alias())}.ctid", []


def _packed(queryset, lonlat: bool) -> dict:
    fields = _PACKED + (_LONLAT if lonlat else ())
    located = queryset.annotate(row_address=_RowAddress())
    sql, params = located.values_list(*_PACKED_FIELDS, "row_address").query.sql_with_params()
    record = " || ".join(expression for _, expression, _ in fields)
    # The statement is the ORM's own compiled query and this module's constants; values go as params.
    statement = (f"COPY (SELECT string_agg({record}, ''::bytea) FROM ({sql}) AS t "  # noqa: S608
                 "WHERE t.row_address >= %s::tid AND t.row_address < %s::tid) TO STDOUT (FORMAT binary)")
    if connection.in_atomic_block or _estimated_assets() < PARALLEL_FROM:
        with transaction.atomic(), connection.cursor() as cursor:
            blobs = [_aggregate(cursor, statement, [*params, "(0,0)", _END])]
    else:
        blobs = _in_parallel(statement, params)
    layout = np.dtype([(name, dtype) for name, _, dtype in fields])
    shares = [_records(blob, layout) for blob in blobs]
    native = {">i8": np.int64, ">f8": np.float64, "u1": np.bool_}
    columns = {name: np.empty(sum(map(len, shares)), dtype=native[dtype]) for name, _, dtype in fields}
    start = 0
    for share in shares:  # each share's values converted straight into their place in the columns
        for name, column in columns.items():
            column[start:start + len(share)] = share[name]
        start += len(share)
    return columns


# A binary COPY of one row of one column: the 19-byte header, the row's field count (2 bytes), the field's length
# (4 bytes, -1 for NULL: no rows) and its bytes, then a 2-byte trailer.
_COPY_HEADER = b"PGCOPY\n\xff\r\n\x00"


def _records(blob: bytes, layout: np.dtype) -> np.ndarray:
    if not blob.startswith(_COPY_HEADER):
        raise ValueError("Not a binary COPY")
    start = 19 + int.from_bytes(blob[15:19], "big")  # past any header extension
    length = int.from_bytes(blob[start + 2:start + 6], "big", signed=True)
    if length < 0:
        return np.empty(0, dtype=layout)
    if length % layout.itemsize:
        raise ValueError(f"{length} bytes is not a whole number of {layout.itemsize}-byte records")
    return np.frombuffer(blob, dtype=layout, count=length // layout.itemsize, offset=start + 6)


def _aggregate(cursor, statement: str, params: list) -> bytes:
    cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
    with cursor.cursor.copy(statement, params) as copy:
        return b"".join(copy)


def _estimated_assets() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'estate_asset'")
        found = cursor.fetchone()
    return int(found[0]) if found else 0


def _pages() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_size('estate_asset') / current_setting('block_size')::int8")
        return int(cursor.fetchone()[0])


def _in_parallel(statement: str, params: list) -> list[bytes]:
    """The statement's share of the rows from each of READERS connections, all in the first one's snapshot."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        if not re.fullmatch(r"[0-9A-Fa-f-]+", snapshot):
            raise ValueError(f"Unexpected snapshot name {snapshot!r}")
        # Pages added after this count fall in the last share (its range is open-ended), so no row is missed.
        pages = _pages()
        bounds = [f"({pages * part // READERS},0)" for part in range(READERS)] + [_END]

        def share(part: int) -> bytes:
            try:  # in its own thread: its own connection
                with transaction.atomic(), connection.cursor() as other:
                    other.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    other.execute(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
                    return _aggregate(other, statement, [*params, bounds[part], bounds[part + 1]])
            finally:
                connections.close_all()

        with ThreadPoolExecutor(READERS - 1) as pool:
            others = [pool.submit(share, part) for part in range(1, READERS)]
            first = _aggregate(cursor, statement, [*params, bounds[0], bounds[1]])
            return [first, *(future.result() for future in others)]


def _from_rows(rows: list) -> dict:
    def floats(index):
        return np.array([np.nan if row[index] is None else float(row[index]) for row in rows], dtype=np.float64)

    epoch = dt.date(1970, 1, 1)
    running = [sum((row[6 + i] or 0 for i in range(len(RUNNING_COST_FIELDS))), Decimal(0)) for row in rows]
    return {
        "pk": np.array([row[0] for row in rows], dtype=np.int64),
        "owner": np.array([row[1] for row in rows], dtype=np.int64),
        "x": floats(2), "y": floats(3), "floor": floats(4), "occupancy": floats(5),
        "running": np.array([int(value * 100) for value in running], dtype=np.int64),
        "lease_end": np.array([_NOT_GIVEN if row[10] is None else (row[10] - epoch).days for row in rows],
                              dtype=np.int64),
        "surplus": np.array([row[11] in SURPLUS_STATUSES for row in rows], dtype=bool),
        "longitude": floats(12), "latitude": floats(13),
    }


def _projected(points: Points, queryset) -> Points:
    """Assets given only in longitude and latitude, projected to British National Grid with pyproj."""
    missing = np.isnan(points.x) | np.isnan(points.y)
    if missing.any():
        given = queryset.filter(pk__in=points.pk[missing].tolist()).values_list("pk", "longitude", "latitude")
        found = {pk: (lon, lat) for pk, lon, lat in given}
        lon = np.array([float(found[pk][0]) for pk in points.pk[missing]])
        lat = np.array([float(found[pk][1]) for pk in points.pk[missing]])
        points.x[missing], points.y[missing] = _to_bng().transform(lon, lat)
        points.longitude[missing], points.latitude[missing] = lon, lat
    return points


def within_place(points: Points, area) -> Points:
    """The points inside ``area`` (a shapely geometry in longitude and latitude)."""
    import shapely

    return points.take(shapely.contains_xy(area, points.longitude, points.latitude))


# Pairing and clustering -----------------------------------------------------------------------------------------
def _tree(x: np.ndarray, y: np.ndarray) -> cKDTree:
    # Sliding-midpoint splits, node boxes not shrunk: built about a third quicker than the default (median)
    # tree for a register's clumped towns, and the same pairs (the tests compare them with every pair's).
    return cKDTree(np.column_stack([x, y]), balanced_tree=False, compact_nodes=False)


def pairs_within(x: np.ndarray, y: np.ndarray, distance: float) -> np.ndarray:
    """Every pair (i < j) of points at most ``distance`` metres apart, as an (n, 2) array."""
    if len(x) < 2:
        return np.empty((0, 2), dtype=np.int64)
    return _tree(x, y).query_pairs(distance, output_type="ndarray")


@dataclass(frozen=True)
class Neighbours:
    """Every pair of points within a distance, each pair once. The pairs are positions in ``order``, the tree's
    order of the points (leaf by leaf, so near points sit near each other): (a, b) joins points ``order[a]``
    and ``order[b]``. Clustering in that order reads its arrays almost in sequence instead of at random,
    several times quicker for a large register; the order changes nothing anyone sees."""

    pairs: np.ndarray  # (n, 2)
    order: np.ndarray  # position -> point

    def __len__(self) -> int:
        return len(self.pairs)

    def point_pairs(self) -> np.ndarray:
        """The pairs as indices of the points themselves."""
        return self.order[self.pairs]


def neighbours(points: Points, distance: float) -> Neighbours:
    """Every pair of ``points`` at most ``distance`` metres apart, in the tree's order."""
    if len(points) < 2:
        return Neighbours(np.empty((0, 2), dtype=np.int32), np.arange(len(points)))
    tree = _tree(points.x, points.y)
    found = tree.query_pairs(distance, output_type="ndarray")
    order = tree.indices
    position = np.empty(len(order), dtype=np.int32 if len(order) < 2**31 else np.int64)
    position[order] = np.arange(len(order), dtype=position.dtype)
    return Neighbours(position[found], order)


def cross_owner_pairs(points: Points, near: Neighbours) -> Neighbours:
    """The pairs whose assets belong to different owners."""
    codes = _owner_codes(points.owner)[near.order]
    pairs = near.pairs
    return Neighbours(pairs[codes[pairs[:, 0]] != codes[pairs[:, 1]]], near.order)


def _owner_codes(owner: np.ndarray) -> np.ndarray:
    """Owners as 32-bit numbers, equal where the owners are: gathering millions of them is quicker than of int64
    ids. Ids are offsets from the smallest (no sorting) unless they spread too far for 32 bits."""
    if len(owner) == 0:
        return owner.astype(np.int32)
    lowest = owner.min()
    if int(owner.max()) - int(lowest) < 2**31:
        return (owner - lowest).astype(np.int32)
    return np.unique(owner, return_inverse=True)[1].astype(np.int32)


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


def find(points: Points, criteria: Criteria) -> "Ranking":
    """The clusters of assets of at least two owners within ``criteria.distance`` of each other, ranked."""
    return rank(points, neighbours(points, criteria.distance), criteria)


def rank(points: Points, near: Neighbours, criteria: Criteria) -> "Ranking":
    """The clusters the pairs make, scored and ranked (computed for all at once; each built when read)."""
    n, pairs = len(points), near.pairs
    if n == 0 or len(pairs) == 0:
        return Ranking.empty()
    # 32-bit indices where they fit: half the memory to sort, and scipy need not scan them to choose.
    index_type = np.int32 if n < 2**31 else np.int64
    graph = coo_matrix((np.ones(len(pairs), dtype=np.int8),
                        (pairs[:, 0].astype(index_type), pairs[:, 1].astype(index_type))), shape=(n, n)).tocsr()
    # Each pair once, in either direction: the groups are the weakly connected components.
    _, in_order = connected_components(graph, directed=True, connection="weak")
    labels = np.empty_like(in_order)
    labels[near.order] = in_order  # each point's component, the points as read
    size = np.bincount(labels)
    # A component has two or more owners when its smallest owner is not its largest.
    lowest = np.full(len(size), np.iinfo(np.int64).max)
    highest = np.full(len(size), np.iinfo(np.int64).min)
    np.minimum.at(lowest, labels, points.owner)
    np.maximum.at(highest, labels, points.owner)
    keep = (size >= 2) & (lowest != highest)
    if not keep.any():
        return Ranking.empty()
    renumber = np.cumsum(keep) - 1  # each kept component's number, 0 .. kept - 1
    member = keep[labels]
    index = renumber[labels[member]]
    members = points.take(member)
    by_cluster = np.argsort(index, kind="stable")
    counts = np.bincount(index, minlength=int(keep.sum()))
    bounds = np.concatenate([[0], np.cumsum(counts)])
    scores = _score(members, index, by_cluster, bounds, criteria)
    order = np.lexsort((scores["first"], -scores["floor"], -scores["total"]))
    return Ranking(members, by_cluster, bounds, scores, order)


class Ranking:
    """The ranked clusters, a sequence: every figure is computed (arrays); a ``Cluster`` is made when it is
    read, so a page of 25 makes 25."""

    def __init__(self, members, by_cluster, bounds, scores, order):
        self.members, self.by_cluster, self.bounds = members, by_cluster, bounds
        self.scores, self.order = scores, order

    @classmethod
    def empty(cls) -> "Ranking":
        return cls(None, None, None, None, np.empty(0, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.order)

    def __iter__(self):
        return (self._cluster(position) for position in range(len(self)))

    def __getitem__(self, position):
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        return self._cluster(position)

    def _cluster(self, position: int) -> Cluster:
        c, scores, members = int(self.order[position]), self.scores, self.members
        rows = self.by_cluster[self.bounds[c]:self.bounds[c + 1]]
        occupied = int(scores["occupied"][c])
        return Cluster(
            rank=position + 1, asset_ids=tuple(sorted(members.pk[rows].tolist())),
            owner_ids=tuple(sorted(set(members.owner[rows].tolist()))),
            floor_area=Decimal(int(scores["floor"][c])).scaleb(-2),
            running_cost=Decimal(int(scores["running"][c])) / 100,
            mean_occupancy=Decimal(int(_half_up(scores["occupancy"][c], 10 * occupied))).scaleb(-1)
            if occupied else None,
            leases_ending=int(scores["leases"][c]), surplus=int(scores["surplus"][c]),
            parts={key: Decimal(int(scores[key + "_points"][c])).scaleb(-1) for key, _ in PARTS},
            score=Decimal(int(scores["total"][c])).scaleb(-1),
            easting=int(round(scores["x"][c])), northing=int(round(scores["y"][c])))


def _half_up(numerator, denominator):
    """numerator / denominator rounded half up to a whole number (floor of the quotient plus a half), exactly."""
    return (2 * numerator + denominator) // (2 * denominator)


_PART_TENTHS = int(PART_POINTS * 10)  # a full part, in tenths of a point


def _part(numerator, denominator) -> np.ndarray:
    """PART_POINTS × min(1, numerator / denominator) in whole tenths of a point, rounded half up, exactly."""
    denominator = np.maximum(denominator, 1)
    return _half_up(_PART_TENTHS * np.minimum(numerator, denominator), denominator)


def _score(members: Points, index: np.ndarray, by_cluster: np.ndarray, bounds: np.ndarray,
           criteria: Criteria) -> dict:
    """Every cluster's figures and score parts at once, in whole numbers: floor area in hundredths of a m²,
    occupancy in hundredths of a per cent, running costs in pence, points in tenths. The register keeps these
    to two decimals, so every total and every rounding is exact, whatever order the assets come in (floats
    added in another order may differ in the last digit, enough to round a part the other way or to swap two
    tied clusters)."""
    count = len(bounds) - 1

    def total(values):
        return np.bincount(index, weights=values, minlength=count)

    def whole_total(values, places=0):
        whole = values if places == 0 else np.rint(np.nan_to_num(values) * 10**places).astype(np.int64)
        return np.add.reduceat(whole[by_cluster], bounds[:-1])

    size = np.bincount(index, minlength=count)
    floor = whole_total(members.floor, 2)  # hundredths of a m²
    occupied = np.bincount(index, weights=~np.isnan(members.occupancy), minlength=count).astype(np.int64)
    occupancy = whole_total(members.occupancy, 2)  # hundredths of a per cent, summed
    running = whole_total(members.running)  # pence
    today = criteria.today or dt.date.today()
    start = (today - dt.date(1970, 1, 1)).days
    horizon = (_years_later(today, criteria.lease_years) - dt.date(1970, 1, 1)).days
    ending = (members.lease_end >= start) & (members.lease_end <= horizon)
    leases = np.bincount(index, weights=ending, minlength=count).astype(np.int64)
    surplus = np.bincount(index, weights=members.surplus, minlength=count).astype(np.int64)
    # Unused share: 100% less the mean occupancy (kept between 0 and 100), as hundredths of a per cent summed
    # over the assets recording it, out of 100% each.
    unused = np.clip(10_000 * occupied - occupancy, 0, 10_000 * occupied)
    parts = {
        "floor_area_points": _part(floor, int(FULL_FLOOR_AREA * 100)),
        "utilisation_points": np.where(occupied > 0, _part(unused, 10_000 * occupied), 0),
        "running_cost_points": _part(running, int(FULL_RUNNING_COST * 100)),
        "leases_points": _part(leases, size),
        "surplus_points": _part(surplus, size),
    }
    first = np.minimum.reduceat(members.pk[by_cluster], bounds[:-1])
    return {
        **parts, "total": sum(parts.values()), "floor": floor, "occupancy": occupancy, "occupied": occupied,
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
