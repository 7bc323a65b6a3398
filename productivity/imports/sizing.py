"""How many rows a file has, found cheaply: to decide whether it is imported while the person waits,
and to show progress as rows done of the total."""

from typing import BinaryIO

from openpyxl import load_workbook

from productivity.imports.sources import CHUNK, ZIP_MAGIC


def estimate_rows(fileobj: BinaryIO, filename: str, *, stop_after: int | None = None) -> int | None:
    """Lines of a CSV file (less its header), or the rows a workbook's first sheet declares; None if unknown."""
    fileobj.seek(0)
    head = fileobj.read(4)
    fileobj.seek(0)
    try:
        if head.startswith(ZIP_MAGIC):
            return _workbook_rows(fileobj)
        return _text_lines(fileobj, stop_after)
    except Exception:  # a damaged file: the check that follows says what is wrong with it
        return None
    finally:
        fileobj.seek(0)


def _text_lines(fileobj: BinaryIO, stop_after: int | None) -> int:
    lines = 0
    last = b""
    while chunk := fileobj.read(CHUNK):
        lines += chunk.count(b"\n")
        last = chunk
        if stop_after is not None and lines > stop_after:
            break
    if last and not last.endswith(b"\n"):
        lines += 1
    return max(lines - 1, 0)


def _workbook_rows(fileobj: BinaryIO) -> int | None:
    workbook = load_workbook(fileobj, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        rows = sheet.max_row if sheet is not None else None
        return max(rows - 1, 0) if rows else None
    finally:
        workbook.close()
