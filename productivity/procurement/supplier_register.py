"""The supplier register's figures: what each supplier was paid, and by how many councils.

Both come from ``rollups.rollup`` (by supplier and council), the function behind every spend figure, so the
register says what the council pages, the API and the lines say.
"""

from collections import Counter

from productivity.procurement import rollups
from productivity.procurement.models import Definition


def with_spend(suppliers, definition: str = Definition.SEEDS) -> list:
    """``suppliers`` as a list, each given ``total`` (its net spend; None when never paid: a merged supplier,
    say) and ``councils`` (how many councils have paid it), from the roll-up of all published spend."""
    figures = rollups.rollup(rollups.Scope(definition=definition), ("supplier", "council"))
    totals: dict[int, object] = {}
    councils: Counter[int] = Counter()
    for ((pk, _name), _council), shares in figures.items():
        totals[pk] = totals.get(pk, rollups.ZERO) + shares.total
        councils[pk] += 1
    rows = list(suppliers)
    for supplier in rows:
        supplier.total = totals.get(supplier.pk)
        supplier.councils = councils[supplier.pk]
    return rows
