"""Spend rows as councils publish them, for the spend benchmarks: Devon's layout and Trafford's (the LGA schema).

Suppliers are drawn from a pool of names with a long tail (a few suppliers take most payments, as in the
real files); about one Trafford line in seven is a redacted name, one in ten a credit, a quarter have no
ProClass code ('NA'); some lines repeat exactly (separate payments that look alike, which are all kept); a few
rows are bad (an impossible date, a broken formula for an amount, no supplier), which the import rejects.
"""

import datetime as dt
import random
from pathlib import Path

DEVON_HEADER = ("Body,Name of Body,Date,Transaction number, Amount ,Supplier name,Supplier ID,VAT reg no,"
                "Expense area,Expense type,Expense code,Costcuk,Creditor type")
TRAFFORD_HEADER = ("OrganisationLabel,OrganisationURI,EffectiveDate,OrganisationalUnit,BeneficiaryName,"
                   "BeneficiaryOtherID,PaymentDate,TransactionNumber,Amount,IrrecoverableVATAmount,Purpose,"
                   "ProclassLabel,ProclassCode,InvoiceNumber,ProfitCentre,VATRegistrationNumber")
WORDS = ("Acme", "Apex", "Allied", "Beacon", "Bright", "Castle", "Central", "Civic", "Coastal", "County", "Crown",
         "Delta", "Eagle", "East", "Evergreen", "First", "Forest", "Granite", "Harbour", "Heritage", "Highland",
         "Horizon", "Kestrel", "Lakeside", "Meadow", "Metro", "Moor", "North", "Oak", "Orchard", "Park", "Peak",
         "Pioneer", "Premier", "Quay", "Riverside", "Royal", "Sterling", "Summit", "Thames", "Valley", "Vista",
         "West", "Willow")
TRADES = ("Care Services", "Construction", "Consulting", "Cleaning", "Transport", "Catering", "Facilities",
          "Supplies", "Engineering", "Homes", "Solutions", "Recruitment", "Legal", "Maintenance", "Print",
          "Highways", "Energy", "Waste", "Healthcare", "Education")
SUFFIXES = ("Ltd", "Limited", "LTD", "Ltd.", "PLC", "LLP", "CIC", "")
CREDITOR_TYPES = ("DCC Business Entities (Sole Trade, Partnership, Ltd)", "Charities & Voluntary Organisations",
                  "Public Bodies", "Individuals")
SERVICES = ("Adult Care Operations", "Children's Services", "Highways", "Commissioning", "Waste Management",
            "Education & Learning", "Public Health", "Corporate Services", "Capital Schemes", "Libraries")
EXPENSES = ("Payments to Independent Providers", "Equipment (Care)", "Consultancy Fees", "Repairs & Maintenance",
            "Transport Hire", "Utilities", "Agency Staff", "Professional Fees", "Grants", "Catering Supplies")
PROCLASS = ("321000 SOCIAL CARE SERVICES : Adult", "321014 SOCIAL CARE : Domiciliary Care",
            "321117 SC : Children Residential Care", "191400 FACILITIES MGT : Lifts", "371300 UTILITIES : Water",
            "261400 HR : Temporary & Agency Staff", "151100 CONSULTANCY : Construction",
            "391110 CONSTRUCTION: Bld Construction", "171011 EDUCATION :  Children",
            "381600 VEHICLES : Vehicle Leasing")
FIRST_DAY = dt.date(2023, 4, 1)
DAYS = 1096


def supplier_pool(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(name as published, VAT number or '') for ``count`` suppliers."""
    pool, seen = [], set()
    while len(pool) < count:
        base = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(TRADES)}"
        if base in seen:
            base = f"{base} {len(pool)}"
        seen.add(base)
        name = f"{base} {rng.choice(SUFFIXES)}".strip()
        vat = f"GB{rng.randrange(100_000_000, 999_999_999)}" if rng.random() < 0.4 else ""
        pool.append((name.upper() if rng.random() < 0.3 else name, vat))
    return pool


def _pick(pool: list, rng: random.Random):
    # A long tail: the first suppliers of the pool are paid far more often than the last.
    return pool[min(int(rng.paretovariate(1.1)) - 1, len(pool) - 1) if rng.random() < 0.7 else rng.randrange(len(pool))]


def _amount(rng: random.Random) -> int:
    pence = int(rng.lognormvariate(8.2, 1.3) * 100) + 50_000
    return -pence if rng.random() < 0.1 else pence


def devon_row(n: int, rng: random.Random, pool) -> str:
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    name, vat = _pick(pool, rng)
    pence = _amount(rng)
    amount = f" {abs(pence) / 100:,.2f} "
    if pence < 0:
        amount = f" -{abs(pence) / 100:,.2f} "
    vat = vat.removeprefix("GB")
    return (f'18,Devon County Council,{day:%d/%m/%Y},{22_000_000 + n}," {amount.strip()} ",{name},{n % 90_000},'
            f'{vat},{rng.choice(SERVICES)},{rng.choice(EXPENSES)},A{n % 997:05d},P{n % 991:07d},'
            f'"{rng.choice(CREDITOR_TYPES)}"')


def trafford_row(n: int, rng: random.Random, pool) -> str:
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    name, vat = ("Redacted", "") if rng.random() < 0.15 else _pick(pool, rng)
    pence = _amount(rng)
    code, label = ("NA", "Not Classified") if rng.random() < 0.25 else rng.choice(PROCLASS).split(" ", 1)
    quoted = f'"{name}"' if "," in name else name
    return (f"Trafford Council,https://opendatacommunities.org/id/metropolitan-district-council/trafford,"
            f"{day:%Y-%m-%d},{rng.choice(SERVICES).upper()},{quoted},{n % 7000},{day:%Y-%m-%d},{5_100_000_000 + n},"
            f"{pence / 100:.2f},0.00,{rng.choice(EXPENSES)},{label},{code},{n},{250_000 + n % 500},{vat}")


BAD = ("{date}", "#REF!", "")  # what a bad row carries in place of its date, amount or supplier


def write(path: Path, layout: str, rows: int, seed: int, pool_size: int = 8000) -> dict:
    """Write ``rows`` data rows in ``layout`` ("devon" or "trafford"); what the file holds."""
    rng = random.Random(seed)
    pool = supplier_pool(pool_size, rng)
    make = devon_row if layout == "devon" else trafford_row
    header = DEVON_HEADER if layout == "devon" else TRAFFORD_HEADER
    counts = {"rows": 0, "rejected": 0, "repeated": 0}
    previous = ""
    with path.open("w", encoding="utf-8-sig" if layout == "devon" else "utf-8", newline="") as out:
        out.write(header + "\r\n")
        for n in range(rows):
            roll = rng.random()
            if roll < 0.002 and previous:
                line = previous  # the same payment line again: a distinct transaction that looks alike
                counts["repeated"] += 1
            else:
                line = make(n, rng, pool)
                if roll > 0.998:
                    line = _spoiled(line, layout, rng)
                    counts["rejected"] += 1
                else:
                    previous = line
            out.write(line + "\r\n")
            counts["rows"] += 1
    return counts


def _spoiled(line: str, layout: str, rng: random.Random) -> str:
    cells = line.split(",")
    date_at = 2 if layout == "devon" else 6
    kind = rng.randrange(3)
    cells[date_at] = ("31/02/2024", "not a date", "#REF!")[kind]
    return ",".join(cells)
