"""Parsing a batch's text cells into polars columns, with the answers of parsing them one by one.

The column-at-a-time reading of ``columns`` hands back Python lists; an importer that works on whole columns
(``AccountedImporter.framed``) keeps them as polars Series instead, so that no step after reading touches its
rows one by one. The answers are the parser's own: a column of few distinct cells has each distinct cell parsed
once by the parser itself, and a parser's ``framed`` reading (a polars column of text in; its values and which
of them it decided out) decides only the cells written the usual way, leaving the rest to the parser.
"""

from collections.abc import Callable
from typing import Any

import polars as pl

from productivity.imports.columns import parse_cell, remembered

# A parser's value as a column holds it (a date as a date, an amount as its text, say).
ToFrame = Callable[[Any], Any]


def parse_column(parser: Callable[[object], Any], memo: dict, cells: list | pl.Series, dtype: pl.DataType,
                 to_frame: ToFrame) -> tuple[pl.Series, dict[int, str]]:
    """The text (or missing) ``cells`` (a list, or a column of text) parsed: their values as a column of
    ``dtype`` (null where a cell is blank or has a problem), and {index: message} for the cells with problems."""
    texts = cells if isinstance(cells, pl.Series) else pl.Series(cells, dtype=pl.String)
    blank_value, blank_error = parse_cell(parser, None)
    framed = getattr(parser, "framed", None)
    errors: dict[int, str] = {}
    if framed is not None:
        values, accepted = framed(texts)
        undecided = (~accepted.fill_null(False)).arg_true().to_list()
        if undecided:
            fixed = []
            for index in undecided:
                cell = cells[index]
                value, error = (memo.get(cell) or remembered(parser, memo, cell)) if cell is not None \
                    else (blank_value, blank_error)
                fixed.append(None if value is None else to_frame(value))
                if error is not None:
                    errors[index] = error
            values = values.cast(dtype).scatter(undecided, pl.Series(fixed, dtype=dtype))
        return values.cast(dtype), errors
    distinct = texts.drop_nulls().unique().to_list()
    answers = [memo.get(cell) or remembered(parser, memo, cell) for cell in distinct]
    values = texts.replace_strict(distinct, pl.Series([None if value is None else to_frame(value)
                                                       for value, _ in answers], dtype=dtype),
                                  default=None, return_dtype=dtype)
    refused = {cell: error for cell, (_, error) in zip(distinct, answers, strict=True) if error is not None}
    if refused:
        errors = {index: refused[cells[index]] for index in texts.is_in(list(refused)).arg_true().to_list()}
    missing = texts.is_null()
    if blank_value is not None and missing.any():  # a parser that reads a blank cell as something
        values = pl.select(pl.when(missing).then(pl.lit(to_frame(blank_value), dtype=dtype))
                           .otherwise(values)).to_series()
    elif blank_error is not None and missing.any():
        errors.update(dict.fromkeys(missing.arg_true().to_list(), blank_error))
    return values, errors
