"""The supplier register's figures: what each supplier was paid, and by how many councils, and its class.

The figures come from ``rollups`` (``by_supplier``, which reads the supplier summary as ``rollup`` does by
supplier and council), so the register says what the council pages, the API and the lines say. The register's
QuerySet carries them as aliases to filter and sort by in SQL; once a page is cut, ``fill`` reads them for the
rows shown alone (a download: for every supplier at once, never every supplier and council pair).
"""

from productivity.procurement import rollups
from productivity.procurement.models import Definition

FEW = 500  # rows shown that are looked up by id; more (a download) read every supplier's figures at once


def with_spend(suppliers, definition: str = Definition.SEEDS):
    """``suppliers`` (a QuerySet) to filter and sort by ``total`` (net spend; None when never paid: a merged
    supplier, say) and ``councils`` (how many councils have paid it), of all the spend the register covers."""
    return rollups.with_supplier_figures(suppliers, rollups.Scope(definition=definition), fetch=False)


def fill(rows: list, definition: str = Definition.SEEDS) -> list:
    """Each supplier in ``rows`` given ``total`` and ``councils`` (as ``with_spend`` sorts by them) and
    ``latest_size`` (its class under ``definition``, None when not classed), in two queries."""
    from productivity.procurement.suppliers import latest_sizes

    few = len(rows) <= FEW
    ids = [supplier.pk for supplier in rows] if few else None
    figures = rollups.supplier_figures(rollups.Scope(definition=definition), ids)
    classes = latest_sizes(definition, ids)
    for supplier in rows:
        found = figures.get(supplier.pk)
        supplier.total = found["total"] if found else None
        supplier.councils = found["councils"] if found else 0
        supplier.latest_size = classes.get(supplier.pk)
    return rows
