"""Financial years run 1 April to 31 March and are named by the year they start in: 2012 is 2012/13."""

import datetime as dt

import pytest

from productivity.core.fiscal import (
    financial_year_bounds,
    financial_year_label,
    financial_year_of,
    parse_financial_year,
)


@pytest.mark.parametrize(("day", "year"), [
    (dt.date(2012, 3, 31), 2011),
    (dt.date(2012, 4, 1), 2012),
    (dt.date(2012, 12, 31), 2012),
    (dt.date(2013, 1, 1), 2012),
    (dt.date(2013, 3, 31), 2012),
    (dt.date(2013, 4, 1), 2013),
])
def test_the_year_turns_on_the_first_of_april(day, year):
    assert financial_year_of(day) == year


def test_a_years_bounds_are_the_first_of_april_to_the_last_of_march():
    start, end = financial_year_bounds(2012)
    assert (start, end) == (dt.date(2012, 4, 1), dt.date(2013, 3, 31))
    assert financial_year_of(start) == financial_year_of(end) == 2012
    assert financial_year_of(start - dt.timedelta(days=1)) == 2011
    assert financial_year_of(end + dt.timedelta(days=1)) == 2013


@pytest.mark.parametrize(("year", "label"), [(2012, "2012/13"), (1999, "1999/00"), (2009, "2009/10"),
                                             (None, "")])
def test_labels_name_both_calendar_years(year, label):
    assert financial_year_label(year) == label


@pytest.mark.parametrize("text", ["2012/13", "2012-13", "2012–13", "2012/2013", "2012-2013", "FY2012/13",
                                  "fy 2012/13", "FY 2012-13", " 2012 / 13 "])
def test_the_ways_people_write_a_financial_year_are_read(text):
    assert parse_financial_year(text) == 2012


def test_a_label_reads_back_as_its_year():
    for year in (1999, 2012, 2099):
        assert parse_financial_year(financial_year_label(year)) == year


@pytest.mark.parametrize("text", ["2012/14", "2012/2014", "2013/12", "2012-11"])
def test_a_second_year_that_does_not_follow_the_first_is_refused_saying_so(text):
    with pytest.raises(ValueError, match="the second year must follow the first"):
        parse_financial_year(text)


@pytest.mark.parametrize("text", ["12/13", "", "next year", "20121", "2012/", "/13", "2012/13/14", "FY", "2012/3"])
def test_text_that_is_not_a_financial_year_is_refused_with_the_forms_accepted(text):
    with pytest.raises(ValueError) as refused:
        parse_financial_year(text)
    assert str(refused.value) == (f"'{text}' is not a financial year: write it as 2012/13, 2012-13, 2012-2013 "
                                  "or FY2012/13")


@pytest.mark.parametrize("text", ["2012", "FY2013", "fy 2013", "FY 2013"])
def test_a_year_alone_is_refused_because_it_could_be_either_of_two_years(text):
    with pytest.raises(ValueError) as refused:
        parse_financial_year(text)
    assert str(refused.value) == (f"'{text}' could be either of two financial years: write both years, as "
                                  "2012/13, 2012-13, 2012-2013 or FY2012/13")
