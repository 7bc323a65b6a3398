"""A place's data-quality report: every body's assets in the council's area, each problem linking to its asset."""

from decimal import Decimal

import pytest

from productivity.estate.tests.factories import make_asset
from productivity.organisations.models import OrganisationKind
from productivity.organisations.tests.factories import make_body

WINCHESTER = {"longitude": Decimal("-1.3137"), "latitude": Decimal("51.0632")}
SWINDON = {"longitude": Decimal("-1.7797"), "latitude": Decimal("51.5558")}
REPORT = "/estate/map/E10000014/quality/"


@pytest.fixture
def problems(roles):
    a = roles.council_a
    police = make_body("Hampshire Police", kind=OrganisationKind.POLICE, gss_code="E23000030", slug="E23000030")
    nhs = make_body("An NHS trust", kind=OrganisationKind.NHS)
    return {
        "unmapped": make_asset(a, "HCC1", name="Unmapped land", longitude=None, latitude=None),
        "away": make_asset(a, "HCC2", name="Investment in Swindon", **SWINDON),
        "library": make_asset(a, "HCC3", name="Winchester Library", uprn="0012", address="Jewry Street",
                              postcode="SO23 8SB", **WINCHESTER),
        "shared": make_asset(police, "HC1", name="Police desk in the library", uprn="0012", **WINCHESTER),
        "clinic": make_asset(nhs, "N1", name="Clinic at the library", address="jewry street",
                             postcode="SO238SB", **WINCHESTER),
        "huge": make_asset(police, "HC2", name="Huge station", gross_internal_area=Decimal("300000"), **WINCHESTER),
        "secret": make_asset(a, "HCC9", name="Secret yard", is_published=False, longitude=None, latitude=None),
    }


def _section(page: str, key: str) -> str:
    start = page.index(f'id="{key}"')
    end = page.find('<h2 class="govuk-heading-m"', start + 1)
    return page[start:end if end > 0 else None]


def test_each_check_finds_its_assets_and_links_to_them(roles, problems, client_for):
    page = client_for(roles.programme).get(REPORT).content.decode()
    missing = _section(page, "no_location")
    assert f"/estate/assets/{problems['unmapped'].pk}/" in missing and "Winchester Library" not in missing
    outside = _section(page, "outside_area")
    assert "Investment in Swindon" in outside and "Winchester Library" not in outside
    # Across owners, each problem says who holds the asset.
    assert '<th scope="col" class="govuk-table__header">Held by</th>' in outside
    assert f'<td class="govuk-table__cell">{problems["away"].owner.name}</td>' in outside
    uprn = _section(page, "uprn_across")
    assert "Winchester Library" in uprn and "Police desk in the library" in uprn and "(2)" in uprn
    address = _section(page, "address_across")
    assert "Clinic at the library" in address and "Winchester Library" in address
    assert "Police desk" not in address  # no address given
    size = _section(page, "implausible_size")
    assert f"/estate/assets/{problems['huge'].pk}/" in size and "300000" in size


@pytest.mark.parametrize("role", ["anonymous", "editor_b"])
def test_outsiders_see_only_what_they_may(roles, problems, client_for, role):
    page = client_for(roles.users()[role]).get(REPORT).content.decode()
    assert "Secret yard" not in page and "Unmapped land" in page


def test_the_councils_own_members_see_its_unpublished_problems(roles, problems, client_for):
    page = client_for(roles.viewer_a).get(REPORT).content.decode()
    assert "Secret yard" in _section(page, "no_location")
