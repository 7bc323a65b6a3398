"""Finding the register's supplier for a name and identifiers a council published, adding it when new.

By identifier first (Companies House, VAT, charity number), then by exact normalised name when no
identifier says otherwise. Every redacted name is the one 'Redacted' supplier, classed as an individual.
"""

from dataclasses import dataclass

from django.db import connection

from productivity.audit.registry import record_created
from productivity.procurement import names
from productivity.procurement.models import Definition, Size, Source, Supplier, SupplierClassification

REDACTED = "Redacted"
IDENTIFIERS = ("companies_house_number", "vat_number", "charity_number")


@dataclass(frozen=True)
class Published:
    """A supplier as one line of a spend file names it."""

    name: str
    companies_house_number: str = ""
    vat_number: str = ""
    charity_number: str = ""


def redacted_supplier() -> Supplier:
    """The one supplier standing for every redacted name, classed as an individual (made when first needed)."""
    supplier, created = Supplier.objects.get_or_create(
        is_redacted=True, defaults={"name": REDACTED, "normalised_name": names.normalised(REDACTED)})
    if created:
        SupplierClassification.objects.create(
            supplier=supplier, size=Size.INDIVIDUAL, definition=Definition.ANY, source=Source.REDACTION,
            detail="Names held back by the publishing council")
    return supplier


class SupplierMatcher:
    """Remembers the register while a file is read: each supplier is looked up once, then found in memory."""

    def __init__(self):
        self._by: dict[str, dict[str, int]] = {field: {} for field in (*IDENTIFIERS, "normalised_name")}
        self._identifiers: dict[int, dict[str, str]] = {}
        self._redacted: int | None = None
        for row in Supplier.objects.filter(is_redacted=False).values("pk", "normalised_name", *IDENTIFIERS):
            self._remember(row["pk"], row)

    def _remember(self, pk: int, values: dict) -> None:
        self._identifiers[pk] = {field: values.get(field) or "" for field in IDENTIFIERS}
        for field in (*IDENTIFIERS, "normalised_name"):
            if values.get(field):
                self._by[field].setdefault(values[field], pk)

    def supplier_id(self, published: Published) -> int:
        """The register's supplier for ``published``: found, or added (and any identifier it lacked filled in)."""
        if names.is_redacted(published.name):
            if self._redacted is None:
                self._redacted = redacted_supplier().pk
            return self._redacted
        given = {"companies_house_number": names.company_number(published.companies_house_number),
                 "vat_number": names.vat_number(published.vat_number),
                 "charity_number": names.identifier(published.charity_number)}
        given = {field: value for field, value in given.items() if value}
        for field, value in given.items():
            if value in self._by[field]:
                return self._completed(self._by[field][value], given)
        normalised = names.normalised(published.name)
        found = self._by["normalised_name"].get(normalised)
        if found is not None and not self._contradicts(found, given):
            return self._completed(found, given)
        supplier = self._added(published.name, normalised, given)
        self._remember(supplier.pk, {"normalised_name": normalised, **given})
        return supplier.pk

    def _contradicts(self, pk: int, given: dict[str, str]) -> bool:
        known = self._identifiers[pk]
        return any(known[field] and known[field] != value for field, value in given.items())

    def _completed(self, pk: int, given: dict[str, str]) -> int:
        known = self._identifiers[pk]
        missing = {field: value for field, value in given.items() if not known[field]}
        if missing:
            self._fill(pk, missing)
            self._remember(pk, {**known, **missing})
        return pk

    # ---- saving what was added, many suppliers a statement (importer.save_batch calls flush) -------------

    def _added(self, name: str, normalised: str, given: dict[str, str]) -> Supplier:
        """A new supplier, saved at the next ``flush`` (at once where ids cannot be reserved ahead: SQLite)."""
        if connection.vendor != "postgresql":
            return Supplier.objects.create(name=name, normalised_name=normalised, **given)
        if not getattr(self, "_ids", None):
            self._ids = _reserved_ids(IDS_RESERVED)
        supplier = Supplier(pk=self._ids.pop(), name=name, normalised_name=normalised, **given)
        self._pending()[supplier.pk] = supplier
        return supplier

    def _fill(self, pk: int, missing: dict[str, str]) -> None:
        waiting = self._pending().get(pk)
        if waiting is not None:
            for field, value in missing.items():
                setattr(waiting, field, value)
        else:
            Supplier.objects.filter(pk=pk).update(**missing)

    def _pending(self) -> dict[int, Supplier]:
        if not hasattr(self, "_waiting"):
            self._waiting: dict[int, Supplier] = {}
        return self._waiting

    def flush(self) -> None:
        """Save the suppliers added since the last flush, in one statement, each recorded in the audit trail."""
        waiting = list(self._pending().values())
        if waiting:
            Supplier.objects.bulk_create(waiting)
            record_created(waiting)
            self._waiting = {}


IDS_RESERVED = 1000  # supplier ids taken from the sequence at a time


def _reserved_ids(count: int) -> list[int]:
    """``count`` ids from the supplier table's sequence (PostgreSQL), for suppliers saved together later."""
    table = Supplier._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count])
        return [row[0] for row in reversed(cursor.fetchall())]
