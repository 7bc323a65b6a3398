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
# Made-up firms: name (each unlike the others and the real files' suppliers, so none is proposed as a match),
# a real ProClass code for what it sells, and how many days its invoices typically take to pay.
SUPPLIERS = (
    ("Alderwood Tree Surgery", "241200", 18), ("Brambridge Landscapes Ltd", "241200", 35),
    ("Calshot Domiciliary Care", "321014", 24), ("Dibden Residential Homes", "321017", 28),
    ("Emsworth Day Centres CIC", "321013", 50), ("Fordingbridge Nursing Ltd", "321016", 12),
    ("Gosport Print Works", "191600", 35), ("Hamble Office Cleaning", "131300", 18),
    ("Itchenor Laundry Ltd", "131100", 24), ("Juniper Software Ltd", "271600", 28),
    ("Kingsclere Networks", "200000", 12), ("Lymington Coaches Ltd", "361300", 50),
    ("Marwell Taxis", "361500", 24), ("Netley Road Surfacing Ltd", "231800", 35),
    ("Odiham Surveys", "231810", 18), ("Petersfield Lift Engineers", "191400", 28),
    ("Quarley Banqueting", "111000", 12), ("Romsey School Meals Ltd", "120000", 24),
    ("Selborne Electrical Wholesale", "150000", 35), ("Titchfield Gas Supplies", "170000", 18),
    ("Upham Recycling Ltd", "100000", 28), ("Vernham Legal LLP", "281000", 50),
    ("Wickham Events", "291000", 24), ("Yateley Fleet Hire", "361000", 12),
    ("Andover Playgrounds Ltd", "330000", 35), ("Basing Car Park Services", "351000", 18),
    ("Crondall Architects", "391000", 28), ("Droxford Medical Supplies", "311000", 24),
    ("Eversley Safety Training", "220000", 50), ("Fleet Commercial Vehicles", "381000", 12),
    ("Grayshott Mail Logistics", "300000", 35), ("Hursley Housing Management", "250000", 18),
)
HEADER = ("OrganisationLabel", "OrganisationalUnit", "BeneficiaryName", "PaymentDate", "InvoiceDate",
          "TransactionNumber", "Amount", "Purpose", "ProclassCode")
UNITS = ("Adults' Health and Care", "Children's Services", "Universal Services", "Corporate Operations")


def suppliers() -> list[tuple[str, str, int]]:
    """The made-up suppliers as the file names them: name, ProClass code, typical days to pay."""
    return [(f"{name} (illustrative)", code, typical) for name, code, typical in SUPPLIERS]


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
