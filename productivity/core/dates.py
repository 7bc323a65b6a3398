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
