"""Benchmark: the platform's pages under 32 concurrent clients, served by gunicorn on PostgreSQL.

Target (issue 7): on every page, p95 latency under 150 ms and at least 25% of the requests per second of a
trivial view on the same stack in the same run; no errors.

The stack is the production one: gunicorn with the workers docs/operations.md runs (3, sync; BENCH_WEB_WORKERS
changes it) and config.production's settings (benchmarks/_web_settings.py: only STATIC_ROOT moves to a scratch
folder). Production sits behind an HTTPS-terminating proxy, so every request carries X-Forwarded-Proto: https
as that proxy would, over plain http on 127.0.0.1; no HTTPS setting is changed. DATABASE_CONN_MAX_AGE and
PAGE_CACHE_SECONDS are left at production's defaults (persistent connections; pages cached until the data
changes); BENCH_WEB_CONN_MAX_AGE and BENCH_WEB_PAGE_CACHE_SECONDS set them (0 and 0: a connection per
request and every page computed afresh, to see what the cache saves). The trivial view is an existing
endpoint: a small static file (the favicon) served by WhiteNoise through the same gunicorn and middleware; the
about page (a template, no records) is measured too, for reference.

The data: a scratch PostgreSQL database (BENCH_DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/pp_bench_web), dropped and made anew, then migrate, import_organisations
and load_demo (the demo programme), plus the programme update as at 1 March 2012 published, whose figure's
records page is one of the pages. The pages are read as a visitor who is not signed in sees them; the records
of the same figure on a draft (computed from the live records, then cached until they change) are read signed in
as the programme team, for reference. Nothing is written while the pages are read, so after each worker's first
request for a page the page cache (docs/architecture.md, "Caching") serves it: the figures measure the cached
pages, the way a visitor meets them between changes. BENCH_WEB_PAGE_CACHE_SECONDS=0 measures them uncached.

The load tool is locust (a dev dependency), headless: 32 users, no think time, BENCH_WEB_SECONDS (10) per page,
one page at a time. Any response but a 2xx counts as an error. Results: printed, and written to
benchmarks/results/web.json.
"""

import csv
import datetime as dt
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import _common

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/pp_bench_web"
CLIENTS = 32
SECONDS = int(os.environ.get("BENCH_WEB_SECONDS", "10"))
WORKERS = int(os.environ.get("BENCH_WEB_WORKERS", "3"))
# Production's defaults unless set; an empty value is "not set".
OVERRIDES = {name: os.environ.get(f"BENCH_WEB_{name}", "") for name in ("CONN_MAX_AGE", "PAGE_CACHE_SECONDS")}
TARGET_P95_MS = 150
TARGET_SHARE = 0.25
AS_AT = dt.date(2012, 3, 1)
FIGURE = "headline.savings.expected"
BIN = Path(sys.executable).parent
SECRET_KEY = "benchmark-only-" + os.urandom(24).hex()

os.environ.update({"DATABASE_URL": DATABASE_URL, "DJANGO_SETTINGS_MODULE": "config.settings", "DEMO_MODE": "true",
                   "SECRET_KEY": SECRET_KEY})
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"  # clearance emails go nowhere


@dataclass
class Page:
    label: str
    path: str
    shows: str  # text the page must hold, so a 200 that is the wrong page is caught before the load
    measured: bool = True  # held to the target; the others are for reference
    cookie: str = ""


@dataclass
class Result:
    page: Page
    requests: int
    errors: int
    p50: float
    p95: float
    per_second: float
    failures: list[str]
    cpu_ms: float  # the gunicorn workers' CPU time per request (the database's not included)
    load: float  # the machine's load average over the minute before the page's run


def load_data() -> tuple[list[Page], str]:
    """The demo programme and a published paper in the scratch database; the pages to ask for, and its size."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from productivity.accounts.models import User
    from productivity.programme.models import Initiative, Project, SavingAmount
    from productivity.reports import services

    call_command("migrate", verbosity=0)
    call_command("import_organisations", verbosity=0)
    call_command("load_demo", verbosity=0)
    team = User.objects.get(email="programme@demo.local")
    paper = {"user": team, "template": "programme-update", "scope": "programme", "target": None, "as_at": AS_AT}
    published = publish(services.create_report(**paper), team)
    draft = services.create_report(**paper)
    care = Initiative.objects.get(name__icontains="adult social care")
    # The public project with the most savings entries: the heaviest project page a visitor can open.
    project = (Project.objects.filter(is_published=True).annotate(entries=Count("savings__amounts"))
               .order_by("-entries", "reference").first())
    figure = published.snapshot["figures"][FIGURE]["label"]
    # PostgreSQL on this machine runs with autovacuum off (for the tests' speed); in production autovacuum would
    # have analysed the freshly loaded tables. Without it the planner takes every table for empty (one register
    # query took 130 ms instead of 2 ms), so the tables are analysed as autovacuum would.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = Client()
    client.force_login(team)
    session = f"sessionid={client.cookies['sessionid'].value}"
    size = (f"demo programme ({Project.objects.count()} projects, {SavingAmount.objects.count()} savings entries); "
            f"{CLIENTS} clients, {SECONDS} s a page, {WORKERS} gunicorn workers")
    pages = [
        Page("Home page", "/", "productivity programme"),
        Page("Initiative: adult social care", f"/programme/initiatives/{care.slug}/", care.name),
        Page("Savings register", "/programme/savings/", "register"),
        Page(f"Project {project.reference}", f"/programme/projects/{project.reference}/", project.reference),
        Page("A figure's records (published paper)", f"/reports/{published.pk}/figures/{FIGURE}/", figure),
        Page("About page (template only; reference)", "/about/", "About", measured=False),
        Page("A figure's records (draft, programme team; reference)", f"/reports/{draft.pk}/figures/{FIGURE}/",
             figure, measured=False, cookie=session),
    ]
    return pages, size


def publish(report, author):
    """Publish a paper the way the platform lets one be published: submitted, cleared by a second member of
    the programme team where the platform asks for clearance, then published by its author."""
    from productivity.accounts.models import Membership, Role, User
    from productivity.reports import services

    if hasattr(services, "clear_report"):
        clearer = User.objects.create_user(email="clearer@bench.invalid", password=os.urandom(16).hex())
        Membership.objects.create(user=clearer, organisation=author.memberships.get().organisation, role=Role.EDITOR)
        report = services.clear_report(services.submit_report(report, user=author), user=clearer)
    return services.publish_report(report, user=author)


def static_fingerprint() -> str:
    """What collectstatic would collect (every source file's path and contents), so an unchanged set is reused."""
    import django
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256(django.get_version().encode())
    for finder in get_finders():
        for path, storage in finder.list([]):
            digest.update(f"{path}\0".encode())
            digest.update(Path(storage.path(path)).read_bytes())
    return digest.hexdigest()[:16]


def collect_static() -> tuple[str, str]:
    """collectstatic as the deployment runs it (hashed, compressed); its folder and the favicon's URL (the trivial
    view). Compressing some 5,000 files takes minutes here, so the folder is kept in the temporary directory
    and reused while the files it was collected from are unchanged."""
    cache = Path(tempfile.gettempdir()) / "pp-bench-web-static"
    folder = cache / static_fingerprint()
    manifest = folder / "staticfiles.json"
    if not manifest.exists():
        shutil.rmtree(cache, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True,
                       env=server_environment(str(folder)))
        print(f"Collected the static files in {time.perf_counter() - started:.0f} s (kept in {cache} for the "
              "next run)", flush=True)
    paths = json.loads(manifest.read_text(encoding="utf-8"))["paths"]
    return str(folder), "/static/" + paths["platform/favicon.svg"]


def server_environment(static_root: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DEMO_MODE"}
    env.update({"DJANGO_SETTINGS_MODULE": "benchmarks._web_settings", "BENCH_WEB_STATIC_ROOT": static_root,
                "ALLOWED_HOSTS": "127.0.0.1", "SITE_URL": "https://127.0.0.1", "PYTHONPATH": str(ROOT)})
    for name, value in {"DATABASE_CONN_MAX_AGE": OVERRIDES["CONN_MAX_AGE"],
                        "PAGE_CACHE_SECONDS": OVERRIDES["PAGE_CACHE_SECONDS"]}.items():
        if value:
            env[name] = value
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(base: str, page: Page) -> tuple[int, str]:
    headers = {"X-Forwarded-Proto": "https", **({"Cookie": page.cookie} if page.cookie else {})}
    request = urllib.request.Request(base + page.path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def start_server(static_root: str, port: int, log: Path) -> subprocess.Popen:
    command = [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
               "--error-logfile", str(log), "--log-level", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env=server_environment(static_root), start_new_session=True)


def wait_until_serving(server: subprocess.Popen, base: str, trivial: Page) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped with status {server.returncode} before serving")
        try:
            if fetch(base, trivial)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not serve within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    """Gunicorn's master stops its workers on SIGTERM; whatever is left of its session after 15 s is killed."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def check_pages(base: str, pages: list[Page]) -> list[str]:
    """Each page once before any load: the right page, not an error or a page that happens to be a 200."""
    faults = []
    for page in pages:
        status, body = fetch(base, page)
        if status != 200 or page.shows.lower() not in body.lower():
            faults.append(f"{page.label} ({page.path}): HTTP {status}"
                          + ("" if status != 200 else f", without {page.shows!r}"))
    return faults


def warm_up(base: str, pages: list[Page]) -> None:
    """Every page a few times from several threads, so each worker has compiled its templates before timing."""
    with ThreadPoolExecutor(max_workers=WORKERS * 2) as pool:
        list(pool.map(lambda page: fetch(base, page), [page for page in pages for _ in range(WORKERS * 4)]))


def drain(base: str, trivial: Page) -> None:
    """Wait until the server has finished what the last run left queued (requests locust gave up on are still
    served by gunicorn), so that each page starts on an idle server: the trivial view answers within 100 ms."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        started = time.perf_counter()
        fetch(base, trivial)
        if time.perf_counter() - started < 0.1:
            return
    print("  (the server was still busy 180 s after the last run)", flush=True)


def worker_cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time (user and system) used so far by gunicorn's workers, the children of its master."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == server.pid:  # the parent's pid, then utime and stime at fields 12 and 13
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def measure(base: str, page: Page, folder: Path, number: int, server: subprocess.Popen) -> Result:
    load = os.getloadavg()[0]
    cpu_before = worker_cpu_seconds(server)
    prefix = folder / f"page{number}"
    env = {**os.environ, "BENCH_WEB_PATH": page.path, "BENCH_WEB_COOKIE": page.cookie}
    command = [str(BIN / "locust"), "-f", str(ROOT / "benchmarks" / "_web_locustfile.py"), "--headless",
               "--users", str(CLIENTS), "--spawn-rate", str(CLIENTS), "--run-time", f"{SECONDS}s",
               "--host", base, "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR",
               "--exit-code-on-error", "0", "--stop-timeout", "10"]
    try:
        run = subprocess.run(command, cwd=ROOT, env=env, timeout=SECONDS + 120, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    except subprocess.TimeoutExpired as error:
        raise SystemExit(f"locust did not stop by itself on {page.path}") from error
    cpu = worker_cpu_seconds(server) - cpu_before
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        row = next((r for r in csv.DictReader(handle) if r["Name"] == page.path), None)
    if run.returncode != 0 or row is None:
        raise SystemExit(f"locust failed on {page.path} (status {run.returncode}):\n{run.stderr[-3000:]}")
    with open(f"{prefix}_failures.csv", encoding="utf-8") as handle:
        failures = [f"{r['Error']} x{r['Occurrences']}" for r in csv.DictReader(handle)]
    return Result(page, int(row["Request Count"]), int(row["Failure Count"]), float(row["50%"]), float(row["95%"]),
                  float(row["Requests/s"]), failures, 1000 * cpu / max(int(row["Request Count"]), 1), load)


def report(results: list[Result], trivial: Result, size: str, trivial_note: str) -> list[dict]:
    print(f"\n{'Page':<56} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>7} {'share':>6} "
          f"{'CPU ms':>6} {'load':>5}")
    rows = []
    for result in [trivial, *results]:
        share = result.per_second / trivial.per_second
        misses = []
        if result.page.measured and result is not trivial:
            if result.p95 >= TARGET_P95_MS:
                misses.append(f"p95 not under {TARGET_P95_MS} ms")
            if share < TARGET_SHARE:
                misses.append(f"under {TARGET_SHARE:.0%} of the trivial view")
            if result.errors:
                misses.append("errors")
        print(f"{result.page.label:<56} {result.requests:>8,} {result.errors:>6} {result.p50:>7.0f} "
              f"{result.p95:>7.0f} {result.per_second:>7.1f} {share:>6.0%} {result.cpu_ms:>6.2f} {result.load:>5.1f}"
              + (f"  MISSES: {'; '.join(misses)}" if misses else ""))
        if result is trivial:
            continue
        name = f"{result.page.label} ({result.page.path})"
        rows += [
            {"metric": f"{name}: p95 latency", "unit": "ms", "size": size, "ours": result.p95,
             "baseline": f"issue 7 target (under {TARGET_P95_MS} ms)", "baseline_value": TARGET_P95_MS,
             "ratio": round(TARGET_P95_MS / max(result.p95, 1), 3)},
            {"metric": f"{name}: p50 latency", "unit": "ms", "size": size, "ours": result.p50,
             "baseline": f"{trivial_note}, p50", "baseline_value": trivial.p50,
             "ratio": round(trivial.p50 / max(result.p50, 1), 3)},
            {"metric": f"{name}: requests per second", "unit": "req/s", "size": size,
             "ours": round(result.per_second, 1), "baseline": f"{trivial_note} (target: at least 25% of it)",
             "baseline_value": round(trivial.per_second, 1), "ratio": round(share, 3)},
            {"metric": f"{name}: gunicorn workers' CPU time per request", "unit": "ms", "size": size,
             "ours": round(result.cpu_ms, 3), "baseline": f"{trivial_note}, its CPU time per request",
             "baseline_value": round(trivial.cpu_ms, 3), "ratio": round(trivial.cpu_ms / max(result.cpu_ms, 0.001), 3)},
            {"metric": f"{name}: non-2xx responses", "unit": "responses", "size": size, "ours": result.errors,
             "baseline": "issue 7 target (none)", "baseline_value": 0, "ratio": 1.0 if not result.errors else 0.0},
        ]
    return rows


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the server is stopped on the way out
    _common.scratch_database(DATABASE_URL)
    started = time.perf_counter()
    pages, size = load_data()
    print(f"Loaded the {size.split(';')[0]} in {time.perf_counter() - started:.0f} s ({os.cpu_count()} CPUs here)",
          flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-web-") as scratch:
        folder = Path(scratch)
        static_root, favicon = collect_static()
        trivial = Page("Trivial view: static file via WhiteNoise", favicon, "<svg")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = folder / "gunicorn.log"
        server = start_server(static_root, port, log)
        try:
            wait_until_serving(server, base, trivial)
            faults = check_pages(base, pages)
            if faults:
                raise SystemExit("Pages not serving, so not measured: " + "; ".join(faults))
            warm_up(base, [trivial, *pages])
            first = measure(base, trivial, folder, 0, server)
            print(f"  {trivial.label}: {first.per_second:.1f} req/s", flush=True)
            results = []
            for number, page in enumerate(pages, start=1):
                drain(base, trivial)
                results.append(measure(base, page, folder, number, server))
                print(f"  {page.label}: {results[-1].per_second:.1f} req/s", flush=True)
            drain(base, trivial)
            last = measure(base, trivial, folder, len(pages) + 1, server)
        finally:
            stop_server(server)
            server_log = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    # The machine is shared: of the trivial view's two runs (first and last), the faster is the bar (the harder).
    baseline = max(first, last, key=lambda r: r.per_second)
    note = (f"trivial view: {trivial.path.rsplit('/', 1)[-1]} served by WhiteNoise on the same gunicorn, same run "
            f"(runs: {first.per_second:.0f} and {last.per_second:.0f} req/s; the faster)")
    loads = [r.load for r in [first, last, *results]]
    settings = ", ".join(f"{name} {value or 'as in production'}" for name, value in OVERRIDES.items())
    size += (f"; {settings}; load average {min(loads):.1f} to {max(loads):.1f} during the runs on "
             f"{os.cpu_count()} shared CPUs")
    rows = report(results, baseline, size, note)
    print(f"Trivial view runs: first {first.per_second:.1f} req/s (p95 {first.p95:.0f} ms), last "
          f"{last.per_second:.1f} req/s (p95 {last.p95:.0f} ms); the share is of the faster. Target: p95 under "
          f"{TARGET_P95_MS} ms and at least {TARGET_SHARE:.0%} of the trivial view's requests/s, no errors, on the "
          f"first five pages; the two marked reference are measured the same way but not held to it. CPU ms: the "
          f"gunicorn workers' CPU time per request (not the database's), which the machine's load (the one-minute "
          f"load average before each run) changes less than it changes latency.")
    _common.write_results("web", rows)
    errors = [f"{r.page.label}: {', '.join(r.failures)}" for r in [first, last, *results] if r.errors]
    if errors:
        print("ERRORS (non-2xx responses): " + "; ".join(errors), file=sys.stderr)
        if server_log.strip():
            print("gunicorn's log ends:\n" + "\n".join(server_log.splitlines()[-30:]), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
