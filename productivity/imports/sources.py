"""Reading rows from an uploaded CSV or XLSX file, one row at a time.

The format is decided from the file's first bytes, never from its name: people rename files and
Excel saves CSV in more than one encoding. Every assumption made while reading (format, encoding,
sheet, delimiter) is recorded as a note so the person importing can see it.
"""

import codecs
import contextlib
import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import PurePath
from typing import BinaryIO

from openpyxl import load_workbook

from productivity.imports.limits import Limits, megabytes

CHUNK = 64 * 1024
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls, or an encrypted .xlsx
SAVE_AS = "Save it from Excel as 'CSV UTF-8 (comma delimited)' or 'Excel Workbook (.xlsx)' and upload it again"

Row = tuple[int, tuple[object, ...]]  # (row number as Excel shows it, cell values)


class SourceError(Exception):
    """The file cannot be read at all. The message says why and what would work instead.

    ``row`` is set only when the problem is in one row; a byte-level problem names its line in the message,
    because a line of the file is not always a row of the spreadsheet.
    """

    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.row = row


class Table:
    """The rows of a CSV file or of one worksheet, read lazily; ``notes`` say how it was read.

    Iterating enforces the row and column limits: past them it raises SourceError, naming the limit.
    """

    def __init__(self, rows: Iterator[Row], notes: list[str], closer=None, limits: Limits | None = None,
                 text_only: bool = False):
        self._rows = rows
        self.notes = notes
        self.text_only = text_only  # every cell text (CSV): no numbers, dates or flags as a workbook has them
        self._closer = closer
        self.limits = limits

    def __iter__(self) -> Iterator[Row]:
        if self.limits is None:
            return self._rows
        return self._bounded(self.limits)

    def _bounded(self, limits: Limits) -> Iterator[Row]:
        # The header and a few title rows above it do not count against the limit on data rows.
        last = limits.rows + 20
        for number, values in self._rows:
            if number > last:
                raise SourceError(f"The file has more than {limits.rows:,} rows, the most one import takes "
                                  "(IMPORT_MAX_ROWS): split it into smaller files", row=number)
            if len(values) > limits.columns:
                values = _trim_columns(values, limits.columns, number)
            yield number, values

    def close(self) -> None:
        if self._closer is not None:
            self._closer()
            self._closer = None


def _trim_columns(values: tuple, most: int, number: int) -> tuple:
    """Empty cells past the last column are common in exports; anything written there is refused."""
    if any(value not in (None, "") for value in values[most:]):
        raise SourceError(f"This row has more than {most} columns, the most one import takes "
                          "(IMPORT_MAX_COLUMNS): remove the columns you do not need", row=number)
    return values[:most]


@contextlib.contextmanager
def open_table(fileobj: BinaryIO, filename: str, *, prefer_sheet: str = "",
               limits: Limits | None = None) -> Iterator[Table]:
    """The rows of ``fileobj`` (seekable, binary); raises SourceError for files that cannot be read."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    suffix = PurePath(filename).suffix.lower()
    if not head:
        raise SourceError("The file is empty. Use the template: a header row, then one row per record")
    if head.startswith(ZIP_MAGIC):
        if limits is not None:
            _check_unpacked_size(fileobj, limits)
        table = _xlsx_table(fileobj, prefer_sheet)
        if suffix != ".xlsx":
            table.notes.insert(0, f"The file is named '{PurePath(filename).name}' but is an Excel workbook, "
                                  "so it was read as XLSX")
    elif head.startswith(OLE_MAGIC):
        raise SourceError("The file is an old-style Excel workbook (.xls) or a password-protected one, "
                          f"which cannot be read. {SAVE_AS}")
    elif head.startswith(b"%PDF"):
        raise SourceError(f"The file is a PDF, not a spreadsheet. {SAVE_AS}")
    else:
        table = _csv_table(fileobj)
        if suffix == ".xlsx":
            table.notes.insert(0, f"The file is named '{PurePath(filename).name}' but is CSV text, "
                                  "so it was read as CSV")
    table.limits = limits
    try:
        yield table
    finally:
        table.close()


def _check_unpacked_size(fileobj: BinaryIO, limits: Limits) -> None:
    """Refuse a workbook whose contents unpack to more than the limit, before unpacking any of it."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise SourceError(f"The file is a ZIP archive but not an Excel workbook that can be read. {SAVE_AS}") from error
    finally:
        fileobj.seek(0)
    if unpacked > limits.uncompressed_bytes:
        raise SourceError(f"The workbook unpacks to {megabytes(unpacked)}, more than the "
                          f"{megabytes(limits.uncompressed_bytes)} one import takes (IMPORT_MAX_UNCOMPRESSED_BYTES): "
                          "split it into smaller workbooks, or save it as CSV")


# ---- CSV -------------------------------------------------------------------------------------


def _csv_table(fileobj: BinaryIO) -> Table:
    codec, described = detect_encoding(fileobj)
    fileobj.seek(0)
    text = io.TextIOWrapper(_Unclosable(fileobj), encoding=codec, newline="")
    first = _first_nonblank_line(text)
    delimiter = _delimiter(first)
    text.seek(0)
    notes = [f"Read as CSV text in {described}"]
    if delimiter != ",":
        notes.append(f"Columns are separated by {'tabs' if delimiter == chr(9) else 'semicolons'}")
    return Table(_csv_rows(text, delimiter), notes, closer=text.detach, text_only=True)


class _Unclosable(io.RawIOBase):
    """Lets a TextIOWrapper read a file it does not own (Django's File objects, uploads)."""

    def __init__(self, raw: BinaryIO):
        self._raw = raw

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def readinto(self, buffer) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def detect_encoding(fileobj: BinaryIO) -> tuple[str, str]:
    """(Python codec, description for people) of a CSV file; SourceError when it is not text we can read."""
    fileobj.seek(0)
    start = fileobj.read(4)
    if start.startswith(codecs.BOM_UTF8):
        _check_decodes(fileobj, "utf-8-sig")
        return "utf-8-sig", "UTF-8 (with a byte-order mark, as Excel saves 'CSV UTF-8')"
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        _check_decodes(fileobj, "utf-16")
        return "utf-16", "UTF-16 (as Excel saves 'Unicode Text')"
    if _first_bad_line(fileobj, "utf-8") is None:
        return "utf-8", "UTF-8"
    bad = _first_bad_line(fileobj, "cp1252")
    if bad is None:
        return "cp1252", ("Windows-1252, because it is not valid UTF-8 (Excel's plain 'CSV (comma delimited)' "
                          "saves this way). If letters or £ signs look wrong, save it as 'CSV UTF-8' instead")
    raise SourceError(f"The file is not text in UTF-8 or Windows-1252: line {bad} has characters that cannot be "
                      f"read. {SAVE_AS}")


def _check_decodes(fileobj: BinaryIO, codec: str) -> None:
    bad = _first_bad_line(fileobj, codec)
    if bad is not None:
        name = codec.upper().removesuffix("-SIG")
        raise SourceError(f"The file starts like {name} text but line {bad} is not valid {name}. {SAVE_AS}")


def _first_bad_line(fileobj: BinaryIO, codec: str) -> int | None:
    """The line holding the first byte ``codec`` cannot decode, or None; streams the file in chunks."""
    fileobj.seek(0)
    decoder = codecs.getincrementaldecoder(codec)()
    lines_before = 0
    while True:
        chunk = fileobj.read(CHUNK)
        if codec in ("utf-8", "cp1252") and b"\x00" in chunk:
            # NUL bytes: UTF-16 without a byte-order mark, or not text at all.
            line = lines_before + chunk[: chunk.index(b"\x00")].count(b"\n") + 1
            raise SourceError(f"The file is not CSV text (line {line} contains NUL bytes, as UTF-16 files and "
                              f"binary files do). {SAVE_AS}")
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            return lines_before + chunk[: max(error.start, 0)].count(b"\n") + 1
        if not chunk:
            return None
        lines_before += chunk.count(b"\n")


def _first_nonblank_line(text: io.TextIOWrapper) -> str:
    for line in text:
        if line.strip().strip(",;\t"):
            return line
    return ""


def _delimiter(line: str) -> str:
    """Excel saves commas, semicolons in some locales, tabs as 'Unicode Text': the header shows which."""
    counts = {delimiter: line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] > counts[","] else ","


def _csv_rows(text: io.TextIOWrapper, delimiter: str) -> Iterator[Row]:
    reader = csv.reader(text, delimiter=delimiter)
    number = 0
    try:
        for number, values in enumerate(reader, start=1):
            yield number, tuple(values)
    except csv.Error as error:
        raise SourceError(f"This row is not valid CSV ({error}). {SAVE_AS}", row=number + 1) from error


# ---- XLSX ------------------------------------------------------------------------------------


def _xlsx_table(fileobj: BinaryIO, prefer_sheet: str) -> Table:
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of error for damaged or non-Excel ZIP files
        raise SourceError(f"The file is a ZIP archive but not an Excel workbook that can be read. {SAVE_AS}") from error
    sheets = workbook.worksheets
    if not sheets:
        workbook.close()
        raise SourceError(f"The workbook has no worksheets. {SAVE_AS}")
    wanted = _normalise(prefer_sheet)
    sheet = next((s for s in sheets if wanted and _normalise(s.title) == wanted), sheets[0])
    notes = [f"Read as an Excel workbook, sheet '{sheet.title}'"]
    if len(sheets) > 1:
        notes[0] += f" (the workbook has {len(sheets)} sheets; only this one was read)"

    def rows() -> Iterator[Row]:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, tuple(values)

    return Table(rows(), notes, closer=workbook.close)


def _normalise(text: str) -> str:
    return "".join(ch for ch in str(text).lower() if ch.isalnum())
