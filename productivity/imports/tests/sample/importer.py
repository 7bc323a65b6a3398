"""Three columns (organisation code, date, amount), saved in bulk; the same three values twice is a duplicate."""

from productivity.core.dates import ACCEPTED as DATE_ACCEPTS
from productivity.core.dates import parse_date
from productivity.imports import bulk, cells
from productivity.imports.accounted import AccountedImporter
from productivity.imports.headers import Field
from productivity.imports.tests.sample.models import SampleLine
from productivity.organisations.lookups import OrganisationLookup


def signed_money(value):
    """Amounts as payment files give them: credits are negative."""
    raw = cells.text(value)
    negative = raw.startswith("-")
    amount = cells.money(raw.removeprefix("-") if isinstance(value, str) else abs(value) if value else value)
    return -amount if negative and amount is not None else amount


class SampleLineImporter(AccountedImporter):
    kind = "sample-lines"
    title = "Sample lines"
    noun = "line"
    fields = (
        Field("organisation", "Organisation code", "an ONS GSS code such as E08000009", required=True,
              aliases=("org", "council code")),
        Field("day", "Date", DATE_ACCEPTS, required=True, aliases=("payment date",)),
        Field("amount", "Amount", cells.MONEY_ACCEPTS, required=True, aliases=("value",)),
    )
    examples = (("E08000009", "01/04/2012", "£1,008.00"),)

    def __init__(self, user, **options):
        super().__init__(user, **options)
        self.organisations = OrganisationLookup()

    def parse_row(self, row):
        organisation = row.parse("organisation", self.organisations.by_code)
        day = row.parse("day", parse_date)
        amount = row.parse("amount", signed_money)
        for key, value in (("organisation", organisation), ("day", day), ("amount", amount)):
            if value is None and row.ok:
                row.problem(key, f"Enter the {self.field(key).header.lower()}: {self.field(key).accepts}")
        return (organisation.pk, day, amount) if row.ok else None

    def key(self, record):
        return record

    def existing(self, keys):
        organisations = {key[0] for key in keys}
        days = {key[1] for key in keys}
        found = SampleLine.objects.filter(organisation_id__in=organisations, day__in=days)
        wanted = set(keys)
        return {key: key for key in found.values_list("organisation_id", "day", "amount") if key in wanted}

    def save_batch(self, new, changed):
        bulk.insert_rows(SampleLine, ("organisation", "day", "amount"), new)
