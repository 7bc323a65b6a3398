"""The importer base: find the header, match its columns to fields, read each row into a record.

Two kinds build on it. ``AllOrNothingImporter`` (programme records) checks every row and saves
every row or none. ``AccountedImporter`` (bulk data: spend lines, assets, evidence feeds) saves the
good rows in batches and keeps each rejected row with its reasons, so that
imported + unchanged + duplicates + rejected = the data rows in the file.

Problems name the file, the row as Excel numbers it, the column as the file heads it, what was
wrong and what would be accepted.
"""

import abc
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from pathlib import PurePath
from typing import Any, BinaryIO, ClassVar

from openpyxl.utils import get_column_letter

from productivity.accounts.roles import is_programme_team
from productivity.core.formatting import govuk_date
from productivity.imports import cells
from productivity.imports.headers import Field, field_for, heading_key, signature, trimmed
from productivity.imports.limits import Limits
from productivity.imports.problems import Problem, ProblemLog
from productivity.imports.sources import Row, SourceError, Table, open_table

HEADER_SEARCH_ROWS = 10  # title rows people put above the header in spreadsheets
PREVIEW_ROWS = 10

Progress = Callable[[str, int, int | None], None]  # (phase, rows done, rows in the file if known)


def no_progress(phase: str, done: int, total: int | None) -> None:
    return None


@dataclass
class Outcome:
    """What an import did (or, checked, would do): counts in reading order, and the records it touched."""

    counts: list[tuple[str, int]] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged_rows: int = 0  # rows of the file that changed nothing (the rest were imported)
    warnings: list[str] = field(default_factory=list)  # what people should look at, though nothing is wrong

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

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
        return {"counts": [list(pair) for pair in self.counts], "changed": self.changed,
                "unchanged_rows": self.unchanged_rows, "warnings": self.warnings}


@dataclass
class Tally:
    """Where every data row of the file went; the four always add up to ``total``."""

    imported: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: int = 0
    flagged: int = 0  # imported rows with a data-quality flag (counted within imported)

    @property
    def total(self) -> int:
        return self.imported + self.unchanged + self.duplicates + self.rejected

    def line(self, names: tuple[str, ...] = ("imported", "unchanged", "duplicates", "rejected")) -> str:
        """The command line's last line, such as 'imported=3 unchanged=0 duplicates=1 rejected=2 total=6'."""
        return " ".join(f"{name}={getattr(self, name)}" for name in (*names, "total"))

    def as_dict(self) -> dict:
        return {"imported": self.imported, "unchanged": self.unchanged, "duplicates": self.duplicates,
                "rejected": self.rejected, "flagged": self.flagged, "total": self.total}


@dataclass
class ImportResult:
    file: str
    notes: list[str]
    rows: int  # data rows in the file
    problems: list[Problem]  # the first ones, in file order
    problems_total: int
    outcome: Outcome | None  # None when nothing was (or, checked, would be) saved
    tally: Tally
    headings: list[str] = field(default_factory=list)
    preview: dict = field(default_factory=dict)
    needs_mapping: bool = False  # the header was not recognised: map the columns first

    @property
    def ok(self) -> bool:
        return self.outcome is not None


def _blank(value: object) -> bool:
    # cells.is_blank, quicker for the text cells of CSV files: str.strip removes the same spaces.
    if type(value) is str:
        return not value.strip()
    return cells.is_blank(value)


def too_long_message(value: str, cell_chars: int) -> str:
    return (f"This cell holds {len(value):,} characters, more than the {cell_chars:,} a cell may hold "
            "(IMPORT_MAX_CELL_CHARS)")


class RowRefused(Exception):
    """A service refused a row while saving: everything saved so far is rolled back."""

    def __init__(self, row: int, column: str, message: str):
        super().__init__(message)
        self.row = row
        self.column = column


class SourceRow:
    """One row of the file. Accessors record a problem and return None rather than raise."""

    def __init__(self, importer: "Importer", number: int, values: dict[str, object], raw: tuple = ()):
        self.importer = importer
        self.number = number
        self.values = values
        self.raw = raw  # every cell of the row, as the file has it
        self.ok = True
        self.reasons: list[tuple[str, str]] = []  # (column, message), for rejected rows
        self.parsed: dict[str, object] = {}  # what each field became, for the preview

    def given(self, key: str) -> bool:
        return not cells.is_blank(self.values.get(key))

    def problem(self, key: str, message: str) -> None:
        self.ok = False
        column = self.importer.column_name(key)
        self.reasons.append((column, message))
        self.importer.problems.add(Problem(self.importer.filename, self.number, column, message))

    def text(self, key: str, *, max_length: int | None = None) -> str:
        value = cells.text(self.values.get(key))
        if max_length and len(value) > max_length:
            self.problem(key, f"This is {len(value):,} characters long: use {max_length:,} characters or fewer")
            return ""
        self.parsed[key] = value
        return value

    def parse(self, key: str, parser: Callable[..., Any], *args: Any) -> Any:
        try:
            value = parser(self.values.get(key), *args)
        except ValueError as error:
            self.problem(key, str(error))
            return None
        self.parsed[key] = value
        return value


@dataclass(frozen=True)
class Header:
    """The header row found in a file, and which of its columns hold which fields."""

    number: int
    headings: list[str]
    columns: dict[int, str]  # column index -> field key
    missing: list[Field]  # required fields no column holds

    @property
    def signature(self) -> str:
        return signature(self.headings)


class Importer(abc.ABC):
    """Subclasses set ``kind``, ``title``, ``noun``, ``fields`` and ``examples``.

    One importer reads one file: make a new one for each run. ``mapping`` ({field key: heading, or ''
    for not in the file}) is a column mapping someone made for this layout; ``progress`` is told how
    far the import has got.
    """

    kind: ClassVar[str]
    title: ClassVar[str]
    noun: ClassVar[str]
    fields: ClassVar[tuple[Field, ...]]
    examples: ClassVar[tuple[tuple[str, ...], ...]] = ()
    # Columns that only make sense together: if the file has one it must have all.
    together: ClassVar[tuple[tuple[str, ...], ...]] = ()
    # Does each file belong to one publisher (a council's spend, an owner's assets)?
    needs_publisher: ClassVar[bool] = False

    def __init__(self, user: Any, *, filename: str, programme_wide: bool = False, publisher: Any = None,
                 mapping: dict[str, str] | None = None, progress: Progress = no_progress,
                 limits: Limits | None = None, rows_total: int | None = None, import_run: Any = None):
        self.user = user
        self.import_run = import_run  # the ImportRun being read, when there is one (records may name it)
        self.filename = PurePath(filename).name or "the file"
        # Programme-wide rights: the programme team, or a command run on the server without --as.
        self.programme_wide = programme_wide or is_programme_team(user)
        self.publisher = publisher
        self.mapping = mapping or {}
        self.progress = progress
        self.limits = limits or Limits.from_settings()
        self.rows_total = rows_total
        self.problems = ProblemLog(self.limits.problems)
        self.headings: dict[str, str] = {}
        self.rows_read = 0
        self.preview_rows: list[SourceRow] = []
        self.header: Header | None = None

    # ---- reading ---------------------------------------------------------------------------------

    def problem(self, row: int | None, key: str, message: str) -> None:
        self.problems.add(Problem(self.filename, row, self.column_name(key), message))

    def column_name(self, key: str) -> str:
        if key in self.headings:
            return self.headings[key]
        found = self.field(key)
        return found.header if found else key

    @classmethod
    def field(cls, key: str) -> Field | None:
        return next((f for f in cls.fields if f.key == key), None)

    @classmethod
    def template_rows(cls) -> list[tuple[str, ...]]:
        """The downloadable template: the header row and example rows."""
        return [tuple(f.header for f in cls.fields), *cls.examples]

    def open(self, fileobj: BinaryIO):
        return open_table(fileobj, self.filename, prefer_sheet=self.kind, limits=self.limits)

    def inspect(self, fileobj: BinaryIO) -> tuple[Header | None, list[str]]:
        """The header row and how the file was read, without reading the data (for the mapping page)."""
        with self.open(fileobj) as table:
            return self._find_header(iter(table)), table.notes

    def data_rows(self, table: Table) -> Iterator[SourceRow]:
        """Each non-blank row below the header, its cells keyed by field; problems with the header logged."""
        cell_chars = self.limits.cell_chars
        for number, mapped, values, too_long in self.data_cells(table):
            row = SourceRow(self, number, mapped, values)
            for key in too_long:
                row.problem(key, too_long_message(mapped[key], cell_chars))
                row.values[key] = None
            if len(self.preview_rows) < PREVIEW_ROWS:
                self.preview_rows.append(row)
            yield row

    def data_cells(self, table: Table) -> Iterator[tuple[int, dict[str, object], tuple, tuple[str, ...]]]:
        """What ``data_rows`` reads, without a SourceRow per row: (row number, cells keyed by field, every cell
        of the row, the keys whose cells are longer than a cell may be). Counts ``rows_read``."""
        for number, cells_, values in self.data_values(table):
            mapped = self.keyed(cells_)
            yield number, mapped, values, self.too_long(mapped, values)

    def data_values(self, table: Table) -> Iterator[tuple[int, tuple, tuple]]:
        """The rows ``data_cells`` reads, before their cells are keyed by field: (row number, its cells with None
        for those missing from the end of a short row, its cells as the file has them). Once the header is found,
        ``field_columns`` says where each field's cells are. Counts ``rows_read``."""
        rows = iter(table)
        header = self._find_header(rows)
        if header is None:
            self.problem(None, "", f"The file has no rows. Use the template: a header row, then one row "
                                   f"per {self.noun}")
            return
        self.header = header
        self._check_header(header)
        ignored = [h for i, h in enumerate(header.headings) if i not in header.columns and h]
        if ignored:
            table.notes.append("Ignored columns this import does not use: " + ", ".join(ignored))
        if self.problems:
            return
        self.field_columns = {key: index for index, key in header.columns.items()}
        indexes = list(header.columns)
        widest = max(indexes, default=-1) + 1
        padding = (None,) * widest
        mapped = itemgetter(*indexes) if len(indexes) > 1 else lambda values: tuple(values[i] for i in indexes)
        lead = indexes[0] if indexes else None  # most rows have text in it: not blank, without a look at the rest
        for number, values in rows:
            cells_ = values if len(values) >= widest else values + padding[len(values):]
            first = cells_[lead] if lead is not None else None
            if not (type(first) is str and first.strip()) and all(map(_blank, mapped(cells_))):
                continue  # blank rows, often left at the end of Excel exports
            self.rows_read += 1
            yield number, cells_, values
        if not self.rows_read:
            self.problem(header.number, "", f"The file has a header row but no rows of data below it: add one row "
                                            f"per {self.noun}")

    def keyed(self, cells_: tuple) -> dict[str, object]:
        """A row's cells (as ``data_values`` gives them) keyed by field."""
        return {key: cells_[index] for key, index in self.field_columns.items()}

    def too_long(self, mapped: dict[str, object], values: tuple) -> tuple[str, ...]:
        """The keys of ``mapped`` (a row keyed by field) whose text is longer than a cell may be."""
        cell_chars = self.limits.cell_chars
        try:  # a row of text no longer than a cell may be has no cell too long (a cheap test for CSV rows)
            if sum(map(len, values)) <= cell_chars:
                return ()
        except TypeError:  # typed cells (Excel)
            pass
        return tuple(key for key, value in mapped.items() if type(value) is str and len(value) > cell_chars)

    def _find_header(self, rows: Iterator[Row]) -> Header | None:
        """The first row that has every required column (or the mapped layout); else the first row with anything."""
        first = None
        searched = 0
        wanted = self.mapping.get("__signature__")
        for number, values in rows:
            headings = trimmed(values)
            if not headings:
                continue
            header = self._header(number, headings)
            first = first or header
            if (wanted and header.signature == wanted) or (not wanted and not header.missing):
                return header
            searched += 1
            if searched >= HEADER_SEARCH_ROWS:
                break
        return first

    def _header(self, number: int, headings: list[str]) -> Header:
        columns: dict[int, str] = {}
        mapped = {key: heading for key, heading in self.mapping.items() if not key.startswith("__")}
        by_text = {}
        for index, heading in enumerate(headings):
            by_text.setdefault(heading_key(heading), index)
        for key, heading in mapped.items():
            index = by_text.get(heading_key(heading)) if heading else None
            if index is not None and self.field(key) is not None:
                columns[index] = key
        taken = set(columns.values())
        for index, heading in enumerate(headings):
            if index in columns:
                continue
            found = field_for(self.fields, heading)
            # A field the mapping says is not in the file stays out, even if a heading looks like it.
            if found is not None and found.key not in mapped and found.key not in taken:
                columns[index] = found.key
                taken.add(found.key)
        missing = [f for f in self.fields if f.required and f.key not in set(columns.values())]
        return Header(number, headings, columns, missing)

    def _check_header(self, header: Header) -> None:
        seen: dict[str, str] = {}
        for index, heading in enumerate(header.headings):
            key = header.columns.get(index)
            found = field_for(self.fields, heading)
            where = f"{heading} (column {get_column_letter(index + 1)})"
            if key is None and found is not None and found.key in seen and found.key not in self.mapping:
                self.problem(header.number, found.key, f"Two columns give the {found.header.lower()}: "
                                                       f"'{seen[found.key]}' and '{where}'. Keep one of them")
            if key is not None:
                seen[key] = where
                self.headings[key] = where
        for required in header.missing:
            self.problem(header.number, required.key, f"The file has no '{required.header}' column. Add it, rename "
                                                      f"the column that holds it, or match the columns on the "
                                                      f"import page: it takes {required.accepts}")
        for group in self.together:
            present = [key for key in group if key in self.headings]
            for key in group:
                if present and key not in self.headings:
                    self.problem(header.number, key, f"The file has a '{self.column_name(present[0])}' column but "
                                                     f"no '{self.column_name(key)}' column: the columns "
                                                     f"{', '.join(self.column_name(k) for k in group)} go together")

    def shown(self, key: str, value: object) -> str:
        """A value as the preview shows it to people: names, not codes; dates as GOV.UK writes them."""
        if value is None or value == "":
            return ""
        if isinstance(value, list | tuple | set):
            return "; ".join(self.shown(key, item) for item in value)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, dt.date):
            return govuk_date(value)
        if isinstance(value, str | int | float | Decimal):
            return cells.text(value)
        return str(value)

    def preview(self) -> dict:
        """The first rows as they will be saved: each field's value after reading, as text."""
        keys = [f.key for f in self.fields if f.key in self.headings]
        rows = [[self.shown(key, row.parsed.get(key, "")) if row.ok else "" for key in keys] + [
            "" if row.ok else "; ".join(message for _, message in row.reasons)] for row in self.preview_rows]
        return {"headings": [self.field(key).header for key in keys] + ["Problems"], "rows": rows}

    def result(self, notes: list[str], outcome: Outcome | None, tally: Tally) -> ImportResult:
        header = self.header
        return ImportResult(self.filename, notes, self.rows_read, self.problems.in_file_order(), self.problems.total,
                            outcome, tally, headings=header.headings if header else [], preview=self.preview(),
                            needs_mapping=bool(header and header.missing))

    def unreadable(self, error: SourceError) -> None:
        self.problems.add(Problem(self.filename, error.row, "", str(error)))

