"""Supplier size data: employees, turnover, balance sheet, VCSE and public-body flags, postcode or region.

One row per supplier and date. A row finds its supplier in the register as spend does (Companies House, VAT
or charity number, then the normalised name; a merged supplier leads to the one it became) and is rejected,
saying so, when none is there: size data classes suppliers councils pay, it does not add them. Each row is
kept (``SupplierSize``) and classes its supplier under each definition its figures decide (the seed papers':
250 employees or fewer; the Procurement Act 2023's: fewer than 250 staff and turnover of £44m or less or a
balance sheet total of £38m or less), as VCSE or as a public body when flagged, dated and sourced. A
supplier's region is the file's region, or its postcode's (data/procurement/postcode_area_regions.csv).
Importing the same file again changes nothing. The register belongs to no council: the programme team
imports size data.
"""

from decimal import Decimal

from productivity.core.dates import ACCEPTED as DATE_ACCEPTS
from productivity.core.formatting import govuk_date
from productivity.imports import cells as shared
from productivity.imports.accounted import AccountedImporter
from productivity.imports.headers import Field
from productivity.procurement import names, summaries, suppliers
from productivity.procurement.importers import cells
from productivity.procurement.matching import merged_targets
from productivity.procurement.models import Definition, Size, Source, Supplier, SupplierClassification, SupplierSize

EMPLOYEES_ACCEPTS = "a whole number of employees (staff), such as 42"
REGION_ACCEPTS = "an English region (such as South West), Wales, Scotland or Northern Ireland"
PROGRAMME_ONLY = ("Only the programme team can import supplier size data: the register is shared by every "
                  "council. Ask the programme team to import this file")


def _employees(value: object) -> int | None:
    raw = shared.text(value).replace(",", "")
    if not raw or raw.casefold() in cells.PLACEHOLDERS:
        return None
    try:
        number = Decimal(raw)
    except ArithmeticError as error:
        raise ValueError(f"'{raw}' is not a number of employees: use {EMPLOYEES_ACCEPTS}") from error
    if number != number.to_integral_value() or number < 0:
        raise ValueError(f"'{raw}' is not a number of employees: use {EMPLOYEES_ACCEPTS}")
    if number > 10_000_000:
        raise ValueError(f"'{raw}' is more employees than any employer has: use {EMPLOYEES_ACCEPTS}")
    return int(number)


def _money(value: object) -> Decimal | None:
    raw = shared.text(value)
    if raw.casefold() in cells.PLACEHOLDERS:
        return None
    return shared.money(value)


def _flag(value: object) -> bool | None:
    raw = shared.text(value)
    if raw.casefold() in cells.PLACEHOLDERS:
        return None
    return shared.boolean(value)


def _region(value: object) -> str | None:
    raw = " ".join(shared.text(value).split())
    if not raw:
        return None
    known = {shared.key(region): region for region in suppliers.regions()}
    known |= {"eastofengland": "East of England", "east": "East of England",
              "yorkshireandthehumber": "Yorkshire and The Humber", "yorkshire": "Yorkshire and The Humber"}
    found = known.get(shared.key(raw))
    if found is None:
        raise ValueError(f"'{raw}' is not a region we know: use {REGION_ACCEPTS}")
    return found


def _postcode(value: object) -> str | None:
    raw = " ".join(shared.text(value).upper().split())
    if not raw:
        return None
    if not suppliers.postcode_area(raw) or len(raw) > 8:
        raise ValueError(f"'{raw}' is not a UK postcode: use a postcode such as EX2 4QD")
    return raw


# A row as read: (supplier id, date, source, employees, turnover, balance sheet, VCSE, public body, postcode, region).
SUPPLIER, AS_OF, SOURCE, EMPLOYEES, TURNOVER, BALANCE, VCSE, PUBLIC, POSTCODE, REGION = range(10)


class SupplierSizeImporter(AccountedImporter):
    kind = "supplier_size"
    title = "Supplier size data"
    noun = "supplier"
    on_existing = "duplicate"
    fields = (
        Field("supplier_name", "Supplier name", "the supplier's name as councils publish it", required=True,
              aliases=("supplier", "name", "company name", "organisation name", "beneficiaryname")),
        Field("company_number", "Companies House number", "the supplier's company registration number",
              aliases=("company number", "company registration number", "registered company number", "crn")),
        Field("vat_number", "VAT registration number", "the supplier's VAT number, such as GB812311285",
              aliases=("vat number", "vat reg no", "vat no", "vatregistrationnumber")),
        Field("charity_number", "Charity number", "the supplier's registered charity number",
              aliases=("registered charity number", "charity registration number")),
        Field("employees", "Employees", EMPLOYEES_ACCEPTS,
              aliases=("staff", "number of employees", "headcount", "employee count", "staff headcount")),
        Field("turnover", "Turnover", "the annual turnover in pounds, such as 5,000,000",
              aliases=("annual turnover", "turnover gbp", "revenue")),
        Field("balance_sheet_total", "Balance sheet total", "the balance sheet total in pounds",
              aliases=("balance sheet", "total assets", "balance sheet total gbp")),
        Field("vcse", "VCSE", "Yes when a voluntary, community or social enterprise, else No",
              aliases=("is vcse", "vcse flag", "voluntary sector", "social enterprise")),
        Field("public_body", "Public body", "Yes when a public body, else No", aliases=("is public body",)),
        Field("as_of", "Date", DATE_ACCEPTS, required=True,
              aliases=("as of", "as at", "date of figures", "accounts date", "year end", "recorded on")),
        Field("source", "Source", "where the figures came from, such as Companies House accounts", required=True,
              aliases=("data source", "source of data")),
        Field("postcode", "Postcode", "the supplier's registered postcode, such as EX2 4QD",
              aliases=("post code", "registered postcode", "registered office postcode")),
        Field("region", "Region", REGION_ACCEPTS, aliases=("supplier region",)),
    )
    examples = (("Acme Services Ltd", "01234567", "GB812311285", "", "42", "3,500,000", "1,200,000", "No", "No",
                 "31/03/2026", "Companies House accounts", "EX2 4QD", ""),)

    def __init__(self, user, **options):
        super().__init__(user, **options)
        self._lookup: dict[str, dict[str, int]] | None = None

    def _find(self, name: str, company: str, vat: str, charity: str) -> int | None:
        if self._lookup is None:
            merged = merged_targets()
            self._lookup = {field: {} for field in (*suppliers.IDENTIFIERS, "normalised_name")}
            for row in Supplier.objects.filter(is_redacted=False).values("pk", "normalised_name",
                                                                          *suppliers.IDENTIFIERS).order_by("pk"):
                for field, found in self._lookup.items():
                    if row[field]:
                        found.setdefault(row[field], merged.get(row["pk"], row["pk"]))
        given = (("companies_house_number", names.company_number(company)), ("vat_number", names.vat_number(vat)),
                 ("charity_number", names.identifier(charity)), ("normalised_name", names.normalised(name)))
        return next((self._lookup[field][value] for field, value in given if value and value in self._lookup[field]),
                    None)

    def parse_row(self, row):
        parsers = {"supplier_name": cells.supplier_name, "company_number": cells.optional_text(20),
                   "vat_number": cells.optional_text(20), "charity_number": cells.optional_text(20),
                   "employees": _employees, "turnover": _money, "balance_sheet_total": _money, "vcse": _flag,
                   "public_body": _flag, "as_of": cells.payment_date, "source": cells.optional_text(200),
                   "postcode": _postcode, "region": _region}
        values = {key: row.parse(key, parser) for key, parser in parsers.items()}
        for key in ("supplier_name", "as_of", "source"):
            if values[key] is None and self.column_name(key) not in dict(row.reasons):
                row.problem(key, self.blank_message(key))
        if not self.programme_wide:
            row.problem("supplier_name", PROGRAMME_ONLY)
        if not row.ok:
            return None
        if names.is_redacted(values["supplier_name"]):
            row.problem("supplier_name", "A redacted name stands for many suppliers: it cannot be given a size")
            return None
        supplier = self._find(values["supplier_name"], values["company_number"] or "", values["vat_number"] or "",
                              values["charity_number"] or "")
        if supplier is None:
            row.problem("supplier_name", f"No supplier in the register has this name or number: import the spend "
                                         f"that pays '{values['supplier_name']}' first, or correct the name or "
                                         "Companies House, VAT or charity number")
            return None
        region = values["region"] or (suppliers.region_of_postcode(values["postcode"]) if values["postcode"] else "")
        return (supplier, values["as_of"], values["source"], values["employees"], values["turnover"],
                values["balance_sheet_total"], values["vcse"], values["public_body"], values["postcode"] or "",
                region)

    def key(self, record):
        return (record[SUPPLIER], record[AS_OF], record[SOURCE])

    def existing(self, keys):
        suppliers_wanted = {key[0] for key in keys}
        found = SupplierSize.objects.filter(supplier__in=suppliers_wanted).values_list("supplier_id", "as_of",
                                                                                       "source")
        wanted = set(keys)
        return {key: key for key in map(tuple, found) if key in wanted}

    def save_batch(self, new, changed):
        sizes, classes, regions = [], [], {}
        for record in new:
            sizes.append(SupplierSize(
                supplier_id=record[SUPPLIER], as_of=record[AS_OF], source=record[SOURCE], employees=record[EMPLOYEES],
                turnover=record[TURNOVER], balance_sheet_total=record[BALANCE], is_vcse=record[VCSE],
                is_public_body=record[PUBLIC], postcode=record[POSTCODE], region=record[REGION],
                run=self.import_run))
            classes.extend(self._classes(record))
            if record[REGION]:
                regions[record[SUPPLIER]] = record[REGION]
        SupplierSize.objects.bulk_create(sizes)
        SupplierClassification.objects.bulk_create(classes, ignore_conflicts=True)
        for supplier, region in regions.items():
            Supplier.objects.filter(pk=supplier).update(region=region)
        # In the batch's transaction: the spend summaries class each line by its supplier's latest class.
        summaries.refresh_for_suppliers({record[SUPPLIER] for record in new})

    def _classes(self, record) -> list[SupplierClassification]:
        figures = _figures(record)
        said = f"{figures} ({record[SOURCE]}, {govuk_date(record[AS_OF])})"
        made = []
        for definition, short in ((Definition.SEEDS, "Seed papers' definition"),
                                  (Definition.PROCUREMENT_ACT, "Procurement Act 2023 definition")):
            size = suppliers.size_under(definition, record[EMPLOYEES], record[TURNOVER], record[BALANCE])
            if size:
                made.append(SupplierClassification(
                    supplier_id=record[SUPPLIER], size=size, definition=definition, source=Source.SIZE_FILE,
                    detail=f"{short}: {said}"[:300], recorded_on=record[AS_OF]))
        for flagged, size, label in ((record[VCSE], Size.VCSE, "VCSE"), (record[PUBLIC], Size.PUBLIC_BODY,
                                                                          "Public body")):
            if flagged:
                made.append(SupplierClassification(
                    supplier_id=record[SUPPLIER], size=size, definition=Definition.ANY, source=Source.SIZE_FILE,
                    detail=f"{label}: {said}"[:300], recorded_on=record[AS_OF]))
        return made


def _figures(record) -> str:
    parts = []
    if record[EMPLOYEES] is not None:
        parts.append(f"{record[EMPLOYEES]:,} employees")
    if record[TURNOVER] is not None:
        parts.append(f"turnover £{record[TURNOVER]:,.0f}")
    if record[BALANCE] is not None:
        parts.append(f"balance sheet £{record[BALANCE]:,.0f}")
    return ", ".join(parts) or "no figures"
