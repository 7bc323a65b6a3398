"""The shares, checked by hand: net spend, SME, VCSE, local and unclassified parts, under a named definition."""

import datetime as dt
from decimal import Decimal

import pytest

from productivity.procurement import proclass, rollups
from productivity.procurement.models import Definition, Size
from productivity.procurement.rollups import Scope
from productivity.procurement.tests.factories import make_devon, make_line, make_supplier, make_trafford

pytestmark = pytest.mark.django_db


@pytest.fixture
def spend():
    devon, trafford = make_devon(), make_trafford()
    small = make_supplier("Small Firm Ltd", size=Size.SME, region="South West")
    big = make_supplier("Big Firm PLC", size=Size.LARGE, region="London")
    charity = make_supplier("Helping Hands", size=Size.VCSE, region="North West")
    unknown = make_supplier("Unknown Ltd")
    march, april = dt.date(2026, 3, 2), dt.date(2026, 4, 2)
    make_line(devon, small, "300.00", march, proclass_code="321014", service_area="Care")
    make_line(devon, small, "-50.00", march, proclass_code="321014", service_area="Care")  # a credit: net 250
    make_line(devon, big, "600.00", march, proclass_code="191400", service_area="Buildings")
    make_line(devon, charity, "100.00", april, service_area="Care")
    make_line(devon, unknown, "50.00", april, proclass_code="321100", service_area="Care")
    make_line(trafford, charity, "1000.00", april, proclass_code="321014")
    return devon, trafford


def test_shares_of_a_councils_net_spend(spend):
    devon, _ = spend
    figures = rollups.shares(Scope(councils=(devon.pk,)))
    # Net 1,000: SME 250, large 600, VCSE 100, unclassified 50; local (South West) 250.
    assert (figures.total, figures.lines) == (Decimal("1000.00"), 5)
    assert (figures.sme_share, figures.vcse_share, figures.local_share, figures.unclassified_share) == (
        Decimal("0.25"), Decimal("0.1"), Decimal("0.25"), Decimal("0.05"))
    assert figures.meets_aspiration is True  # exactly 25%
    assert figures.definition_label == "SME: 250 employees or fewer (the seed papers)"


def test_shares_by_council_and_period(spend):
    devon, trafford = spend
    by_council = rollups.rollup(Scope(), ("council",))
    assert by_council[(trafford.pk,)].vcse_share == 1 and by_council[(trafford.pk,)].local_share == 1
    years = rollups.rollup(Scope(councils=(devon.pk,)), ("financial_year",))
    assert list(years) == [(2025,), (2026,)]
    assert (years[(2025,)].total, years[(2025,)].sme_share) == (Decimal("850.00"), Decimal("250") / Decimal("850"))
    assert years[(2025,)].meets_aspiration is True  # 29.4%
    assert years[(2026,)].meets_aspiration is False  # no SME spend in April
    assert (years[(2026,)].total, years[(2026,)].vcse_share) == (Decimal("150.00"), Decimal("100") / Decimal("150"))
    months = rollups.rollup(Scope(councils=(devon.pk,)), ("month",))
    assert list(months) == [(dt.date(2026, 3, 1),), (dt.date(2026, 4, 1),)]
    quarters = rollups.rollup(Scope(councils=(devon.pk,)), ("quarter",))
    assert list(quarters) == [((2025, 4),), ((2026, 1),)]
    assert rollups.period_label((2025, 4), "quarter") == "2025/26 Q4 (January to March)"
    april = rollups.shares(Scope.for_year(2026, councils=(devon.pk,)))
    assert april.total == Decimal("150.00")


def test_spend_by_category_shows_unclassified_spend_as_such(spend):
    devon, _ = spend
    level1 = rollups.rollup(Scope(councils=(devon.pk,)), ("category",))
    assert {key[0].label: figures.total for key, figures in level1.items()} == {
        "Facilities management": Decimal("600.00"), "Social care": Decimal("300.00"),
        proclass.UNCLASSIFIED_LABEL: Decimal("100.00")}
    level2 = rollups.rollup(Scope(councils=(devon.pk,)), ("category2",))
    labels = {key[0].label: figures.total for key, figures in level2.items()}
    assert labels["Social care: Adult"] == Decimal("250.00")  # 321014 is under 321000
    assert labels["Social care: Children"] == Decimal("50.00")
    care = rollups.shares(Scope(councils=(devon.pk,), category="32"))
    assert (care.total, care.sme_share) == (Decimal("300.00"), Decimal("250") / Decimal("300"))


def test_councils_side_by_side_in_one_category(spend):
    devon, trafford = spend
    compared = rollups.rollup(Scope(councils=(devon.pk, trafford.pk), category="32"), ("council",))
    assert {key: figures.total for key, figures in compared.items()} == {
        (devon.pk,): Decimal("300.00"), (trafford.pk,): Decimal("1000.00")}
    by_prefix = rollups.rollup(Scope(councils=(devon.pk, trafford.pk), category="3210"), ("council",))
    assert by_prefix[(trafford.pk,)].vcse_share == 1


def test_another_definition_has_its_own_classes(spend):
    devon, _ = spend
    figures = rollups.shares(Scope(councils=(devon.pk,), definition=Definition.PROCUREMENT_ACT))
    assert figures.sme_share == 0 and figures.unclassified_share == 1  # every class was under the seeds
    assert "Procurement Act 2023" in figures.definition_label


def test_top_suppliers_and_spend_by_service(spend):
    devon, _ = spend
    top = rollups.top_suppliers(Scope(councils=(devon.pk,)), count=2)
    assert [(name, figures.total) for (_, name), figures in top.suppliers] == [
        ("Big Firm PLC", Decimal("600.00")), ("Small Firm Ltd", Decimal("250.00"))]
    assert (top.share, top.count) == (Decimal("0.85"), 4)
    services = rollups.rollup(Scope(councils=(devon.pk,)), ("service_area",))
    assert services[("Care",)].total == Decimal("400.00") and services[("Care",)].sme_share == Decimal("0.625")


def test_no_spend_has_no_shares():
    figures = rollups.shares(Scope(councils=(0,)))
    assert (figures.total, figures.sme_share, figures.meets_aspiration) == (0, None, None)


def test_net_credit_has_no_shares():
    # A council whose refunds outweigh its payments in a month: -£50 of -£40 is no "125% SME share".
    devon = make_devon()
    small = make_supplier("Small Firm Ltd", size=Size.SME)
    big = make_supplier("Big Firm PLC", size=Size.LARGE)
    make_line(devon, small, "-50.00", dt.date(2026, 3, 2))
    make_line(devon, big, "10.00", dt.date(2026, 3, 3))
    figures = rollups.shares(Scope(councils=(devon.pk,)))
    assert figures.total == Decimal("-40.00")
    assert (figures.sme_share, figures.vcse_share, figures.local_share, figures.unclassified_share) == (None,) * 4
    assert (figures.meets_aspiration, figures.no_share) == (None, "Net credit")
