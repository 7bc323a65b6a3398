"""Saving batches in a thread of their own while the caller reads the next ones.

The thread has its own database connection, so each batch commits there, in the order it was handed
over, while the caller's Python work (reading and checking rows) overlaps the database's (COPY, commit).
At most ``waiting`` batches wait for the thread, so memory stays flat whatever the file's length. A
fault while saving stops the saving (no later batch is saved) and is raised to the caller at its next
hand-over, or at the end: the batches saved before it stay saved. ``finish`` runs in the thread after the
last batch, unless saving one failed (an importer commits there what it saves in one transaction).
"""

import contextvars
import queue
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from django.db import connections

Item = TypeVar("Item")
_DONE = object()


class BatchWriter(Generic[Item]):
    """``with BatchWriter(save) as writer: writer.put(batch)``: ``save`` runs on every batch, in order, in the
    thread; leaving the block waits for the last one and raises the thread's fault if it had one."""

    def __init__(self, save: Callable[[Item], None], *, finish: Callable[[], None] | None = None, waiting: int = 1,
                 name: str = "import-writer"):
        self._save = save
        self._finish = finish
        self._queue: queue.Queue = queue.Queue(maxsize=waiting)
        self._fault: BaseException | None = None
        # The thread sees what the caller's context says (who is acting, for the audit trail).
        context = contextvars.copy_context()
        self._thread = threading.Thread(target=context.run, args=(self._work,), name=name, daemon=True)

    def __enter__(self) -> "BatchWriter[Item]":
        self._thread.start()
        return self

    def put(self, batch: Item) -> None:
        """Hand a batch over, waiting while the thread is ``waiting`` batches behind."""
        self._raise_fault()
        self._queue.put(batch)

    def __exit__(self, kind, error, trace) -> None:
        # Whatever stopped the caller, the batches handed over are saved (as they were read whole) first.
        self._queue.put(_DONE)
        self._thread.join()
        if error is not self._fault:  # a fault in an earlier batch is what stopped the import first
            self._raise_fault()

    def _raise_fault(self) -> None:
        if self._fault is not None:
            raise self._fault

    def _work(self) -> None:
        try:
            while (batch := self._queue.get()) is not _DONE:
                if self._fault is not None:
                    continue  # taken off the queue unsaved, so that the caller never waits for ever
                try:
                    self._save(batch)
                except BaseException as fault:  # noqa: BLE001 (raised again in the caller's thread)
                    self._fault = fault
            if self._fault is None and self._finish is not None:
                try:
                    self._finish()
                except BaseException as fault:  # noqa: BLE001 (raised again in the caller's thread)
                    self._fault = fault
        finally:
            connections.close_all()  # this thread's connections only: Django keeps one set per thread
