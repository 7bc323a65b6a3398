"""The shares, checked by hand: net spend, SME, VCSE, local and unclassified parts, under a named definition."""

import datetime as dt
from decimal import Decimal

import pytest

from productivity.procurement import rollups
from productivity.procurement.models import Definition, Size, SpendLine
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
    make_line(devon, small, "300.00", march)
    make_line(devon, small, "-50.00", march)  # a credit: net SME spend 250
    make_line(devon, big, "600.00", march)
    make_line(devon, charity, "100.00", april)
    make_line(devon, unknown, "50.00", april)
    make_line(trafford, charity, "1000.00", april)
    return devon, trafford


def test_shares_of_a_councils_net_spend(spend):
    devon, _ = spend
    figures = rollups.shares(SpendLine.objects.for_council(devon))
    # Net 1,000: SME 250, large 600, VCSE 100, unclassified 50; local (South West) 250.
    assert (figures.total, figures.lines) == (Decimal("1000.00"), 5)
    assert (figures.sme_share, figures.vcse_share, figures.local_share, figures.unclassified_share) == (
        Decimal("0.25"), Decimal("0.1"), Decimal("0.25"), Decimal("0.05"))
    assert figures.meets_aspiration is True  # exactly 25%
    assert figures.definition_label == "SME: 250 employees or fewer (the seed papers)"


def test_shares_by_council_and_period(spend):
    devon, trafford = spend
    lines = SpendLine.objects.all()
    by_council = rollups.shares_by(lines, "publisher")
    assert by_council[trafford.pk].vcse_share == 1 and by_council[trafford.pk].local_share == 1
    years = rollups.shares_by(SpendLine.objects.for_council(devon), "financial_year")
    assert list(years) == [2025, 2026]
    assert (years[2025].total, years[2025].sme_share) == (Decimal("850.00"), Decimal("250") / Decimal("850"))
    assert years[2025].meets_aspiration is True  # 29.4%
    assert years[2026].meets_aspiration is False  # no SME spend in April
    assert (years[2026].total, years[2026].vcse_share) == (Decimal("150.00"), Decimal("100") / Decimal("150"))
    months = rollups.shares_by(SpendLine.objects.for_council(devon), "month")
    assert list(months) == [dt.date(2026, 3, 1), dt.date(2026, 4, 1)]


def test_another_definition_has_its_own_classes(spend):
    devon, _ = spend
    figures = rollups.shares(SpendLine.objects.for_council(devon), Definition.PROCUREMENT_ACT)
    assert figures.sme_share == 0 and figures.unclassified_share == 1  # every class was under the seeds
    assert "Procurement Act 2023" in figures.definition_label


def test_top_suppliers_and_spend_by_service(spend):
    devon, _ = spend
    lines = SpendLine.objects.for_council(devon)
    top = rollups.top_suppliers(lines, count=2)
    assert [(name, total) for (_, name), total, _ in top.suppliers] == [
        ("Big Firm PLC", Decimal("600.00")), ("Small Firm Ltd", Decimal("250.00"))]
    assert top.share == Decimal("0.85")
    assert rollups.spend_by(lines, "financial_year") == [(2025, Decimal("850.00"), 3), (2026, Decimal("150.00"), 2)]


def test_no_spend_has_no_shares():
    figures = rollups.shares(SpendLine.objects.none())
    assert (figures.total, figures.sme_share, figures.meets_aspiration) == (0, None, None)
