"""Background jobs of the imports app, run by the django-tasks database worker (`manage.py db_worker`).

Small files are checked and imported while the person waits; larger ones here, with a heartbeat
that shows their progress on the run's page.
"""

import contextlib

from django_tasks import task

from productivity.imports import runs
from productivity.imports.models import ImportRun


@task()
def check_file(run_id: str) -> str:
    """Check a queued file; a run already claimed makes a repeat harmless."""
    run = runs.check_run(run_id, heartbeat=True)
    return run.status if run else "already claimed"


@task()
def import_file(run_id: str) -> str:
    """Import a confirmed file; a run already claimed makes a repeat harmless."""
    run = runs.import_run(run_id, heartbeat=True)
    return run.status if run else "already claimed"


def start_check(run: ImportRun) -> ImportRun:
    """Check a stored run: now if it is small, otherwise through the background worker."""
    if run.in_background:
        check_file.enqueue(str(run.pk))
    else:
        # A fault is logged and recorded on the run, whose page then says the check failed.
        with contextlib.suppress(Exception):
            runs.check_run(run.pk)
    run.refresh_from_db()
    return run


def start_import(run: ImportRun) -> bool:
    """Import a checked run (now if small, otherwise in the background); False if it was not waiting."""
    if not runs.confirm_run(run):
        return False
    if run.in_background:
        import_file.enqueue(str(run.pk))
    else:
        with contextlib.suppress(Exception):
            runs.import_run(run.pk)
    run.refresh_from_db()
    return True


def start_retry(run: ImportRun) -> bool:
    """Try a failed run again from where it stopped; False if it cannot be (its file is gone)."""
    if not runs.retry_run(run):
        return False
    run.refresh_from_db()
    confirmed = run.status == ImportRun.Status.CONFIRMED
    job, step = (import_file, runs.import_run) if confirmed else (check_file, runs.check_run)
    if run.in_background:
        job.enqueue(str(run.pk))
    else:
        _quietly(step, run.pk)
    run.refresh_from_db()
    return True


def _quietly(step, run_id) -> None:
    with contextlib.suppress(Exception):
        step(run_id)
