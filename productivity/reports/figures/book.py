"""The figure book: every computed figure of a report, with its source note and the records it sums.

Each figure is stored as a string (money in pounds and pence, counts as whole numbers, ratios to four
places) so that a frozen snapshot reads back exactly as it was published. Each names a note, which
says which query computed it, and a record filter over the report's ledger, so that a reader can see
the records behind it.
"""

from decimal import Decimal
from typing import Any

RATIO_PLACES = Decimal("0.0001")
PENNY = Decimal("0.01")


def as_text(value: Any) -> str | None:
    """How a figure is kept in a snapshot: Decimal and int as plain strings, None as None."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, bool):
        raise TypeError("A figure cannot be a truth value")
    if isinstance(value, int):
        return str(value)
    raise TypeError(f"A figure must be a Decimal or an int, not {type(value).__name__}")


def ratio_text(value: Decimal | None) -> str | None:
    return None if value is None else as_text(value.quantize(RATIO_PLACES))


def records(table: str, total: str = "sum", **where: Any) -> dict:
    """The ledger rows behind a figure: ``table`` rows matching ``where`` (a list value means any of)."""
    return {"table": table, "where": where, "total": total}


class FigureBook:
    def __init__(self):
        self.figures: dict[str, dict] = {}
        self.notes: list[dict] = []
        self._notes_by_key: dict[str, int] = {}

    def note(self, key: str, source: str, text: str) -> int:
        """Register (once) the note for a source query; returns its number."""
        if key not in self._notes_by_key:
            self.notes.append({"number": len(self.notes) + 1, "key": key, "source": source, "text": text})
            self._notes_by_key[key] = len(self.notes)
        return self._notes_by_key[key]

    def add(self, key: str, value: Any, *, label: str, unit: str, note: int, rows: dict | None) -> str:
        """Record a figure; ``unit`` is money, count or ratio. Returns ``key`` for use in tables."""
        if key in self.figures:
            raise ValueError(f"Figure {key} was computed twice")
        if unit == "money" and value is not None:
            # Pounds and pence whatever the database returns (SQLite drops trailing zeros from sums).
            value = Decimal(value).quantize(PENNY)
        text = ratio_text(value) if unit == "ratio" else as_text(value)
        self.figures[key] = {"label": label, "value": text, "unit": unit, "note": note, "records": rows}
        return key

    def money(self, key: str, value: Decimal, label: str, note: int, rows: dict | None) -> str:
        return self.add(key, value, label=label, unit="money", note=note, rows=rows)

    def count(self, key: str, value: int, label: str, note: int, rows: dict | None) -> str:
        return self.add(key, value, label=label, unit="count", note=note, rows=rows)

    def ratio(self, key: str, value: Decimal | None, label: str, note: int, rows: dict | None) -> str:
        return self.add(key, value, label=label, unit="ratio", note=note, rows=rows)


def cell(key: str | None = None, text: str | None = None) -> dict:
    """A table cell: a figure (by key) or plain text."""
    return {"figure": key} if key is not None else {"text": text or ""}


def column(heading: str, numeric: bool = False) -> dict:
    return {"heading": heading, "numeric": numeric}
