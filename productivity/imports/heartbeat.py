"""A job's sign of life: a thread that writes its progress to the run every second or so.

It writes through its own database connection, outside the job's transactions, so progress shows
while a batch is being saved, and a job whose process has died (kill -9 included) stops beating.
"""

import logging
import threading

from django.db import DatabaseError, connection
from django.utils import timezone

logger = logging.getLogger(__name__)

BEAT_SECONDS = 1.0


class Heartbeat:
    def __init__(self, run_id, status: str, model=None):
        """Beat for the job ``run_id`` of ``model`` (an ImportRun unless said) while it has ``status``."""
        self.model = model
        self.run_id = run_id
        self.status = status
        self.phase = ""
        self.done = 0
        self.total: int | None = None
        self.phase_started = timezone.now()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"import-heartbeat-{run_id}", daemon=True)

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        """The importer's progress callback: counts are written by the thread, a new phase at once.

        Importers call it outside their transactions, so a new phase shows even while SQLite's write lock
        is then held for a while (an all-or-nothing save), when the thread's writes must wait.
        """
        self.done = done
        self.total = total if total is not None else self.total
        if phase != self.phase:
            self.phase = phase
            self.phase_started = timezone.now()
            self._write()

    def __enter__(self) -> "Heartbeat":
        self._write()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _beat(self) -> None:
        try:
            while not self._stop.wait(BEAT_SECONDS):
                self._write()
        finally:
            connection.close()  # the thread's own connection

    def _write(self) -> None:
        from productivity.imports.models import ImportRun

        model = self.model or ImportRun
        try:
            model.objects.filter(pk=self.run_id, status=self.status).update(
                phase=self.phase[:100], rows_done=self.done, rows_total=self.total, heartbeat_at=timezone.now(),
                phase_started_at=self.phase_started)
        except DatabaseError:
            # The database is busy (SQLite while the job saves): the next beat tries again.
            logger.debug("Heartbeat of import %s skipped", self.run_id, exc_info=True)
