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


def _old_register_figures(scope: rollups.Scope) -> dict[int, tuple[Decimal, int, int]]:
    """What the register showed before it asked the database: the roll-up by supplier and council, added up."""
    found: dict[int, tuple[Decimal, int, int]] = {}
    for ((pk, _name), _council), shares in rollups.rollup(scope, ("supplier", "council")).items():
        total, lines, councils = found.get(pk, (Decimal(0), 0, 0))
        found[pk] = (total + shares.total, lines + shares.lines, councils + 1)
    return found


def test_figures_by_supplier_from_the_database_are_the_roll_ups(paid):
    from productivity.procurement.models import Definition, Size, Supplier
    from productivity.procurement.tests.factories import make_council

    leeds = make_council("Leeds", gss_code="E08000035", authority_type="MD", region="Yorkshire and The Humber")
    sized = make_supplier("Sized Ltd", size=Size.SME, definition=Definition.PROCUREMENT_ACT, region="North West")
    make_line(leeds, sized, "12.34", day=dt.date(2024, 11, 5))
    make_line(leeds, paid["both"], "-5.00", day=dt.date(2024, 11, 5))
    devon_only = (paid["both"].spend_lines.order_by("pk").first().publisher_id,)
    scopes = [rollups.Scope(), rollups.Scope(definition=Definition.PROCUREMENT_ACT),
              rollups.Scope(councils=devon_only), rollups.Scope.for_year(2025), rollups.Scope.for_year(2024)]
    for scope in scopes:
        expected = _old_register_figures(scope)
        rows = {row["supplier"]: (row["total"], row["lines"], row["councils"]) for row in rollups.by_supplier(scope)}
        assert rows == expected, scope
        annotated = rollups.with_supplier_figures(Supplier.objects.all(), scope)
        assert {s.pk: (s.total, s.lines, s.councils) for s in annotated if s.total is not None} == expected
        assert {s.pk for s in annotated if s.total is None} == set(Supplier.objects.values_list("pk", flat=True)) - set(
            expected)
    assert _old_register_figures(rollups.Scope())[paid["both"].pk] == (Decimal("1128.38"), 4, 3)


def test_figures_by_supplier_refuse_a_scope_the_supplier_summary_cannot_answer():
    with pytest.raises(ValueError, match="whole financial years"):
        rollups.by_supplier(rollups.Scope(category="32"))


def test_the_register_sorts_by_its_figures_and_leaves_unpaid_suppliers_last_either_way(client_for, paid):
    page = client_for(None).get("/procurement/suppliers/?sort=councils&order=desc").content.decode()
    assert page.index("Both Councils Care Ltd") < page.index("Once Only Ltd") < page.index("Never Paid Ltd")
    up = client_for(None).get("/procurement/suppliers/?sort=total").content.decode()
    assert up.index("Once Only Ltd") < up.index("Both Councils Care Ltd") < up.index("Never Paid Ltd")
    down = client_for(None).get("/procurement/suppliers/?sort=total&order=desc").content.decode()
    assert down.index("Both Councils Care Ltd") < down.index("Once Only Ltd") < down.index("Never Paid Ltd")


def test_the_register_filters_and_sorts_on_its_figures_together(client_for, paid):
    from productivity.procurement.models import Size

    small = make_supplier("Small Paid Ltd", size=Size.SME)
    make_line(paid["both"].spend_lines.first().publisher, small, "70.00")
    make_supplier("Small Unpaid Ltd", size=Size.SME)
    shown = _download(client_for(None), "&classification=sme&sort=total&order=desc")
    assert list(shown.items()) == [("Small Paid Ltd", (70, 1)), ("Small Unpaid Ltd", (None, 0))]


def test_everyone_sees_the_same_register_figures(client_for, paid, roles):
    """Every council's spend lines are published: the register counts all of them for anyone."""
    anonymous = _download(client_for(None))
    assert _download(client_for(roles.editor_b)) == anonymous == _download(client_for(roles.programme))


def test_the_register_filters_on_each_suppliers_latest_class_under_the_definition_chosen(client_for, db):
    from productivity.procurement.models import Definition, Size, Source, SupplierClassification

    grew = make_supplier("Grew Up Ltd", size=Size.SME)
    grew_classes = SupplierClassification.objects.filter(supplier=grew)
    grew_classes.update(recorded_on=dt.date(2019, 5, 1))
    SupplierClassification.objects.create(supplier=grew, size=Size.LARGE, source=Source.SIZE_FILE,
                                          recorded_on=dt.date(2024, 5, 1))
    make_supplier("Act Only Ltd", size=Size.SME, definition=Definition.PROCUREMENT_ACT)
    make_supplier("Any Definition Ltd", size=Size.SME, definition=Definition.ANY)
    flagged = make_supplier("Flag Only Ltd")  # a council's flag that says nothing of size
    SupplierClassification.objects.create(supplier=flagged, size="", source=Source.COUNCIL_FLAG,
                                          detail="Sole trader?")
    make_supplier("Never Classed Ltd")

    def shown(query: str) -> set[str]:
        return set(_download(client_for(None), query))

    assert shown("&classification=sme") == {"Any Definition Ltd"}
    assert shown("&classification=large") == {"Grew Up Ltd"}
    assert shown("&classification=unclassified") == {"Act Only Ltd", "Flag Only Ltd", "Never Classed Ltd"}
    act = "&definition=pa2023"
    assert shown(f"{act}&classification=sme") == {"Act Only Ltd", "Any Definition Ltd"}
    assert shown(f"{act}&classification=unclassified") == {"Grew Up Ltd", "Flag Only Ltd", "Never Classed Ltd"}
