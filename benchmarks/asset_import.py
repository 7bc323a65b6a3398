"""Benchmark: a 100,000-row land and building assets file in a real council layout through the asset importer,
beside raw COPY of the cleaned rows into the same table, in the same run (issue 8, `asset_import`).

The file has the Transparency Code layout of Trafford Council's register (the columns of
data/estate/trafford_land_and_building_assets.csv), its coordinates British National Grid easting and
northing ("OSGB36"), which the importer converts to longitude and latitude with pyproj and checks against
the owner's shipped boundary. It is realistic in its mess: about 5% of rows without coordinates, a few
outside the owner's area, some sizes of 0, uses not on the list, a few repeated asset codes (rejected).
The file goes the way `manage.py import_assets` sends it: a run is created, checked (the dry run), then
imported; the headline figure is the import pass, the check is printed beside it.

The baseline is COPY of exactly the rows the import left in the table (dumped with COPY TO, the table
emptied, then copied back in): what the database alone takes for the same cleaned rows. Afterwards the
benchmark checks that imported + rejected = rows and that each asset has its one history entry.

Scratch PostgreSQL database (BENCH_DATABASE_URL, by default postgres://postgres@127.0.0.1:5432/pp_bench_assets),
dropped and made anew. BENCH_ROWS changes the size. Results: printed, and benchmarks/results/asset_import.json.
"""

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import _common
from _common import Metric, peak_mb, print_metrics, write_results

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/pp_bench_assets"
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ.setdefault("LOG_LEVEL", "WARNING")

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
OWNER = "E08000009"  # Trafford: the file's layout is its register's
HEADER = ("OrganisationLabel,OrganisationURI,EffectiveDate,UPRN,AssetCode,PropertyName,StreetNumber,StreetName,"
          "PostTown,PostCode,CoordinateReferenceSystem,GeoX,GeoY,TenureType,TenureDetail,OtherDetail,HoldingType,"
          "BuildingSize,LandArea,EnergyRating")
TOWNS = ("Altrincham", "Sale", "Stretford", "Urmston", "Partington", "Hale", "Timperley")
STREETS = ("Market Street", "Washway Road", "Chester Road", "Flixton Road", "Stamford New Road", "Cross Street")
TENURES = (("Freehold", "Owner Occupied"), ("Freehold", "Leasehold Out"), ("Leasehold", "Leasehold In"),
           ("Freehold", "Vacant"))
HOLDINGS = ("Buildings", "Land", "Land and buildings")
RATINGS = ("", "A", "B", "C", "D", "E", "F", "G")


def setup_django() -> None:
    import django

    django.setup()


def prepare() -> None:
    from django.core.management import call_command

    from productivity.organisations.models import Organisation, OrganisationKind

    call_command("migrate", verbosity=0)
    Organisation.objects.get_or_create(gss_code=OWNER, defaults={
        "slug": OWNER, "name": "Trafford", "kind": OrganisationKind.COUNCIL, "authority_type": "MD"})


def generate(folder: Path) -> dict:
    """The file to import, written a row at a time; what it holds."""
    rng = random.Random(8)
    source = folder / "assets.csv"
    counts = {"rows": 0, "repeated": 0, "no_location": 0}
    codes: list[str] = []
    with source.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER + "\r\n")
        while counts["rows"] < ROWS:
            counts["rows"] += 1
            number = counts["rows"]
            repeated = bool(codes) and rng.random() < 0.001
            if repeated:
                code = codes[rng.randrange(len(codes))]  # given twice: the second is rejected
                counts["repeated"] += 1
            else:
                code = f"TMBC{number:06d}/B{number % 9999:04d}"
                if rng.random() < 0.01:
                    codes.append(code)
            if rng.random() < 0.05:
                crs, x, y = "", "", ""
                counts["no_location"] += not repeated
            else:
                crs = "OSGB36"
                x = f"{rng.uniform(372000, 382500):.1f}"
                y = f"{rng.uniform(386000, 397500):.1f}"
                if rng.random() < 0.002:
                    x = f"{rng.uniform(390000, 400000):.1f}"  # outside the owner's area (flagged)
            tenure, detail = TENURES[rng.randrange(len(TENURES))]
            size = "0" if rng.random() < 0.003 else f"{rng.uniform(20, 9000):.2f}"
            land = f"{rng.uniform(0.01, 12):.3f}" if rng.random() < 0.4 else ""
            uprn = f"{rng.randrange(10**11, 10**12)}" if rng.random() < 0.8 else ""
            name = f"Property {number}" if rng.random() > 0.01 else f"Unusual use {number}"
            row = ["Trafford Council",
                   "https://opendatacommunities.org/id/metropolitan-district-council/trafford", "2023-09-29",
                   uprn, code, name, str(rng.randrange(1, 400)), STREETS[rng.randrange(len(STREETS))],
                   TOWNS[rng.randrange(len(TOWNS))], "M33 7ZF", crs, x, y, tenure, detail, "",
                   HOLDINGS[rng.randrange(len(HOLDINGS))], size, land, RATINGS[rng.randrange(len(RATINGS))]]
            out.write(",".join(row) + "\r\n")
    return {"source": str(source), **counts}


def measure_ours(source: str) -> dict:
    from django.core.files import File

    from productivity.audit.models import AuditEntry
    from productivity.estate.models import Asset
    from productivity.imports import runs
    from productivity.imports.models import ImportRun
    from productivity.imports.sizing import estimate_rows
    from productivity.organisations.models import Organisation

    owner = Organisation.objects.get(gss_code=OWNER)
    path = Path(source)
    with path.open("rb") as handle:
        run = ImportRun.objects.create(kind="assets", original_name=path.name, size=path.stat().st_size,
                                       publisher=owner)
        run.rows_total = estimate_rows(handle, path.name)
        run.save(update_fields=["rows_total"])
        start = time.perf_counter()
        runs.check_run(run.pk, fileobj=File(handle), programme_wide=True)
        checked = time.perf_counter()
        run.refresh_from_db()
        if run.status != ImportRun.Status.CHECKED:
            raise SystemExit(f"The check refused the file: {run.status} {run.problems[:3]}")
        runs.confirm_run(run)
        imported_at = time.perf_counter()
        runs.import_run(run.pk, fileobj=File(handle), programme_wide=True)
        done = time.perf_counter()
    run.refresh_from_db()
    return {"check_seconds": checked - start, "import_seconds": done - imported_at, "status": run.status,
            "rows": run.rows_in_file, "imported": run.imported, "unchanged": run.unchanged,
            "rejected": run.rejected, "flagged": run.flagged, "assets": Asset.objects.count(),
            "history": AuditEntry.objects.filter(content_type__model="asset").count(),
            "no_location": Asset.objects.flagged("no_location").count(), "peak_mb": peak_mb()}


def _columns() -> tuple[str, str]:
    from django.db import connection

    from productivity.estate.models import Asset

    quote = connection.ops.quote_name
    # The stored generated columns (easting_m, ...) are the database's own work: COPY may not name them.
    columns = ", ".join(quote(field.column) for field in Asset._meta.concrete_fields
                        if not getattr(field, "generated", False))
    return quote(Asset._meta.db_table), columns


def dump_clean(path: str) -> None:
    """The rows the import left in the table, in PostgreSQL's text format (what COPY reads back)."""
    from django.db import connection

    table, columns = _columns()
    with connection.cursor() as cursor, open(path, "wb") as out, \
            cursor.cursor.copy(f"COPY {table} ({columns}) TO STDOUT") as copy:  # noqa: S608 (names quoted)
        for chunk in copy:
            out.write(chunk)


def measure_copy(path: str) -> dict:
    from django.db import connection

    from productivity.estate.models import Asset

    table, columns = _columns()
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {table} CASCADE")  # noqa: S608 (the scratch database's own table)
    start = time.perf_counter()
    with connection.cursor() as cursor, open(path, "rb") as rows, \
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608
        while chunk := rows.read(1024 * 1024):
            copy.write(chunk)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rows": Asset.objects.count(), "peak_mb": peak_mb()}


def in_own_process(phase: str, path: str) -> dict:
    return _common.in_own_process(__file__, phase, path)


def verify(ours: dict, generated: dict) -> list[str]:
    faults = []
    if ours["imported"] + ours["unchanged"] + ours["rejected"] != generated["rows"]:
        faults.append(f"imported + unchanged + rejected = {ours['imported'] + ours['unchanged'] + ours['rejected']:,}"
                      f", the file has {generated['rows']:,} rows")
    if ours["rejected"] != generated["repeated"]:
        faults.append(f"{ours['rejected']:,} rows rejected, {generated['repeated']:,} repeated codes in the file")
    if ours["assets"] != ours["imported"] or ours["history"] != ours["imported"]:
        faults.append(f"{ours['assets']:,} assets and {ours['history']:,} history entries for {ours['imported']:,} "
                      "imported rows")
    if ours["no_location"] != generated["no_location"]:
        faults.append(f"{ours['no_location']:,} assets flagged without coordinates, the file has "
                      f"{generated['no_location']:,}")
    return faults


def main() -> None:
    _common.scratch_database(DATABASE_URL)
    setup_django()
    prepare()
    with tempfile.TemporaryDirectory(prefix="bench-assets-") as folder:
        started = time.perf_counter()
        generated = generate(Path(folder))
        size_mb = Path(generated["source"]).stat().st_size / 1_000_000
        size = f"{generated['rows']:,}-row asset CSV, Trafford layout, BNG ({size_mb:.0f} MB)"
        print(f"Generated a {size} in {time.perf_counter() - started:.1f} s: {generated['no_location']:,} without "
              f"coordinates, {generated['repeated']:,} repeated codes ({os.cpu_count()} CPUs here)", flush=True)
        ours = in_own_process("ours", generated["source"])
        clean = str(Path(folder) / "clean.tsv")
        dump_clean(clean)
        baseline = min((in_own_process("copy", clean) for _ in range(2)), key=lambda result: result["seconds"])
    faults = verify(ours, generated)
    rows = generated["rows"]
    ours_rate = rows / ours["import_seconds"]
    copy_rate = baseline["rows"] / baseline["seconds"]
    both = ours["check_seconds"] + ours["import_seconds"]
    print(f"Import: imported={ours['imported']:,} rejected={ours['rejected']:,} flagged={ours['flagged']:,} "
          f"total={rows:,}; {ours['assets']:,} assets and {ours['history']:,} history entries")
    print(f"Check pass (dry run) {ours['check_seconds']:.1f} s; import {ours['import_seconds']:.1f} s; both "
          f"{both:.1f} s. COPY of the {baseline['rows']:,} cleaned rows {baseline['seconds']:.2f} s")
    metrics = [
        Metric("Asset import rows per second (the import pass, through runs.import_run)", "rows/s", ours_rate,
               "raw COPY of the cleaned rows into the same table", copy_rate, higher_is_better=True),
        Metric("Check then import, rows per second (what import_assets takes)", "rows/s", rows / both,
               "raw COPY of the cleaned rows into the same table", copy_rate, higher_is_better=True),
        Metric("Import peak memory (check and import, one process)", "MB", ours["peak_mb"],
               "COPY peak memory (one process)", baseline["peak_mb"], higher_is_better=False),
    ]
    print_metrics(metrics, width=76)
    write_results("asset_import", [line.as_result(size) for line in metrics])
    if faults:
        print("WRONG ANSWERS: " + "; ".join(faults), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) == 3:
        setup_django()
        phase, path = sys.argv[1:]
        print(json.dumps(measure_ours(path) if phase == "ours" else measure_copy(path), default=str))
    else:
        main()
