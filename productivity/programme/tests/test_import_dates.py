"""The one date parser for files: explicit formats, day before month, clear refusals."""

import datetime as dt

import pytest

from productivity.core.dates import parse_date


@pytest.mark.parametrize("written", [
    "2012-04-01", "01/04/2012", "1/4/2012", "01-04-2012", "01.04.2012", "1 April 2012", "1 Apr 2012",
    "01-Apr-2012", "01-Apr-12", "01/04/12", "2012/04/01", "2012-04-01 00:00:00", "  01/04/2012 ",
])
def test_every_accepted_form_means_the_same_day(written):
    assert parse_date(written) == dt.date(2012, 4, 1)


def test_day_comes_before_month_on_every_row():
    # 01/04/2012 is 1 April in England, and so is every other row: no per-row guessing.
    assert parse_date("01/04/2012") == dt.date(2012, 4, 1)
    assert parse_date("12/04/2012") == dt.date(2012, 4, 12)


def test_spreadsheet_dates_are_taken_as_they_are():
    assert parse_date(dt.datetime(2013, 3, 31, 0, 0)) == dt.date(2013, 3, 31)
    assert parse_date(dt.date(2013, 3, 31)) == dt.date(2013, 3, 31)


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_is_no_date(blank):
    assert parse_date(blank) is None


@pytest.mark.parametrize("bad", ["31/02/2012", "04/13/2012", "next April", "2012", "13.13.13"])
def test_impossible_or_american_dates_are_refused_with_what_would_work(bad):
    with pytest.raises(ValueError) as error:
        parse_date(bad)
    assert f"'{bad}'" in str(error.value)
    assert "01/04/2012" in str(error.value)
