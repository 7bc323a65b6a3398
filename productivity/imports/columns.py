"""Parsing a batch's cells a column at a time, with the answers of parsing them one by one.

A column's distinct cells are parsed once each (a million-line file names a few thousand dates). A column
of mostly distinct cells (references, amounts) is read by the parser's ``vectorised`` reading, when it has
one: polars decides the cells written the usual way, all at once, and says which it cannot decide; those go
through the parser itself, so every value and every message is the parser's own.

A vectorised reading takes a list of text cells and returns (values, the indexes of the cells it left
undecided); the value at an undecided index is ignored.
"""

from collections.abc import Callable
from typing import Any

import polars as pl

Vectorised = Callable[[list[str]], tuple[list, list[int]]]
MEMO_CELLS = 50_000  # distinct cells remembered per column; past it the memory is emptied and refilled
MOSTLY_DISTINCT = 4  # a column with more than a quarter of its cells distinct is read vectorised
_TEXT_ONLY = {str, type(None)}


def parse_cell(parser: Callable[[object], Any], cell: object) -> tuple[Any, str | None]:
    """(value, None), or (None, what the parser said was wrong)."""
    try:
        return parser(cell), None
    except ValueError as error:
        return None, str(error)


def parse_column(parser: Callable[[object], Any], memo: dict, cells: list) -> tuple[list, dict[int, str]]:
    """Each cell's value (None where it has a problem) and {index: message} for the cells with problems."""
    if not set(map(type, cells)) <= _TEXT_ONLY:  # typed cells (Excel): 1, 1.0 and True are one key in a dict
        found = [(memo.get(cell) or remembered(parser, memo, cell)) if type(cell) is str
                 else parse_cell(parser, cell) for cell in cells]
        return _split(found)
    distinct = set(cells)
    vectorised: Vectorised | None = getattr(parser, "vectorised", None)
    if vectorised is not None and len(distinct) * MOSTLY_DISTINCT > len(cells):
        return _vectorised(parser, vectorised, memo, cells)
    answers = {cell: (memo.get(cell) or remembered(parser, memo, cell)) if cell is not None
               else parse_cell(parser, None) for cell in distinct}
    return _split([answers[cell] for cell in cells])


def remembered(parser: Callable[[object], Any], memo: dict, cell: str) -> tuple[Any, str | None]:
    """A text cell ``memo`` does not hold yet, parsed and remembered (the memory emptied once full).

    Callers look the cell up themselves, ``memo.get(cell) or remembered(parser, memo, cell)`` (an answer is a
    tuple, never false), so a cell met before costs a dict lookup and no call: the loops run a million times.
    """
    found = parse_cell(parser, cell)
    if len(memo) >= MEMO_CELLS:
        memo.clear()
    memo[cell] = found
    return found


def _vectorised(parser, vectorised: Vectorised, memo: dict, cells: list) -> tuple[list, dict[int, str]]:
    present = [index for index, cell in enumerate(cells) if cell is not None]
    texts = cells if len(present) == len(cells) else [cells[index] for index in present]
    values, undecided = vectorised(texts)
    if len(present) != len(cells):
        placed: list = [None] * len(cells)
        for index, value in zip(present, values, strict=True):
            placed[index] = value
        undecided = [present[index] for index in undecided] + [
            index for index, cell in enumerate(cells) if cell is None]
        values = placed
    errors = {}
    for index in undecided:
        cell = cells[index]
        value, error = (memo.get(cell) or remembered(parser, memo, cell)) if cell is not None \
            else parse_cell(parser, None)
        values[index] = value
        if error is not None:
            errors[index] = error
    return values, errors


def _split(found: list[tuple[Any, str | None]]) -> tuple[list, dict[int, str]]:
    values = [value for value, _ in found]
    errors = {index: error for index, (_, error) in enumerate(found) if error is not None}
    return values, errors


def decided(series: pl.Series, accepted: pl.Series) -> tuple[list, list[int]]:
    """``series`` as a list, and the indexes where ``accepted`` is not true (the cells left undecided)."""
    undecided = (~accepted.fill_null(False)).arg_true().to_list()
    return series.to_list(), undecided
