"""Three columns (organisation code, date, amount), saved in bulk; the same three values twice is a duplicate."""

import re
from decimal import Decimal

from django.db.models import Max, Min

from productivity.core.dates import ACCEPTED as DATE_ACCEPTS
from productivity.core.dates import parse_date
from productivity.imports import bulk, cells
from productivity.imports.accounted import AccountedImporter
from productivity.imports.headers import Field
from productivity.imports.tests.sample.models import SampleLine
from productivity.organisations.lookups import OrganisationLookup

FIELDS = ("organisation", "day", "amount")


# The way payment files nearly always write an amount: read at once, giving what cells.money gives.
_USUAL_AMOUNT = re.compile(r"-?£?(?:\d{1,3}(?:,\d{3}){0,3}|\d{1,12})\.\d\d")


def signed_money(value):
    """Amounts as payment files give them: credits are negative."""
    if type(value) is str and _USUAL_AMOUNT.fullmatch(value):
        return Decimal(value.replace("£", "").replace(",", ""))
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
        self._days: dict[int, tuple] = {}  # organisation: its first and last saved day when first asked about

    def cell_parsers(self):
        return {"organisation": self.organisations.by_code, "day": parse_date, "amount": signed_money}

    def record(self, values):
        return values["organisation"].pk, values["day"], values["amount"]

    def key(self, record):
        return record

    def existing(self, keys):
        # Only a line dated within the days an organisation had lines for (when the run first met it) can be
        # saved already: lines this run saves are caught as duplicates within the file before they get here.
        for organisation in {key[0] for key in keys} - self._days.keys():
            found = SampleLine.objects.filter(organisation_id=organisation).aggregate(Min("day"), Max("day"))
            self._days[organisation] = (found["day__min"], found["day__max"])
        maybe = [key for key in keys if self._days[key[0]][0] is not None
                 and self._days[key[0]][0] <= key[1] <= self._days[key[0]][1]]
        return {key: key for key in bulk.present(SampleLine, FIELDS, maybe)}

    def save_batch(self, new, changed):
        bulk.insert_rows(SampleLine, FIELDS, new)
