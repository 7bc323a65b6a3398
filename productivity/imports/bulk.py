"""The bulk save path: many rows in one statement, not one model save (and full_clean) per row.

PostgreSQL gets COPY, the fastest way into it; SQLite gets one prepared INSERT run over every row.
Values must already be what the column stores (Decimal, date, str, int ids): the importer has
checked them. ``present`` answers "which of these keys are saved already?" by looking up exactly
those keys, so a batch costs the same whether the table holds a thousand rows or a hundred million.
"""

import datetime as dt
import functools
import io
import operator
from collections.abc import Iterable, Sequence
from decimal import Decimal

import polars as pl
from django.db import connections, router
from django.db.models import Q

from productivity.core import data_version

SQLITE_KEYS_PER_QUERY = 300  # each key is a few bound parameters; SQLite allows some thousands per statement


def insert_rows(model, fields: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Insert ``rows`` (values in the order of ``fields``) into ``model``'s table; the number inserted."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(name).column for name in fields]
    table = quote(model._meta.db_table)
    column_list = ", ".join(quote(column) for column in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            data_version.changed(connection)  # COPY bypasses the cursor wrapper that notices other writes
            # ... and the one that raises Django's errors (IntegrityError for a key saved already), so wrap it here.
            statement = f"COPY {table} ({column_list}) FROM STDIN"  # noqa: S608 (names quoted)
            with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(columns))
        batch = list(rows)
        cursor.executemany(f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})", batch)  # noqa: S608
        return len(batch)


def insert_frame(model, fields: Sequence[str], frame: "pl.DataFrame") -> int:
    """``insert_rows`` of a polars frame whose columns are ``fields``' values, in their order (an amount may be
    its text; a missing text is the empty text where the column takes no NULL): on PostgreSQL, the frame
    written by polars in COPY's text format and sent whole; the number inserted."""
    connection = connections[router.db_for_write(model)]
    model_fields = [model._meta.get_field(name) for name in fields]
    texts = [(column, field) for column, field in zip(frame.columns, model_fields, strict=True)
             if frame.schema[column] == pl.String]
    frame = _changed(frame, [frame[column].fill_null("") for column, field in texts
                             if not field.null and frame[column].null_count()])
    if connection.vendor != "postgresql":
        return insert_rows(model, fields, frame.iter_rows())
    # COPY's text format, which PostgreSQL reads about a tenth quicker than CSV: a backslash, tab or line break
    # escaped with a backslash (only in the columns that have any), and a missing value \N.
    frame = _changed(frame, [_escaped(frame[column]) for column, _ in texts
                             if frame[column].str.contains(r"[\\\t\n\r]").any()])
    quote = connection.ops.quote_name
    columns = [quote(field.column) for field in model_fields]
    statement = f"COPY {quote(model._meta.db_table)} ({', '.join(columns)}) FROM STDIN"  # noqa: S608 (names quoted)
    data = io.BytesIO()
    frame.write_csv(data, include_header=False, separator="\t", quote_style="never", null_value="\\N")
    with connection.cursor() as cursor:
        data_version.changed(connection)
        with connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
            copy.write(data.getbuffer())
    return frame.height


def _changed(frame: "pl.DataFrame", columns: list) -> "pl.DataFrame":
    return frame.with_columns(columns) if columns else frame


def _escaped(text: "pl.Series") -> "pl.Series":
    for plain, escaped in (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):  # backslash first
        text = text.str.replace_all(plain, escaped, literal=True)
    return text


def insert_missing_rows(model, fields: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Insert those of ``rows`` that no unique key of ``model`` holds already (saved before, or by an import
    running at the same moment), leaving the rest alone; the number inserted. They go in sorted, so two
    transactions inserting the same rows wait for each other rather than deadlock."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    statement = (f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders}) "  # noqa: S608
                 "ON CONFLICT DO NOTHING")
    with connection.cursor() as cursor:
        cursor.executemany(statement, sorted(rows, key=repr))
        return max(cursor.rowcount, 0)


def update_rows(model, fields: Sequence[str], rows: Sequence[Sequence[object]]) -> int:
    """Set ``fields`` of the rows of ``model`` whose primary key is each row's first value to its other values
    (in the order of ``fields``), in one statement on PostgreSQL; the number of rows given."""
    if not rows:
        return 0
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    key = model._meta.pk
    model_fields = [model._meta.get_field(name) for name in fields]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in [key, *model_fields])
            names = ", ".join(f"v{index}" for index in range(len(model_fields) + 1))
            setting = ", ".join(f"{quote(field.column)} = v.v{index}" for index, field in enumerate(model_fields, 1))
            cursor.execute(f"UPDATE {table} SET {setting} FROM unnest({arrays}) AS v({names}) "  # noqa: S608
                           f"WHERE {table}.{quote(key.column)} = v.v0",
                           [list(column) for column in zip(*rows, strict=True)])
        else:
            setting = ", ".join(f"{quote(field.column)} = %s" for field in model_fields)
            cursor.executemany(f"UPDATE {table} SET {setting} WHERE {quote(key.column)} = %s",  # noqa: S608
                               [(*row[1:], row[0]) for row in rows])
    return len(rows)


def present(model, fields: Sequence[str], keys: Sequence[tuple]) -> set[tuple]:
    """The ``keys`` (values in the order of ``fields``) that some row of ``model`` already has."""
    if not keys:
        return set()
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql":
        return _present_postgresql(connection, model, fields, keys)
    found: set[tuple] = set()
    attnames = [model._meta.get_field(name).attname for name in fields]
    for start in range(0, len(keys), SQLITE_KEYS_PER_QUERY):
        chunk = keys[start:start + SQLITE_KEYS_PER_QUERY]
        wanted = functools.reduce(operator.or_, (Q(**dict(zip(attnames, key, strict=True))) for key in chunk))
        found.update(model._default_manager.filter(wanted).values_list(*attnames))
    return found & set(keys)


def _present_postgresql(connection, model, fields: Sequence[str], keys: Sequence[tuple]) -> set[tuple]:
    # One array per column, unnested into the keys wanted: a semi-join, so that PostgreSQL looks each key up in
    # the table's index (a nested loop driven by the keys). Joined the other way round, it hashed the whole table
    # (a sequential scan of every row) for each batch: a batch took longer the more the table held.
    quote = connection.ops.quote_name
    model_fields = [model._meta.get_field(name) for name in fields]
    columns = [quote(field.column) for field in model_fields]
    wanted = ", ".join(f"%s::{field.db_type(connection)}[]" for field in model_fields)
    names = ", ".join(f"k{index}" for index in range(len(columns)))
    selected = ", ".join(f"t.{column}" for column in columns)
    sql = (f"SELECT {selected} FROM {quote(model._meta.db_table)} t "  # noqa: S608 (names quoted)
           f"WHERE ({selected}) IN (SELECT {names} FROM unnest({wanted}) AS k({names}))")
    with connection.cursor() as cursor:
        cursor.execute(sql, [array_literal(column) for column in zip(*keys, strict=True)])
        return set(map(tuple, cursor.fetchall()))


def array_literal(values: Sequence[object]) -> object:
    """Numbers, dates, flags or text as one PostgreSQL array literal: much quicker to send than a list, which
    psycopg adapts value by value. Anything else (a missing value, mixed kinds) is sent as the list."""
    kinds = set(map(type, values))
    if kinds <= {int, Decimal, dt.date}:
        return "{" + ",".join(map(str, values)) + "}"
    if kinds == {bool}:
        return "{" + ",".join("t" if value else "f" for value in values) + "}"
    if kinds == {str}:  # each quoted, so that commas, braces, spaces, "NULL" and the empty string are text
        return "{" + ",".join(map(_quoted, values)) + "}"
    return list(values)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
