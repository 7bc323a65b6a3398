"""In a real browser: council A's editor finds a proposed supplier match in the review queue, merges the two and
sees one supplier with both spellings; the register, the supplier's page, the queue, the decision page, the size
data and paying-on-time pages pass axe-core."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from conftest import make_roles
from productivity.procurement.models import MatchProposal, Size
from productivity.procurement.tests.factories import make_line, make_supplier
from tests.browser.support import axe, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_merges_a_proposed_match(page):
    roles = make_roles()
    carers = make_supplier("Hampshire Carers", size=Size.SME)
    make_line(roles.council_a, carers, "100.00", dt.date(2026, 5, 1), invoice_date=dt.date(2026, 4, 1))
    twin = make_supplier("Hampshire Carer Ltd")
    make_line(roles.council_a, twin, "40.00")
    MatchProposal.objects.create(supplier=twin, candidate=carers, score=Decimal("93.3"))
    found = {}
    signed_in(page, roles.editor_a)
    page.goto("/procurement/suppliers/review/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Supplier matches to review")
    found["queue"] = axe(page)
    page.get_by_role("link", name="Decide").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are these the same supplier?")
    found["decision"] = axe(page)
    page.get_by_label("Yes: merge them", exact=False).check()
    page.get_by_label("Why (optional)").fill("Same registered office")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Hampshire Carer Ltd merged into Hampshire Carers")).to_be_visible()
    page.goto("/procurement/suppliers/?q=hampshire")
    found["register"] = axe(page)
    page.get_by_role("link", name="Hampshire Carers", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hampshire Carers")
    expect(page.get_by_role("rowheader", name="Hampshire Carer Ltd", exact=True).first).to_be_visible()
    found["supplier"] = axe(page)
    for path in ("/procurement/suppliers/sizes/", "/procurement/payments/"):
        page.goto(path)
        found[path] = axe(page)
    assert {name: v for name, v in found.items() if v} == {}
