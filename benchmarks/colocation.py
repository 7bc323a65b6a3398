"""Benchmark: the co-location finder on 1,000,000 assets of 5 agencies in PostgreSQL, beside a bare cKDTree.

Issue 8: co-location for 1,000,000 synthetic assets of 5 agencies spread over England (70% clustered in 300
towns), all cross-agency pairs within 400 m, ranked, end to end from the database (read, project, pair,
score, rank). Ours is what the finder's page runs: ``colocation.read_points`` on the programme team's scoped
QuerySet of standing assets (binary COPY, two connections), ``colocation.neighbours`` (the tree, every pair, in the
tree's order), the cross-agency pairs, and ``colocation.rank`` (clusters, scores, ranking) with
the first page of 25 groups made. The ceiling is a bare
``scipy.spatial.cKDTree(points).query_pairs(400)`` on the same coordinates already in memory (building the
tree included: query_pairs needs it). Target: ours within 3x the bare query. It also compares the tree's pairs
with the naive all-pairs method on a 20,000-asset sample (the assets nearest the biggest town's centre, so that
there are many pairs to compare) and prints whether both give exactly the same pairs.

The assets are synthetic and loaded with COPY: 70% drawn around 300 towns (centres uniform over England's
extent, sizes lognormal, each spread so that its centre holds about 20 assets a km²), 30% uniform over it;
a few fields the score reads (floor area, occupancy, running costs, lease ends, status) are random.
The database is a scratch PostgreSQL database (BENCH_DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/pp_bench_colocation), made anew and dropped at the end. BENCH_ROWS
changes the size, BENCH_RUNS the runs of each side (3). Results: printed, and written to
benchmarks/results/colocation.json.
"""

import io
import os
import sys
import time
from pathlib import Path

import _common

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/pp_bench_colocation"
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ.setdefault("LOG_LEVEL", "WARNING")

ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
AGENCIES = 5
TOWNS = 300
CLUSTERED = 0.7
DISTANCE = 400.0
SAMPLE = min(20_000, ROWS)
TARGET_RATIO = 3.0
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
# England's extent in British National Grid metres (roughly: Land's End to Berwick, the Wash to the Welsh border).
EASTING, NORTHING = (140_000, 655_000), (20_000, 650_000)


def synthetic(rows: int, seed: int = 2012):
    import numpy as np

    rng = np.random.default_rng(seed)
    clustered = int(rows * CLUSTERED)
    centres = np.column_stack([rng.uniform(*EASTING, TOWNS), rng.uniform(*NORTHING, TOWNS)])
    weights = rng.lognormal(0, 0.8, TOWNS)
    town = rng.choice(TOWNS, clustered, p=weights / weights.sum())
    # Bigger towns spread further, so that a town centre holds about 20 assets a km² whatever the size (some
    # ten neighbours within 400 m), as public buildings in English towns do.
    size = np.bincount(town, minlength=TOWNS)
    spread = np.maximum(1000.0, np.sqrt(size / (80 * np.pi)) * 1000)[town]
    x = np.concatenate([centres[town, 0] + rng.normal(0, 1, clustered) * spread,
                        rng.uniform(*EASTING, rows - clustered)])
    y = np.concatenate([centres[town, 1] + rng.normal(0, 1, clustered) * spread,
                        rng.uniform(*NORTHING, rows - clustered)])
    order = rng.permutation(rows)
    x, y = np.round(x[order], 1), np.round(y[order], 1)
    biggest = centres[int(np.argmax(np.bincount(town, minlength=TOWNS)))]
    return x, y, rng, biggest


def load(x, y, rng) -> None:
    """Five agencies and their assets, through COPY."""
    import numpy as np
    import polars as pl
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from productivity.estate.geography import _to_wgs84
    from productivity.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    kinds = ["council", "police", "fire", "nhs", "central_government"]
    agencies = [Organisation.objects.create(slug=f"bench-agency-{n}", name=f"Agency {n}", kind=kinds[n])
                for n in range(AGENCIES)]
    rows = len(x)
    longitude, latitude = _to_wgs84().transform(x, y)
    now = timezone.now().isoformat()
    statuses = np.array(["operational", "surplus", "vacant", "for_disposal", "operational"])
    owner = np.array([a.pk for a in agencies])[rng.integers(0, AGENCIES, rows)]
    lease_days = rng.integers(0, 365 * 30, rows)
    constants = {"uprn": "", "name": "Synthetic asset", "address": "", "postcode": "", "location_given": "",
                 "tenure": "", "tenure_detail": "", "tenure_note": "", "holding_type": "", "use": "office",
                 "use_as_given": "", "energy_rating": "", "condition": "", "is_published": True, "flags": "[]",
                 "withdrawal_reason": "", "created_at": now, "updated_at": now}
    frame = pl.DataFrame({
        "owner_id": owner, "asset_code": [f"B{n:07d}" for n in range(rows)], "easting": x, "northing": y,
        "longitude": np.round(longitude, 6), "latitude": np.round(latitude, 6),
        "gross_internal_area": np.round(rng.uniform(50, 5000, rows), 2),
        "occupancy": np.round(rng.uniform(10, 100, rows), 2),
        "rent": np.round(rng.uniform(0, 200_000, rows), 2), "rates": np.round(rng.uniform(0, 50_000, rows), 2),
        "facilities_cost": np.round(rng.uniform(0, 80_000, rows), 2),
        "energy_cost": np.round(rng.uniform(0, 40_000, rows), 2),
        "status": statuses[rng.integers(0, len(statuses), rows)],
        "lease_end": pl.Series(np.datetime64("2012-04-01") + lease_days.astype("timedelta64[D]")).cast(pl.Date),
    }).with_columns([pl.lit(value).alias(name) for name, value in constants.items()])
    buffer = io.BytesIO()
    frame.write_csv(buffer, include_header=False)
    buffer.seek(0)
    columns = ", ".join(frame.columns)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY estate_asset ({columns}) FROM STDIN (FORMAT CSV)") as copy:
            while block := buffer.read(1 << 20):
                copy.write(block)
        cursor.execute("ANALYZE estate_asset")


def programme_user():
    from productivity.accounts.models import User

    user = User.objects.create_user(email="bench@example.org", password="x")
    user.is_superuser = True
    user.save()
    return user


def main() -> None:
    import numpy as np

    _common.scratch_database(DATABASE_URL)
    import django

    django.setup()
    from scipy.spatial import cKDTree

    from productivity.estate import colocation
    from productivity.estate.models import Asset

    x, y, rng, biggest = synthetic(ROWS)
    started = time.perf_counter()
    load(x, y, rng)
    print(f"Loaded {ROWS:,} assets of {AGENCIES} agencies with COPY in {time.perf_counter() - started:.1f} s")
    user = programme_user()

    # Each side runs RUNS times, taking turns, and keeps its fastest run: the machine is shared (a burst of
    # someone else's work lands on one run, not on every one), and ours's first run pays for warming the
    # database's cache and loading modules.
    bare_seconds, ours_seconds = float("inf"), float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        bare = cKDTree(np.column_stack([x, y])).query_pairs(DISTANCE, output_type="ndarray")
        bare_seconds = min(bare_seconds, time.perf_counter() - started)
        del bare
        started = time.perf_counter()
        run = {}
        points = colocation.read_points(Asset.objects.visible_to(user).standing())
        run["read and project"] = time.perf_counter() - started
        pairs = colocation.neighbours(points, DISTANCE)
        run["pair"] = time.perf_counter() - started - sum(run.values())
        cross = colocation.cross_owner_pairs(points, pairs)
        clusters = colocation.rank(points, pairs, colocation.Criteria(distance=DISTANCE))
        top = clusters[:25]  # the first page, as people see it
        run["cluster, score and rank"] = time.perf_counter() - started - sum(run.values())
        elapsed = time.perf_counter() - started
        if elapsed < ours_seconds:
            ours_seconds, phases = elapsed, run
    bare_count = len(cKDTree(np.column_stack([x, y])).query_pairs(DISTANCE, output_type="ndarray"))
    same_count = len(pairs) == bare_count and len(points) == ROWS

    # The naive all-pairs method on a dense 20,000-asset sample.
    nearest = cKDTree(np.column_stack([x, y])).query(biggest, k=SAMPLE)[1]
    sx, sy = x[np.sort(nearest)], y[np.sort(nearest)]
    started = time.perf_counter()
    naive = colocation.naive_pairs(sx, sy, DISTANCE)
    naive_seconds = time.perf_counter() - started
    started = time.perf_counter()
    found = colocation.pairs_within(sx, sy, DISTANCE)
    tree_seconds = time.perf_counter() - started
    tree_pairs = {tuple(p) for p in found.tolist()}
    # The same for the pairs in the tree's order (what ours ranks), taken back to the sample's positions.
    sample = colocation.Points(pk=np.arange(SAMPLE), owner=np.zeros(SAMPLE, np.int64), x=sx, y=sy,
                               **{name: np.zeros(SAMPLE) for name in ("longitude", "latitude", "floor",
                                                                       "occupancy", "running", "lease_end",
                                                                       "surplus")})
    reordered = {(min(i, j), max(i, j)) for i, j in colocation.neighbours(sample, DISTANCE).point_pairs().tolist()}
    identical = tree_pairs == naive == reordered

    print(f"Pairs within {DISTANCE:.0f} m: {len(pairs):,} ({len(cross):,} cross-agency); clusters of two or "
          "more "
          f"agencies: {len(clusters):,}; the first scores {top[0].score if top else 0} with "
          f"{top[0].assets if top else 0:,} assets")
    print("Ours by phase: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in phases.items()))
    print(f"{'Metric':<62} {'ours':>9} {'baseline':>9} {'ratio':>7}")
    ratio = bare_seconds / ours_seconds
    print(f"{'Co-location end to end from the database (s)':<62} {ours_seconds:>9.2f} {bare_seconds:>9.2f} "
          f"{ratio:>6.2f}x")
    print(f"{'Pairs on a 20,000-asset sample, tree vs naive all-pairs (s)':<62} {tree_seconds:>9.3f} "
          f"{naive_seconds:>9.2f} {naive_seconds / tree_seconds:>6.0f}x")
    print(f"Target: within {TARGET_RATIO:.0f}x the bare cKDTree.query_pairs "
          f"({'met' if ours_seconds <= TARGET_RATIO * bare_seconds else 'MISSED'}: {ours_seconds / bare_seconds:.2f}x)."
          f" Same pair count as the bare query: {same_count}. Tree (as given and in its own order) and naive "
          "all-pairs give exactly the same "
          f"pairs on the sample ({len(naive):,} pairs): {identical}")
    results = [
        {"metric": "Co-location end to end from the database (read, project, pair, score, rank)", "unit": "s",
         "size": ROWS, "ours": round(ours_seconds, 3),
         "baseline": "bare cKDTree.query_pairs on the coordinates in memory (ceiling: ours within 3x)",
         "baseline_value": round(bare_seconds, 3), "ratio": round(ratio, 3)},
        {"metric": f"Pairs within {DISTANCE:.0f} m on a {SAMPLE:,}-asset sample (identical pairs: {identical})",
         "unit": "s", "size": SAMPLE, "ours": round(tree_seconds, 4), "baseline": "naive all-pairs method",
         "baseline_value": round(naive_seconds, 3), "ratio": round(naive_seconds / tree_seconds, 1)},
    ]
    _common.write_results("colocation", results)
    if not (identical and same_count):
        print("WRONG ANSWERS: the pairs differ", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    try:
        main()
    finally:
        from django.db import connections

        connections.close_all()
        _common.scratch_database(DATABASE_URL, make=False)  # leave no million-row database behind
