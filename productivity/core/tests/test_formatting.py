"""How money, numbers, percentages and dates read on the pages (GOV.UK style)."""

import datetime as dt
from decimal import Decimal

import pytest

from productivity.core.formatting import counted, govuk_date, money, money_short, number, percent


@pytest.mark.parametrize(("value", "shown"), [
    (Decimal("1234567"), "£1,234,567"),
    (Decimal("1234567.00"), "£1,234,567"),
    (Decimal("-1234"), "-£1,234"),
    (0, "£0"),
    ("2500", "£2,500"),
    (Decimal("0.004"), "£0"),  # less than a penny is no pence
    (None, ""),
    ("", ""),
])
def test_money_in_whole_pounds_when_there_are_no_pence(value, shown):
    assert money(value) == shown


@pytest.mark.parametrize(("value", "shown"), [
    (Decimal("1234.50"), "£1,234.50"),
    (Decimal("0.49"), "£0.49"),
    (Decimal("-20.05"), "-£20.05"),
    (Decimal("99.999"), "£100"),  # rounds to a whole pound
])
def test_pence_are_shown_when_there_are_pence(value, shown):
    assert money(value) == shown


@pytest.mark.parametrize(("value", "shown"), [
    (Decimal("1234.50"), "£1,235"),  # half a pound rounds up, as people expect
    (Decimal("0.49"), "£0"),
])
def test_money_rounded_to_the_pound_on_request(value, shown):
    assert money(value, pence=False) == shown


@pytest.mark.parametrize(("value", "shown"), [
    (Decimal("1234.5"), "£1,234.50"),
    (Decimal("0.005"), "£0.01"),
    (Decimal("-0.5"), "-£0.50"),
    (Decimal("1000000"), "£1,000,000.00"),
])
def test_money_with_pence(value, shown):
    assert money(value, pence=True) == shown


@pytest.mark.parametrize(("value", "shown"), [
    (Decimal("90000000"), "£90m"),
    (Decimal("1250000"), "£1.3m"),
    (Decimal("1000000"), "£1m"),
    (Decimal("999999"), "£999,999"),
    (Decimal("300000.4"), "£300,000"),
    (Decimal("1500000000"), "£1.5bn"),
    (Decimal("-2000000"), "-£2m"),
    (None, ""),
])
def test_headline_money_as_board_papers_write_it(value, shown):
    assert money_short(value) == shown


def test_numbers_have_thousands_separators():
    assert number(1234567) == "1,234,567"
    assert number(None) == ""


@pytest.mark.parametrize(("value", "places", "shown"), [
    (Decimal("0.25"), 0, "25%"),
    (Decimal("1"), 0, "100%"),
    (Decimal("0.125"), 1, "12.5%"),
    (Decimal("-0.1"), 0, "-10%"),
    (Decimal("-0.0000002"), 1, "0.0%"),  # a credit too small to show is no share, not -0.0%
    (Decimal("-0"), 1, "0.0%"),
    (Decimal("0.0005"), 1, "0.1%"),  # halves round up, as money does
    (None, 0, ""),
])
def test_shares_as_percentages(value, places, shown):
    assert percent(value, places) == shown


@pytest.mark.parametrize(("value", "shown"), [
    (dt.date(2012, 3, 1), "1 March 2012"),
    (dt.date(2013, 12, 25), "25 December 2013"),
    (dt.datetime(2012, 3, 1, 14, 5), "1 March 2012, 2:05pm"),
    (dt.datetime(2012, 3, 1, 0, 0), "1 March 2012, 12:00am"),
    (dt.datetime(2012, 3, 1, 12, 30), "1 March 2012, 12:30pm"),
    (dt.datetime(2012, 3, 1, 9, 0), "1 March 2012, 9:00am"),
    (None, ""),
])
def test_dates_without_leading_zeros_and_times_the_gov_uk_way(value, shown):
    assert govuk_date(value) == shown


@pytest.mark.parametrize("count, noun, plural, shown", [
    (0, "illustrative plan", None, "0 illustrative plans"),
    (1, "illustrative plan", None, "1 illustrative plan"),
    (2, "illustrative plan", None, "2 illustrative plans"),
    (1200, "row", None, "1,200 rows"),
    (1, "public body", "public bodies", "1 public body"),
    (3, "public body", "public bodies", "3 public bodies"),
])
def test_counts_name_their_noun_in_the_right_number(count, noun, plural, shown):
    assert counted(count, noun, plural) == shown
