"""The co-location finder: the same pairs as comparing every asset with every other, clusters of different
owners only, a score made of its shown parts, and only the assets the reader may see."""

import datetime as dt
from decimal import Decimal as D

import numpy as np
import pytest

from productivity.estate import colocation
from productivity.estate.colocation import Criteria, Points
from productivity.estate.tests.factories import make_asset


def points(xy, owners, **columns) -> Points:
    n = len(owners)
    values = {"pk": np.arange(1, n + 1), "owner": np.array(owners), "x": np.array([p[0] for p in xy], float),
              "y": np.array([p[1] for p in xy], float), "longitude": np.zeros(n), "latitude": np.zeros(n),
              "floor": np.full(n, np.nan), "occupancy": np.full(n, np.nan), "running": np.zeros(n, np.int64),
              "lease_end": np.full(n, colocation.NO_LEASE), "surplus": np.zeros(n, bool)}
    values.update({key: np.array(value) for key, value in columns.items()})
    return Points(**values)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_tree_finds_exactly_the_pairs_that_comparing_every_pair_finds(seed):
    rng = np.random.default_rng(seed)
    x, y = rng.uniform(0, 5000, 600), rng.uniform(0, 5000, 600)
    found = {tuple(pair) for pair in colocation.pairs_within(x, y, 400).tolist()}
    assert found == colocation.naive_pairs(x, y, 400) and len(found) > 100


def test_a_cluster_needs_two_owners_and_chains_through_nearby_assets():
    data = points([(0, 0), (300, 0), (600, 0), (5000, 0), (5100, 0), (9000, 0)], owners=[1, 2, 1, 3, 3, 4])
    clusters = colocation.find(data, Criteria(distance=400))
    # 1-2-3 chain (each within 400 m of the next); 4 and 5 are one owner's; 6 is alone.
    assert [c.asset_ids for c in clusters] == [(1, 2, 3)]
    assert clusters[0].owners == 2 and clusters[0].owner_ids == (1, 2)


def test_the_distance_is_inclusive_and_chosen_by_the_user():
    data = points([(0, 0), (400, 0)], owners=[1, 2])
    assert len(colocation.find(data, Criteria(distance=400))) == 1
    assert len(colocation.find(data, Criteria(distance=399))) == 0


def test_the_score_is_the_sum_of_its_explained_parts_and_ranks_the_clusters():
    today = dt.date(2012, 4, 1)
    soon = (dt.date(2014, 1, 1) - dt.date(1970, 1, 1)).days
    late = (dt.date(2030, 1, 1) - dt.date(1970, 1, 1)).days
    data = points([(0, 0), (100, 0), (10000, 0), (10100, 0)], owners=[1, 2, 1, 2],
                  floor=[2000.0, 500.0, 100.0, np.nan], occupancy=[50.0, 70.0, np.nan, np.nan],
                  running=[10_000_000, 2_500_000, 0, 0], lease_end=[soon, late, colocation.NO_LEASE, soon],
                  surplus=[True, False, False, False])
    first, second = colocation.find(data, Criteria(distance=400, lease_years=5, today=today))
    # 2,500 m² of 5,000 -> 10; mean occupancy 60% -> 8; £125,000 of £500,000 -> 5; 1 lease of 2 -> 10;
    # 1 surplus of 2 -> 10.
    assert first.parts == {"floor_area": D("10.0"), "utilisation": D("8.0"), "running_cost": D("5.0"),
                           "leases": D("10.0"), "surplus": D("10.0")}
    assert first.score == D("43.0") == sum(first.parts.values())
    assert (first.floor_area, first.running_cost, first.mean_occupancy) == (D("2500.00"), D("125000"), D("60.0"))
    assert second.asset_ids == (3, 4) and second.parts["utilisation"] == 0 and second.rank == 2
    assert "Floor area 10.0" in first.explained()


def test_reading_the_register_keeps_only_what_the_reader_may_see(roles):
    a, b = roles.council_a, roles.council_b
    make_asset(a, "A1", gross_internal_area=D(100), rent=D("1000.50"), rates=D(10), status="surplus",
               lease_end=dt.date(1970, 1, 11), occupancy=D("55.5"))
    make_asset(b, "B1", is_published=False)
    make_asset(b, "B2", status="disposed")
    make_asset(a, "A2", longitude=None, latitude=None, easting=None, northing=None)
    from productivity.estate.models import Asset

    seen = colocation.read_points(Asset.objects.visible_to(roles.editor_a))
    assert len(seen) == 1 and seen.running.tolist() == [101050]
    assert seen.surplus.tolist() == [True] and seen.lease_end.tolist() == [10]
    assert seen.floor.tolist() == [100.0] and seen.occupancy.tolist() == [55.5]
    assert round(seen.x[0], 1) == 376680.1 and seen.owner.tolist() == [a.pk]
    everything = colocation.read_points(Asset.objects.visible_to(roles.programme))
    assert len(everything) == 2  # the disposed asset and the one without coordinates take no part
    assert np.isnan(everything.floor).sum() == 1 and everything.lease_end.max() == colocation.NO_LEASE


def test_an_asset_given_only_in_longitude_and_latitude_is_projected(roles):
    from productivity.estate.models import Asset

    make_asset(roles.council_a, "A1", easting=None, northing=None, longitude=D("-2.35"), latitude=D("53.39"))
    seen = colocation.read_points(Asset.objects.all(), lonlat=True)
    assert abs(seen.x[0] - 376680) < 500 and abs(seen.y[0] - 388135) < 500  # the factory rounds its pair
    assert seen.longitude.tolist() == [-2.35]


@pytest.mark.django_db(transaction=True)
def test_a_large_register_read_by_two_connections_gives_the_same_points(monkeypatch):
    from productivity.estate.models import Asset
    from productivity.estate.tests.factories import make_trafford

    trafford = make_trafford()
    for n in range(120):  # several pages of the table on PostgreSQL, so that each connection reads some
        make_asset(trafford, f"T{n}", easting=D(376000 + n * 10), northing=D(388000), rent=D(n),
                   gross_internal_area=D(n) + D("0.25"), status="surplus" if n % 3 else "operational",
                   lease_end=dt.date(2020, 1, 1) + dt.timedelta(days=n) if n % 2 else None)
    one = colocation.read_points(Asset.objects.all())
    monkeypatch.setattr(colocation, "PARALLEL_FROM", 0)
    monkeypatch.setattr(colocation, "_estimated_assets", lambda: 120)
    shares = []
    if colocation.connection.vendor == "postgresql":
        with colocation.connection.cursor() as cursor:  # earlier tests' rolled-back rows out of the first pages
            cursor.execute("VACUUM FULL estate_asset")
        assert colocation._pages() >= 2
        aggregate = colocation._aggregate

        def counted(cursor, statement, params):
            blob = aggregate(cursor, statement, params)
            shares.append(len(colocation._records(blob, np.dtype([("v", "u1")] * 1))))
            return blob

        monkeypatch.setattr(colocation, "_aggregate", counted)
    both = colocation.read_points(Asset.objects.all())
    assert sorted(both.pk.tolist()) == sorted(one.pk.tolist()) and len(both) == 120
    if colocation.connection.vendor == "postgresql":
        assert len(shares) == 2 and all(shares)  # each connection read some of the rows
    for name in one.__dataclass_fields__:
        np.testing.assert_array_equal(getattr(both, name)[np.argsort(both.pk)], getattr(one, name)[np.argsort(one.pk)])
    assert both.surplus.sum() == 80 and (both.lease_end != colocation.NO_LEASE).sum() == 60


def test_pairs_in_the_trees_order_are_the_same_pairs_of_assets():
    rng = np.random.default_rng(7)
    n = 500
    data = points(list(zip(rng.uniform(0, 4000, n), rng.uniform(0, 4000, n), strict=True)), [1] * n)
    data.pk = rng.permutation(np.arange(1000, 1000 + n))
    near = colocation.neighbours(data, 300)
    found = {tuple(sorted(pair)) for pair in data.pk[near.point_pairs()].tolist()}
    expected = {(min(data.pk[i], data.pk[j]), max(data.pk[i], data.pk[j]))
                for i, j in colocation.naive_pairs(data.x, data.y, 300)}
    assert found == expected and len(found) == len(near) > 200
    assert sorted(near.order.tolist()) == list(range(n)) and near.order.tolist() != list(range(n))


def test_cross_owner_pairs_are_the_pairs_of_different_owners():
    data = points([(0, 0), (100, 0), (200, 0), (5000, 0), (5100, 0)], owners=[7, 7, 9, 3, 2**40])
    near = colocation.neighbours(data, 150)
    cross = colocation.cross_owner_pairs(data, near)
    assert sorted(tuple(sorted(pair)) for pair in cross.point_pairs().tolist()) == [(1, 2), (3, 4)]
    assert len(near) == 3


def test_the_ranking_does_not_depend_on_the_order_the_assets_are_read_in():
    rng = np.random.default_rng(11)
    n = 600
    pts = points(list(zip(np.round(rng.uniform(0, 6000, n), 1), np.round(rng.uniform(0, 6000, n), 1),
                          strict=True)), rng.integers(1, 4, n).tolist(),
                 floor=np.round(rng.choice([0.05, 0.15, 1.35, 12.45, 100.1], n), 2),
                 occupancy=np.round(rng.choice([10.05, 33.35, 66.65], n), 2), surplus=rng.random(n) < 0.5)
    criteria = Criteria(distance=250, today=dt.date(2026, 1, 1))
    first = [(c.asset_ids, c.score, c.floor_area, c.mean_occupancy, c.parts) for c in colocation.find(pts, criteria)]
    shuffled = pts.take(rng.permutation(n))
    again = [(c.asset_ids, c.score, c.floor_area, c.mean_occupancy, c.parts)
             for c in colocation.find(shuffled, criteria)]
    assert again == first and len(first) > 20


def _reference_ranking(pts: Points, distance: float, today: dt.date, lease_years: int) -> list[tuple]:
    """The clusters and their scores the simple way: every pair by comparison, clusters by merging, each
    cluster's figures added up asset by asset in Decimal, rounded half up to tenths, sorted by the rule."""
    from decimal import ROUND_HALF_UP

    n = len(pts)
    parent = list(range(n))

    def root(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in colocation.naive_pairs(pts.x, pts.y, distance):
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    epoch, horizon = dt.date(1970, 1, 1), today.replace(year=today.year + lease_years)

    def tenths(value: D) -> D:
        return value.quantize(D("0.1"), rounding=ROUND_HALF_UP)

    found = []
    for members in groups.values():
        if len(members) < 2 or len({int(pts.owner[i]) for i in members}) < 2:
            continue
        floor = sum((D(f"{pts.floor[i]:.2f}") for i in members if not np.isnan(pts.floor[i])), D(0))
        occupied = [D(f"{pts.occupancy[i]:.2f}") for i in members if not np.isnan(pts.occupancy[i])]
        running = sum(int(pts.running[i]) for i in members) / D(100)
        ending = sum(1 for i in members
                     if (today - epoch).days <= pts.lease_end[i] <= (horizon - epoch).days)
        surplus = sum(1 for i in members if pts.surplus[i])
        parts = (tenths(20 * min(D(1), floor / 5000)),
                 tenths(20 * (100 - sum(occupied) / len(occupied)) / 100) if occupied else D(0),
                 tenths(20 * min(D(1), running / 500_000)),
                 tenths(D(20 * ending) / len(members)), tenths(D(20 * surplus) / len(members)))
        ids = tuple(sorted(int(pts.pk[i]) for i in members))
        mean = tenths(sum(occupied) / len(occupied)) if occupied else None
        found.append((sum(parts), floor, ids, parts, mean))
    found.sort(key=lambda c: (-c[0], -c[1], c[2][0]))
    return [(ids, score, parts, floor, mean) for score, floor, ids, parts, mean in found]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_vectorised_ranking_equals_the_simple_reference(seed):
    rng = np.random.default_rng(seed)
    n, today = 400, dt.date(2026, 6, 1)
    epoch_days = (today - dt.date(1970, 1, 1)).days
    pts = points(list(zip(rng.uniform(0, 6000, n), rng.uniform(0, 6000, n), strict=True)),
                 rng.integers(1, 5, n).tolist(),
                 floor=np.where(rng.random(n) < 0.2, np.nan, np.round(rng.uniform(50, 3000, n), 2)),
                 occupancy=np.where(rng.random(n) < 0.3, np.nan, np.round(rng.uniform(0, 100, n), 2)),
                 running=rng.integers(0, 30_000_000, n),
                 lease_end=np.where(rng.random(n) < 0.3, colocation.NO_LEASE,
                                    epoch_days + rng.integers(-400, 4000, n)),
                 surplus=rng.random(n) < 0.3)
    ranking = colocation.find(pts, Criteria(distance=300, lease_years=5, today=today))
    expected = _reference_ranking(pts, 300, today, 5)
    assert len(expected) > 20  # enough clusters for the order to mean something
    assert [(c.asset_ids, c.score, tuple(c.parts[key] for key, _ in colocation.PARTS), c.floor_area, c.mean_occupancy)
            for c in ranking] == expected
    assert [c.rank for c in ranking] == list(range(1, len(expected) + 1))


def test_halves_round_up_exactly_in_every_figure():
    # 1,262.50 m² is 5.05 points and a mean occupancy of 50.85% is 50.9% shown and 9.83 points: halves round
    # up, as on paper, not to whatever side a float lands on.
    data = points([(0, 0), (100, 0)], owners=[1, 2], floor=[1262.25, 0.25], occupancy=[50.80, 50.90],
                  running=[312_500, 0])
    (cluster,) = colocation.find(data, Criteria(distance=400))
    assert cluster.floor_area == D("1262.50") and cluster.parts["floor_area"] == D("5.1")
    assert cluster.mean_occupancy == D("50.9") and cluster.parts["utilisation"] == D("9.8")
    assert cluster.running_cost == D("3125") and cluster.parts["running_cost"] == D("0.1")  # 0.125 -> 0.1
    assert cluster.score == D("15.0")
