"""The procurement pages and API: what a visitor sees, downloads that are safe to open, and the API matrix."""

import pytest

from productivity.procurement.models import Size
from productivity.procurement.tests.factories import make_devon, make_line, make_supplier

pytestmark = pytest.mark.django_db


@pytest.fixture
def devon_spend(world):
    devon = make_devon()
    make_line(devon, make_supplier("Small Firm Ltd", size=Size.SME), "300.00")
    make_line(devon, make_supplier("=HYPERLINK(\"http://x\")"), "700.00")
    return devon


def test_the_council_page_shows_the_sme_share_and_its_definition(client_for, devon_spend):
    body = client_for(None).get("/procurement/councils/E10000008/").content.decode()
    assert "30.0%" in body and "250 employees or fewer" in body and "meets the 25% aspiration" in body
    assert "<svg" in body and "25% aspiration" in body  # the chart, with its data table after it
    suppliers = client_for(None).get("/procurement/councils/E10000008/suppliers/").content.decode()
    assert "Small Firm Ltd" in suppliers and "had\n  100.0% of Devon" in suppliers
    section = client_for(None).get("/councils/E10000008/").content.decode()
    assert "Spend with suppliers" in section and "SME share 30.0%" in section


def test_a_category_of_credits_has_no_shares(client_for, devon_spend):
    # Stationery refunded more than it was paid: its net spend is a credit, so its shares are not figures.
    make_line(devon_spend, make_supplier("Paper Ltd", size=Size.SME), "-16.47", proclass_code="290000")
    body = client_for(None).get("/procurement/councils/E10000008/").content.decode()
    assert "-£16.47" in body and "Net credit" in body and "-0.0%" not in body
    download = client_for(None).get("/procurement/councils/E10000008/?table=categories&format=csv")
    rows = b"".join(download.streaming_content).decode("utf-8-sig").splitlines()
    credit = next(row for row in rows if "-16.47" in row)
    # Its part of all the spend is a (negative) figure; its own shares and "meets the aspiration" are blank.
    assert credit == "Leisure,29,-0.0167,-16.47,1,,,,,,SME: 250 employees or fewer (the seed papers)"
    assert client_for(None).get("/api/procurement/councils/E10000008").json()["summary"]["sme_share"] == "0.2883"


def test_downloads_are_safe_to_open_in_excel(client_for, devon_spend):
    for path in ("/procurement/spend/?format=csv", "/procurement/suppliers/?format=csv"):
        response = client_for(None).get(path)
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        assert "Small Firm Ltd" in text
        assert '\n=HYPERLINK' not in text and ',=HYPERLINK' not in text
    by_year = client_for(None).get("/procurement/councils/E10000008/?table=periods&format=csv")
    assert "2025/26" in b"".join(by_year.streaming_content).decode("utf-8-sig")


def test_an_unknown_council_is_not_found(client_for, world):
    assert client_for(None).get("/procurement/councils/nowhere/").status_code == 404
    assert client_for(None).get("/api/procurement/councils/nowhere").status_code == 404


EVERYONE = dict.fromkeys(["anonymous", "viewer_a", "editor_a", "editor_b", "programme"], 200)
MATRIX = {
    # Suppliers: days to pay (public, like the spend it is read from).
    ("GET", "/api/procurement/payments"): EVERYONE,
    ("GET", "/api/procurement/councils"): EVERYONE,
    ("GET", "/api/procurement/councils/{slug}"): EVERYONE,
    # Spend analysis (the spend area): published spend, read by anyone.
    ("GET", "/api/procurement/councils/{slug}/periods"): EVERYONE,
    ("GET", "/api/procurement/councils/{slug}/categories"): EVERYONE,
    ("GET", "/api/procurement/councils/{slug}/service-areas"): EVERYONE,
    ("GET", "/api/procurement/councils/{slug}/suppliers"): EVERYONE,
    ("GET", "/api/procurement/compare"): EVERYONE,
    ("GET", "/api/procurement/categories"): EVERYONE,
}


@pytest.mark.parametrize("operation", sorted(MATRIX), ids=" ".join)
def test_api_permission_matrix(world, client_for, devon_spend, operation):
    url = operation[1].replace("{slug}", "E10000008")
    statuses = {role: client_for(user).generic(operation[0], url).status_code for role, user in world.users().items()}
    assert statuses == MATRIX[operation]


def test_the_api_matrix_covers_every_procurement_operation(client_for):
    schema = client_for(None).get("/api/openapi.json").json()
    documented = {(method.upper(), path) for path, operations in schema["paths"].items()
                  if path.startswith("/api/procurement/") for method in operations}
    from productivity.procurement.tests.test_pipeline_pages import API as PIPELINES_API
    from productivity.procurement.tests.test_supplier_api import MATRIX as SUPPLIER_MATCHES_API

    assert documented == set(MATRIX) | set(PIPELINES_API) | set(SUPPLIER_MATCHES_API)


def test_the_api_gives_the_same_share_as_the_page(client_for, devon_spend):
    body = client_for(None).get("/api/procurement/councils/E10000008").json()
    assert body["summary"]["sme_share"] == "0.3000" and body["summary"]["net_spend"] == "1000.00"
    assert body["by_financial_year"][0]["period"] == "2025/26"
    assert "250 employees or fewer" in body["summary"]["sme_definition"]
