"""The base importer: read every row, collect every problem, then save every row or none.

A subclass lists its columns (``fields``), turns one row into a record (``parse_row``), checks
the records against each other (``check``) and saves them (``save``) through the programme's
services. Problems name the file, the row as Excel numbers it, the column as the file heads it,
what was wrong and what would be accepted.
"""

import abc
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, BinaryIO, ClassVar

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl.utils import get_column_letter

from productivity.accounts.roles import is_programme_team
from productivity.audit.context import acting_as
from productivity.programme.importers import cells
from productivity.programme.importers.sources import Row, SourceError, Table, open_table

HEADER_SEARCH_ROWS = 10  # title rows people put above the header in spreadsheets


@dataclass(frozen=True)
class Field:
    """One column: its heading in the template, other headings accepted, and what its cells accept."""

    key: str
    header: str
    accepts: str
    required: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Outcome:
    """What a successful import did: counts in reading order, and the projects it created or changed."""

    counts: list[tuple[str, int]] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def count(self, label: str, by: int = 1) -> None:
        for index, (existing, number) in enumerate(self.counts):
            if existing == label:
                self.counts[index] = (label, number + by)
                return
        self.counts.append((label, by))

    def touched(self, reference: str) -> None:
        if reference not in self.changed:
            self.changed.append(reference)

    def as_dict(self) -> dict:
        return {"counts": [list(pair) for pair in self.counts], "changed": self.changed}


@dataclass
class ImportResult:
    file: str
    notes: list[str]
    rows: int
    problems: list[Problem]
    outcome: Outcome | None  # None unless every row was saved (or, in a dry run, would have been)


class RowRefused(Exception):
    """A service refused a row while saving: everything saved so far is rolled back."""

    def __init__(self, row: int, column: str, message: str):
        super().__init__(message)
        self.row = row
        self.column = column


class SourceRow:
    """One row of the file. Accessors record a problem and return None rather than raise."""

    def __init__(self, importer: "Importer", number: int, values: dict[str, object]):
        self.importer = importer
        self.number = number
        self.values = values
        self.ok = True

    def given(self, key: str) -> bool:
        return not cells.is_blank(self.values.get(key))

    def problem(self, key: str, message: str) -> None:
        self.ok = False
        self.importer.problem(self.number, key, message)

    def text(self, key: str, *, max_length: int | None = None) -> str:
        value = cells.text(self.values.get(key))
        if max_length and len(value) > max_length:
            self.problem(key, f"This is {len(value)} characters long: use {max_length} characters or fewer")
            return ""
        return value

    def parse(self, key: str, parser: Callable[..., Any], *args: Any) -> Any:
        try:
            return parser(self.values.get(key), *args)
        except ValueError as error:
            self.problem(key, str(error))
            return None


class Importer(abc.ABC):
    """Subclasses set ``kind``, ``noun``, ``fields`` and ``examples`` and implement the three steps.

    One importer reads one file: make a new one for each run.
    """

    kind: ClassVar[str]
    title: ClassVar[str]
    noun: ClassVar[str]
    fields: ClassVar[tuple[Field, ...]]
    examples: ClassVar[tuple[tuple[str, ...], ...]]
    # Columns that only make sense together: if the file has one it must have all.
    together: ClassVar[tuple[tuple[str, ...], ...]] = ()

    def __init__(self, user: Any, *, filename: str, programme_wide: bool = False):
        self.user = user
        self.filename = PurePath(filename).name or "the file"
        # Programme-wide rights: the programme team, or a command run on the server without --as.
        self.programme_wide = programme_wide or is_programme_team(user)
        self.problems: list[Problem] = []
        self.headings: dict[str, str] = {}
        self.rows_read = 0

    # ---- the three steps a subclass provides ---------------------------------------------------

    @abc.abstractmethod
    def parse_row(self, row: SourceRow) -> Any:
        """Turn one row into a record, recording problems on ``row``; None if it names nothing usable."""

    def check(self, records: list[Any]) -> None:
        """Problems that only show across rows: the same record twice, rows that disagree (none by default)."""
        return None

    @abc.abstractmethod
    def save(self, records: list[Any], outcome: Outcome) -> None:
        """Save every record through the services; raise RowRefused if one is refused."""

    # ---- running an import ---------------------------------------------------------------------

    def run(self, fileobj: BinaryIO, *, dry_run: bool = False) -> ImportResult:
        """Validate the whole file, then save it in one transaction only if no row has a problem.

        With ``dry_run`` the save runs and is rolled back, so the outcome shows what would change.
        """
        notes: list[str] = []
        records: list[Any] = []
        try:
            with open_table(fileobj, self.filename, prefer_sheet=self.kind) as table:
                notes = table.notes
                records = self._read(table)
        except SourceError as error:
            self.problems.append(Problem(self.filename, error.row, "", str(error)))
        # Rows that were fine on their own are still checked against each other, so one upload
        # reports every problem in the file.
        self.check(records)
        outcome = None if self.problems else self._save(records, dry_run=dry_run)
        self.problems.sort(key=lambda problem: problem.row or 0)  # in file order, as people fix them
        return ImportResult(self.filename, notes, self.rows_read, self.problems, outcome)

    def _save(self, records: list[Any], *, dry_run: bool) -> Outcome | None:
        outcome = Outcome()
        try:
            with transaction.atomic(), acting_as(self.user, f"Import of {self.filename}"):
                self.save(records, outcome)
                if dry_run:
                    transaction.set_rollback(True)
        except RowRefused as refused:
            self.problems.append(Problem(self.filename, refused.row, refused.column, str(refused)))
            return None
        return outcome

    def refused(self, row: int, error: ValidationError, columns: dict[str, str]) -> RowRefused:
        """A RowRefused for a service's ValidationError, naming the column of the first field it names."""
        if hasattr(error, "error_dict"):
            name, errors = next(iter(error.error_dict.items()))
            key = columns.get(name, "")
            return RowRefused(row, self.column_name(key), " ".join(e for err in errors for e in err.messages))
        return RowRefused(row, "", " ".join(error.messages))

    def problem(self, row: int | None, key: str, message: str) -> None:
        self.problems.append(Problem(self.filename, row, self.column_name(key), message))

    def column_name(self, key: str) -> str:
        if key in self.headings:
            return self.headings[key]
        found = self.field(key)
        return found.header if found else key

    @classmethod
    def field(cls, key: str) -> Field | None:
        return next((f for f in cls.fields if f.key == key), None)

    # ---- reading the header and the rows -------------------------------------------------------

    def _read(self, table: Table) -> list[Any]:
        rows = iter(table)
        header = self._find_header(rows)
        if header is None:
            self.problem(None, "", f"The file has no rows. Use the template: a header row, then one row "
                                   f"per {self.noun}")
            return []
        number, headings = header
        columns = self._map_columns(number, headings)
        ignored = [cells.text(h) for i, h in enumerate(headings) if i not in columns and not cells.is_blank(h)]
        if ignored:
            table.notes.append("Ignored columns this import does not use: " + ", ".join(ignored))
        if self.problems:
            return []
        records = []
        for row_number, values in rows:
            mapped = {key: values[i] if i < len(values) else None for i, key in columns.items()}
            if all(cells.is_blank(value) for value in mapped.values()):
                continue  # blank rows, often left at the end of Excel exports
            self.rows_read += 1
            row = SourceRow(self, row_number, mapped)
            # A row with problems still takes part in the checks across rows, so that one upload
            # reports everything; nothing is saved while any problem remains.
            record = self.parse_row(row)
            if record is not None:
                records.append(record)
        if not self.rows_read:
            self.problem(number, "", f"The file has a header row but no rows of data below it: add one row "
                                     f"per {self.noun}")
        return records

    def _find_header(self, rows: Iterator[Row]) -> Row | None:
        """The first row that has every required column; otherwise the first row with anything in it."""
        first = None
        searched = 0
        for number, values in rows:
            if all(cells.is_blank(value) for value in values):
                continue
            first = first or (number, values)
            found = {self._field_for(cells.text(value)) for value in values}
            if all(f in found for f in self.fields if f.required):
                return number, values
            searched += 1
            if searched >= HEADER_SEARCH_ROWS:
                break
        return first

    def _map_columns(self, number: int, headings: Sequence[object]) -> dict[int, str]:
        columns: dict[int, str] = {}
        for index, heading in enumerate(headings):
            label = cells.text(heading)
            found = self._field_for(label)
            if found is None:
                continue
            where = f"{label} (column {get_column_letter(index + 1)})"
            if found.key in self.headings:
                self.problem(number, found.key, f"Two columns give the {found.header.lower()}: "
                                                f"'{self.headings[found.key]}' and '{where}'. Keep one of them")
                continue
            self.headings[found.key] = where
            columns[index] = found.key
        for required in (f for f in self.fields if f.required and f.key not in self.headings):
            self.problem(number, required.key, f"The file has no '{required.header}' column. Add it, or rename "
                                               f"the column that holds it: it takes {required.accepts}")
        for group in self.together:
            present = [key for key in group if key in self.headings]
            for key in group:
                if present and key not in self.headings:
                    self.problem(number, key, f"The file has a '{self.column_name(present[0])}' column but no "
                                              f"'{self.column_name(key)}' column: the columns "
                                              f"{', '.join(self.column_name(k) for k in group)} go together")
        return columns

    @classmethod
    def _field_for(cls, heading: str) -> Field | None:
        wanted = _heading_key(heading)
        if not wanted:
            return None
        for candidate in cls.fields:
            if wanted in {_heading_key(name) for name in (candidate.header, candidate.key, *candidate.aliases)}:
                return candidate
        return None

    @classmethod
    def template_rows(cls) -> list[tuple[str, ...]]:
        """The downloadable template: the header row and example rows."""
        return [tuple(f.header for f in cls.fields), *cls.examples]


def _heading_key(heading: str) -> str:
    """'Lead_Organisation Code (GSS)' and 'lead organisation code' compare equal."""
    return cells.key(re.sub(r"\(.*?\)", "", heading))
