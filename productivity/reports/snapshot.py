"""A report's snapshot: computed live for a draft, frozen in the report when it is published.

Every page, download and API answer about a report reads its figures from here, so a draft and its
published version are rendered by the same code from the same shape of data.
"""

import datetime as dt

from django.utils import timezone

from productivity.reports.figures import ledger as ledger_module
from productivity.reports.figures.changes import compare, previous_report
from productivity.reports.figures.compute import compute
from productivity.reports.scope import Selection


def compute_snapshot(report, *, with_ledger: bool = False, taken_at: dt.datetime | None = None) -> dict:
    """Every figure, table and chart of ``report`` computed from the records now, with its narrative."""
    body = compute(Selection.for_report(report), report.template, with_ledger=with_ledger)
    body.update({
        "template": report.template,
        "title": report.title,
        "narrative": report.narrative(),
        "taken_at": (taken_at or timezone.now()).isoformat(),
    })
    body["changes"] = compare(body, previous_report(report), Selection.for_report(report))
    return body


def snapshot_for(report) -> dict:
    """The frozen snapshot of a published report, or a draft's figures computed now."""
    if report.is_published and report.snapshot:
        return report.snapshot
    return compute_snapshot(report)


def figure_records(report, key: str) -> tuple[dict, dict, list[dict]] | None:
    """A figure of the report, its snapshot and the ledger rows behind it; None if it has no such figure."""
    snapshot = report.snapshot if report.is_published and report.snapshot else compute_snapshot(
        report, with_ledger=True)
    figure = snapshot["figures"].get(key)
    if figure is None:
        return None
    return figure, snapshot, ledger_module.select(snapshot.get("ledger", {}), figure.get("records"))
