"""The bulk save path: many rows in one statement, not one model save (and full_clean) per row.

PostgreSQL gets COPY, the fastest way into it; SQLite gets one prepared INSERT run over every row.
Values must already be what the column stores (Decimal, date, str, int ids): the importer has
checked them.
"""

from collections.abc import Iterable, Sequence

from django.db import connections, router


def insert_rows(model, fields: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Insert ``rows`` (values in the order of ``fields``) into ``model``'s table; the number inserted."""
    alias = router.db_for_write(model)
    connection = connections[alias]
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(name).column for name in fields]
    table = quote(model._meta.db_table)
    column_list = ", ".join(quote(column) for column in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:  # noqa: S608 (names quoted)
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(columns))
        batch = list(rows)
        cursor.executemany(f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})", batch)  # noqa: S608
        return len(batch)
