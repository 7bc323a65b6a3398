"""Illustrative supplier size data for the demo, imported through the real supplier-size importer.

The real Devon and Trafford files say nothing of their suppliers' size or whereabouts, so the demo's SME,
VCSE and local shares would all be nil. For the suppliers each demo council pays most, this writes a
supplier-size file whose figures are chosen for the demo (deterministically, from the supplier's name) and
whose every row's source says so: "Illustrative demo figures, not the supplier's own". Names that are plainly
public bodies (councils, NHS bodies) are flagged as such instead.
"""

import csv
import hashlib
import tempfile
from pathlib import Path

from django.db.models import Sum

from productivity.procurement import suppliers
from productivity.procurement.models import SpendLine

SOURCE = "Illustrative demo figures, not the supplier's own"
AS_OF = "31/03/2026"
PER_COUNCIL = 150
PUBLIC_WORDS = ("council", "nhs", "police", "fire and rescue", "borough", "hmrc", "department for")


def _draw(name: str, salt: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"{salt}:{name}".encode(), digest_size=4).digest(), "big")


def write_file(folder: Path) -> Path | None:
    """The illustrative size file for the most-paid suppliers of each council with spend; None when none has."""
    rows, seen = [], set()
    regions = suppliers.regions()
    publishers = SpendLine.objects.order_by().values_list("publisher", "publisher__region").distinct()
    for publisher, region in publishers:
        top = (SpendLine.objects.filter(publisher=publisher, supplier__is_redacted=False).order_by()
               .values("supplier", "supplier__name").annotate(total=Sum("amount")).order_by("-total")[:PER_COUNCIL])
        for row in top:
            name = row["supplier__name"]
            if row["supplier"] in seen:
                continue
            seen.add(row["supplier"])
            public = any(word in name.casefold() for word in PUBLIC_WORDS)
            draw = _draw(name, "size") % 100
            if public:
                employees, turnover, balance = "", "", ""
            elif draw < 55:  # small and medium firms
                employees = 3 + _draw(name, "staff") % 240
                turnover = 200_000 + _draw(name, "turnover") % 30_000_000
                balance = turnover // 2
            else:
                employees = 260 + _draw(name, "staff") % 20_000
                turnover = 50_000_000 + _draw(name, "turnover") % 900_000_000
                balance = turnover // 2
            local = _draw(name, "local") % 100 < 40
            where = region if (local and region) else regions[_draw(name, "region") % len(regions)]
            rows.append([name, employees, turnover, balance, "Yes" if (not public and 55 <= draw < 62) else "No",
                         "Yes" if public else "No", AS_OF, SOURCE, where])
    if not rows:
        return None
    path = folder / "illustrative-supplier-sizes.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Supplier name", "Employees", "Turnover", "Balance sheet total", "VCSE", "Public body",
                         "Date", "Source", "Region"])
        writer.writerows(rows)
    return path


def load(command) -> None:
    """Write the illustrative file and import it as the programme team would (again: nothing twice)."""
    from productivity.imports.cli import run_file

    with tempfile.TemporaryDirectory() as folder:
        path = write_file(Path(folder))
        if path is None:
            command.stdout.write("supplier sizes: no spend imported, nothing to class")
            return
        command.stdout.write(f"supplier sizes: {path.name} (illustrative)")
        run_file(command, kind="supplier_size", path=str(path),
                 line=("imported", "duplicates", "rejected"))
