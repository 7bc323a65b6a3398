"""The one parser for dates that arrive in files (CSV cells, spreadsheet cells, command-line values).

People in English councils write dates day first. The accepted formats are listed explicitly and
tried in order for every value, so the same text always means the same date: 01/04/2012 is always
1 April 2012, never 4 January. Spreadsheet cells that already hold a date are taken as they are.
"""

import datetime as dt

# Every accepted written form, day before month wherever both are numbers.
DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",  # 2012-04-01 (ISO 8601, what the platform's own downloads use)
    "%d/%m/%Y",  # 01/04/2012 and 1/4/2012
    "%d-%m-%Y",  # 01-04-2012
    "%d.%m.%Y",  # 01.04.2012
    "%d %B %Y",  # 1 April 2012
    "%d %b %Y",  # 1 Apr 2012
    "%d-%b-%Y",  # 01-Apr-2012 (a common Excel display format)
    "%d-%b-%y",  # 01-Apr-12
    "%d/%m/%y",  # 01/04/12
    "%Y/%m/%d",  # 2012/04/01
)

# Time parts that spreadsheets add to dates when exported as text: "2012-04-01 00:00:00".
_TIME_SUFFIXES = (" 00:00:00", " 00:00", "T00:00:00")

ACCEPTED = "a date such as 2012-04-01, 01/04/2012 or 1 April 2012 (day before month)"

# The plausible range for any date the platform records: a year typed as 0001 or 9999 is a mistake.
EARLIEST, LATEST = dt.date(1990, 1, 1), dt.date(2100, 12, 31)
OUT_OF_RANGE = "must be between 1 January 1990 and 31 December 2100"


def check_bounds(day: dt.date, label: str = "The date") -> dt.date:
    """``day`` if it lies between EARLIEST and LATEST; ValueError naming the range otherwise."""
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"{label} {OUT_OF_RANGE}")
    return day


def parse_bounded_date(value: object) -> dt.date | None:
    """As parse_date, refusing dates outside 1990 to 2100 (with a message saying so)."""
    day = parse_date(value)
    return None if day is None else check_bounds(day, f"'{value}' is not a plausible date: it")


def parse_date(value: object) -> dt.date | None:
    """The date ``value`` names, or None when it is blank; raises ValueError saying what is accepted."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = " ".join(str(value).split())
    if not text:
        return None
    for suffix in _TIME_SUFFIXES:
        text = text.removesuffix(suffix)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{value}' is not a date we can read: use {ACCEPTED}")
