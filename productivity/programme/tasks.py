"""Background jobs of the programme app, run by the django-tasks database worker (`manage.py db_worker`)."""

import contextlib

from django_tasks import task

from productivity.programme.import_runs import ImportRun
from productivity.programme.importers import runs


@task()
def run_import(run_id: str) -> str:
    """Import a queued file; doing nothing if the run was already claimed makes a repeat harmless."""
    run = runs.process_run(run_id)
    return run.status if run else "already claimed"


def start_import(user, kind: str, upload) -> ImportRun:
    """Store an upload and import it: now if it is small, otherwise through the background worker."""
    run = runs.create_run(user, kind, upload)
    if run.in_background:
        run_import.enqueue(str(run.pk))
    else:
        # A fault is logged and recorded on the run, whose page then says the import failed.
        with contextlib.suppress(Exception):
            runs.process_run(run.pk)
        run.refresh_from_db()
    return run
