"""A worker killed with kill -9 in the middle of an import: no partial data, the run is failed, trying again completes.

These tests start a real `manage.py db_worker` process on the test database and really kill it.
"""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from productivity.imports import runs, tasks
from productivity.imports.models import ImportRun
from productivity.imports.tests.sample.models import SampleLine
from productivity.imports.tests.worker import Worker, wait_until
from productivity.programme.models import Project

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_INLINE_MAX_ROWS = 10
    settings.IMPORT_STALE_SECONDS = 3


def _checked(user, kind: str, name: str, content: bytes) -> ImportRun:
    run = runs.create_run(user, kind, SimpleUploadedFile(name, content))
    assert run.in_background
    runs.check_run(run.pk)
    run.refresh_from_db()
    assert run.status == "checked", run.problems
    return run


def _fetch(run: ImportRun) -> ImportRun:
    return ImportRun.objects.get(pk=run.pk)


def _killed_and_failed(run: ImportRun, worker: Worker) -> ImportRun:
    worker.kill()
    assert _fetch(run).status == "importing"  # the dead worker cannot say it stopped
    time.sleep(3.5)  # longer than IMPORT_STALE_SECONDS without a heartbeat
    assert runs.fail_stale_runs() == 1
    failed = _fetch(run)
    assert failed.status == "failed"
    assert "The background worker stopped while importing this file" in failed.error
    assert failed.file  # kept, so that it can be tried again
    return failed


def test_all_or_nothing_import_killed_while_saving_saves_nothing_and_trying_again_completes(world):
    rows = ["Reference,Title,Initiative,Lead organisation code"]
    rows += [f"KILL-{n:05d},Project {n},adult-social-care-efficiency,E10000014" for n in range(1500)]
    run = _checked(world.programme, "projects", "big.csv", "\n".join(rows).encode())
    assert tasks.start_import(run)

    worker = Worker()
    # Reading and checking the rows again comes first; then the one transaction that saves them.
    wait_until(lambda: _fetch(run).phase == "Saving", timeout=120, what="the worker to start saving")
    time.sleep(1)  # saving 1,500 projects (each checked, saved and audited) takes several seconds
    failed = _killed_and_failed(run, worker)
    assert "Nothing from it was saved" in failed.error
    assert not Project.objects.filter(reference__startswith="KILL-").exists()  # no partial rows

    assert runs.retry_run(failed)
    assert _fetch(run).status == "confirmed"
    tasks.import_file.enqueue(str(run.pk))
    Worker(batch=True).wait()
    done = _fetch(run)
    assert done.status == "done", done.error
    assert Project.objects.filter(reference__startswith="KILL-").count() == 1500
    assert (done.imported, done.rows_in_file) == (1500, 1500)
    assert not done.file  # removed once the run ended


def test_accounted_import_killed_between_batches_resumes_after_its_last_batch(world, monkeypatch):
    lines = ["Organisation code,Date,Amount"]
    lines += [f"E10000014,{1 + n % 28:02d}/{1 + n // 28 % 12:02d}/2012,{n}.00" for n in range(60_000)]
    lines += ["E99999999,01/04/2012,1.00", "E10000014,not a date,1.00", lines[1]]  # 2 rejected, 1 duplicate
    run = _checked(world.programme, "sample-lines", "lines.csv", "\n".join(lines).encode())
    assert run.checked["total"] == 60_003
    assert tasks.start_import(run)

    worker = Worker()
    wait_until(lambda: _fetch(run).checkpoint_row > 0, timeout=120, what="a batch to be saved")
    failed = _killed_and_failed(run, worker)
    # Whole batches only: what the run counted as imported is exactly what is in the table.
    assert failed.checkpoint_row > 0
    assert SampleLine.objects.count() == failed.imported
    assert f"The rows up to row {failed.checkpoint_row:,} were imported" in failed.error

    assert runs.retry_run(failed)
    tasks.import_file.enqueue(str(run.pk))
    Worker(batch=True).wait()
    done = _fetch(run)
    assert done.status == "done", done.error
    assert (done.imported, done.duplicates, done.rejected) == (60_000, 1, 2)
    assert done.imported + done.unchanged + done.duplicates + done.rejected == done.rows_in_file == 60_003
    assert SampleLine.objects.count() == 60_000
    assert done.rejected_rows.count() == 2
