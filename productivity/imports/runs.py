"""An uploaded file's life: stored, checked, confirmed, imported (now or by the background worker), ended.

Every step is claimed by moving the run from one status to the next in one UPDATE, so a second
worker (or a retried task) finds nothing to do. A run whose job stopped giving signs of life is
failed with a message that says so, and can be tried again: an all-or-nothing import saved nothing,
an accounted-for import resumes after its last saved batch.
"""

import contextlib
import logging
from pathlib import PurePath
from typing import Any, BinaryIO

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from productivity.imports import registry
from productivity.imports.accounted import Batch
from productivity.imports.base import Importer, ImportResult, Tally, no_progress
from productivity.imports.heartbeat import Heartbeat
from productivity.imports.limits import Limits
from productivity.imports.mappings import mapping_for
from productivity.imports.models import ImportRun, RejectedRow
from productivity.imports.sizing import estimate_rows

logger = logging.getLogger(__name__)

FAULT = ("The import stopped because of a fault in the platform, not in your file. {saved} "
         "Try again; if it happens again, tell the programme team.")
STOPPED = ("The background worker stopped while {doing} this file (it gave no sign of life for {minutes}). "
           "{saved} Try again to {again}.")
Status = ImportRun.Status


def inline_row_limit() -> int:
    """Files with at most this many rows are checked and imported while the person waits."""
    return settings.IMPORT_INLINE_MAX_ROWS


def _saved(run: ImportRun) -> str:
    if not run.confirmed_at:
        return "Nothing was saved."
    if registry.get(run.kind).accounted and run.checkpoint_row:
        return (f"The rows up to row {run.checkpoint_row:,} were imported; the rest were not, and trying again "
                "carries on from there.")
    return "Nothing from it was saved."


# ---- creating and checking -----------------------------------------------------------------------


@transaction.atomic
def create_run(user, kind: str, upload, *, publisher=None) -> ImportRun:
    """Store an uploaded file as a run of ``kind`` waiting to be checked."""
    registry.get(kind)  # KeyError for a kind nobody offers
    name = PurePath(upload.name or "upload").name[:250]
    run = ImportRun(kind=kind, original_name=name, uploaded_by=user, size=upload.size or 0, publisher=publisher)
    # The stored name is the run's id: the person's file name is only shown, never used as a path.
    run.file.save(f"{run.pk}{PurePath(name).suffix.lower()[:10]}", upload, save=False)
    with run.file.open("rb") as handle:
        run.rows_total = estimate_rows(handle, name, stop_after=None)
    run.in_background = (run.rows_total or 0) > inline_row_limit()
    run.save()
    return run


def importer_for(run: ImportRun, *, progress=no_progress, user: Any = None, programme_wide: bool = False) -> Importer:
    entry = registry.get(run.kind)
    mapping = run.mapping.as_importer_mapping() if run.mapping_id else {}
    return entry.importer(user if user is not None else run.uploaded_by, filename=run.original_name,
                          publisher=run.publisher, mapping=mapping, progress=progress, limits=Limits.from_settings(),
                          rows_total=run.rows_total, programme_wide=programme_wide, import_run=run)


def check_run(run_id, *, fileobj: BinaryIO | None = None, heartbeat: bool = False,
              **importer_options) -> ImportRun | None:
    """Check a queued run's file and record the report; None if another process has claimed it."""
    if not _claim(run_id, Status.QUEUED, Status.CHECKING):
        return None
    run = ImportRun.objects.select_related("uploaded_by", "publisher", "mapping").get(pk=run_id)
    try:
        with _opened(run, fileobj) as handle, _beating(run, Status.CHECKING, heartbeat) as beat:
            if not run.mapping_id:
                run.mapping = mapping_for(run, handle)
                if run.mapping is not None:
                    ImportRun.objects.filter(pk=run.pk).update(mapping=run.mapping)
            importer = importer_for(run, progress=beat, **importer_options)
            result = importer.run(handle, dry_run=True)
    except Exception:
        logger.exception("Checking import run %s failed", run.pk)
        _fail(run, FAULT.format(saved="Nothing was saved."))
        raise
    _record_check(run, result, accounted=importer.accounted)
    return run


def _record_check(run: ImportRun, result: ImportResult, *, accounted: bool) -> None:
    run.refresh_from_db(fields=["status"])
    if run.status != Status.CHECKING:
        return  # cancelled or failed as stalled meanwhile
    run.rows_in_file = result.rows
    run.rows_total = run.rows_done = result.rows  # the estimate from the upload, now counted
    run.notes = result.notes
    run.headings = result.headings
    run.preview = result.preview
    run.problems = [problem.as_dict() for problem in result.problems]
    run.problems_total = result.problems_total
    run.checked = result.tally.as_dict() | {"outcome": result.outcome.as_dict() if result.outcome else None}
    run.finished_at = None
    if result.needs_mapping:
        run.status = Status.NEEDS_MAPPING
    elif result.outcome is None or (not accounted and result.problems_total):
        run.status = Status.NOT_IMPORTED
        run.rejected = result.rows
        run.finished_at = timezone.now()
        _remove_file(run)
    elif result.tally.imported == 0 and result.tally.rejected == 0:
        # Every row matches what is recorded (or was imported before): there is nothing to confirm.
        run.status = Status.DONE
        run.unchanged, run.duplicates = result.tally.unchanged, result.tally.duplicates
        run.outcome = result.outcome.as_dict()
        run.finished_at = timezone.now()
        _remove_file(run)
    else:
        run.status = Status.CHECKED
    run.save()


# ---- confirming and importing ----------------------------------------------------------------------


def confirm_run(run: ImportRun) -> bool:
    """Ask for a checked run to be imported; False if it was not waiting for confirmation."""
    claimed = ImportRun.objects.filter(pk=run.pk, status=Status.CHECKED).update(
        status=Status.CONFIRMED, confirmed_at=timezone.now(), heartbeat_at=timezone.now(), rows_done=0, phase="")
    return bool(claimed)


def import_run(run_id, *, fileobj: BinaryIO | None = None, heartbeat: bool = False,
               **importer_options) -> ImportRun | None:
    """Import a confirmed run's file and record what it did; None if another process has claimed it."""
    if not _claim(run_id, Status.CONFIRMED, Status.IMPORTING):
        return None
    run = ImportRun.objects.select_related("uploaded_by", "publisher", "mapping").get(pk=run_id)
    try:
        with _opened(run, fileobj) as handle, _beating(run, Status.IMPORTING, heartbeat) as beat:
            importer = importer_for(run, progress=beat, **importer_options)
            if importer.accounted:
                start = Tally(run.imported, run.unchanged, run.duplicates, run.rejected, run.flagged)
                result = importer.run(handle, resume_after=run.checkpoint_row, start=start,
                                      on_batch=lambda batch: _record_batch(run, batch))
            else:
                result = importer.run(handle)
    except Exception:
        logger.exception("Import run %s failed", run.pk)
        run.refresh_from_db()
        _fail(run, FAULT.format(saved=_saved(run)))
        raise
    _record_import(run, result, accounted=importer.accounted)
    return run


def _record_batch(run: ImportRun, batch: Batch) -> None:
    """Inside the batch's transaction: its rejected rows and the run's checkpoint, saved with its records."""
    RejectedRow.objects.bulk_create([RejectedRow(run=run, row=r.row, values=r.values, reasons=r.reasons)
                                     for r in batch.rejections])
    tally = batch.tally
    ImportRun.objects.filter(pk=run.pk).update(
        checkpoint_row=batch.last_row, imported=F("imported") + tally.imported,
        unchanged=F("unchanged") + tally.unchanged, duplicates=F("duplicates") + tally.duplicates,
        rejected=F("rejected") + tally.rejected, flagged=F("flagged") + tally.flagged)


def _record_import(run: ImportRun, result: ImportResult, *, accounted: bool) -> None:
    run.refresh_from_db()
    if run.status != Status.IMPORTING:
        return
    run.notes = result.notes
    run.problems = [problem.as_dict() for problem in result.problems] if result.problems_total else run.problems
    run.problems_total = max(result.problems_total, run.problems_total if accounted else 0)
    run.rows_in_file = result.rows
    tally = result.tally
    run.imported, run.unchanged, run.duplicates = tally.imported, tally.unchanged, tally.duplicates
    run.rejected, run.flagged = tally.rejected, tally.flagged
    run.rows_done = tally.total
    run.outcome = result.outcome.as_dict() if result.outcome else {}
    refused = not accounted and result.outcome is None
    run.status = Status.NOT_IMPORTED if refused else Status.DONE
    run.finished_at = timezone.now()
    _remove_file(run)
    run.save()


# ---- ending ----------------------------------------------------------------------------------------


def cancel_run(run: ImportRun) -> bool:
    """Stop a run that is waiting (for its columns, for confirmation, or after failing); its file is removed."""
    waiting = (Status.NEEDS_MAPPING, Status.CHECKED, Status.FAILED)
    if not ImportRun.objects.filter(pk=run.pk, status__in=waiting).update(status=Status.CANCELLED,
                                                                          finished_at=timezone.now()):
        return False
    run.refresh_from_db()
    _remove_file(run)
    run.save(update_fields=["file"])
    return True


def retry_run(run: ImportRun) -> bool:
    """Put a failed run back in the queue: checked again, or (if it was confirmed) imported from its checkpoint."""
    if not run.file:
        return False
    again = Status.CONFIRMED if run.confirmed_at else Status.QUEUED
    return bool(ImportRun.objects.filter(pk=run.pk, status=Status.FAILED).update(
        status=again, error="", heartbeat_at=timezone.now(), finished_at=None, attempts=F("attempts") + 1))


def fail_stale_runs(runs=None) -> int:
    """Fail every working run whose job has stopped giving signs of life; the number failed."""
    failed = 0
    candidates = runs if runs is not None else ImportRun.objects.working()
    now = timezone.now()
    for run in candidates:
        if run.is_stale(now):
            doing = "importing" if run.status == Status.IMPORTING else "checking"
            minutes = _duration(now - run.last_sign_of_life)
            again = "carry on" if run.confirmed_at else "check it again"
            if ImportRun.objects.filter(pk=run.pk, status=run.status).update(
                    status=Status.FAILED, finished_at=now,
                    error=STOPPED.format(doing=doing, minutes=minutes, saved=_saved(run), again=again)):
                failed += 1
                run.refresh_from_db()
    return failed


def purge_old_uploads() -> int:
    """Remove the files of runs left waiting or failed for longer than IMPORT_KEEP_UPLOADS_DAYS."""
    cutoff = timezone.now() - timezone.timedelta(days=settings.IMPORT_KEEP_UPLOADS_DAYS)
    stale = ImportRun.objects.filter(created_at__lt=cutoff).exclude(file="").exclude(status__in=ImportRun.WORKING)
    count = 0
    for run in stale:
        _remove_file(run)
        run.save(update_fields=["file"])
        count += 1
    return count


def _duration(delta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 120:
        return f"{seconds} seconds"
    if seconds < 7200:
        return f"{seconds // 60} minutes"
    return f"{seconds // 3600} hours"


def _claim(run_id, before: str, after: str) -> bool:
    now = timezone.now()
    return bool(ImportRun.objects.filter(pk=run_id, status=before).update(
        status=after, started_at=now, heartbeat_at=now, phase="", rows_done=0, phase_started_at=now))


def _fail(run: ImportRun, message: str) -> None:
    if ImportRun.objects.filter(pk=run.pk, status__in=ImportRun.WORKING).update(
            status=Status.FAILED, error=message, finished_at=timezone.now()):
        run.refresh_from_db()


def _remove_file(run: ImportRun) -> None:
    """The file is not kept once its run has ended: the run records what it said."""
    if run.file:
        run.file.delete(save=False)


@contextlib.contextmanager
def _opened(run: ImportRun, fileobj: BinaryIO | None):
    if fileobj is not None:
        fileobj.seek(0)
        yield fileobj
        return
    with run.file.open("rb") as handle:
        yield handle


def _beating(run: ImportRun, status: str, heartbeat: bool):
    return Heartbeat(run.pk, status) if heartbeat else contextlib.nullcontext(no_progress)
