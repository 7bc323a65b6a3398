"""The supplier register's figures are the roll-up's, and the roll-up's are the lines'."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from productivity.procurement import rollups
from productivity.procurement.models import SpendLine
from productivity.procurement.tests.factories import make_devon, make_line, make_supplier, make_trafford

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(db):
    """One supplier paid by two councils in two years, with a credit; one paid once; one never paid."""
    devon, trafford = make_devon(), make_trafford()
    both = make_supplier("Both Councils Care Ltd")
    make_line(devon, both, "1000.10")
    make_line(devon, both, "-200.05", day=dt.date(2025, 4, 7))  # a refund, in the year before
    make_line(trafford, both, "333.33", proclass_code="320000")
    once = make_supplier("Once Only Ltd")
    make_line(trafford, once, "50.00")
    make_supplier("Never Paid Ltd")
    return {"both": both, "once": once}


def _download(client, query: str = "") -> dict[str, tuple]:
    response = client.get(f"/procurement/suppliers/?format=xlsx{query}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    heads = rows[0]
    return {row[heads.index("Supplier")]: (row[heads.index("Net spend")], row[heads.index("Councils paying it")])
            for row in rows[1:]}


def test_the_registers_net_spend_is_the_roll_up_and_the_lines(client_for, paid):
    by_supplier = rollups.rollup(rollups.Scope(), ("supplier",))
    shown = _download(client_for(None))
    for supplier in paid.values():
        lines = sum(SpendLine.objects.filter(supplier=supplier).values_list("amount", flat=True), Decimal(0))
        rolled = by_supplier[((supplier.pk, supplier.name),)].total
        assert Decimal(str(shown[supplier.name][0])) == rolled == lines
    assert shown["Both Councils Care Ltd"] == (1133.38, 2)
    assert shown["Once Only Ltd"] == (50, 1)
    assert shown["Never Paid Ltd"] == (None, 0)
    page = client_for(None).get("/procurement/suppliers/").content.decode()
    assert "£1,133.38" in page and "£50" in page


def test_the_register_sorts_and_filters_on_the_roll_ups_figures(client_for, paid):
    page = client_for(None).get("/procurement/suppliers/?sort=total&order=desc").content.decode()
    assert page.index("Both Councils Care Ltd") < page.index("Once Only Ltd")
    ascending = client_for(None).get("/procurement/suppliers/?sort=total").content.decode()
    assert ascending.index("Once Only Ltd") < ascending.index("Both Councils Care Ltd")
    by_name = client_for(None).get("/procurement/suppliers/").content.decode()
    assert by_name.index("Both Councils") < by_name.index("Never Paid") < by_name.index("Once Only")
    assert _download(client_for(None), "&q=once") == {"Once Only Ltd": (50, 1)}


def test_the_register_shows_identifiers_in_one_column_and_downloads_keep_three(client_for, paid):
    paid["both"].companies_house_number, paid["both"].vat_number = "01234567", "GB812311285"
    paid["both"].save()
    page = client_for(None).get("/procurement/suppliers/").content.decode()
    assert "Identifiers" in page and "Company\u00a001234567<br>VAT\u00a0GB812311285" in page
    assert "Companies House number</th>" not in page  # not a column of its own on the page
    sheet = load_workbook(io.BytesIO(client_for(None).get("/procurement/suppliers/?format=xlsx").content)).active
    heads = next(sheet.iter_rows(values_only=True))
    assert {"Companies House number", "VAT number", "Charity number"} <= set(heads) and "Identifiers" not in heads


def test_after_a_merge_the_register_shows_the_merged_suppliers_spend_with_the_one_it_went_into(
        client_for, paid, roles):
    from productivity.procurement import suppliers
    from productivity.procurement.models import MatchProposal

    proposal = MatchProposal.objects.create(supplier=paid["once"], candidate=paid["both"], score=Decimal("91.0"))
    suppliers.merge(proposal, roles.programme, reason="Same company")
    shown = _download(client_for(None))
    lines = sum(SpendLine.objects.filter(supplier=paid["both"]).values_list("amount", flat=True), Decimal(0))
    assert Decimal(str(shown["Both Councils Care Ltd"][0])) == lines == Decimal("1183.38")
    assert shown["Both Councils Care Ltd"][1] == 2
    assert shown.get("Once Only Ltd", (None, 0)) == (None, 0)  # merged: kept, and paid nothing now
