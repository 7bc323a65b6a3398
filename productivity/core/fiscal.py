"""Financial years run 1 April to 31 March. A year is named by the calendar year it starts in."""

import datetime as dt
import re

# The forms a financial year may be written in. A year alone ("2012", "FY2013") is refused: people
# mean both the year it starts in and the year it ends in by it.
ACCEPTED = "2012/13, 2012-13, 2012-2013 or FY2012/13"
_FORM = re.compile(r"^(?:FY\s*)?(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})$")


def financial_year_of(day: dt.date) -> int:
    """The starting calendar year of the financial year containing ``day`` (2012-03-01 -> 2011)."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(start_year: int | None) -> str:
    """'2012/13' for 2012."""
    if start_year is None:
        return ""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def financial_year_bounds(start_year: int) -> tuple[dt.date, dt.date]:
    return dt.date(start_year, 4, 1), dt.date(start_year + 1, 3, 31)


def parse_financial_year(text: str) -> int:
    """The starting year of '2012/13', '2012-13', '2012-2013', '2012/2013' or 'FY2012/13'; ValueError otherwise."""
    raw = " ".join(str(text).split()).upper()
    found = _FORM.match(raw)
    if found is None:
        if re.fullmatch(r"(?:FY\s*)?\d{4}", raw):
            raise ValueError(f"'{text}' could be either of two financial years: write both years, as {ACCEPTED}")
        raise ValueError(f"'{text}' is not a financial year: write it as {ACCEPTED}")
    start, end = int(found[1]), int(found[2])
    following = (start + 1) % 100 if len(found[2]) == 2 else start + 1
    if end != following:
        raise ValueError(f"'{text}' is not a financial year: the second year must follow the first, as in "
                         f"{financial_year_label(start)}")
    return start
