"""Benchmark: the Programme update board paper for a programme of 1,000 projects and 20,000 savings entries.

Target (issue 3): HTML, PDF and DOCX each in under 5 seconds on a 2-core machine. Each timing covers what
a download costs: computing every figure from the records, then rendering the format. Publishing (the
figures plus the ledger of records behind them, frozen as JSON) is timed too, against the same bar.

The data goes into a scratch SQLite database in a temporary folder (or BENCH_DATABASE_URL, which must name
a database that may be emptied). Results: printed, and written to benchmarks/results/board_report.json.
"""

import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from _common import Metric, write_results

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCRATCH = tempfile.TemporaryDirectory(prefix="bench-board-report-")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{SCRATCH.name}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from productivity.accounts.models import Membership, Role, User  # noqa: E402
from productivity.organisations.models import Organisation, OrganisationKind  # noqa: E402
from productivity.programme.models import (  # noqa: E402
    FundingAward,
    Initiative,
    Participant,
    Project,
    Saving,
    SavingAmount,
    Workstream,
)
from productivity.reports import services  # noqa: E402
from productivity.reports.downloads import render_report  # noqa: E402
from productivity.reports.snapshot import compute_snapshot  # noqa: E402

PROJECTS = 1_000
SAVINGS_PER_PROJECT = 5
AMOUNTS_PER_SAVING = 4  # 1,000 x 5 x 4 = 20,000 savings entries
TARGET_SECONDS = 5.0
RUNS = 3
AS_AT = dt.date(2014, 3, 31)
TYPES = [("CTY", "County council"), ("NMD", "Non-metropolitan district"), ("MD", "Metropolitan district"),
         ("UA", "Unitary authority"), ("LBO", "London borough")]


@transaction.atomic
def build_programme() -> User:
    """A programme of the target size, written in bulk (the audit trail is not needed to measure reports)."""
    councils = Organisation.objects.bulk_create([
        Organisation(slug=f"E0{n:07d}", gss_code=f"E0{n:07d}", name=f"Council {n:03d}", kind=OrganisationKind.COUNCIL,
                     authority_type=TYPES[n % len(TYPES)][0], authority_type_name=TYPES[n % len(TYPES)][1])
        for n in range(150)
    ])
    lga = Organisation.objects.create(slug="lga", name="Local Government Association",
                                      kind=OrganisationKind.PROGRAMME_TEAM)
    funders = [lga, Organisation.objects.create(slug="dh", name="Department of Health",
                                                kind=OrganisationKind.CENTRAL_GOVERNMENT)]
    user = User.objects.create_user(email="programme@example.org", password="benchmark-password-1")
    Membership.objects.create(user=user, organisation=lga, role=Role.EDITOR)
    workstreams = [Workstream.objects.create(name=name, slug=f"ws-{n}", position=n) for n, name in
                   enumerate(["Procurement, Capital and Assets", "Children, Adults and Families",
                              "Future Ways of Working"])]
    initiatives = [Initiative.objects.create(workstream=workstreams[n % 3], name=f"Initiative {n:02d}",
                                             slug=f"initiative-{n:02d}") for n in range(18)]
    statuses = ["selected", "funded", "implementing", "implementing", "complete", "closed"]
    projects = Project.objects.bulk_create([
        Project(initiative=initiatives[n % len(initiatives)], reference=f"BEN-{n:04d}", title=f"Project {n:04d}",
                status=statuses[n % len(statuses)], rag=["green", "amber", "red"][n % 3], is_published=True,
                start_date=dt.date(2011, 4, 1) + dt.timedelta(days=n % 700))
        for n in range(PROJECTS)
    ])
    participants, awards, savings = [], [], []
    for n, project in enumerate(projects):
        chosen = {councils[(n * 7 + k * 13) % len(councils)].pk for k in range(1 + n % 4)}
        participants += [Participant(project=project, organisation_id=org, role="lead" if i == 0 else "partner")
                         for i, org in enumerate(sorted(chosen))]
        awards += [FundingAward(project=project, funder=funders[k % 2], amount=Decimal(20000 + (n % 9) * 5000),
                                awarded_on=dt.date(2012, 1, 1) + dt.timedelta(days=(n + k * 30) % 400))
                   for k in range(1 + n % 2)]
        savings += [Saving(project=project, organisation_id=sorted(chosen)[k % len(chosen)], title=f"Saving {k}",
                           reference=f"{project.reference}-S{k + 1:02d}",
                           service=f"Service {k}", measure="Cost", owner="Officer", is_disbenefit=(n + k) % 23 == 0,
                           baseline_value=Decimal(1_000_000), baseline_date=dt.date(2011, 3, 31))
                    for k in range(SAVINGS_PER_PROJECT)]
    Participant.objects.bulk_create(participants)
    FundingAward.objects.bulk_create(awards)
    savings = Saving.objects.bulk_create(savings)
    amounts = []
    for n, saving in enumerate(savings):
        base = Decimal(50_000 + (n % 17) * 10_000)
        closed = statuses[(n // SAVINGS_PER_PROJECT) % len(statuses)] in {"complete", "closed"}
        amounts += [SavingAmount(saving=saving, financial_year=2012, kind="expected", amount=base),
                    SavingAmount(saving=saving, financial_year=2013, kind="expected", amount=base * 2),
                    SavingAmount(saving=saving, financial_year=2012, kind="forecast", amount=base * Decimal("0.9"))]
        if closed:
            amounts.append(SavingAmount(saving=saving, financial_year=2012, kind="realised",
                                        amount=base * Decimal("0.8"), verification=["verified", "unverified"][n % 2],
                                        evidence_notes="Outturn report"))
        else:
            amounts.append(SavingAmount(saving=saving, financial_year=2013, kind="forecast", amount=base * 2))
    SavingAmount.objects.bulk_create(amounts, batch_size=2000)
    return user


def timed(action) -> tuple[float, float]:
    """(first run, median of the next RUNS runs) in seconds."""
    times = []
    for _ in range(RUNS + 1):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times[1:])


def main() -> None:
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    user = build_programme()
    size = f"{Project.objects.count():,} projects, {SavingAmount.objects.count():,} savings entries"
    print(f"Built {size} in {time.perf_counter() - started:.1f} s ({os.cpu_count()} CPUs here; target machine: 2)")
    report = services.build_report(template="programme-update", scope="programme", target=None, as_at=AS_AT)

    results = []
    for fmt, label in (("html", "HTML"), ("pdf", "PDF"), ("docx", "DOCX")):
        first, median = timed(lambda fmt=fmt: render_report(compute_snapshot(report), fmt, "draft"))
        results.append((f"Programme update as {label} (figures computed and rendered)", first, median))

    # A paper is cleared by a second member of the programme team before it is published.
    clearer = User.objects.create_user(email="clearer@example.org", password="benchmark-password-2")
    Membership.objects.create(user=clearer, organisation=user.memberships.get().organisation, role=Role.EDITOR)

    def cleared():
        draft = services.create_report(user=user, template="programme-update", scope="programme", target=None,
                                       as_at=AS_AT)
        return services.clear_report(services.submit_report(draft, user=user), user=clearer)

    papers = [cleared() for _ in range(RUNS + 1)]
    first, median = timed(lambda: services.publish_report(papers.pop(), user=user))
    results.append(("Publish: freeze figures and the ledger of records as JSON", first, median))
    snapshot = compute_snapshot(report, with_ledger=True)
    print(f"Snapshot with ledger: {len(json.dumps(snapshot)) / 1_000_000:.1f} MB of JSON")

    rows = []
    print(f"{'Metric':<72} {'first':>7} {'median':>7} {'target':>7} {'ratio':>6}")
    for metric, first, median in results:
        line = Metric(metric, "s", median, "issue 3 target (under 5 s on a 2-core machine)", TARGET_SECONDS,
                      higher_is_better=False)
        print(f"{metric:<72} {first:>6.2f}s {median:>6.2f}s {TARGET_SECONDS:>6.1f}s {line.ratio:>5.2f}x"
              f"{'' if median < TARGET_SECONDS else '  MISSES TARGET'}")
        rows.append(line.as_result(size, places=3))
    write_results("board_report", rows)

if __name__ == "__main__":
    main()
