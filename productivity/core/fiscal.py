"""Financial years run 1 April to 31 March. A year is named by the calendar year it starts in."""

import datetime as dt


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
    """Accepts '2012/13', '2012-13', '2012/2013', 'FY2012/13' or '2012'; raises ValueError otherwise."""
    raw = str(text).strip().upper().removeprefix("FY").strip()
    for sep in ("/", "-", "–"):
        if sep in raw:
            first, second = (part.strip() for part in raw.split(sep, 1))
            if not (first.isdigit() and len(first) == 4 and second.isdigit()):
                break
            start = int(first)
            expected_end = start + 1
            if int(second) in (expected_end % 100, expected_end):
                return start
            raise ValueError(f"'{text}' is not a financial year: the second year must follow the first")
    else:
        if raw.isdigit() and len(raw) == 4:
            return int(raw)
    raise ValueError(f"'{text}' is not a financial year: use the form 2012/13")
