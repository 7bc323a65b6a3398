"""Finding the register's supplier for a name and identifiers a council published, adding it when new.

By identifier first (Companies House, VAT, charity number), then by exact normalised name when no
identifier says otherwise. Every redacted name is the one 'Redacted' supplier, classed as an individual.
"""

from dataclasses import dataclass

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
        supplier = Supplier.objects.create(name=published.name, normalised_name=normalised, **given)
        self._remember(supplier.pk, {"normalised_name": normalised, **given})
        return supplier.pk

    def _contradicts(self, pk: int, given: dict[str, str]) -> bool:
        known = self._identifiers[pk]
        return any(known[field] and known[field] != value for field, value in given.items())

    def _completed(self, pk: int, given: dict[str, str]) -> int:
        known = self._identifiers[pk]
        missing = {field: value for field, value in given.items() if not known[field]}
        if missing:
            Supplier.objects.filter(pk=pk).update(**missing)
            self._remember(pk, {**known, **missing})
        return pk
