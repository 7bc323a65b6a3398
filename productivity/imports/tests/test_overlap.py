"""An accounted-for import saves its batches in a thread of its own while it reads the next batch.

The answers, the rejected rows and the checkpoints are those of reading and saving in turn, and a fault
while saving stops the import with the batches before it saved. These tests commit for real (a test's
own transaction would keep the import on one connection, reading and saving in turn).
"""

import contextlib
import dataclasses
import datetime as dt
import io
import threading
from decimal import Decimal

import pytest
from django.db import connections, transaction

from productivity.imports import registry, runs
from productivity.imports.models import ImportRun, RejectedRow
from productivity.imports.tests.sample.importer import SampleLineImporter
from productivity.imports.tests.sample.models import SampleLine
from productivity.imports.tests.test_accounted import DUPLICATES, IMPORTED, REJECTED, ROWS, csv_file, imported_run
from productivity.organisations.tests.factories import make_council

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def councils():
    made = [make_council(gss_code=code) for code in ("E06990001", "E06990002", "E06990003")]
    SampleLine.objects.create(organisation=made[1], day=dt.date(2012, 4, 5), amount=Decimal("7.25"))
    return made


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


class Watched(SampleLineImporter):
    """Remembers the thread and the connection each batch was saved with, and fails batch ``fail_in``."""

    batch_size = 3
    fail_in: int | None = None
    savers: list = []

    def save_batch(self, new, changed):
        saved = type(self).savers
        saved.append((threading.current_thread(), connections["default"]))
        if len(saved) == type(self).fail_in:
            raise RuntimeError("The database went away")
        super().save_batch(new, changed)


@pytest.fixture
def watched(monkeypatch):
    entry = registry.get("sample-lines")
    monkeypatch.setitem(registry._REGISTRY, "sample-lines", dataclasses.replace(entry, importer=Watched))
    monkeypatch.setattr(Watched, "savers", [])
    monkeypatch.setattr(Watched, "fail_in", None)
    return Watched


def test_a_fault_while_saving_batch_three_keeps_batches_one_and_two_and_is_reported(councils, media, watched):
    watched.fail_in = 3
    with pytest.raises(RuntimeError, match="The database went away"):
        imported_run(csv_file("utf-8"))
    assert {thread for thread, _ in watched.savers} != {threading.main_thread()}  # saved alongside reading
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert run.checkpoint_row == 9  # the last row of batch two (rows 4 to 6, then 7 to 9)
    assert (run.imported, run.duplicates, run.rejected) == (6, 0, 0)
    assert SampleLine.objects.count() == 1 + 6
    assert not RejectedRow.objects.exists()  # the later batches' bad rows (19 to 23) were not saved either
    assert len(watched.savers) == 3  # nothing was saved after the fault
    assert "The rows up to row 9 were imported" in run.error
    assert all(connection.connection is None for _, connection in watched.savers)  # closed when it ended

    watched.fail_in = None
    assert runs.retry_run(run)
    runs.import_run(run.pk, programme_wide=True)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert (run.imported, run.duplicates, run.rejected) == (IMPORTED, DUPLICATES, REJECTED)
    assert run.imported + run.unchanged + run.duplicates + run.rejected == run.rows_in_file == ROWS
    assert SampleLine.objects.count() == 1 + IMPORTED
    assert sorted(RejectedRow.objects.filter(run=run).values_list("row", flat=True)) == [19, 20, 21, 22, 23]


def _imported(*, in_turn: bool):
    """The messy file imported with batches of three; with ``in_turn``, inside a transaction then rolled back."""
    batches, progress = [], []
    importer = Watched(None, filename="lines.csv", programme_wide=True,
                       progress=lambda *told: progress.append(told), rows_total=ROWS)
    with transaction.atomic() if in_turn else contextlib.nullcontext():
        result = importer.run(io.BytesIO(csv_file("utf-8")), on_batch=batches.append)
        if in_turn:
            transaction.set_rollback(True)
    return result, batches, progress


def test_saving_alongside_reading_gives_the_answers_and_checkpoints_of_saving_in_turn(councils, watched):
    in_turn, in_turn_batches, _ = _imported(in_turn=True)
    assert {thread for thread, _ in watched.savers} == {threading.main_thread()}
    assert SampleLine.objects.count() == 1
    watched.savers.clear()

    alongside, batches, progress = _imported(in_turn=False)
    assert threading.main_thread() not in {thread for thread, _ in watched.savers}
    assert alongside.tally == in_turn.tally
    assert (alongside.tally.imported, alongside.tally.duplicates, alongside.tally.rejected) == (
        IMPORTED, DUPLICATES, REJECTED)
    assert [str(problem) for problem in alongside.problems] == [str(problem) for problem in in_turn.problems]
    assert batches == in_turn_batches  # the same batches, checkpoints and rejected rows, in the same order
    assert [batch.last_row for batch in batches] == sorted(batch.last_row for batch in batches)
    assert SampleLine.objects.count() == 1 + IMPORTED
    assert progress[-1] == ("Importing rows", ROWS, ROWS)  # the progress bar ends full
    assert all(connection.connection is None for _, connection in watched.savers)


def test_batches_sharing_a_transaction_are_committed_together_or_not_at_all(councils, media, watched, monkeypatch):
    """With rows_per_transaction, batches saved alongside reading share a transaction (PostgreSQL; on SQLite each
    commits on its own): a fault in the fourth batch loses the third with it, and the import carries on from the
    last commit. ``transaction_ending`` runs before each commit and after the rollback."""
    endings = []
    monkeypatch.setattr(watched, "rows_per_transaction", 6)  # two batches of three a transaction
    monkeypatch.setattr(watched, "transaction_ending", lambda self, committing: endings.append(committing),
                        raising=False)
    watched.fail_in = 4
    with pytest.raises(RuntimeError, match="The database went away"):
        imported_run(csv_file("utf-8"))
    run = ImportRun.objects.get()
    grouped = connections["default"].vendor == "postgresql"
    # Batches: rows 4-6 and 7-9 (committed together), then 10-12 and 13-15 (the fault).
    assert run.checkpoint_row == (9 if grouped else 12)
    assert SampleLine.objects.count() == 1 + (6 if grouped else 9) == 1 + run.imported
    assert endings == ([True, False] if grouped else [True, True, True, False])

    watched.fail_in = None
    endings.clear()
    assert runs.retry_run(run)
    runs.import_run(run.pk, programme_wide=True)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert (run.imported, run.duplicates, run.rejected) == (IMPORTED, DUPLICATES, REJECTED)
    assert SampleLine.objects.count() == 1 + IMPORTED
    assert endings and not endings.count(False)  # every transaction of the resumed import committed


def test_the_runs_row_is_not_locked_while_a_transactions_batches_are_saved(councils, media, watched, monkeypatch):
    """The heartbeat writes to the run's row every second through its own connection: while batches sharing a
    transaction are saved (PostgreSQL), nothing holds that row, because their checkpoint is recorded just before
    the commit. (On SQLite each batch commits with its checkpoint on its own.)"""
    grouped = connections["default"].vendor == "postgresql"
    monkeypatch.setattr(watched, "rows_per_transaction", 9)  # three batches of three a transaction
    beats, checkpoints = [], []

    def beat(run_id):
        try:
            with transaction.atomic():
                with connections["default"].cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '2s'")
                beats.append(ImportRun.objects.filter(pk=run_id).update(heartbeat_at=dt.datetime.now(dt.UTC)))
        finally:
            connections["default"].close()

    saved = Watched.save_batch

    def saving_and_beating(self, new, changed):
        saved(self, new, changed)
        if len(type(self).savers) == 2:  # batch one saved (and on SQLite committed), batch two being saved
            checkpoints.append(ImportRun.objects.get(pk=self.import_run.pk).checkpoint_row)  # as the saving sees it
            if grouped:  # SQLite's write lock is held until this batch commits: the heartbeat waits for it there
                other = threading.Thread(target=beat, args=(self.import_run.pk,))
                other.start()
                other.join()

    monkeypatch.setattr(watched, "save_batch", saving_and_beating)
    run = imported_run(csv_file("utf-8"))
    assert checkpoints == [0 if grouped else 6]  # batch one (rows 4 to 6) not yet recorded in the shared transaction
    assert beats == ([1] if grouped else [])  # the heartbeat's update went through without waiting for the commit
    assert (run.imported, run.duplicates, run.rejected) == (IMPORTED, DUPLICATES, REJECTED)
    assert run.checkpoint_row == 24  # every batch recorded, up to the last row of data (row 25 is blank)
