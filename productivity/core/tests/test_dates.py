"""The one parser for dates in files: every written form it accepts, day before month, and clear refusals."""

import datetime as dt

import pytest

from productivity.core.dates import ACCEPTED, DATE_FORMATS, parse_date

APRIL_FOOLS = dt.date(2012, 4, 1)

# One example of every accepted form, all naming 1 April 2012.
WRITTEN = {
    "%Y-%m-%d": "2012-04-01",
    "%d/%m/%Y": "01/04/2012",
    "%d-%m-%Y": "01-04-2012",
    "%d.%m.%Y": "01.04.2012",
    "%d %B %Y": "1 April 2012",
    "%d %b %Y": "1 Apr 2012",
    "%d-%b-%Y": "01-Apr-2012",
    "%d-%b-%y": "01-Apr-12",
    "%d/%m/%y": "01/04/12",
    "%Y/%m/%d": "2012/04/01",
}


def test_every_accepted_format_has_an_example_here():
    assert set(WRITTEN) == set(DATE_FORMATS)


@pytest.mark.parametrize("text", WRITTEN.values())
def test_each_written_form_reads_as_the_same_day(text):
    assert parse_date(text) == APRIL_FOOLS


@pytest.mark.parametrize("text", ["1/4/2012", " 01/04/2012 ", "1  April   2012", "1 APRIL 2012", "1 apr 2012",
                                  "2012-04-01 00:00:00", "2012-04-01T00:00:00", "01/04/2012 00:00"])
def test_short_numbers_spacing_capitals_and_midnight_times_are_read(text):
    assert parse_date(text) == APRIL_FOOLS


def test_the_day_always_comes_before_the_month():
    assert parse_date("04/01/2012") == dt.date(2012, 1, 4)
    assert parse_date("12/11/2013") == dt.date(2013, 11, 12)


def test_spreadsheet_cells_that_hold_a_date_are_taken_as_they_are():
    assert parse_date(dt.date(2012, 4, 1)) == APRIL_FOOLS
    assert parse_date(dt.datetime(2012, 4, 1, 15, 30)) == APRIL_FOOLS


@pytest.mark.parametrize("blank", [None, "", "   ", "\t"])
def test_a_blank_cell_is_no_date(blank):
    assert parse_date(blank) is None


@pytest.mark.parametrize("text", ["04/13/2012", "31/02/2012", "2012-13-01", "tomorrow", "1st April 2012",
                                  "April 1 2012", "2012", "01042012", "32/01/2012", "2012-04-01 09:30"])
def test_text_that_is_not_a_date_is_refused_with_the_value_and_what_would_be_accepted(text):
    with pytest.raises(ValueError) as refused:
        parse_date(text)
    message = str(refused.value)
    assert f"'{text}' is not a date we can read" in message
    assert message.endswith(ACCEPTED)
    assert "day before month" in message
