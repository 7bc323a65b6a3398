"""An illustrative spend file that gives invoice dates, so the demo's "paying suppliers on time" page has
something to measure.

Neither real demo file (Devon's, Trafford's) says when each invoice was dated. This writes one for Hampshire
County Council, for the financial year 2025/26 (its two six-month reporting periods), in the LGA spend schema
with an ``InvoiceDate`` column, and imports it through the real spend importer as an upload would be (again:
nothing twice, as the file is the same each time). It is made up, deterministically, and says so on every
line: each transaction number begins ``ILLUSTRATIVE-`` and each supplier's name ends "(illustrative)". Most
invoices are paid within 30 days, some in 31 to 60, a few later, and one in a hundred is a credit note (which
pays no invoice, so the page does not count it). The suppliers' sizes come, as the other councils' do, from
``demo_suppliers`` (run after this).
"""

import csv
import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

COUNCIL = "E10000014"  # Hampshire County Council: the demo editor's and viewer's council
COUNCIL_LABEL = "Hampshire County Council"
FIRST_DAY, DAYS = dt.date(2025, 4, 1), 365  # 2025/26
LINES = 1_200
PLACES = ("Solent", "Test Valley", "New Forest", "Meon", "Itchen", "Hart", "Avon", "Downland")
TRADES = (("Grounds Care Ltd", "241200"), ("Home Care Services Ltd", "321014"), ("Print and Design", "191600"),
          ("Highways Contracting Ltd", "231800"), ("Cleaning Co-operative", "131300"),
          ("IT Solutions Ltd", "271600"), ("Transport Services Ltd", "361300"))  # real ProClass codes
HEADER = ("OrganisationLabel", "OrganisationalUnit", "BeneficiaryName", "PaymentDate", "InvoiceDate",
          "TransactionNumber", "Amount", "Purpose", "ProclassCode")
UNITS = ("Adults' Health and Care", "Children's Services", "Universal Services", "Corporate Operations")


def suppliers() -> list[tuple[str, str, int]]:
    """The made-up suppliers: name, ProClass code, and how slowly each tends to be paid (typical days)."""
    draw = random.Random("demo-payments-suppliers")  # noqa: S311 (made-up demo figures, the same every time)
    made = []
    for place in PLACES:
        for trade, code in draw.sample(TRADES, 4):
            made.append((f"{place} {trade} (illustrative)", code, draw.choice((12, 18, 24, 28, 35, 50))))
    return made


def rows() -> list[list[str]]:
    """The file's rows after its header, the same every time."""
    draw = random.Random("demo-payments-lines")  # noqa: S311 (made-up demo figures, the same every time)
    made = suppliers()
    out = []
    for number in range(1, LINES + 1):
        name, code, typical = draw.choice(made)
        invoiced = FIRST_DAY + dt.timedelta(days=draw.randrange(DAYS - 120))
        late = draw.random()
        days = (draw.randint(1, 30) if late < 0.55 else min(draw.randint(typical // 2, typical * 2), 119)
                if late < 0.95 else draw.randint(61, 120))
        paid = invoiced + dt.timedelta(days=days)
        amount = Decimal(draw.randint(50_000, 5_000_000)) / 100
        if number % 100 == 0:
            amount = -amount / 10  # a credit note
        out.append([COUNCIL_LABEL, draw.choice(UNITS), name, paid.isoformat(), invoiced.isoformat(),
                    f"ILLUSTRATIVE-{number:05d}", f"{amount:.2f}", "Illustrative demo payment", code])
    return out


def write_file(folder: Path) -> Path:
    path = folder / "hampshire-illustrative-payments-2025-26.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows())
    return path
