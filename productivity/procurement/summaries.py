"""Keeping the spend summaries equal to the spend lines (see spend_models.py).

An import adds each batch's lines to the summaries in the transaction that saves them (``Summariser.totals``,
added together with ``_Totals.merge`` when batches share a transaction), so the summaries never show a line
that was not saved, nor miss one that was. Whatever changes the class of
suppliers already paid (a reclassification, a size file, a merge) calls ``refresh_for_suppliers`` in its
own transaction, which rebuilds the months those suppliers were paid in from the lines themselves.
``rebuild`` builds any council's (or every council's) summaries afresh from its lines. Every grain goes
through ``_Totals``: an import adds its lines to the monthly, yearly and supplier rows alike; a rebuild makes
the months from the lines and then the financial years they fall in from the months (``rebuild_years``), and
the supplier grain of those financial years from the lines (``rebuild_suppliers``).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import polars as pl
from django.db import connection, transaction
from django.db.models import Case, Count, Q, Sum, Value, When
from django.db.models.functions import ExtractYear, TruncMonth

from productivity.core.fiscal import financial_year_of
from productivity.imports import bulk
from productivity.organisations.models import Organisation
from productivity.procurement import proclass
from productivity.procurement.models import (
    Definition,
    SpendCategorySummary,
    SpendLine,
    SpendSummary,
    SpendSupplierSummary,
    SpendSupplierTotal,
    SpendYearHeadingSummary,
    SpendYearSummary,
    Supplier,
    SupplierClassification,
)

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
IDS_PER_QUERY = 500  # SQLite allows some hundreds of bound parameters per statement
COMPACT = ("publisher_id", "month", "definition", "size", "local")
CATEGORY = ("publisher_id", "month", "category", "definition", "size", "local")
YEAR = ("publisher_id", "year", "definition", "size", "local")
YEAR_HEADING = ("publisher_id", "year", "heading", "definition", "size", "local")
SUPPLIER = ("publisher_id", "year", "supplier_id", "definition", "size", "local")


def pence(total) -> Decimal:
    """A database's sum of amounts as the exact pence it is: SQLite adds decimals as floating point, which is
    exact to well under a penny at any council's spend; PostgreSQL adds them exactly (and this changes nothing)."""
    return Decimal(total).quantize(CENT)


def definitions() -> list[str]:
    """The SME definitions summaries are kept under: every named definition (not 'any')."""
    return [value for value in Definition.values if value != Definition.ANY]


@dataclass(frozen=True)
class SupplierClass:
    """What the shares need to know of a supplier: its size under each definition ('' unknown) and its region."""

    sizes: dict[str, str]
    region: str


def supplier_classes(supplier_ids: Iterable[int]) -> dict[int, SupplierClass]:
    """Each supplier's latest size under each definition (a size recorded under 'any' counts for every one)."""
    wanted = sorted(set(supplier_ids))
    named = definitions()
    sizes: dict[int, dict[str, str]] = {pk: {} for pk in wanted}
    regions: dict[int, str] = {}
    for start in range(0, len(wanted), IDS_PER_QUERY):
        chunk = wanted[start:start + IDS_PER_QUERY]
        regions.update(Supplier.objects.filter(pk__in=chunk).values_list("pk", "region"))
        rows = (SupplierClassification.objects.filter(supplier__in=chunk).exclude(size="")
                .order_by("supplier", "-recorded_on", "-pk").values_list("supplier", "definition", "size"))
        for supplier, definition, size in rows:
            known = sizes[supplier]
            for name in named:
                if name not in known and definition in (name, Definition.ANY):
                    known[name] = size
    return {pk: SupplierClass({name: sizes[pk].get(name, "") for name in named}, regions.get(pk, ""))
            for pk in wanted}


def _pounds(pence_total: int) -> Decimal:
    """Whole pence (an amount's text, always two places, without its point, added up) as pounds."""
    return Decimal(pence_total).scaleb(-2)


def _add_to(rows: dict[tuple, list], key: tuple, total: Decimal, lines: int) -> None:
    # A lookup, not the defaultdict's factory: that is a call for each of a file's many new keys.
    found = rows.get(key)
    if found is None:
        rows[key] = [total, lines]
    else:
        found[0] += total
        found[1] += lines


class _Totals:
    """Net spend and lines per summary row of every grain, as they are added up.

    ``recount`` (lines being added: an import's batch) says which suppliers may have a council paying them for the
    first time: the register's figures (``SpendSupplierTotal``) get the batch's net spend and lines added, and
    those suppliers' councils counted again. None (rows made afresh: ``rebuild_suppliers``, which then makes those
    figures afresh itself) leaves them alone."""

    def __init__(self, recount: set[int] | None = None):
        self.rows: dict[_Table, dict[tuple, list]] = {table: defaultdict(lambda: [ZERO, 0]) for table in TABLES}
        self.recount = recount

    def recount_every_supplier(self) -> None:
        """Count again the councils of every supplier these totals add to, not only those ``recount`` named."""
        if self.recount is not None:
            self.recount = {key[2] for key in self.rows[SpendSupplierTable]}

    def add(self, publisher: int, month: dt.date, category: str, kind: SupplierClass, region: str,
            total: Decimal, lines: int) -> None:
        local = bool(kind.region) and kind.region == region
        year = financial_year_of(month)
        heading = proclass.level1(category).key
        month_rows, category_rows = self.rows[SpendSummaryTable], self.rows[SpendCategoryTable]
        year_rows, heading_rows = self.rows[SpendYearTable], self.rows[SpendYearHeadingTable]
        for definition, size in kind.sizes.items():
            for rows, key in ((month_rows, (publisher, month, definition, size, local)),
                              (category_rows, (publisher, month, category, definition, size, local)),
                              (year_rows, (publisher, year, definition, size, local)),
                              (heading_rows, (publisher, year, heading, definition, size, local))):
                _add_to(rows, key, total, lines)

    def add_supplier(self, publisher: int, year: int, supplier: int, kind: SupplierClass, region: str,
                     total: Decimal, lines: int) -> None:
        """Add a council's spend with one supplier in a financial year to the supplier grain."""
        local = bool(kind.region) and kind.region == region
        rows = self.rows[SpendSupplierTable]
        for definition, size in kind.sizes.items():
            _add_to(rows, (publisher, year, supplier, definition, size, local), total, lines)

    def merge(self, other: "_Totals") -> None:
        """Add ``other``'s totals (a later batch's, saved in the same transaction) to these, and the suppliers it
        counts again."""
        for table, rows in other.rows.items():
            mine = self.rows[table]
            for key, (total, lines) in rows.items():
                _add_to(mine, key, total, lines)
        if self.recount is not None and other.recount is not None:
            self.recount |= other.recount

    def save(self, tables: Iterable["_Table"] | None = None) -> int:
        """Add the totals to the tables (every grain: None); the number of summary rows written."""
        wanted = [table for table in (TABLES if tables is None else tables) if self.rows[table]]
        upserts = {table: self.rows[table] for table in wanted}
        by_supplier = self.rows[SpendSupplierTable] if SpendSupplierTable in wanted else None
        if by_supplier and self.recount is not None:  # the register's figures: this batch's lines added
            added: dict[tuple, list] = {}
            for (_, _, supplier, definition, _, _), (total, lines) in by_supplier.items():
                _add_to(added, (supplier, definition), total, lines)
            upserts[SupplierTotalTable] = added
        if connection.vendor == "postgresql" and upserts:
            # Every grain in one statement (a data-modifying WITH a table): one round trip for an import batch's
            # summaries, not one a grain, each of which waits for the interpreter while the next batch is read.
            statements = [_upsert_postgresql(table, rows) for table, rows in upserts.items()]
            sql = "WITH " + ", ".join(f"grain_{index} AS ({statement})"
                                      for index, (statement, _) in enumerate(statements)) + " SELECT 1"
            with connection.cursor() as cursor:
                cursor.execute(sql, [value for _, params in statements for value in params])
        else:
            for table, rows in upserts.items():
                _upsert_sqlite(table, rows)
        if by_supplier and self.recount is not None:  # after the statement that locked the figures' rows
            recount_councils(self.recount)
        return sum(len(self.rows[table]) for table in wanted)


class Summariser:
    """Adds saved lines to the summaries; remembers suppliers' classes for the length of one import."""

    def __init__(self):
        self._kinds: dict[int, int] = {}  # supplier id: index of its class in _classes
        self._classes: list[SupplierClass] = []
        self._seen: dict[tuple, int] = {}
        self._regions: dict[int, str] = {}
        self._months: dict[dt.date, tuple[dt.date, int]] = {}
        self._paying: set[tuple[int, int]] = set()  # (council, supplier) pairs added to the summaries so far

    def add(self, lines: Iterable[tuple]) -> None:
        """Add (publisher id, payment date, amount, supplier id, ProClass code) lines, inside the caller's
        transaction (the one that saved them), to every grain of summary."""
        self.totals(lines).save()

    def totals(self, lines: Iterable[tuple]) -> "_Totals":
        """What ``add`` adds for these lines, not yet saved: an import works them out while it reads, and its
        writer saves them (``_Totals.save``) in the transaction that saves the lines."""
        lines = list(lines)
        unknown = {line[3] for line in lines} - self._kinds.keys()
        if unknown:
            self._learn(supplier_classes(unknown))
        # Lines of one month, code and class of supplier add up to the same rows: add them up first, once each.
        # (setdefault, not a defaultdict: its factory would be a call for each new key, most of a file's by supplier.)
        grouped: dict[tuple, list] = {}
        by_supplier: dict[tuple, list] = {}
        kinds, months = self._kinds, self._months
        for publisher, day, amount, supplier, code in lines:
            month_year = months.get(day)
            if month_year is None:
                month_year = months[day] = (day.replace(day=1), financial_year_of(day))
            found = grouped.setdefault((publisher, month_year[0], code or "", kinds[supplier]), [ZERO, 0])
            found[0] += amount
            found[1] += 1
            found = by_supplier.setdefault((publisher, month_year[1], supplier), [ZERO, 0])
            found[0] += amount
            found[1] += 1
        return self._totals([(*key, total, count) for key, (total, count) in grouped.items()],
                            [(*key, total, count) for key, (total, count) in by_supplier.items()])

    def _totals(self, by_month: list[tuple], by_supplier: list[tuple]) -> "_Totals":
        """The totals of lines added up by (council, month, ProClass code, class index) and by (council, financial
        year, supplier), each row followed by its net spend and its number of lines."""
        # A council may be paying a supplier for the first time: its councils are counted again (the pairs met
        # before in this import are not).
        pairs = {(publisher, supplier) for publisher, _, supplier, _, _ in by_supplier} - self._paying
        self._paying |= pairs
        totals = _Totals(recount={supplier for _, supplier in pairs})
        for publisher, month, code, kind, total, count in by_month:
            totals.add(publisher, month, code, self._classes[kind], self._region(publisher), total, count)
        for publisher, year, supplier, total, count in by_supplier:
            totals.add_supplier(publisher, year, supplier, self._classes[self._kinds[supplier]],
                                self._region(publisher), total, count)
        return totals

    def frame_totals(self, publisher: int, lines: pl.DataFrame) -> "_Totals":
        """``totals`` of one council's lines as a polars frame (payment_date, amount as its Decimal's text,
        supplier, proclass_code), grouped by polars: the same rows, added up in the same order."""
        suppliers = lines["supplier"].unique(maintain_order=True).to_list()
        unknown = set(suppliers) - self._kinds.keys()
        if unknown:
            self._learn(supplier_classes(unknown))
        days = lines["payment_date"]
        months = days.dt.truncate("1mo")
        grouped = pl.DataFrame({
            "month": months, "code": lines["proclass_code"].fill_null(""),
            "kind": lines["supplier"].replace_strict(suppliers, [self._kinds[pk] for pk in suppliers],
                                                     return_dtype=pl.Int64),
            "year": days.dt.year() - (days.dt.month() < 4).cast(pl.Int32), "supplier": lines["supplier"],
            "pence": lines["amount"].str.replace(".", "", literal=True).cast(pl.Int64)})
        total = [pl.col("pence").sum(), pl.len()]
        by_month = grouped.group_by("month", "code", "kind", maintain_order=True).agg(total).rows()
        by_supplier = grouped.group_by("year", "supplier", maintain_order=True).agg(total).rows()
        return self._totals([(publisher, *key, _pounds(pence), count) for *key, pence, count in by_month],
                            [(publisher, *key, _pounds(pence), count) for *key, pence, count in by_supplier])

    def _learn(self, classes: dict[int, SupplierClass]) -> None:
        for pk, kind in classes.items():
            signature = (tuple(sorted(kind.sizes.items())), kind.region)
            if signature not in self._seen:
                self._seen[signature] = len(self._classes)
                self._classes.append(kind)
            self._kinds[pk] = self._seen[signature]

    def _region(self, publisher: int) -> str:
        if publisher not in self._regions:
            self._regions[publisher] = Organisation.objects.filter(pk=publisher).values_list(
                "region", flat=True).first() or ""
        return self._regions[publisher]


@dataclass(frozen=True)
class _Table:
    model: type
    keys: tuple[str, ...]


SpendSummaryTable = _Table(SpendSummary, COMPACT)
SpendCategoryTable = _Table(SpendCategorySummary, CATEGORY)
SpendYearTable = _Table(SpendYearSummary, YEAR)
SpendYearHeadingTable = _Table(SpendYearHeadingSummary, YEAR_HEADING)
SpendSupplierTable = _Table(SpendSupplierSummary, SUPPLIER)
SupplierTotalTable = _Table(SpendSupplierTotal, ("supplier_id", "definition"))  # added to, councils apart
MONTHLY = (SpendSummaryTable, SpendCategoryTable)
YEARLY = (SpendYearTable, SpendYearHeadingTable)  # made from the monthly rows
TABLES = (*MONTHLY, *YEARLY, SpendSupplierTable)


def _upsert_sql(table: _Table) -> tuple[str, str, str, list[str]]:
    """The table's name, its columns listed, the ON CONFLICT clause that adds to a row already there, and the
    key columns."""
    meta = table.model._meta
    quote = connection.ops.quote_name
    name = quote(meta.db_table)
    columns = [quote(meta.get_field(key.removesuffix("_id")).column) for key in table.keys]
    listed = ", ".join([*columns, quote("total"), quote("lines")])
    update = (f"ON CONFLICT ({', '.join(columns)}) DO UPDATE SET "
              f"{quote('total')} = {name}.{quote('total')} + excluded.{quote('total')}, "
              f"{quote('lines')} = {name}.{quote('lines')} + excluded.{quote('lines')}")
    return name, listed, update, columns


def _upsert_postgresql(table: _Table, totals: dict[tuple, list]) -> tuple[str, list]:
    """The statement adding ``totals`` to the table's rows (making those not there yet), and its parameters: one
    array a column, unnested into rows, so a statement of any length costs a few parameters."""
    name, listed, update, _ = _upsert_sql(table)
    meta = table.model._meta
    fields = [meta.get_field(key.removesuffix("_id")) for key in table.keys]
    types = [field.target_field.db_type(connection) if field.is_relation else field.db_type(connection)
             for field in fields] + ["numeric", "integer"]
    arrays = ", ".join(f"%s::{kind}[]" for kind in types)
    # In key order: two imports adding to the same rows at once (councils paying the same suppliers) lock them in
    # one order, so one waits for the other and neither deadlocks.
    values = [(*key, total, lines) for key, (total, lines) in sorted(totals.items())]
    return (f"INSERT INTO {name} ({listed}) SELECT * FROM unnest({arrays}) {update}",  # noqa: S608 (names quoted)
            [bulk.array_literal(column) for column in zip(*values, strict=True)])


def _upsert_sqlite(table: _Table, totals: dict[tuple, list]) -> None:
    """Add ``totals`` to the table's rows, making the rows that are not there yet: many rows a statement."""
    name, listed, update, columns = _upsert_sql(table)
    row = "(" + ", ".join(["%s"] * (len(columns) + 2)) + ")"
    values = [(*key, total, lines) for key, (total, lines) in totals.items()]
    per_statement = 999 // (len(columns) + 2)  # SQLite binds at most 999 values a statement in older builds
    with connection.cursor() as cursor:
        for start in range(0, len(values), per_statement):
            chunk = values[start:start + per_statement]
            sql = f"INSERT INTO {name} ({listed}) VALUES {', '.join([row] * len(chunk))} {update}"  # noqa: S608
            cursor.execute(sql, [value for line in chunk for value in line])


# ---- rebuilding from the lines ---------------------------------------------------------------------------


def _month_after(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _in_months(months: Iterable[dt.date]) -> Q:
    wanted = Q()
    for month in sorted(set(months)):
        wanted |= Q(payment_date__gte=month, payment_date__lt=_month_after(month))
    return wanted


@transaction.atomic
def rebuild(publisher_ids: Iterable[int] | None = None, months: Iterable[dt.date] | None = None) -> int:
    """Make the summaries of these councils (every council: None) in these months (all: None) afresh from
    their lines, and the yearly and supplier ones of the financial years those months are in; the number of
    rows written."""
    if publisher_ids is not None:
        publisher_ids = list(publisher_ids)
    if months is not None:
        months = {month.replace(day=1) for month in months}
    written = _rebuild(publisher_ids, months)
    years = None if months is None else {financial_year_of(month) for month in months}
    return written + rebuild_suppliers(publisher_ids, years)


def _rebuild(publisher_ids: list[int] | None, months: set[dt.date] | None) -> int:
    """``rebuild`` of the monthly and yearly grains (not the supplier grain)."""
    lines = SpendLine.objects.all()
    summaries = [table.model.objects.all() for table in MONTHLY]
    if publisher_ids is not None:
        lines = lines.filter(publisher__in=publisher_ids)
        summaries = [found.filter(publisher__in=publisher_ids) for found in summaries]
    if months is not None:
        if not months:
            return 0
        lines = lines.filter(_in_months(months))
        summaries = [found.filter(month__in=months) for found in summaries]
    for found in summaries:
        found.delete()
    if connection.vendor == "postgresql":
        written = _rebuild_in_postgresql(publisher_ids, months)
    else:
        written = _rebuild_months(lines)
    years = None if months is None else {financial_year_of(month) for month in months}
    return written + rebuild_years(publisher_ids, years)


def _rebuild_months(lines) -> int:
    classes = supplier_classes(lines.order_by().values_list("supplier", flat=True).distinct())
    regions = dict(Organisation.objects.filter(
        pk__in=lines.order_by().values("publisher").distinct()).values_list("pk", "region"))
    totals = _Totals()
    grouped = (lines.annotate(month=TruncMonth("payment_date")).order_by()
               .values_list("publisher", "month", "proclass_code", "supplier")
               .annotate(total=Sum("amount"), count=Count("pk")))
    for publisher, month, code, supplier, total, count in grouped.iterator(chunk_size=20_000):
        totals.add(publisher, month, code or "", classes[supplier], regions[publisher] or "", pence(total), count)
    return totals.save(MONTHLY)


@transaction.atomic
def rebuild_years(publisher_ids: Iterable[int] | None = None, years: Iterable[int] | None = None) -> int:
    """Make the yearly summaries of these councils (every council: None) in these financial years (all: None)
    afresh from the monthly category summary (equal to the lines); the number of rows written."""
    monthly = SpendCategorySummary.objects.all()
    yearly = [table.model.objects.all() for table in YEARLY]
    if publisher_ids is not None:
        publisher_ids = list(publisher_ids)
        monthly = monthly.filter(publisher__in=publisher_ids)
        yearly = [found.filter(publisher__in=publisher_ids) for found in yearly]
    if years is not None:
        years = sorted(set(years))
        in_years = Q()
        for year in years:
            in_years |= Q(month__gte=dt.date(year, 4, 1), month__lt=dt.date(year + 1, 4, 1))
        monthly = monthly.filter(in_years)
        yearly = [found.filter(year__in=years) for found in yearly]
    for found in yearly:
        found.delete()
    grouped = (monthly.annotate(year=_financial_year("month")).order_by()
               .values_list("publisher", "year", "category", "definition", "size", "local")
               .annotate(sum_total=Sum("total"), sum_lines=Sum("lines")))
    totals = _Totals()
    year_rows, heading_rows = totals.rows[SpendYearTable], totals.rows[SpendYearHeadingTable]
    for publisher, fy, category, definition, size, local, total, count in grouped.iterator(chunk_size=20_000):
        for found in (year_rows[(publisher, fy, definition, size, local)],
                      heading_rows[(publisher, fy, proclass.level1(category).key, definition, size, local)]):
            found[0] += pence(total)
            found[1] += count
    return totals.save(YEARLY)


def _rebuild_in_postgresql(publisher_ids: list[int] | None, months: set | None) -> int:
    """``rebuild`` with the adding up done by the database: the suppliers' classes (decided in Python, by
    ``supplier_classes``, as for an import) go into a temporary table, and the lines are grouped against it."""
    where, params = ["TRUE"], []
    if publisher_ids is not None:
        where.append("l.publisher_id = ANY(%s)")
        params.append(publisher_ids)
    if months is not None:
        ranges = " OR ".join(["(l.payment_date >= %s AND l.payment_date < %s)"] * len(months))
        where.append(f"({ranges})")
        for month in sorted(months):
            params += [month, _month_after(month)]
    condition = " AND ".join(where)
    line_table = SpendLine._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT l.supplier_id FROM {line_table} l WHERE {condition}", params)  # noqa: S608
        classes = supplier_classes(row[0] for row in cursor.fetchall())
        rows = [(pk, definition, size, kind.region) for pk, kind in classes.items()
                for definition, size in kind.sizes.items()]
        cursor.execute("CREATE TEMPORARY TABLE spend_supplier_class (supplier_id integer, definition text, "
                       "size text, region text) ON COMMIT DROP")
        if rows:
            cursor.execute("INSERT INTO spend_supplier_class SELECT * FROM unnest(%s::integer[], %s::text[], "
                           "%s::text[], %s::text[])", [list(column) for column in zip(*rows, strict=True)])
        category, compact = SpendCategorySummary._meta.db_table, SpendSummary._meta.db_table
        organisations = Organisation._meta.db_table
        cursor.execute(
            f"INSERT INTO {category} (publisher_id, month, category, definition, size, local, total, lines) "  # noqa: S608
            f"SELECT l.publisher_id, date_trunc('month', l.payment_date)::date, l.proclass_code, c.definition, "
            f"c.size, (c.region <> '' AND c.region = coalesce(o.region, '')), sum(l.amount), count(*) "
            f"FROM {line_table} l JOIN spend_supplier_class c ON c.supplier_id = l.supplier_id "
            f"JOIN {organisations} o ON o.id = l.publisher_id WHERE {condition} GROUP BY 1, 2, 3, 4, 5, 6", params)
        written = cursor.rowcount
        scope, scope_params = ["TRUE"], []
        if publisher_ids is not None:
            scope.append("publisher_id = ANY(%s)")
            scope_params.append(publisher_ids)
        if months is not None:
            scope.append("month = ANY(%s)")
            scope_params.append(sorted(months))
        cursor.execute(
            f"INSERT INTO {compact} (publisher_id, month, definition, size, local, total, lines) "  # noqa: S608
            f"SELECT publisher_id, month, definition, size, local, sum(total), sum(lines) FROM {category} "
            f"WHERE {' AND '.join(scope)} GROUP BY 1, 2, 3, 4, 5", scope_params)
        cursor.execute("DROP TABLE spend_supplier_class")
        return written + cursor.rowcount


@transaction.atomic
def refresh_for_suppliers(supplier_ids: Iterable[int]) -> int:
    """After suppliers' classes, regions or identities changed (reclassified, sized, merged): rebuild every
    council-month they were paid in, and their rows of the supplier grain. Call it in the transaction that made
    the change (after it, for a merge: with the merged supplier's id and the one it went into). The number of
    summary rows written."""
    wanted = list(set(supplier_ids))
    months: dict[int, set] = defaultdict(set)
    for start in range(0, len(wanted), IDS_PER_QUERY):
        paid = (SpendLine.objects.filter(supplier__in=wanted[start:start + IDS_PER_QUERY])
                .annotate(month=TruncMonth("payment_date")).order_by().values_list("publisher", "month").distinct())
        for publisher, month in paid:
            months[publisher].add(month)
    written = sum(_rebuild([publisher], found) for publisher, found in months.items())
    # A supplier's rows move with its lines (a merge) or change class: only the suppliers named need redoing.
    return written + rebuild_suppliers(supplier_ids=wanted)


def _financial_year(field: str):
    """A date's financial year in the database, by the calendar year it starts in (January to March belong to
    the year before)."""
    return ExtractYear(field) - Case(When(**{f"{field}__month__lt": 4}, then=Value(1)), default=Value(0))


@transaction.atomic
def rebuild_suppliers(publisher_ids: Iterable[int] | None = None, years: Iterable[int] | None = None,
                      supplier_ids: Iterable[int] | None = None) -> int:
    """Make the supplier grain of these councils, financial years and suppliers (each None: all) afresh from
    the lines; the number of rows written."""
    lines, held = SpendLine.objects.all(), SpendSupplierSummary.objects.all()
    if publisher_ids is not None:
        publisher_ids = list(publisher_ids)
        lines, held = lines.filter(publisher__in=publisher_ids), held.filter(publisher__in=publisher_ids)
    if years is not None:
        years = sorted(set(years))
        if not years:
            return 0
        in_years = Q()
        for year in years:
            in_years |= Q(payment_date__gte=dt.date(year, 4, 1), payment_date__lt=dt.date(year + 1, 4, 1))
        lines, held = lines.filter(in_years), held.filter(year__in=years)
    chunks: list = [None]
    if supplier_ids is not None:
        wanted = sorted(set(supplier_ids))
        chunks = [wanted[start:start + IDS_PER_QUERY] for start in range(0, len(wanted), IDS_PER_QUERY)]
    written = 0
    everything = publisher_ids is None and years is None and supplier_ids is None
    for chunk in chunks:
        some_lines, some_held = lines, held
        if chunk is not None:
            some_lines, some_held = lines.filter(supplier__in=chunk), held.filter(supplier__in=chunk)
        # The register's figures of the suppliers whose rows go (merged away, some) or come back, made afresh.
        gone = None if everything else set(some_held.order_by().values_list("supplier", flat=True).distinct())
        some_held.delete()
        made, suppliers = _suppliers_from_lines(some_lines)
        written += made
        refresh_supplier_totals(None if everything else gone | suppliers)
    return written


def recount_councils(supplier_ids: Iterable[int]) -> None:
    """Count again the councils paying these suppliers, in the register's figures, from the supplier summary. Run
    after the statement adding to those figures, which locked them: an import saving a batch for one of the
    suppliers at the same time has committed by now, so its councils are counted too."""
    wanted = sorted(set(supplier_ids))
    if not wanted:
        return
    quote = connection.ops.quote_name
    table, summary = quote(SpendSupplierTotal._meta.db_table), quote(SpendSupplierSummary._meta.db_table)
    with connection.cursor() as cursor:
        for chunk in _id_chunks(wanted):
            among, params = _among(chunk)
            cursor.execute(
                f"UPDATE {table} SET councils = (SELECT COUNT(DISTINCT s.publisher_id) FROM {summary} s "  # noqa: S608
                f"WHERE s.supplier_id = {table}.supplier_id AND s.definition = {table}.definition) "
                f"WHERE supplier_id {among}", params)


def _id_chunks(ids: list[int]) -> list[list[int]]:
    """``ids`` as one array (PostgreSQL), or a few hundred a statement (SQLite's bound parameters)."""
    if connection.vendor == "postgresql":
        return [ids]
    return [ids[start:start + IDS_PER_QUERY] for start in range(0, len(ids), IDS_PER_QUERY)]


def _among(ids: list[int]) -> tuple[str, list]:
    """SQL saying a column is one of ``ids``, and its parameters."""
    if connection.vendor == "postgresql":
        return "= ANY(%s::integer[])", [bulk.array_literal(ids)]
    return f"IN ({', '.join(['%s'] * len(ids))})", list(ids)


def refresh_supplier_totals(supplier_ids: Iterable[int] | None = None) -> int:
    """Make the register's figures (``SpendSupplierTotal``) of these suppliers (every supplier: None) their
    supplier summary rows added up, in the caller's transaction; the number of suppliers' rows written.

    The suppliers' rows are locked first (made, if new, and zeroed), and only then added up, in a statement of
    its own: an import saving a batch for one of them at the same time waits for this transaction to end, and
    then adds up what both saved. A supplier left with no summary rows (merged away) has none either."""
    quote = connection.ops.quote_name
    table, summary = quote(SpendSupplierTotal._meta.db_table), quote(SpendSupplierSummary._meta.db_table)
    columns = "supplier_id, definition, total, lines, councils"
    sums = f"SELECT supplier_id, definition, SUM(total), SUM(lines), COUNT(DISTINCT publisher_id) FROM {summary}"  # noqa: S608
    with connection.cursor() as cursor:
        if supplier_ids is None:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (names quoted)
            cursor.execute(f"INSERT INTO {table} ({columns}) {sums} GROUP BY supplier_id, definition")  # noqa: S608
            return max(cursor.rowcount, 0)
        wanted = sorted(set(supplier_ids))
        if not wanted:
            return 0
        named = definitions()
        written = 0
        for chunk in _id_chunks(wanted):
            among, params = _among(chunk)
            each = " UNION ALL ".join(["SELECT CAST(%s AS TEXT) AS definition"] * len(named))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT s.id, d.definition, 0, 0, 0 "  # noqa: S608 (names quoted)
                f"FROM {quote(Supplier._meta.db_table)} s, ({each}) d WHERE s.id {among} ORDER BY s.id, d.definition "
                f"ON CONFLICT (supplier_id, definition) DO UPDATE SET total = 0, lines = 0, councils = 0",
                [*named, *params])
            cursor.execute(  # noqa: S608
                f"INSERT INTO {table} ({columns}) {sums} WHERE supplier_id {among} GROUP BY supplier_id, definition "
                f"ON CONFLICT (supplier_id, definition) DO UPDATE SET total = excluded.total, "
                f"lines = excluded.lines, councils = excluded.councils", params)
            written += max(cursor.rowcount, 0)
            cursor.execute(f"DELETE FROM {table} WHERE supplier_id {among} AND lines = 0", params)  # noqa: S608
        return written


def _suppliers_from_lines(lines) -> tuple[int, set[int]]:
    """The supplier grain of ``lines`` added (none held for them: the caller deleted those): the rows written, and
    the suppliers they are of."""
    grouped = list(lines.annotate(year=_financial_year("payment_date")).order_by()
                   .values_list("publisher", "year", "supplier").annotate(total=Sum("amount"), count=Count("pk")))
    classes = supplier_classes(row[2] for row in grouped)
    regions = dict(Organisation.objects.filter(pk__in={row[0] for row in grouped}).values_list("pk", "region"))
    totals = _Totals()
    for publisher, year, supplier, total, count in grouped:
        totals.add_supplier(publisher, year, supplier, classes[supplier], regions[publisher] or "", pence(total),
                            count)
    return totals.save((SpendSupplierTable,)), set(classes)
