"""A report's snapshot: computed live for a draft, frozen in the report when it is published.

Every page, download and API answer about a report reads its figures from here, so a draft and its
published version are rendered by the same code from the same shape of data.
"""

import datetime as dt

from django.utils import timezone

from productivity.core.page_cache import cached_value
from productivity.reports.figures import ledger as ledger_module
from productivity.reports.figures.changes import compare, previous_report
from productivity.reports.figures.compute import compute
from productivity.reports.packing import pack_ledger, unpack_ledger
from productivity.reports.scope import Selection


def compute_snapshot(report, *, with_ledger: bool = False, taken_at: dt.datetime | None = None) -> dict:
    """Every figure, table and chart of ``report`` computed from the records now, with its narrative."""
    body = compute(Selection.for_report(report), report.template, with_ledger=with_ledger)
    body.update({
        "template": report.template,
        "title": report.title,
        "narrative": report.narrative(),
        "paper": paper_details(report),
        "taken_at": (taken_at or timezone.now()).isoformat(),
    })
    body["changes"] = compare(body, previous_report(report), Selection.for_report(report))
    return body


def paper_details(report) -> dict:
    """What the paper's header and contact block say: its meeting, status, marking and contact officer."""
    corrects = report.corrects
    return {
        "meeting": report.meeting,
        "meeting_date": report.meeting_date.isoformat() if report.meeting_date else None,
        "agenda_item": report.agenda_item,
        "status": report.paper_status,
        "status_label": report.get_paper_status_display(),
        "marking": report.marking,
        "contact": {"name": report.contact_name, "position": report.contact_position, "phone": report.contact_phone,
                    "email": report.contact_email},
        "corrects": None if corrects is None else {
            "id": corrects.pk, "title": corrects.title,
            "published_at": corrects.published_at.isoformat() if corrects.published_at else None},
        "correction": report.correction,
    }


def for_storage(snapshot: dict) -> dict:
    """The snapshot as a published report keeps it: the same, with its ledger packed (reports.packing)."""
    if "ledger" not in snapshot:
        return snapshot
    return {**snapshot, "ledger": pack_ledger(snapshot["ledger"])}


def ledger_of(snapshot: dict) -> dict:
    """The snapshot's ledger as computed (table name -> rows), whether it was stored packed or not."""
    return unpack_ledger(snapshot.get("ledger", {}))


def snapshot_for(report) -> dict:
    """The frozen snapshot of a published report, or a draft's figures computed now."""
    if report.is_published and report.snapshot:
        return report.snapshot
    return compute_snapshot(report)


def figure_records(report, key: str) -> tuple[dict, dict, list[dict]] | None:
    """A figure of the report, its snapshot and the ledger rows behind it; None if it has no such figure."""
    if report.is_published and report.snapshot:
        snapshot = report.snapshot
    else:  # a draft's figures are computed once while its records stay as they are, not for each page of them
        snapshot = cached_value(f"draft snapshot {report.pk}", lambda: compute_snapshot(report, with_ledger=True))
    figure = snapshot["figures"].get(key)
    if figure is None:
        return None
    return figure, snapshot, ledger_module.select(ledger_of(snapshot), figure.get("records"))
