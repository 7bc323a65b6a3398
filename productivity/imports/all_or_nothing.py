"""Importers of records that must arrive whole: any bad row and nothing is saved.

A subclass turns one row into a record (``parse_row``), checks the records against each other
(``check``) and saves them (``save``) through its domain's services. Rows are read and checked
outside any transaction; only the save holds the database's write lock, in one short transaction.
"""

import abc
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from productivity.audit.context import acting_as
from productivity.imports.base import Importer, ImportResult, Outcome, RowRefused, SourceRow, Tally
from productivity.imports.problems import Problem
from productivity.imports.sources import SourceError


class AllOrNothingImporter(Importer):
    accounted = False

    @abc.abstractmethod
    def parse_row(self, row: SourceRow) -> Any:
        """Turn one row into a record, recording problems on ``row``; None if it names nothing usable."""

    def check(self, records: list[Any]) -> None:
        """Problems that only show across rows: the same record twice, rows that disagree (none by default)."""
        return None

    @abc.abstractmethod
    def save(self, records: list[Any], outcome: Outcome) -> None:
        """Save every record through the services; raise RowRefused if one is refused."""

    def run(self, fileobj: BinaryIO, *, dry_run: bool = False) -> ImportResult:
        """Check the whole file, then save it in one transaction only if no row has a problem.

        With ``dry_run`` nothing is written: ``plan`` counts what the save would change.
        """
        notes: list[str] = []
        records: list[Any] = []
        self.progress("Reading the file", 0, self.rows_total)
        try:
            with self.open(fileobj) as table:
                notes = table.notes
                most = settings.IMPORT_ALL_OR_NOTHING_MAX_ROWS
                for row in self.data_rows(table):
                    if self.rows_read > most:
                        # Saved whole in one transaction: a bounded file keeps that transaction short.
                        self.problem(row.number, "", f"The file has more than {most:,} rows, the most a file of "
                                                     f"{self.title.lower()} may have (IMPORT_ALL_OR_NOTHING_MAX_ROWS):"
                                                     " split it into smaller files")
                        break
                    # A row with problems still takes part in the checks across rows, so that one upload
                    # reports everything; nothing is saved while any problem remains.
                    record = self.parse_row(row)
                    if record is not None:
                        records.append(record)
                    if self.rows_read % 500 == 0:
                        self.progress("Checking rows", self.rows_read, self.rows_total)
        except SourceError as error:
            self.unreadable(error)
        self.check(records)
        outcome = None
        if not self.problems and dry_run:
            self.progress("Checking the changes", self.rows_read, self.rows_read)
            outcome = Outcome()
            self.plan(records, outcome)
            outcome = None if self.problems else outcome
        elif not self.problems:
            self.progress("Saving", self.rows_read, self.rows_read)
            outcome = self._save(records)
        return self.result(notes, outcome, self._tally(outcome))

    def plan(self, records: list[Any], outcome: Outcome) -> None:
        """Count what ``save`` would create, change and leave alone, without writing anything.

        By default the save runs and is rolled back, which holds the database's write lock meanwhile:
        importers that can tell what would change without saving override it.
        """
        with transaction.atomic(), acting_as(self.user, f"Import of {self.filename}"):
            try:
                self.save(records, outcome)
            except RowRefused as refused:
                self.problems.add(Problem(self.filename, refused.row, refused.column, str(refused)))
            transaction.set_rollback(True)

    def _tally(self, outcome: Outcome | None) -> Tally:
        if outcome is None:
            return Tally(rejected=self.rows_read)  # nothing is saved from a file with a problem
        unchanged = min(outcome.unchanged_rows, self.rows_read)
        return Tally(imported=self.rows_read - unchanged, unchanged=unchanged)

    def _save(self, records: list[Any]) -> Outcome | None:
        outcome = Outcome()
        try:
            with transaction.atomic(), acting_as(self.user, f"Import of {self.filename}"):
                self.save(records, outcome)
        except RowRefused as refused:
            self.problems.add(Problem(self.filename, refused.row, refused.column, str(refused)))
            return None
        return outcome

    def refused(self, row: int, error: ValidationError, columns: dict[str, str]) -> RowRefused:
        """A RowRefused for a service's ValidationError, naming the column of the first field it names."""
        if hasattr(error, "error_dict"):
            name, errors = next(iter(error.error_dict.items()))
            key = columns.get(name, "")
            return RowRefused(row, self.column_name(key), " ".join(e for err in errors for e in err.messages))
        return RowRefused(row, "", " ".join(error.messages))
