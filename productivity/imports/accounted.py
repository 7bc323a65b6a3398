"""Bulk importers that account for every row: good rows are saved, bad rows are kept with their reasons.

Rows are read and checked outside any transaction, then saved in batches, each batch (its records,
its rejected rows and the run's checkpoint) in one short transaction. A job stopped part way has
saved whole batches only, and resumes after the last one. For every file,
imported + unchanged + duplicates + rejected = the data rows in the file.

An importer whose fields each come from one cell declares a parser per field (``cell_parsers``) and
builds its record from their values (``record``). Its rows are then read without an object per row,
and each distinct cell is parsed once: a file of a million rows names a few hundred organisations and
a few thousand dates. The answers (records, rejected rows and their reasons, counts) are those of
reading the rows one by one through ``parse_row``, which such an importer gets for free.

An import saves its batches in a thread with its own database connection (``writer.BatchWriter``) while
the next batch is read, so the time goes on the slower of the two, not on both. ``existing`` and
``save_batch`` therefore run in that thread: they may keep state of their own, but must not share it with
parsing. Dry runs, and imports run inside a transaction the caller holds open (which another connection
could neither see nor join), read and save in turn on the caller's connection.

An importer may also keep a CSV file's batches as polars columns from its cells on (``framed``): its
records are then one object a batch (``frame_records``), and nothing after reading a row touches it alone
but for the rows rejected. The answers are still those of reading the rows one by one.

An importer whose saving is mostly Python work (deciding each new supplier, adding up summaries) can do that
work while reading instead (``prepares_while_reading``): the batch's keys are looked up and its records
prepared (``prepare_batch``) in the reading thread, on its own connection, and the writer thread only writes
what was prepared (``save_prepared``) in the batch's transaction. The writer then spends its time waiting on
the database, which lets the reading thread run, rather than holding the interpreter itself.
"""

import abc
import contextlib
import hashlib
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, BinaryIO, ClassVar

import polars as pl
from django.db import transaction

from productivity.audit.context import acting_as
from productivity.imports import cells
from productivity.imports.base import PREVIEW_ROWS, Importer, ImportResult, Outcome, SourceRow, Tally, too_long_message
from productivity.imports.collection import fewer_collections
from productivity.imports.columns import parse_cell, remembered
from productivity.imports.columns import parse_column as columns_parse
from productivity.imports.frames import ToFrame
from productivity.imports.frames import parse_column as frame_parse
from productivity.imports.problems import Problem
from productivity.imports.sources import SourceError
from productivity.imports.writer import BatchWriter


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


@dataclass
class _Sorted:
    """A batch as reading leaves it: rejected rows and duplicates within the file counted, the rest to look up."""

    last_row: int
    tally: Tally
    rejections: list[Rejection]
    good: Any  # [(record, key)], or (``framed``) the records of frame_records
    prepared: Any = None  # what prepare_batch made of it while reading (prepares_while_reading), else None


NOTHING_TO_SAVE = object()  # a batch's preparation when none of its records is new or changed (or a dry run)
OnBatch = Callable[[Batch], None]
CellParser = Callable[[object], Any]  # a cell to a value, None for a blank cell, ValueError saying what is accepted
# What reading one row gave: (row number, record or None when rejected, [(column, message)], every cell).
Entry = tuple[int, Any, list[tuple[str, str]], tuple]


def _digest(key: Hashable) -> int:
    """A 64-bit digest of a record's key: the file's keys cost 8 bytes each to remember, not a record each."""
    return int.from_bytes(hashlib.blake2b(repr(key).encode(), digest_size=8).digest(), "big")


class AccountedImporter(Importer):
    """Subclasses parse a row, say what identifies a record (``key``), find the keys already recorded
    (``existing``) and save a batch (``save_batch``), with bulk inserts rather than a save per row.

    To parse a row, either override ``parse_row``, or declare ``cell_parsers`` and ``record``.
    """

    accounted = True
    batch_size: ClassVar[int] = 5000
    # "duplicate": a record already saved is counted as a duplicate and left alone (spend lines).
    # "update": it is replaced when the row differs, counted unchanged when it does not (assets).
    on_existing: ClassVar[str] = "duplicate"
    # A record that depends on the rows before it (which occurrence of an identical-looking line it is):
    # a resumed import reads the rows it saved before again, through ``record``, without saving them.
    rereads_saved_rows: ClassVar[bool] = False
    # Read each batch's cells a column at a time (``columns.parse_column``) and build its records together
    # (``records``): for importers with ``cell_parsers``. The answers are those of reading row by row.
    columnar: ClassVar[bool] = False
    # An importer whose table refuses a key saved already (a unique index) can find those keys as it saves
    # rather than look them up first: its ``save_prepared`` then returns how many of the batch's new records it
    # found saved already, having saved the rest. A file's first batch is looked up; once a batch's look-up finds
    # none of its keys saved (a new file), the batches after it are saved without one, until saving one finds
    # some after all (a file overlapping one imported before, or someone importing the same file at once). For
    # on_existing = "duplicate" importers that flag nothing. Dry runs always look up: they save nothing.
    finds_saved_keys_when_saving: ClassVar[bool] = False
    # Read a CSV file's batches into polars columns (``imports.frames``) and make each batch's records together,
    # as one object (``frame_records``): for on_existing = "duplicate" importers with ``cell_parsers``. A workbook
    # (typed cells) is read as ``columnar`` says.
    framed: ClassVar[bool] = False
    # An import's first batches are smaller: this many rows, then twice as many, and so on up to ``batch_size``.
    # The thread saving batches starts on the first sooner, instead of waiting while a whole batch is read. Checks
    # (dry runs) save nothing, and read batch_size rows at a time. 0: every batch is batch_size rows.
    first_batch_size: ClassVar[int] = 0
    # Batches saved in one transaction until it holds this many rows (0: each batch commits on its own), so that
    # work done once a transaction (``transaction_ending``: the spend summaries) is done less often. The rows are
    # streamed to the database batch by batch all the same; a stopped import carries on from the last commit.
    # PostgreSQL only: on SQLite a transaction that writes holds the database's one write lock until it commits.
    rows_per_transaction: ClassVar[int] = 0

    def cell_parsers(self) -> dict[str, CellParser] | None:
        """{field key: parser} when each field comes from its own cell. A parser is a pure function of the
        cell (the same cell always gives the same value or the same ValueError), so each distinct cell
        is parsed once. None (the default): the importer overrides ``parse_row`` instead."""
        return None

    def record(self, values: dict[str, Any]) -> Any:
        """The record the parsed values make (for importers that declare ``cell_parsers``)."""
        raise NotImplementedError(f"{type(self).__name__} declares cell_parsers, so it must build a record")

    def records(self, columns: dict[str, list], rows: list[int]) -> list[Any]:
        """The records of the rows at ``rows`` of a batch read by column ({field key: every row's value}), in
        order: ``record`` of each by default. An importer may build them together, as ``record`` would."""
        keys = list(columns)
        return [self.record({key: columns[key][index] for key in keys}) for index in rows]

    def frame_types(self) -> dict[str, tuple[pl.DataType, ToFrame]]:
        """(``framed``) {field key: (the polars type of its column, a parsed value as the column holds it)}: text
        as it is, by default."""
        return dict.fromkeys(self.cell_parsers() or {}, (pl.String, str))

    def frame_records(self, columns: dict[str, pl.Series]) -> Any:
        """(``framed``) The records of these rows (every field's column, nulls where blank), in order, as one object
        with ``len``, ``keys()`` (``key`` of each, in order), ``where(mask)`` (those a boolean Series keeps) and
        ``then(other)`` (them followed by ``other``'s)."""
        raise NotImplementedError(f"{type(self).__name__} is framed, so it must make its records together")

    def records_frame(self, records: list[Any]) -> Any:
        """(``framed``) Records made one by one (``record``: the rows shown on the check page) as ``frame_records``
        makes them."""
        raise NotImplementedError(f"{type(self).__name__} is framed, so it must make its records together")

    def digest(self, key: Hashable) -> int:
        """A 64-bit digest of a record's key, to remember which keys the file has given."""
        return _digest(key)

    def keys(self, records: list[Any]) -> list[Hashable]:
        """``key`` of each of a batch's records (an importer may work them out together)."""
        return list(map(self.key, records))

    def digests(self, keys: list[Hashable]) -> list[int]:
        """``digest`` of each of a batch's keys (an importer may work them out together)."""
        return list(map(self.digest, keys))

    def parse_row(self, row: SourceRow) -> Any:
        """One row as a record, recording problems on ``row``; a row with a problem is rejected."""
        parsers = self.cell_parsers()
        if parsers is None:
            raise NotImplementedError(f"{type(self).__name__} must override parse_row or declare cell_parsers")
        values = {}
        for key, parser in parsers.items():
            value = values[key] = row.parse(key, parser)
            if value is None and self._required(key) and self.column_name(key) not in dict(row.reasons):
                row.problem(key, self.blank_message(key))
        if not row.ok and (said := self.rejected_row_note(values, row.reasons)) is not None:
            row.problem(*said)
        return self.record(values) if row.ok else None

    def rejected_row_note(self, values: dict[str, Any], reasons: list[tuple[str, str]]) -> tuple[str, str] | None:
        """For a row rejected already (``values``: each field as parsed, None when blank or unreadable;
        ``reasons``: its cells' problems, as (column, message)), a (field, message) saying what the row as a whole
        looks like, told after them; None: nothing to add. Only rejected rows are asked."""
        return None

    def _noted(self, reasons: list[tuple[str, str]], values: dict[str, Any]) -> None:
        said = self.rejected_row_note(values, reasons)
        if said is not None:
            reasons.append((self.column_name(said[0]), said[1]))

    def blank_message(self, key: str) -> str:
        """What a blank cell in a required column is told."""
        found = self.field(key)
        return f"Enter the {found.header.lower()}: {found.accepts}"

    def _required(self, key: str) -> bool:
        found = self.field(key)
        return found is not None and found.required

    @abc.abstractmethod
    def key(self, record: Any) -> Hashable:
        """What identifies the record: the same key twice is the same record."""

    def fingerprint(self, record: Any) -> Hashable:
        """What the record says, to tell an unchanged record from a changed one (on_existing = "update")."""
        return record

    @abc.abstractmethod
    def existing(self, keys: list[Hashable]) -> dict[Hashable, Hashable]:
        """{key: fingerprint} of the records already saved among ``keys``."""

    def save_batch(self, new: list[Any], changed: list[Any]) -> None:
        """Save a batch of new and changed records (bulk inserts and updates), inside the batch's transaction. An
        importer that prepares its batches (``prepare_batch``) saves them in ``save_prepared`` instead."""
        raise NotImplementedError(f"{type(self).__name__} must override save_batch, or prepare_batch and save_prepared")

    def prepares_while_reading(self) -> bool:
        """Whether ``existing`` and ``prepare_batch`` run in the reading thread (on its own connection, outside the
        batch's transaction) rather than in the writer's. Only for an importer whose preparation writes nothing."""
        return False

    def prepare_batch(self, new: list[Any], changed: list[Any]) -> Any:
        """What ``save_prepared`` is given for a batch's new and changed records: them, by default."""
        return new, changed

    def save_prepared(self, prepared: Any) -> int | None:
        """Save what ``prepare_batch`` made, inside the batch's transaction: ``save_batch`` by default. An importer
        that ``finds_saved_keys_when_saving`` returns how many of its new records were found saved already."""
        self.save_batch(*prepared)
        return None

    def transaction_ending(self, committing: bool) -> None:
        """Called in the saving transaction before it commits (``committing``: save what waits for the commit), or
        after it was rolled back (forget it)."""

    def after_saving(self) -> list[str]:
        """Once the last batch is saved (not in a dry run): anything to do then, and notes saying what it did."""
        return []

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
        self._looking_up = True  # see finds_saved_keys_when_saving
        self._open: transaction.Atomic | None = None  # the saving transaction, while open
        self._open_rows = 0  # the rows of the batches saved in it
        self._unrecorded: list[Batch] = []  # its batches, for on_batch to record before it commits
        notes: list[str] = []
        pending: list[Entry] = []
        self.progress(self._doing(), tally.total, self.rows_total)
        try:
            with fewer_collections(), self.open(fileobj) as table, self._saving(tally) as save:
                notes = table.notes
                if self._reads_frames(table):
                    for batch in self._framed_batches(table, resume_after):
                        save(batch)
                else:
                    limit = self._batch_rows(0)
                    for entry in self._entries(table, resume_after):
                        pending.append(entry)
                        if len(pending) >= limit:
                            save(self._sorted(pending))
                            pending, limit = [], self._batch_rows(limit)
                    if pending:
                        save(self._sorted(pending))
        except SourceError as error:
            self.unreadable(error)
            if not dry_run and tally.total:
                notes.append(f"The rows before row {error.row or 'the fault'} were imported in batches; "
                              "the rest were not read")
        if not dry_run:
            notes.extend(self.after_saving())
        header_failed = self.header is None or bool(self.header.missing) or (self.problems and not self.rows_read)
        outcome = None if header_failed else Outcome(counts=[("Rows imported", tally.imported)])
        return self.result(notes, outcome, tally)

    # ---- reading rows ------------------------------------------------------------------------------

    def _batch_rows(self, before: int) -> int:
        """How many rows the next batch holds, after one of ``before`` rows (0: the first batch)."""
        if self._dry_run or not self.first_batch_size:
            return self.batch_size
        return min(self.batch_size, before * 2 if before else self.first_batch_size)

    def _reads_frames(self, table) -> bool:
        return (self.framed and table.text_only and self.on_existing == "duplicate"
                and self.cell_parsers() is not None and type(self).parse_row is AccountedImporter.parse_row)

    def _entries(self, table, resume_after: int) -> Iterator[Entry]:
        parsers = self.cell_parsers()
        if parsers is None or type(self).parse_row is not AccountedImporter.parse_row:
            for row in self.data_rows(table):
                if row.number > resume_after:
                    yield self._entry(row, self.parse_row(row))
                elif self.rereads_saved_rows:
                    self.parse_row(row)
            return
        if self.columnar:
            yield from self._column_cells(table, parsers, resume_after)
            return
        yield from self._parsed_cells(table, parsers, resume_after)

    def _entry(self, row: SourceRow, record: Any) -> Entry:
        return row.number, record if row.ok else None, row.reasons, row.raw

    def _previewed(self, number: int, mapped: dict, values, too_long, resume_after: int) -> Entry | None:
        """A row the check page shows, kept and parsed as a SourceRow: its entry, or None when an earlier pass of
        a resumed run saved (or rejected) it already (read again only where the importer counts over the file)."""
        row = SourceRow(self, number, mapped, values)
        for key in too_long:
            row.problem(key, too_long_message(mapped[key], self.limits.cell_chars))
            row.values[key] = None
        self.preview_rows.append(row)
        if number > resume_after:
            return self._entry(row, self.parse_row(row))
        if self.rereads_saved_rows:
            self.parse_row(row)
        return None

    def _parsed_cells(self, table, parsers: dict[str, CellParser], resume_after: int) -> Iterator[Entry]:
        """The rows of ``data_rows`` read through ``parse_row``, without a SourceRow each (but the previewed)."""
        cell_chars = self.limits.cell_chars
        problems, filename, make_record = self.problems, self.filename, self.record
        reread = self.rereads_saved_rows
        steps = []
        for number, mapped, values, too_long in self.data_cells(table):
            if not steps:  # the header has been read: columns are named as the file heads them
                columns = {key: self.column_name(key) for key in parsers}
                steps = [(key, parser, {}, columns[key], self.blank_message(key) if self._required(key) else None)
                         for key, parser in parsers.items()]
            if len(self.preview_rows) < PREVIEW_ROWS:
                entry = self._previewed(number, mapped, values, too_long, resume_after)
                if entry is not None:
                    yield entry
                continue
            if number <= resume_after and not reread:
                continue
            reasons: list[tuple[str, str]] = []
            for key in too_long:
                reasons.append((columns[key], too_long_message(mapped[key], cell_chars)))
                mapped[key] = None
            parsed = {}
            for key, parser, memo, column, blank in steps:
                cell = mapped.get(key)
                if type(cell) is str:
                    value, error = memo.get(cell) or remembered(parser, memo, cell)
                else:
                    value, error = parse_cell(parser, cell)
                if error is not None:
                    reasons.append((column, error))
                elif value is None and blank is not None and not any(c == column for c, _ in reasons):
                    reasons.append((column, blank))
                parsed[key] = value
            if number <= resume_after:  # read again for the records after it; saved (or rejected) before
                if not reasons:
                    make_record(parsed)
            elif reasons:
                self._noted(reasons, parsed)
                for column, message in reasons:
                    problems.add(Problem(filename, number, column, message))
                yield number, None, reasons, values
            else:
                yield number, make_record(parsed), reasons, values

    def _column_cells(self, table, parsers: dict[str, CellParser], resume_after: int) -> Iterator[Entry]:
        """The rows of ``_parsed_cells``, read a batch at a time, column by column."""
        reread = self.rereads_saved_rows
        steps: list = []
        chunk: list = []
        for item in self.data_values(table):
            if not steps:
                steps = self._steps(parsers)
            number = item[0]
            if len(self.preview_rows) < PREVIEW_ROWS:  # rows shown on the check page: one by one, as they are
                mapped = self.keyed(item[1])
                entry = self._previewed(number, mapped, item[2], self.too_long(mapped, item[2]), resume_after)
                if entry is not None:
                    yield entry
                continue
            if number <= resume_after and not reread:
                continue
            chunk.append(item)
            if len(chunk) >= self.batch_size:
                yield from self._column_batch(chunk, steps, resume_after)
                chunk = []
        if chunk:
            yield from self._column_batch(chunk, steps, resume_after)

    def _column_batch(self, chunk: list, steps: list, resume_after: int) -> Iterator[Entry]:
        """``chunk``'s entries: [(row number, cells, cells as the file has them)] (``data_values``), parsed."""
        cells_by_step, long_messages = self._cells_by_step(chunk, steps)
        columns, failed = {}, []
        bad = set(long_messages)
        for (key, parser, memo, column, blank), cells_of in zip(steps, cells_by_step, strict=True):
            values, errors = columns_parse(parser, memo, cells_of)
            columns[key] = values
            failed.append((column, errors, blank, values))
            bad.update(errors)
            if blank is not None and None in values:
                bad.update(index for index, value in enumerate(values) if value is None)
        good = [index for index in range(len(chunk)) if index not in bad] if bad else list(range(len(chunk)))
        made = iter(self.records(columns, good))
        for index, (number, _, values) in enumerate(chunk):
            if index not in bad:
                record = next(made)
                if number > resume_after:
                    yield number, record, [], values
            elif number > resume_after:
                yield number, None, self._refused(number, index, long_messages, failed, columns), values

    def _steps(self, parsers: dict[str, CellParser]) -> list:
        """(key, parser, its memory of cells, column as the file heads it, message for a blank required cell) of
        each field, once the header has been read."""
        return [(key, parser, {}, self.column_name(key), self.blank_message(key) if self._required(key) else None)
                for key, parser in parsers.items()]

    def _cells_by_step(self, chunk: list, steps: list, *, text: bool = False) -> tuple[list, dict[int, list]]:
        """``chunk``'s cells a list for each step (``text``: a polars column of text, for a CSV file's cells, which
        polars measures at once), those too long for a cell made None; and {index: [(column, message)]} saying
        which were, in the order of the file's columns, as reading row by row tells them."""
        cell_chars = self.limits.cell_chars
        positions = [self.field_columns.get(step[0]) for step in steps]
        cells_by_step = _columns(chunk, positions)
        if text:
            cells_by_step = [pl.Series(cells_of, dtype=pl.String) for cells_of in cells_by_step]
        long_messages: dict[int, list[tuple[str, str]]] = {}
        for _, index in sorted((position, index) for index, position in enumerate(positions) if position is not None):
            cells_of = cells_by_step[index]
            too_long = (cells_of.str.len_chars() > cell_chars).arg_true().to_list() if text \
                else _too_long(cells_of, cell_chars)
            for at in too_long:
                long_messages.setdefault(at, []).append((steps[index][3], too_long_message(cells_of[at], cell_chars)))
            if too_long:
                cells_by_step[index] = _blanked(cells_of, too_long)
        return cells_by_step, long_messages

    def _refused(self, number: int, index: int, long_messages: dict, failed: list, columns: dict) -> list:
        """The reasons the row at ``index`` of a batch read by column is rejected, recorded as its problems.
        ``failed``: (column, {index: message}, blank message, values) of each step; ``columns``: {key: values}."""
        reasons = list(long_messages.get(index, ()))
        for column, errors, blank, parsed in failed:
            error = errors.get(index)
            if error is not None:
                reasons.append((column, error))
            elif parsed[index] is None and blank is not None and not any(c == column for c, _ in reasons):
                reasons.append((column, blank))
        self._noted(reasons, {key: values[index] for key, values in columns.items()})
        for column, message in reasons:
            self.problems.add(Problem(self.filename, number, column, message))
        return reasons

    def _framed_batches(self, table, resume_after: int) -> Iterator[_Sorted]:
        """The batches ``run`` would gather from ``_column_cells``' entries (``batch_size`` rows each, counted as
        those entries are), read a batch at a time into columns (``framed``)."""
        parsers = self.cell_parsers()
        reread = self.rereads_saved_rows
        steps: list = []
        entries: list[Entry] = []  # the batch's rows shown on the check page, read one by one
        chunk: list = []  # its other rows, and rows before the checkpoint read again
        count = 0  # the rows the batch accounts for
        limit = self._batch_rows(0)
        for item in self.data_values(table):
            if not steps:
                steps = self._steps(parsers)
            number = item[0]
            if len(self.preview_rows) < PREVIEW_ROWS:
                mapped = self.keyed(item[1])
                entry = self._previewed(number, mapped, item[2], self.too_long(mapped, item[2]), resume_after)
                if entry is not None:
                    entries.append(entry)
                    count += 1
            elif number <= resume_after:
                if reread:
                    chunk.append(item)
                    if len(chunk) >= self.batch_size and not count:  # read again for the records after them
                        self._framed_batch(entries, chunk, steps, resume_after)
                        chunk = []
                continue
            else:
                chunk.append(item)
                count += 1
            if count >= limit:
                yield self._framed_batch(entries, chunk, steps, resume_after)
                entries, chunk, count, limit = [], [], 0, self._batch_rows(limit)
        if count or chunk:
            batch = self._framed_batch(entries, chunk, steps, resume_after)
            if count:
                yield batch

    def _framed_batch(self, entries: list[Entry], chunk: list, steps: list, resume_after: int) -> _Sorted:
        """``_sorted`` of a batch read as ``_framed_batches`` reads it."""
        shown, batch, rejections = self._rejected_apart(entries)
        records, refused = self._frame_chunk(chunk, steps, resume_after)
        for number, reasons, raw in refused:
            batch.rejected += 1
            rejections.append(self._rejection(number, reasons, raw))
        if shown:
            records = self.records_frame(shown).then(records)
        kept = self._first_given(records.keys())
        if repeated := kept.count(False):
            batch.duplicates += repeated
            records = records.where(pl.Series(kept, dtype=pl.Boolean))
        after = [item[0] for item in chunk if item[0] > resume_after]
        return self._done(_Sorted(after[-1] if after else entries[-1][0] if entries else 0, batch, rejections,
                                  records))

    def _frame_chunk(self, chunk: list, steps: list, resume_after: int) -> tuple[Any, list[tuple[int, list, tuple]]]:
        """The records of ``chunk``'s good rows after the checkpoint (``frame_records``; those before it made too,
        then left out), and its rejected rows after it: [(row number, [(column, message)], cells as the file has
        them)], their problems recorded. As ``_column_batch`` reads them."""
        types = self.frame_types()
        cells_by_step, long_messages = self._cells_by_step(chunk, steps, text=True)
        columns, failed = {}, []
        bad = set(long_messages)
        for (key, parser, memo, column, blank), cells_of in zip(steps, cells_by_step, strict=True):
            values, errors = frame_parse(parser, memo, cells_of, *types[key])
            columns[key] = values
            failed.append((column, errors, blank, values))
            bad.update(errors)
            if blank is not None and values.null_count():
                bad.update(values.is_null().arg_true().to_list())
        numbers = pl.Series([item[0] for item in chunk], dtype=pl.Int64)
        if bad:
            good = pl.Series(sorted(set(range(len(chunk))) - bad), dtype=pl.UInt32)
            kept = {key: values.gather(good) for key, values in columns.items()}
            numbers_kept = numbers.gather(good)
        else:
            kept, numbers_kept = columns, numbers
        records = self.frame_records(kept)
        if len(chunk) and chunk[0][0] <= resume_after:  # read again for the records after them; saved before
            records = records.where(numbers_kept > resume_after)
        refused = []
        for index in sorted(bad):
            number, _, raw = chunk[index]
            if number > resume_after:
                refused.append((number, self._refused(number, index, long_messages, failed, columns), raw))
        return records, refused

    # ---- saving batches ----------------------------------------------------------------------------

    def _doing(self) -> str:
        return "Checking rows" if self._dry_run else "Importing rows"

    @contextlib.contextmanager
    def _saving(self, tally: Tally) -> Iterator[Callable[[_Sorted], None]]:
        """What saves each batch (adding its counts to ``tally``): in a thread of its own when importing. The
        batches handed over are saved, and committed, whatever stops the caller."""
        if self._dry_run or transaction.get_connection().in_atomic_block:
            def save_now(batch: _Sorted) -> None:
                self._save(batch, tally)
                self.progress(self._doing(), tally.total, self.rows_total)

            try:
                yield save_now
            finally:
                self._commit()
            return
        with BatchWriter(lambda batch: self._save(batch, tally), finish=self._commit,
                         name=f"import-writer-{self.filename}") as writer:
            def hand_over(batch: _Sorted) -> None:
                writer.put(batch)
                self.progress(self._doing(), tally.total, self.rows_total)  # the rows saved so far

            yield hand_over
        self.progress(self._doing(), tally.total, self.rows_total)

    def _sorted(self, pending: list[Entry]) -> _Sorted:
        """Rejected rows kept with their reasons, rows the file has already given counted as duplicates."""
        records, batch, rejections = self._rejected_apart(pending)
        good: list[tuple[Any, Hashable]] = []
        keys = self.keys(records)
        kept = self._first_given(keys)
        batch.duplicates += kept.count(False)
        good = [(record, key) for record, key, first in zip(records, keys, kept, strict=True) if first]
        return self._done(_Sorted(pending[-1][0], batch, rejections, good))

    def _first_given(self, keys: list[Hashable]) -> list[bool]:
        """For each key, whether the file gives it here for the first time (a later one is a duplicate)."""
        seen, first = self._seen, []
        for digest in self.digests(keys):
            first.append(digest not in seen)
            seen.add(digest)
        return first

    def _done(self, sorted_batch: _Sorted) -> _Sorted:
        """The batch, prepared for saving while reading where the importer says so."""
        if not self._dry_run and self.prepares_while_reading():
            sorted_batch.prepared = self._prepared(sorted_batch)
        return sorted_batch

    def _rejected_apart(self, entries: list[Entry]) -> tuple[list[Any], Tally, list[Rejection]]:
        """The entries' records, and a tally counting the rejected rows, kept with their reasons."""
        batch = Tally()
        rejections: list[Rejection] = []
        records = []
        for number, record, reasons, raw in entries:
            if record is None:
                batch.rejected += 1
                rejections.append(self._rejection(number, reasons, raw))
            else:
                records.append(record)
        return records, batch, rejections

    def _save(self, sorted_batch: _Sorted, tally: Tally) -> None:
        """Look the batch's records up and save it (in the saving transaction, with what ``on_batch`` records)."""
        batch = sorted_batch.tally
        done = Batch(sorted_batch.last_row, batch, sorted_batch.rejections)
        if self._dry_run:
            if sorted_batch.prepared is None:
                self._prepared(sorted_batch)
            if self._on_batch is not None:
                self._on_batch(done)
        else:
            if self._open is None:
                self._open = transaction.atomic()
                self._open.__enter__()
                _commit_without_waiting_for_disk()
            try:
                prepared = sorted_batch.prepared if sorted_batch.prepared is not None else self._prepared(sorted_batch)
                with acting_as(self.user, f"Import of {self.filename}"):
                    if prepared is not NOTHING_TO_SAVE and (found := self.save_prepared(prepared)):
                        batch.imported -= found  # saved already after all: a later batch is looked up first again
                        batch.duplicates += found
                        self._looking_up = True
            except BaseException as fault:
                self._rolled_back(fault)
                raise
            self._unrecorded.append(done)
            self._open_rows += batch.total
            if self._open_rows >= self._transaction_rows():
                self._commit()
        for name in ("imported", "unchanged", "duplicates", "rejected", "flagged"):
            setattr(tally, name, getattr(tally, name) + getattr(batch, name))

    def _transaction_rows(self) -> int:
        return self.rows_per_transaction if transaction.get_connection().vendor == "postgresql" else 0

    def _commit(self) -> None:
        """Commit the saving transaction, if one is open (in an outer one: release its savepoint)."""
        if self._open is None:
            return
        opened = self._open
        try:
            with acting_as(self.user, f"Import of {self.filename}"):
                # Recorded last (the run's checkpoint is an update of its row): the row is locked only for the
                # moment before the commit, not while the batches are saved, so the heartbeat's writes to it
                # (another connection's, every second) never wait long.
                if self._on_batch is not None:
                    for done in self._unrecorded:
                        self._on_batch(done)
                self.transaction_ending(True)
        except BaseException as fault:
            self._rolled_back(fault)
            raise
        self._open, self._open_rows, self._unrecorded = None, 0, []
        opened.__exit__(None, None, None)

    def _rolled_back(self, fault: BaseException) -> None:
        opened, self._open, self._open_rows, self._unrecorded = self._open, None, 0, []
        opened.__exit__(type(fault), fault, fault.__traceback__)
        self.transaction_ending(False)

    def _prepared(self, sorted_batch: _Sorted) -> Any:
        """The batch looked up and, unless a dry run or nothing in it is new or changed, prepared for saving."""
        new, changed = self._partition(sorted_batch)
        if self._dry_run or not (new or changed):
            return NOTHING_TO_SAVE
        return self.prepare_batch(new, changed)

    def _partition(self, sorted_batch: _Sorted) -> tuple[list[Any], list[Any]]:
        """The batch's new and changed records, once its keys are looked up (counting the rest on its tally)."""
        batch, good = sorted_batch.tally, sorted_batch.good
        found: dict[Hashable, Hashable] = {}
        may_skip = self.finds_saved_keys_when_saving and not self._dry_run
        if not isinstance(good, list):  # a framed batch's records: new unless saved already (on_existing: duplicate)
            keys = good.keys()
            if keys and (self._looking_up or not may_skip):
                found = self.existing(keys)
                self._looking_up = bool(found) or not may_skip
            new = good.where(pl.Series([key not in found for key in keys], dtype=pl.Boolean)) if found else good
            batch.imported += len(new)
            batch.duplicates += len(keys) - len(new)
            return new, []
        if good and (self._looking_up or not may_skip):
            found = self.existing([key for _, key in good])
            self._looking_up = bool(found) or not may_skip
        new, changed = [], []
        for record, key in good:
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
        return new, changed

    def _rejection(self, number: int, reasons: list[tuple[str, str]], raw: tuple) -> Rejection:
        kept = [{"column": column, "message": message} for column, message in reasons]
        if not kept:
            kept = [{"column": "", "message": f"This row does not describe a {self.noun}"}]
        return Rejection(number, [cells.text(value) for value in raw], kept)


def _commit_without_waiting_for_disk() -> None:
    """Let PostgreSQL end this batch's transaction without waiting for it to reach the disk. A batch and the
    run's checkpoint commit together, so if the server itself stopped before writing the last few batches out,
    they and their checkpoint would be lost together and the import would carry on from the checkpoint that
    was written (nothing half saved, nothing counted twice). A stopped worker loses nothing: only a stopped
    server can."""
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _columns(chunk: list, positions: list[int | None]) -> list[list]:
    """The chunk's cells (``data_values``' rows) a list for each position (None: a field the file does not have)."""
    rows = [item[1] for item in chunk]
    return [list(map(itemgetter(position), rows)) if position is not None else [None] * len(rows)
            for position in positions]


def _blanked(cells_of: list | pl.Series, indexes: list[int]) -> list | pl.Series:
    """The cells with those at ``indexes`` made None."""
    if isinstance(cells_of, pl.Series):
        return cells_of.scatter(indexes, None)
    for index in indexes:
        cells_of[index] = None
    return cells_of


def _too_long(cells_of: list, cell_chars: int) -> list[int]:
    """The indexes of the text cells longer than a cell may be."""
    try:
        if max(map(len, cells_of), default=0) <= cell_chars:
            return []
    except TypeError:  # typed cells (Excel), or None
        pass
    return [index for index, cell in enumerate(cells_of) if type(cell) is str and len(cell) > cell_chars]
