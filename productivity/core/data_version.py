"""The data version: a value that changes with every write that could change what a page shows.

The page cache (page_cache.py) keys each page by it, so a cached page is served only while nothing it was
computed from has changed. It is two numbers:

- the shared one, a row in the database (``core_dataversion``), raised after every committed transaction that
  wrote anything, so every gunicorn worker, the background worker and any other host see a write at once;
- this process's own count of write statements (rollbacks included), raised the moment a statement runs, so a
  process sees its own writes even inside a transaction that has not committed yet (a test's, for one).

Writes are noticed where every write passes, at the database cursor: a wrapper on every connection looks at
each statement, so model saves, deletes, ``update()``, ``bulk_create()``, raw SQL and migrations all count,
whichever app makes them. COPY bypasses the cursor's ``execute``: its caller calls ``changed()`` (the imports
app's bulk path does). Writes to tables no page is computed from (sessions, sign-in throttling, the task queue,
this row) are not counted, so people signing in and browsing do not empty the cache. A write made outside the
platform (psql) is seen when the cached page expires (``PAGE_CACHE_SECONDS``).
"""

import itertools
import re

from django.conf import settings
from django.db import DatabaseError, connections

# Tables whose rows no page's content is computed from.
IGNORED_TABLES = frozenset({
    "core_dataversion", "django_session", "axes_accessattempt", "axes_accessattemptexpiration",
    "axes_accessfailurelog", "axes_accesslog", "django_tasks_database_dbtaskresult",
})
READS = ("SELECT", "SAVEPOINT", "RELEASE", "SET ", "SHOW", "PRAGMA", "BEGIN", "COMMIT", "EXPLAIN", "VALUES")
TARGET = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE)
BUMP = ("INSERT INTO core_dataversion (id, version) VALUES (1, 1) "
        "ON CONFLICT (id) DO UPDATE SET version = core_dataversion.version + 1")

_writes = itertools.count(1)  # next() is atomic, so threads never share a number
_local = 0


def current(using: str = "default") -> tuple[int, int]:
    """The version now: (the shared number, this process's count of its own writes)."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT version FROM core_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return (row[0] if row else 0, _local)


def changed(connection) -> None:
    """Note a write on ``connection``: this process's count now, the shared number when it commits."""
    global _local
    _local = next(_writes)
    bump = getattr(connection, "_data_version_bump", None)
    if bump is None:
        bump = connection._data_version_bump = _bumper(connection)
    if connection.in_atomic_block and any(entry[1] is bump for entry in connection.run_on_commit):
        return  # one raise per transaction, however many rows it writes
    connection.on_commit(bump, robust=True)


def _bumper(connection):
    def bump() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute(BUMP)
        except DatabaseError:
            if "core_dataversion" in connection.introspection.table_names():
                raise
            # The first migrate writes before core's table exists; nothing is served or cached until it does.
    return bump


def writes(sql: str) -> bool:
    """Whether a statement may change what a page shows: anything but a read, unless to an ignored table."""
    start = sql.lstrip()[:9].upper()
    if start.startswith(READS):
        return False
    target = TARGET.match(sql)
    return not (target and target.group(1).lower() in IGNORED_TABLES)


def watch(execute, sql, params, many, context):
    """The cursor wrapper on every connection (installed by core's AppConfig)."""
    result = execute(sql, params, many, context)
    if writes(sql):
        changed(context["connection"])
    return result


def install(sender, connection, **kwargs) -> None:
    """Watch ``connection``'s statements (the connection_created signal's receiver). Django's own connection
    for creating and dropping test databases, to no database in particular, is not watched."""
    if connection.alias in settings.DATABASES and watch not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, watch)
