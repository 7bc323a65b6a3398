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
