"""A council's contracts register (Local Government Transparency Code): contracts over £5,000, every row accounted.

A contract is identified by its reference in the council's register: re-importing the register changes
nothing, a changed row updates its contract, and every row is imported, unchanged or rejected with its reason.
"""

from decimal import Decimal

from productivity.core.dates import ACCEPTED as DATE_ACCEPTS
from productivity.core.dates import parse_date
from productivity.imports import cells
from productivity.imports.accounted import AccountedImporter
from productivity.imports.headers import Field
from productivity.procurement.models import ContractRecord, ProcurementRoute

THRESHOLD = Decimal("5000")
SAVED = ("publisher_id", "reference", "title", "department", "description", "supplier_name",
         "supplier_registration", "value", "irrecoverable_vat", "start_on", "end_on", "review_on", "route",
         "supplier_kind")
ROUTES = cells.choice_map(ProcurementRoute, {"quote": "quote", "quotation": "quote", "tender": "tender",
                                             "invitationtotender": "tender", "publishedtender": "tender",
                                             "itt": "tender", "itq": "quote"})
ROUTE_ACCEPTS = "Quote or Tender (a published invitation to tender)"
KINDS = {"sme": "SME", "vcse": "VCSE", "smevcse": "Both", "both": "Both", "neither": "Neither", "no": "Neither",
         "large": "Neither", "none": "Neither"}
KIND_ACCEPTS = "SME, VCSE, Both or Neither"


def _text(limit: int):
    def read(value):
        raw = cells.text(value)
        if len(raw) > limit:
            raise ValueError(f"This is {len(raw):,} characters long: use {limit:,} characters or fewer")
        return raw or None
    return read


def contract_value(value: object) -> Decimal | None:
    amount = cells.money(value)
    if amount is not None and amount <= THRESHOLD:
        raise ValueError(f"£{amount:,.2f} is not over £5,000: the register lists contracts over £5,000 only")
    return amount


def supplier_kind(value: object) -> str | None:
    raw = cells.text(value)
    if not raw:
        return None
    found = KINDS.get(cells.key(raw))
    if found is None:
        raise ValueError(f"'{raw}' is not a kind of supplier: use {KIND_ACCEPTS}")
    return found


class ContractsImporter(AccountedImporter):
    kind = "contracts"
    title = "Contracts register"
    noun = "contract"
    needs_publisher = True
    on_existing = "update"
    batch_size = 1000
    fields = (
        Field("reference", "Reference number", "the council's reference for the contract", required=True,
              aliases=("reference", "contract reference", "contract id", "ref")),
        Field("title", "Title of agreement", "the contract's title", required=True,
              aliases=("title", "contract title", "name of agreement")),
        Field("department", "Department responsible", "the team that manages it",
              aliases=("department", "service", "directorate")),
        Field("description", "Description of the goods and/or services", "what is bought",
              aliases=("description", "description of goods and services")),
        Field("supplier_name", "Supplier name", "the supplier's name", required=True,
              aliases=("supplier", "contractor", "supplier name and details")),
        Field("supplier_registration", "Supplier registration number", "its Companies House or charity number",
              aliases=("company registration number", "company number", "charity number", "registration number")),
        Field("value", "Value of agreement", f"{cells.MONEY_ACCEPTS}, over £5,000", required=True,
              aliases=("value", "contract value", "total value")),
        Field("irrecoverable_vat", "Irrecoverable VAT", cells.MONEY_ACCEPTS,
              aliases=("vat that cannot be recovered", "irrecoverable vat amount")),
        Field("start_on", "Start date", DATE_ACCEPTS, required=True, aliases=("contract start date", "start")),
        Field("end_on", "End date", DATE_ACCEPTS, aliases=("contract end date", "end")),
        Field("review_on", "Review date", DATE_ACCEPTS, aliases=("date of review", "review")),
        Field("route", "Procurement route", ROUTE_ACCEPTS,
              aliases=("quote or tender", "whether let by quote or tender", "procurement process")),
        Field("supplier_kind", "SME or VCSE", KIND_ACCEPTS, aliases=("sme/vcse", "sme vcse", "supplier type")),
    )
    examples = (("TMBC-C-0001", "Grounds maintenance", "Place", "Parks and verges", "Green Spaces Ltd", "01234567",
                 "250,000.00", "0.00", "01/04/2026", "31/03/2029", "01/10/2028", "Tender", "SME"),)

    def cell_parsers(self):
        return {
            "reference": _text(100), "title": _text(300), "department": _text(200), "description": _text(5000),
            "supplier_name": _text(300), "supplier_registration": _text(20), "value": contract_value,
            "irrecoverable_vat": cells.money, "start_on": parse_date, "end_on": parse_date, "review_on": parse_date,
            "route": lambda value: cells.choice(value, ROUTES, ROUTE_ACCEPTS), "supplier_kind": supplier_kind,
        }

    def parse_row(self, row):
        record = super().parse_row(row)
        if record is None:
            return None
        start, end = record[9], record[10]
        if end is not None and end < start:
            row.problem("end_on", "The end date is before the start date")
            return None
        return record

    def record(self, values):
        fixed = {"publisher_id": self.publisher.pk}
        blank_as_empty = {"department", "description", "supplier_registration", "route", "supplier_kind"}
        return tuple(fixed[name] if name in fixed else
                     (values[name] or "") if name in blank_as_empty else values[name] for name in SAVED)

    def key(self, record):
        return (record[0], record[1])

    def existing(self, keys):
        references = [reference for _, reference in keys]
        saved = ContractRecord.objects.filter(publisher_id=keys[0][0], reference__in=references)
        return {(values[0], values[1]): values for values in saved.values_list(*SAVED).iterator()}

    def save_batch(self, new, changed):
        run_id = self.import_run.pk if self.import_run is not None else None
        ContractRecord.objects.bulk_create([ContractRecord(**dict(zip(SAVED, record, strict=True)), run_id=run_id)
                                            for record in new])
        for record in changed:
            values = dict(zip(SAVED, record, strict=True))
            ContractRecord.objects.filter(publisher_id=values.pop("publisher_id"),
                                          reference=values.pop("reference")).update(**values, run_id=run_id)
