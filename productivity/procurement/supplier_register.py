"""The supplier register's figures: what each supplier was paid, and by how many councils.

Both come from ``rollups`` (``with_supplier_figures``, which reads the supplier summary as ``rollup`` does by
supplier and council), so the register says what the council pages, the API and the lines say. They are
annotations on the register's QuerySet: the page filters, sorts and pages in SQL, and works out only the page
it shows; a download reads every supplier once, never every supplier and council pair.
"""

from productivity.procurement import rollups
from productivity.procurement.models import Definition


def with_spend(suppliers, definition: str = Definition.SEEDS):
    """``suppliers`` (a QuerySet) with ``total`` (net spend; None when never paid: a merged supplier, say) and
    ``councils`` (how many councils have paid it), of all the spend the register covers."""
    return rollups.with_supplier_figures(suppliers, rollups.Scope(definition=definition))
