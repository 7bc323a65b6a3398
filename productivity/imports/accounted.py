"""Bulk importers that account for every row: good rows are saved, bad rows are kept with their reasons.

Rows are read and checked outside any transaction, then saved in batches, each batch (its records,
its rejected rows and the run's checkpoint) in one short transaction. A job stopped part way has
saved whole batches only, and resumes after the last one. For every file,
imported + unchanged + duplicates + rejected = the data rows in the file.
"""

import abc
import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, BinaryIO, ClassVar

from django.db import transaction

from productivity.audit.context import acting_as
from productivity.imports import cells
from productivity.imports.base import Importer, ImportResult, Outcome, SourceRow, Tally
from productivity.imports.sources import SourceError


@dataclass(frozen=True)
class Rejection:
    row: int
    values: list[str]  # the row's cells as the file has them
    reasons: list[dict]  # [{column, message}]


@dataclass
class Batch:
    """What one batch did, handed to the run (inside the batch's transaction) so it can record it."""

    last_row: int
    tally: Tally
    rejections: list[Rejection] = field(default_factory=list)


OnBatch = Callable[[Batch], None]


def _digest(key: Hashable) -> int:
    """A 64-bit digest of a record's key: the file's keys cost 8 bytes each to remember, not a record each."""
    return int.from_bytes(hashlib.blake2b(repr(key).encode(), digest_size=8).digest(), "big")


class AccountedImporter(Importer):
    """Subclasses parse a row, say what identifies a record (``key``), find the keys already recorded
    (``existing``) and save a batch (``save_batch``), with bulk inserts rather than a save per row."""

    accounted = True
    batch_size: ClassVar[int] = 2000
    # "duplicate": a record already saved is counted as a duplicate and left alone (spend lines).
    # "update": it is replaced when the row differs, counted unchanged when it does not (assets).
    on_existing: ClassVar[str] = "duplicate"

    @abc.abstractmethod
    def parse_row(self, row: SourceRow) -> Any:
        """One row as a record, recording problems on ``row``; a row with a problem is rejected."""

    @abc.abstractmethod
    def key(self, record: Any) -> Hashable:
        """What identifies the record: the same key twice is the same record."""

    def fingerprint(self, record: Any) -> Hashable:
        """What the record says, to tell an unchanged record from a changed one (on_existing = "update")."""
        return record

    @abc.abstractmethod
    def existing(self, keys: list[Hashable]) -> dict[Hashable, Hashable]:
        """{key: fingerprint} of the records already saved among ``keys``."""

    @abc.abstractmethod
    def save_batch(self, new: list[Any], changed: list[Any]) -> None:
        """Save a batch of new and changed records (bulk inserts and updates), inside the batch's transaction."""

    def is_flagged(self, record: Any) -> bool:
        """Saved, but with a data-quality flag (a missing coordinate, say); counted as flagged too."""
        return False

    def run(self, fileobj: BinaryIO, *, dry_run: bool = False, resume_after: int = 0,
            start: Tally | None = None, on_batch: OnBatch | None = None) -> ImportResult:
        """Check every row and save the good ones in batches (none with ``dry_run``).

        ``resume_after`` skips the rows up to that row number, whose batches were saved before, and
        ``start`` carries their counts. ``on_batch`` records each batch (inside its transaction when saving).
        """
        tally = start or Tally()
        self._seen: set[int] = set()
        self._dry_run = dry_run
        self._on_batch = on_batch
        notes: list[str] = []
        pending: list[tuple[SourceRow, Any]] = []
        self.progress("Checking rows" if dry_run else "Importing rows", tally.total, self.rows_total)
        try:
            with self.open(fileobj) as table:
                notes = table.notes
                for row in self.data_rows(table):
                    if row.number <= resume_after:
                        continue
                    pending.append((row, self.parse_row(row)))
                    if len(pending) >= self.batch_size:
                        self._finish_batch(pending, tally)
                        pending = []
        except SourceError as error:
            self.unreadable(error)
            pending = []
            if not dry_run and tally.total:
                notes.append(f"The rows before row {error.row or 'the fault'} were imported in batches; "
                              "the rest were not read")
        if pending:
            self._finish_batch(pending, tally)
        header_failed = self.header is None or bool(self.header.missing) or (self.problems and not self.rows_read)
        outcome = None if header_failed else Outcome(counts=[("Rows imported", tally.imported)])
        return self.result(notes, outcome, tally)

    def _finish_batch(self, pending: list[tuple[SourceRow, Any]], tally: Tally) -> None:
        batch = Tally()
        rejections: list[Rejection] = []
        good: list[tuple[SourceRow, Any, Hashable]] = []
        for row, record in pending:
            if record is None or not row.ok:
                batch.rejected += 1
                rejections.append(self._rejection(row))
                continue
            key = self.key(record)
            digest = _digest(key)
            if digest in self._seen:
                batch.duplicates += 1
                continue
            self._seen.add(digest)
            good.append((row, record, key))
        found = self.existing([key for _, _, key in good]) if good else {}
        new, changed = [], []
        for _row, record, key in good:
            if key not in found:
                new.append(record)
            elif self.on_existing == "update" and found[key] != self.fingerprint(record):
                changed.append(record)
            elif self.on_existing == "update":
                batch.unchanged += 1
                continue
            else:
                batch.duplicates += 1
                continue
            batch.imported += 1
            batch.flagged += self.is_flagged(record)
        done = Batch(pending[-1][0].number, batch, rejections)
        if self._dry_run:
            if self._on_batch is not None:
                self._on_batch(done)
        else:
            with transaction.atomic(), acting_as(self.user, f"Import of {self.filename}"):
                if new or changed:
                    self.save_batch(new, changed)
                if self._on_batch is not None:
                    self._on_batch(done)
        for name in ("imported", "unchanged", "duplicates", "rejected", "flagged"):
            setattr(tally, name, getattr(tally, name) + getattr(batch, name))
        self.progress("Checking rows" if self._dry_run else "Importing rows", tally.total, self.rows_total)

    def _rejection(self, row: SourceRow) -> Rejection:
        reasons = [{"column": column, "message": message} for column, message in row.reasons]
        if not reasons:
            reasons = [{"column": "", "message": f"This row does not describe a {self.noun}"}]
        return Rejection(row.number, [cells.text(value) for value in row.raw], reasons)
