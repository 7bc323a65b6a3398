"""Assets and owners for the estate's tests."""

from decimal import Decimal

from productivity.estate.models import Asset
from productivity.organisations.tests.factories import make_council

TRAFFORD_GSS = "E08000009"


def make_trafford():
    return make_council("Trafford", gss_code=TRAFFORD_GSS, authority_type="MD", region="North West")


def make_asset(owner, code: str = "A1", **fields) -> Asset:
    values = {"name": f"Asset {code}", "asset_code": code, "longitude": Decimal("-2.35"),
              "latitude": Decimal("53.39"), "easting": Decimal("376680.1"), "northing": Decimal("388135.0"),
              **fields}
    return Asset.objects.create(owner=owner, **values)


# --- Partnerships and returns (helper "returns") --------------------------------------------------------------


def make_partnership(lead, *partners, name: str = "Hampshire public estate", slug: str = "hampshire-estate",
                     **fields):
    from productivity.estate import partnerships
    from productivity.estate.models import Partnership

    partnership = partnerships.create(Partnership(name=name, slug=slug, lead=lead, **fields))
    for partner in partners:
        partnerships.add_member(partnership, partner)
    return partnership


def make_project(partnership, reference: str = "HAM-01", **fields):
    from productivity.estate.models import EstateProject

    return EstateProject.objects.create(partnership=partnership, reference=reference,
                                        title=fields.pop("title", f"Project {reference}"), **fields)


def make_return(partnership, year: int = 2012, quarter: int = 1, **fields):
    from productivity.estate.models import QuarterlyReturn

    values = {"overall_rag": "green", "delivery_rag": "amber", "governance_rag": "green",
              "commentary": "On track", **fields}
    return QuarterlyReturn.objects.create(partnership=partnership, financial_year=year, quarter=quarter, **values)
