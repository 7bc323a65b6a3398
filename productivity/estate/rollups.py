"""Every figure the estate's pages show about a set of assets, computed here once."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum


@dataclass(frozen=True)
class Summary:
    assets: int
    floor_area: Decimal  # m², of the assets that record it
    flagged: int


def summary(assets) -> Summary:
    """The number of assets, their recorded gross internal area and how many carry a data-quality flag."""
    found = assets.aggregate(assets=Count("pk"), floor_area=Sum("gross_internal_area"),
                             flagged=Count("pk", filter=~Q(flags=[])))
    # SQLite adds decimals as floats (137070.370000000 for 137,070.37): back to the column's hundredths of a m².
    floor_area = Decimal(found["floor_area"] or 0).quantize(Decimal("0.01"))
    if floor_area == floor_area.to_integral_value():
        floor_area = floor_area.quantize(Decimal(1))  # 33,394 m², not 33,394.00 m²
    return Summary(found["assets"], floor_area, found["flagged"])
