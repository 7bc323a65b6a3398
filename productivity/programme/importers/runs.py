"""An uploaded import's life: stored, run (now or by the background worker), result recorded.

Running is safe to repeat: a run is claimed by moving it from queued to running in one UPDATE,
so a second worker (or a retried task) finds nothing to do.
"""

import logging
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from productivity.programme.import_runs import ImportRun
from productivity.programme.importers import importer_for
from productivity.programme.importers.sources import SourceError, open_table

logger = logging.getLogger(__name__)

FAILED_MESSAGE = ("The import stopped because of a fault in the platform, not in your file. Nothing was saved. "
                  "Try again later; if it happens again, tell the programme team.")


def inline_row_limit() -> int:
    """Files with at most this many rows are imported while the person waits; bigger ones in the background."""
    return settings.IMPORT_INLINE_MAX_ROWS


@transaction.atomic
def create_run(user, kind: str, upload: UploadedFile) -> ImportRun:
    """Store an uploaded file as a queued import run of ``kind``."""
    importer_for(kind)  # KeyError for a kind nobody offers
    name = PurePath(upload.name or "upload").name[:250]
    run = ImportRun(kind=kind, original_name=name, uploaded_by=user, size=upload.size or 0)
    # The stored name is the run's id: the person's file name is only shown, never used as a path.
    run.file.save(f"{run.pk}{PurePath(name).suffix.lower()[:10]}", upload, save=False)
    run.in_background = _row_count_exceeds(run, inline_row_limit())
    run.save()
    return run


def _row_count_exceeds(run: ImportRun, limit: int) -> bool:
    try:
        with run.file.open("rb") as handle, open_table(handle, run.original_name) as table:
            return any(number > limit + 1 for number, _ in table)  # +1: the header row
    except SourceError:
        return False  # unreadable files fail fast, so report them straight away


def process_run(run_id) -> ImportRun | None:
    """Import a queued run's file and record the result; None if another process has claimed it."""
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).update(
        status=ImportRun.Status.RUNNING, started_at=timezone.now())
    if not claimed:
        return None
    run = ImportRun.objects.select_related("uploaded_by").get(pk=run_id)
    importer = importer_for(run.kind)(run.uploaded_by, filename=run.original_name)
    try:
        with run.file.open("rb") as handle:
            result = importer.run(handle)
    except Exception:
        logger.exception("Import run %s failed", run.pk)
        _finish(run, ImportRun.Status.FAILED, error=FAILED_MESSAGE)
        raise
    run.rows_read = result.rows
    run.notes = result.notes
    run.problems = [problem.as_dict() for problem in result.problems]
    run.outcome = result.outcome.as_dict() if result.outcome and not result.problems else {}
    _finish(run, ImportRun.Status.DONE)
    return run


def _finish(run: ImportRun, status: str, *, error: str = "") -> None:
    run.status = status
    run.error = error
    run.finished_at = timezone.now()
    # The file is not kept once it has been read: the result records what it said.
    if run.file:
        run.file.delete(save=False)
    run.save()
