"""The supplier register pages in the database: one page of suppliers is worked out, in a fixed number of
queries however many suppliers there are, and the pages together show each supplier once, in order."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from productivity.procurement import names, summaries
from productivity.procurement.models import SpendLine, Supplier
from productivity.procurement.tests.factories import make_devon, make_trafford

pytestmark = pytest.mark.django_db
ROW = re.compile(r'<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="[^"]+">'
                 r"([^<]+)</a></td>(.*?)</tr>")
CELL = re.compile(r'<td class="govuk-table__cell[^"]*">([^<]*)</td>')


def _register(count: int, first: int = 1) -> list[Supplier]:
    """``count`` suppliers: supplier n is paid £n in all; by Devon alone, or (when n is a multiple of 3) by
    Devon and by Trafford (50p of it)."""
    devon, trafford = _council("Devon", make_devon), _council("Trafford", make_trafford)
    made = Supplier.objects.bulk_create([
        Supplier(name=f"Supplier {n:03d} Ltd", normalised_name=names.normalised(f"Supplier {n:03d} Ltd"))
        for n in range(first, first + count)])
    lines = []
    for n, supplier in enumerate(made, start=first):
        half = Decimal("0.50")
        paid = [(devon, n - half), (trafford, half)] if n % 3 == 0 else [(devon, Decimal(n))]
        lines += [SpendLine(publisher=payer, supplier=supplier, supplier_name=supplier.name, amount=amount,
                            payment_date=dt.date(2026, 3, 2), line_key=f"paging-{n}-{payer.pk}")
                  for payer, amount in paid]
    SpendLine.objects.bulk_create(lines)
    summaries.rebuild()
    return made


def _council(name: str, make):
    from productivity.organisations.models import Organisation

    return Organisation.objects.filter(name=name).first() or make()


def _rows(client, query: str) -> list[tuple[str, list[str]]]:
    page = client.get(f"/procurement/suppliers/{query}").content.decode()
    return [(name, CELL.findall(cells)) for name, cells in ROW.findall(page)]


def test_the_pages_show_every_supplier_once_largest_first(client_for):
    _register(120)
    client = client_for(None)
    pages = [_rows(client, f"?sort=total&order=desc&page={number}") for number in (1, 2, 3)]
    assert [len(rows) for rows in pages] == [50, 50, 20]
    shown = [name for rows in pages for name, _ in rows]
    assert shown == [f"Supplier {n:03d} Ltd" for n in range(120, 0, -1)]
    # The cells after the name: identifiers, region, class, councils, net spend.
    assert pages[0][0][1][-2:] == ["2", "£120"]
    assert pages[0][1][1][-2:] == ["1", "£119"]
    assert pages[2][-1] == ("Supplier 001 Ltd", ["", "", "Not classed", "1", "£1"])


def test_the_pages_sort_by_councils_then_by_the_order_suppliers_were_added(client_for):
    _register(60)
    first = _rows(client_for(None), "?sort=councils&order=desc")
    assert [name for name, _ in first[:20]] == [f"Supplier {n:03d} Ltd" for n in range(3, 61, 3)]
    assert {cells[-2] for _, cells in first[:20]} == {"2"} and first[20][1][-2] == "1"


@pytest.mark.parametrize("sort", ["", "?sort=total&order=desc", "?sort=councils", "?page=2"])
def test_the_register_asks_as_many_queries_for_many_suppliers_as_for_a_few(client_for, sort,
                                                                          django_assert_max_num_queries):
    _register(5)
    client = client_for(None)
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/procurement/suppliers/{sort}").status_code == 200
    _register(150, first=6)
    with django_assert_max_num_queries(len(few)):
        assert len(_rows(client, sort)) == 50


@pytest.mark.parametrize("few", [500, 3])
def test_a_download_has_every_supplier_with_its_figures_whichever_way_they_are_read(client_for, monkeypatch, few):
    """A download reads every supplier's figures at once when it has more rows than ``FEW``: the same figures."""
    import csv
    import io

    from productivity.procurement import supplier_register
    from productivity.procurement.models import Definition, Size, SupplierClassification

    monkeypatch.setattr(supplier_register, "FEW", few)
    made = _register(12)
    SupplierClassification.objects.create(supplier=made[5], size=Size.SME, definition=Definition.SEEDS)
    text = client_for(None).get("/procurement/suppliers/?format=csv&sort=total").getvalue().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["Supplier"] for row in rows] == [f"Supplier {n:03d} Ltd" for n in range(1, 13)]
    assert [(row["Net spend"], row["Councils paying it"]) for row in rows[2:4]] == [("3.00", "2"), ("4.00", "1")]
    assert [row["Class"] for row in rows[5:7]] == ["SME", "Not classed"]
    searched = client_for(None).get("/procurement/suppliers/?format=csv&q=supplier+01").getvalue().decode()
    assert len(list(csv.DictReader(io.StringIO(searched.lstrip("\ufeff"))))) == 3  # 010, 011 and 012


def test_a_merged_supplier_shows_no_spend_on_the_page_and_the_one_it_went_into_shows_both(client_for, roles):
    from productivity.procurement import suppliers
    from productivity.procurement.models import MatchProposal

    made = _register(4)
    proposal = MatchProposal.objects.create(supplier=made[2], candidate=made[0], score=Decimal("91.0"))
    suppliers.merge(proposal, roles.programme, reason="Same company")
    rows = dict(_rows(client_for(None), "?sort=total&order=desc"))
    assert rows["Supplier 003 Ltd"][-2:] == ["0", ""]  # kept in the register, paid nothing now
    assert rows["Supplier 001 Ltd"][-2:] == ["2", "£4"]  # its own £1 and the merged supplier's £3, two councils
    # The two £4s in the order they were added, then £2, then the one paid nothing now (blanks last).
    assert list(rows) == ["Supplier 001 Ltd", "Supplier 004 Ltd", "Supplier 002 Ltd", "Supplier 003 Ltd"]
