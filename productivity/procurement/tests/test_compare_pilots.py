"""A category management pilot's councils side by side in the category they manage together (``?pilot=``)."""

import datetime as dt
import re

import pytest

from productivity.procurement.models import CategoryPilot, CategoryPilotCouncil, Size
from productivity.procurement.tests.factories import make_devon, make_line, make_supplier, make_trafford

pytestmark = pytest.mark.django_db


@pytest.fixture
def pilot(roles):
    """PCM-01 (care): Devon leads, Trafford and council B (no spend) take part; council A is not in it."""
    devon, trafford = make_devon(), make_trafford()
    small = make_supplier("Small Firm Ltd", size=Size.SME)
    big = make_supplier("Big Firm PLC", size=Size.LARGE)
    may = dt.date(2026, 5, 2)
    make_line(devon, small, "300.00", may, proclass_code="321014")
    make_line(devon, big, "700.00", may, proclass_code="191400")  # facilities: not the pilot's category
    make_line(trafford, small, "50.00", may, proclass_code="321100")
    make_line(trafford, big, "150.00", may, proclass_code="322000")
    make_line(roles.council_a, small, "999.00", may, proclass_code="321014")
    found = CategoryPilot.objects.create(reference="PCM-01", name="North West category management pilot: "
                                         "residential and nursing care", category="residential and nursing care")
    for council, lead in ((trafford, False), (devon, True), (roles.council_b, False)):
        CategoryPilotCouncil.objects.create(pilot=found, organisation=council, is_lead=lead)
    return found


def rows_of(client_for, path: str) -> list[str]:
    response = client_for(None).get(path + "&table=councils&format=csv")
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[1:]


def test_a_pilots_councils_side_by_side_in_its_category(client_for, roles, pilot):
    body = client_for(None).get("/procurement/compare/?pilot=PCM-01").content.decode()
    assert "Councils side by side: Social care" in body
    assert "its 3 councils in Social care" in body
    rows = rows_of(client_for, "/procurement/compare/?pilot=PCM-01")
    # The lead first, then by name; council B takes part but has published no spend.
    assert [row.split(",")[0] for row in rows] == ["Devon", roles.council_b.name, "Trafford"]
    assert rows[0].startswith("Devon,E10000008,300.00,1,1.0000")  # its facilities spend left out
    assert rows[2].startswith("Trafford,E08000009,200.00,2,0.2500")
    assert roles.council_a.name not in "".join(rows)


def test_the_page_says_which_of_a_pilots_councils_have_published_no_spend(client_for, roles, pilot):
    body = client_for(None).get("/procurement/compare/?pilot=PCM-01").content.decode()
    said = " ".join(re.search(r'id="unpublished">(.*?)</div>', body, re.S).group(1).split())
    assert f"1 of its councils has published no spend on the platform yet, so it shows £0: {roles.council_b.name}." \
        in said
    quiet = CategoryPilot.objects.create(reference="PCM-02", name="A pilot of councils yet to publish", category="ICT")
    CategoryPilotCouncil.objects.create(pilot=quiet, organisation=roles.council_b, is_lead=True)
    body = client_for(None).get("/procurement/compare/?pilot=PCM-02").content.decode()
    said = " ".join(re.search(r'id="unpublished">(.*?)</div>', body, re.S).group(1).split())
    assert said.startswith("<p class=\"govuk-body\">None of this pilot's councils has published spend on the "
                           "platform yet, so each shows £0.")
    assert re.search(r"The councils that have: .*Devon.*Trafford", said)
    assert 'id="unpublished"' not in client_for(None).get("/procurement/compare/").content.decode()


def test_a_category_asked_for_replaces_the_pilots_own(client_for, pilot):
    rows = rows_of(client_for, "/procurement/compare/?pilot=PCM-01&category=19")
    assert rows[0].startswith("Devon,E10000008,700.00,1,0.0000")
    assert rows[2].startswith("Trafford,E08000009,0")


def test_a_pilot_with_its_own_proclass_codes_is_compared_in_those(client_for, pilot):
    pilot.proclass_codes = "3211"
    pilot.save()
    body = client_for(None).get("/procurement/compare/?pilot=PCM-01").content.decode()
    assert "Councils side by side: ProClass 3211" in body
    rows = rows_of(client_for, "/procurement/compare/?pilot=PCM-01")
    assert rows[2].startswith("Trafford,E08000009,50.00,1,1.0000")  # 321100 only, not 322000
    assert rows[0].startswith("Devon,E10000008,0")


def test_the_api_compares_a_pilots_councils_and_an_unknown_pilot_is_not_found(client_for, pilot):
    api = client_for(None)
    found = api.get("/api/procurement/compare?pilot=PCM-01").json()
    assert found["category"] == "Social care"
    assert {row["label"]: row["net_spend"] for row in found["rows"]} == {"E10000008": "300.00",
                                                                         "E08000009": "200.00"}
    assert api.get("/api/procurement/compare?pilot=PCM-99").status_code == 404
    assert api.get("/procurement/compare/?pilot=PCM-99").status_code == 404
    page = api.get("/procurement/compare/").content.decode()
    assert 'value="PCM-01"' in page and "PCM-01: North West category management pilot" in page


def _options(body: str, ident: str, name: str) -> str:
    return body.split(f'<select class="govuk-select" id="{ident}" name="{name}">')[1].split("</select>")[0]


def test_the_compare_form_keeps_the_pilot_and_the_category_chosen(client_for, pilot):
    body = client_for(None).get("/procurement/compare/?pilot=PCM-01&category=19").content.decode()
    pilots = _options(body, "option-pilot", "pilot")
    assert '<label class="govuk-label" for="option-pilot">Category management pilot' in body
    assert '<option value="">None</option>' in pilots
    assert ('<option value="PCM-01" selected>PCM-01: North West category management pilot: residential and '
            'nursing care</option>') in pilots
    categories = _options(body, "option-category", "category")
    assert '<option value="">All spend</option>' in categories
    assert re.findall(r'<option value="(\w+)" selected>', categories) == ["19"]
    assert '<label class="govuk-label" for="option-category">ProClass category</label>' in body
