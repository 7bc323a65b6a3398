"""Benchmark: the spend analysis pages and API with 10,000,000 spend lines held, on PostgreSQL.

Target (issue 9): the SME-share page and its API for one council, and the cross-council comparison, each answer
in under 200 ms server-side. Measured in-process with Django's test client (the whole request: routing,
the roll-up, the template or JSON), after two warm-up requests, as the median and 95th percentile of
BENCH_REPEATS requests each. Beside the target, the same council's SME shares by month worked out from the
raw lines (one GROUP BY over them) show what the summaries save. The supplier register (a page of suppliers
with their net spend and the councils paying them, by name, by net spend, by councils, and a later page of a
filtered register) is timed against the same 200 ms; the roll-up by supplier and council from the supplier summary
beside the same figures grouped from the lines; and every supplier's net spend and councils summed by supplier in
the database (``rollups.by_supplier``, what the register's downloads read: the supplier summary added up
ahead, ``SpendSupplierTotal``) beside the same added up from the
roll-up by supplier and council (what the register did before).

The lines are generated set-wise inside PostgreSQL (INSERT ... SELECT from generate_series, a million a
statement: 150 councils, 50,000 suppliers with classes and regions, five financial years, a long tail of
suppliers, a quarter without a ProClass code), then the summaries (every grain) are built as the import job
builds them: the lines read back a batch at a time and given to one ``summaries.Summariser`` (``add``), each
batch in its own transaction (both timed and printed). The page cache is off (PAGE_CACHE_SECONDS=0): every
request is worked out afresh. Scratch database: BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/pp_bench_spend_dashboards), dropped and made anew, and dropped at the end
unless BENCH_KEEP is set; BENCH_REUSE measures the database a BENCH_KEEP run left (nothing loaded, nothing
dropped). BENCH_ROWS changes the size. Results: benchmarks/results/spend_dashboards.json.
"""

import datetime as dt
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

import _common

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/pp_bench_spend_dashboards"
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["PAGE_CACHE_SECONDS"] = "0"  # every request worked out afresh: the honest, cold figure

ROWS = int(os.environ.get("BENCH_ROWS", "10000000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "20"))
REUSE = bool(os.environ.get("BENCH_REUSE"))  # measure the database a BENCH_KEEP run left, loading nothing
TARGET_MS = 200
COUNCILS, SUPPLIERS = 150, 50_000
REGIONS = ("North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
           "East of England", "London", "South East", "South West")
CODES = ("321000", "321014", "321017", "321117", "321100", "191400", "191700", "371300", "371000", "261400",
         "261100", "151100", "152000", "391110", "391100", "171011", "171000", "381600", "361500", "311400",
         "201700", "281000", "291000", "271600", "131300", "111200", "182013", "231800", "351000", "241200")
SERVICES = ("Adult Care", "Children's Services", "Highways", "Commissioning", "Waste", "Education", "Public Health",
            "Corporate Services", "Capital Schemes", "Libraries")
FIRST_DAY, DAYS = dt.date(2021, 4, 1), 1826
SUMMARY_BATCH = 100_000  # lines a Summariser.add, as an import's batch


def load() -> dict:
    """Councils, suppliers and their classes, then ROWS lines generated in the database; the ids the
    measurements need."""
    from django.core.management import call_command
    from django.db import connection

    from productivity.organisations.models import Organisation, OrganisationKind
    from productivity.procurement.models import Definition, Size, Source, SpendLine, Supplier, SupplierClassification

    call_command("migrate", verbosity=0)
    rng = random.Random(10)
    councils = Organisation.objects.bulk_create([
        Organisation(slug=f"E0{9_500_000 + n:07d}", gss_code=f"E0{9_500_000 + n:07d}", name=f"Benchmark council {n}",
                     kind=OrganisationKind.COUNCIL, region=REGIONS[n % len(REGIONS)]) for n in range(COUNCILS)])
    suppliers = Supplier.objects.bulk_create([
        Supplier(name=f"Benchmark supplier {n} Ltd", normalised_name=f"benchmark supplier {n}",
                 region=REGIONS[rng.randrange(len(REGIONS))] if rng.random() < 0.7 else "") for n in range(SUPPLIERS)])
    sizes = [Size.SME] * 45 + [Size.LARGE] * 35 + [Size.VCSE] * 8 + [Size.PUBLIC_BODY] * 4 + [""] * 8
    classes = []
    for supplier in suppliers:
        size = rng.choice(sizes)
        if size:
            classes.append(SupplierClassification(supplier=supplier, size=size, source=Source.MANUAL,
                                                  definition=Definition.SEEDS))
            if rng.random() < 0.6:
                classes.append(SupplierClassification(supplier=supplier, size=size, source=Source.SIZE_FILE,
                                                      definition=Definition.PROCUREMENT_ACT))
    SupplierClassification.objects.bulk_create(classes, batch_size=5000)
    council_ids = [c.pk for c in councils]
    supplier_ids = [s.pk for s in suppliers]
    table = SpendLine._meta.db_table
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # Generated lines name only the councils and suppliers just made: skip checking each foreign key.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SELECT setseed(0.1)")
        first, done = 1, 0
        for council, count in zip(council_ids, _lines_per_council(), strict=True):
            # A council's lines together and in date order, as its files would be imported.
            cursor.execute(LINES_SQL.format(table=table), {
                "first": first, "last": first + count - 1, "council": council, "suppliers": supplier_ids,
                "services": list(SERVICES), "codes": list(CODES), "first_day": FIRST_DAY, "days": DAYS})
            first += count
            if first - 1 - done >= 1_000_000 or first - 1 == ROWS:
                done = first - 1
                print(f"  {done:,} lines after {time.perf_counter() - started:.0f} s", flush=True)
        cursor.execute("SET session_replication_role = DEFAULT")
    loaded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")
    return {"largest": _largest_council(), "load_seconds": loaded}


def _largest_council() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT publisher_id FROM procurement_spendline GROUP BY publisher_id ORDER BY count(*) DESC "
                       "LIMIT 1")
        return cursor.fetchone()[0]


def _lines_per_council() -> list[int]:
    """ROWS shared between the councils: a few large, many smaller."""
    weights = [1 / (n + 1) ** 0.6 for n in range(COUNCILS)]
    counts = [int(ROWS * weight / sum(weights)) for weight in weights]
    counts[0] += ROWS - sum(counts)
    return counts


# Set-wise, in the database: one row of uniform draws per line (OFFSET 0 keeps each draw made once), turned
# into a day in five financial years, an amount
# (log-normal by Box-Muller, 8% of them credits), a supplier (60% from a long-tailed Pareto ranking, the rest
# uniform), an expense area and, for three lines in four, a ProClass code.
LINES_SQL = """
INSERT INTO {table} (publisher_id, payment_date, amount, supplier_id, supplier_name, transaction_reference,
                     service_area, expense_type, proclass_code, line_key)
SELECT %(council)s, %(first_day)s::date + floor(r.u2 * %(days)s)::int,
       (CASE WHEN r.u3 < 0.08 THEN -1 ELSE 1 END)
         * (floor(exp(8.2 + 1.3 * sqrt(-2 * ln(1 - r.u4)) * cos(2 * pi() * r.u5)) * 100) + 50000) / 100,
       a.suppliers[CASE WHEN r.u6 < 0.6
                        THEN least(floor(power(1 - r.u7, -1 / 0.9)), cardinality(a.suppliers))::int
                        ELSE 1 + floor(r.u7 * cardinality(a.suppliers))::int END],
       'Benchmark supplier', 'T' || r.g, a.services[1 + floor(r.u8 * cardinality(a.services))::int], 'Fees',
       CASE WHEN r.u9 < 0.75 THEN a.codes[1 + floor(r.u10 * cardinality(a.codes))::int] ELSE '' END,
       lpad(to_hex(r.g), 32, '0')
FROM (SELECT g, random() u2, random() u3, random() u4, random() u5, random() u6, random() u7,
             random() u8, random() u9, random() u10
      FROM generate_series(%(first)s::bigint, %(last)s::bigint) g OFFSET 0) r,
     (SELECT %(suppliers)s::int[] suppliers, %(services)s::text[] services, %(codes)s::text[] codes) a
ORDER BY 2
"""


def build_summaries() -> float:
    """The summaries built as the import job builds them: each batch of saved lines given to one
    ``summaries.Summariser`` in its own transaction (``Summariser.add``), read back a batch at a time."""
    from django.db import connection, transaction

    from productivity.procurement import summaries
    from productivity.procurement.models import SpendLine

    table = SpendLine._meta.db_table
    started = time.perf_counter()
    summariser = summaries.Summariser()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(id), max(id) FROM {table}")
        low, high = cursor.fetchone()
    for first in range(low, high + 1, SUMMARY_BATCH):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT publisher_id, payment_date, amount, supplier_id, proclass_code FROM {table} "  # noqa: S608
                           "WHERE id >= %s AND id < %s", [first, first + SUMMARY_BATCH])
            summariser.add(cursor.fetchall())
        if (first - low) // SUMMARY_BATCH % 10 == 9:
            print(f"  summarised {first + SUMMARY_BATCH - low:,} lines after {time.perf_counter() - started:.0f} s",
                  flush=True)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        for model in (summary.model for summary in summaries.TABLES):
            # What autovacuum does soon after a load: statistics, and the map that lets index-only scans skip
            # the table.
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    return seconds


def timed(get, path: str) -> dict:
    for _ in range(2):
        response = get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        get(path)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    # The nearest rank: of 20 requests, the 19th quickest (the 20th, the slowest, is the maximum, not the p95).
    return {"p50": statistics.median(times), "p95": times[math.ceil(len(times) * 0.95) - 1]}


def raw_monthly_shares_ms(council: int) -> float:
    """The council's SME share by month from its lines, as the pages would without summaries (best of three)."""
    from django.db import connection

    sql = ("SELECT date_trunc('month', l.payment_date), c.size, sum(l.amount) FROM procurement_spendline l "
           "LEFT JOIN LATERAL (SELECT size FROM procurement_supplierclassification k WHERE k.supplier_id = "
           "l.supplier_id AND k.definition IN ('seeds', 'any') AND k.size <> '' ORDER BY recorded_on DESC, id DESC "
           "LIMIT 1) c ON true WHERE l.publisher_id = %s GROUP BY 1, 2")
    best = None
    for _ in range(3):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, [council])
            cursor.fetchall()
        elapsed = (time.perf_counter() - started) * 1000
        best = elapsed if best is None else min(best, elapsed)
    return best


def best(work) -> float:
    """The quickest of three runs of ``work``, in milliseconds."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def register_figures_ms() -> tuple[float, float]:
    """The supplier register's figures from the supplier summary (as the page gets them) and from the lines
    (the path figures by supplier took before it; asked of the same private function rollup calls), best of
    three each."""
    from collections import defaultdict

    from productivity.procurement import rollups

    by = ("supplier", "council")
    scope = rollups.Scope()

    def from_lines():
        found = defaultdict(lambda: rollups.Shares(scope.definition))
        rollups._from_lines(scope, by, scope.definition, found)

    return best(lambda: rollups.rollup(scope, by)), best(from_lines)


def register_by_supplier_ms() -> _common.Metric:
    """Every supplier's net spend and councils paying summed in the database (``rollups.by_supplier``, what the
    register's downloads read) beside the same added up from the roll-up by supplier and council (what the
    register did before), best of three each."""
    from productivity.procurement import rollups

    def from_pairs():
        totals, councils = {}, {}
        for ((pk, _name), _council), shares in rollups.rollup(rollups.Scope(), ("supplier", "council")).items():
            totals[pk] = totals.get(pk, rollups.ZERO) + shares.total
            councils[pk] = councils.get(pk, 0) + 1

    ours = best(lambda: list(rollups.by_supplier(rollups.Scope())))
    return _common.Metric("Every supplier's net spend and councils: by_supplier (best of three)", "ms", ours,
                          "the same added up from rollup by supplier and council", best(from_pairs),
                          higher_is_better=False)


def main() -> None:
    if not REUSE:
        _common.scratch_database(DATABASE_URL)
    import django

    django.setup()
    from django.db import connections
    from django.test import Client

    from productivity.organisations.models import Organisation
    from productivity.procurement.models import (
        SpendCategorySummary,
        SpendSummary,
        SpendSupplierSummary,
        SpendYearHeadingSummary,
        SpendYearSummary,
    )

    summarised = None
    if REUSE:
        loaded = {"largest": _largest_council()}
    else:
        loaded = load()
        print(f"Generated {ROWS:,} spend lines in the database in {loaded['load_seconds']:.1f} s "
              f"({os.cpu_count()} CPUs here, load average {os.getloadavg()[0]:.2f})", flush=True)
        summarised = build_summaries()
    counts = ", ".join(f"{model.__name__} {model.objects.count():,}" for model in
                       (SpendSummary, SpendCategorySummary, SpendYearSummary, SpendYearHeadingSummary,
                        SpendSupplierSummary))
    print(f"Summaries{'' if REUSE else f' built with Summariser.add in {summarised:.1f} s'}: rows {counts}; "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)
    slug = Organisation.objects.get(pk=loaded["largest"]).slug
    client = Client()
    pages = [
        ("SME-share page for one council (the council with most lines)", f"/procurement/councils/{slug}/"),
        ("SME-share page by month", f"/procurement/councils/{slug}/?period=month"),
        ("API: one council's shares", f"/api/procurement/councils/{slug}"),
        ("API: one council's shares by month", f"/api/procurement/councils/{slug}/periods?period=month"),
        ("Cross-council comparison page, all 150 councils in social care", "/procurement/compare/?category=32"),
        ("API: cross-council comparison in social care", "/api/procurement/compare?category=32"),
        ("Councils page (every council's shares)", "/procurement/"),
        ("Supplier register (a page of suppliers, by name)", "/procurement/suppliers/"),
        ("Supplier register by net spend, largest first", "/procurement/suppliers/?sort=total&order=desc"),
        ("Supplier register by councils paying, most first", "/procurement/suppliers/?sort=councils&order=desc"),
        ("Supplier register, SMEs by net spend, page 20",
         "/procurement/suppliers/?classification=sme&sort=total&order=desc&page=20"),
    ]
    size = f"{ROWS:,} spend lines, {COUNCILS} councils, {SUPPLIERS:,} suppliers"
    results, missed = [], []
    print(f"{'Request':<66} {'p50 ms':>8} {'p95 ms':>8}  target")
    for label, path in pages:
        found = timed(client.get, path)
        ok = found["p95"] < TARGET_MS
        missed += [] if ok else [label]
        print(f"{label:<66} {found['p50']:>8.1f} {found['p95']:>8.1f}  {TARGET_MS} ms {'met' if ok else 'MISSED'}")
        for stat in ("p50", "p95"):
            results.append({"metric": f"{label}, {stat}", "unit": "ms", "size": size, "ours": round(found[stat], 1),
                            "baseline": "target (issue 9)", "baseline_value": TARGET_MS,
                            "ratio": round(TARGET_MS / found[stat], 3)})
    raw = raw_monthly_shares_ms(loaded["largest"])
    page = next(r for r in results if r["metric"].startswith("SME-share page by month") and r["metric"].endswith("p50"))
    print(f"The same council's SME shares by month from the raw lines (one GROUP BY): {raw:.0f} ms, "
          f"{raw / page['ours']:.0f}x the whole page's median")
    results.append({"metric": "SME-share page by month (p50) beside the raw-lines query alone", "unit": "ms",
                    "size": size, "ours": page["ours"], "baseline": "the same shares by GROUP BY over the raw lines",
                    "baseline_value": round(raw, 1), "ratio": round(raw / page["ours"], 3)})
    summary_ms, lines_ms = register_figures_ms()
    print(f"The register's figures (roll-up by supplier and council): {summary_ms:.0f} ms from the supplier summary, "
          f"{lines_ms:.0f} ms from the lines")
    results.append({"metric": "Register's figures: rollup by supplier and council (best of three)", "unit": "ms",
                    "size": size, "ours": round(summary_ms, 1),
                    "baseline": "the same figures grouped from the lines (rollup's lines path)",
                    "baseline_value": round(lines_ms, 1), "ratio": round(lines_ms / summary_ms, 3)})
    by_supplier = register_by_supplier_ms()
    print(f"Every supplier's net spend and councils: {by_supplier.ours:.0f} ms read from the register's figures, "
          f"{by_supplier.baseline_value:.0f} ms added up from the roll-up by supplier and council")
    results.append(by_supplier.as_result(size))
    if summarised is not None:
        results.append({"metric": "Building every summary from the lines, batch by batch (Summariser.add)", "unit": "s",
                        "size": size, "ours": round(summarised, 1),
                        "baseline": "generating the lines in the database (INSERT ... SELECT)",
                        "baseline_value": round(loaded["load_seconds"], 1),
                        "ratio": round(loaded["load_seconds"] / summarised, 3)})
    _common.write_results("spend_dashboards", results)
    print(f"Target {'met' if not missed else 'MISSED by: ' + '; '.join(missed)}")
    connections.close_all()
    if not os.environ.get("BENCH_KEEP") and not REUSE:
        _common.scratch_database(DATABASE_URL, make=False)  # ten million lines take disk the team shares


if __name__ == "__main__":
    main()
