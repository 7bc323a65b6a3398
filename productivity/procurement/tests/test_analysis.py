"""The spend analysis pages and API: by period, category, supplier and expense area, councils compared;
every table downloadable, the API giving the page's figures, and no query string able to break a page."""

import datetime as dt
import re

import pytest

from productivity.procurement.models import Size
from productivity.procurement.tests.factories import make_devon, make_line, make_supplier, make_trafford

pytestmark = pytest.mark.django_db


@pytest.fixture
def spend(world):
    devon, trafford = make_devon(), make_trafford()
    small = make_supplier("Small Firm Ltd", size=Size.SME, region="South West")
    big = make_supplier("Big Firm PLC", size=Size.LARGE)
    make_line(devon, small, "300.00", dt.date(2026, 3, 2), proclass_code="321014", service_area="Care")
    make_line(devon, big, "600.00", dt.date(2026, 5, 2), proclass_code="191400", service_area="Buildings")
    make_line(devon, big, "100.00", dt.date(2026, 5, 3), service_area="Buildings")
    make_line(trafford, small, "50.00", dt.date(2026, 5, 2), proclass_code="321100")
    make_line(trafford, big, "150.00", dt.date(2026, 5, 2), proclass_code="321100")
    return devon, trafford


def page(client_for, path):
    response = client_for(None).get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def download(client_for, path) -> str:
    response = client_for(None).get(path)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_a_councils_spend_by_quarter_and_by_category_with_unclassified_spend_shown(client_for, spend):
    body = page(client_for, "/procurement/councils/E10000008/?period=quarter")
    assert "2025/26 Q4 (January to March)" in body and "2026/27 Q1 (April to June)" in body
    assert "Social care" in body and "Facilities management" in body
    assert "Unclassified (no ProClass code given)" in body
    assert re.search(r"Spend with no ProClass code</dt>\s*<dd[^>]*>£100<", body)
    level2 = page(client_for, "/procurement/councils/E10000008/?level=2")
    assert "Social care: Adult" in level2 and "Facilities management: Lifts" in level2
    one_year = page(client_for, "/procurement/councils/E10000008/?year=2026")
    assert "£700" in one_year and "2025/26 Q4" not in one_year


def test_every_analysis_table_downloads_as_csv_and_xlsx(client_for, spend):
    periods = download(client_for, "/procurement/councils/E10000008/?period=month&table=periods&format=csv")
    assert periods.splitlines()[0].startswith("Month,Net spend,Payments,SME share")
    assert "March 2026,300.00,1,1" in periods
    categories = download(client_for, "/procurement/councils/E10000008/?table=categories&format=csv")
    assert "Unclassified (no ProClass code given),unclassified,0.1000" in categories
    suppliers = download(client_for, "/procurement/councils/E10000008/suppliers/?table=suppliers&format=csv")
    assert "1,Big Firm PLC" in suppliers and "Large" in suppliers
    areas = download(client_for, "/procurement/councils/E10000008/suppliers/?table=service_areas&format=csv")
    assert areas.splitlines()[1].startswith("Buildings,0.7000,700.00,2")
    compared = download(client_for, "/procurement/compare/?category=32&table=councils&format=csv")
    assert "Devon,E10000008,300.00" in compared and "Trafford,E08000009,200.00" in compared
    workbook = client_for(None).get("/procurement/?table=councils&format=xlsx")
    assert workbook.status_code == 200 and workbook.content[:2] == b"PK"


def test_councils_compared_in_one_category_against_the_aspiration(client_for, spend):
    body = page(client_for, "/procurement/compare/?council=E10000008&council=E08000009&category=32")
    assert "Councils side by side: Social care" in body
    assert "100.0%" in body and "25.0%" in body  # Devon all SME in social care; Trafford a quarter
    only_devon = page(client_for, "/procurement/compare/?council=E10000008&category=32")
    assert "Trafford" not in only_devon.split("Councils side by side")[1]


def test_concentration_of_a_councils_spend_in_its_top_suppliers(client_for, spend):
    body = page(client_for, "/procurement/councils/E10000008/suppliers/?top=10")
    assert "70.0%" in body and "Big Firm PLC" in body and "paid to 2 suppliers in all" in body


def test_the_api_gives_the_figures_of_the_pages(client_for, spend):
    api = client_for(None)
    quarters = api.get("/api/procurement/councils/E10000008/periods?period=quarter").json()
    assert [(row["label"], row["net_spend"]) for row in quarters["rows"]] == [
        ("2025/26 Q4 (January to March)", "300.00"), ("2026/27 Q1 (April to June)", "700.00")]
    categories = api.get("/api/procurement/councils/E10000008/categories").json()["rows"]
    assert [row["label"] for row in categories] == ["Facilities management", "Social care",
                                                    "Unclassified (no ProClass code given)"]
    top = api.get("/api/procurement/councils/E10000008/suppliers?top=1").json()
    assert (top["top_share"], top["suppliers"][0]["supplier"], top["suppliers_paid"]) == ("0.7000", "Big Firm PLC", 2)
    compared = api.get("/api/procurement/compare?councils=E10000008,E08000009&category=32").json()
    assert {row["label"]: row["sme_share"] for row in compared["rows"]} == {"e10000008": "1.0000",
                                                                           "e08000009": "0.2500"} or {
        row["label"]: row["sme_share"] for row in compared["rows"]} == {"E10000008": "1.0000", "E08000009": "0.2500"}
    headings = api.get("/api/procurement/categories").json()
    assert {"key": "32", "heading": "Social care"} in headings and headings[-1]["key"] == "unclassified"
    areas = api.get("/api/procurement/councils/E10000008/service-areas").json()["rows"]
    assert areas[0]["label"] == "Buildings" and areas[0]["net_spend"] == "700.00"


@pytest.mark.parametrize("query", [
    "?year=abc", "?year=99999", "?period=decade", "?level=9", "?definition=<script>", "?top=-1", "?top=1e9",
    "?table=nope&format=csv", "?category=%00", "?council=nowhere", "?format=pdf",
])
def test_no_query_string_breaks_an_analysis_page(client_for, spend, query):
    for path in ("/procurement/", "/procurement/councils/E10000008/", "/procurement/councils/E10000008/suppliers/",
                 "/procurement/compare/"):
        # 400: a request Django itself refuses (a NUL in the query string)
        assert client_for(None).get(path + query).status_code in (200, 400), path + query
    for path in ("/api/procurement/councils/E10000008/periods", "/api/procurement/compare",
                 "/api/procurement/councils/E10000008/suppliers"):
        assert client_for(None).get(path + query).status_code in (200, 400, 422), path + query
