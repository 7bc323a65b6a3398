"""In a real browser: a reader picks a category management pilot on the comparison page and sees its councils
side by side in the pilot's category; the page passes axe-core."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from productivity.procurement.models import CategoryPilot, CategoryPilotCouncil, Size
from productivity.procurement.tests.factories import make_devon, make_line, make_supplier, make_trafford
from tests.browser.support import axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_picks_a_pilot_and_sees_its_councils_in_its_category(page, roles):
    devon, trafford = make_devon(), make_trafford()
    small, big = make_supplier("Small Firm Ltd", size=Size.SME), make_supplier("Big Firm PLC", size=Size.LARGE)
    make_line(devon, small, "300.00", dt.date(2026, 5, 2), proclass_code="321014")
    make_line(trafford, big, "150.00", dt.date(2026, 5, 2), proclass_code="321100")
    make_line(roles.council_a, small, "999.00", dt.date(2026, 5, 2), proclass_code="321014")
    pilot = CategoryPilot.objects.create(reference="PCM-01", name="North West pilot: residential and nursing care",
                                         category="residential and nursing care")
    CategoryPilotCouncil.objects.create(pilot=pilot, organisation=devon, is_lead=True)
    CategoryPilotCouncil.objects.create(pilot=pilot, organisation=trafford)
    page.goto("/procurement/compare/")
    page.get_by_label("Category management pilot").select_option("PCM-01")
    page.get_by_role("button", name="Compare").click()
    table = page.get_by_role("table", name="Councils side by side: Social care")
    expect(table).to_contain_text("Devon")
    expect(table).to_contain_text("Trafford")
    expect(table).not_to_contain_text(roles.council_a.name)
    expect(page.get_by_role("main")).to_contain_text("its 2 councils in Social care")
    assert axe(page) == []
