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
    return Summary(found["assets"], found["floor_area"] or Decimal(0), found["flagged"])
