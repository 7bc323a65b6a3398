"""In a real browser, a business case's negative amounts stay on one line in its narrow cash-flow columns."""

from decimal import Decimal as D

import pytest

from productivity.accounts.models import Role
from productivity.accounts.tests.factories import make_user
from productivity.estate import cases
from productivity.estate.models import Action, Scenario
from productivity.estate.tests.factories import make_asset
from productivity.organisations.tests.factories import make_council
from tests.browser.support import axe, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_negative_amounts_do_not_wrap_in_the_cash_flow_columns(page):
    council = make_council("Hampshire", gss_code="E10000014", authority_type="CTY", region="South East")
    editor = make_user("editor.case@example.org", council, Role.EDITOR)
    hub = make_asset(council, "A1", name="Town hall", gross_internal_area=D(3000), rent=D(400000))
    case = cases.start_case(organisation=council, user=editor, title="Hub", kind="business_case", assets=[hub],
                            start_year=2013)
    scenario = Scenario.objects.create(case=case, name="Build a hub")
    Action.objects.create(scenario=scenario, kind="new_build", year=0, project_type="non_standard_buildings",
                          capital_cost=D("4750000"), running_cost_change=D("-385000.55"))
    page.set_viewport_size({"width": 1024, "height": 900})
    signed_in(page, editor).goto(f"/estate/cases/{case.pk}/")
    cells = page.locator("td.pp-amount", has_text="-£")
    assert cells.count() >= 12  # running-cost changes every year, the year-0 net cash flow, NPVs
    for index in range(cells.count()):
        lines = cells.nth(index).evaluate(
            "cell => { const r = document.createRange(); r.selectNodeContents(cell);"
            " return new Set([...r.getClientRects()].map(rect => Math.round(rect.top))).size; }")
        assert lines == 1, cells.nth(index).inner_text()
    assert axe(page) == []
