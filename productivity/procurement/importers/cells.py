"""Reading the cells of councils' spend files: signed amounts, and the placeholders files put in empty cells."""

import re
from decimal import Decimal

from productivity.core.dates import parse_bounded_date
from productivity.imports import cells

# What spreadsheets and exports write in a cell that has no value.
PLACEHOLDERS = {"na", "n/a", "n.a.", "null", "none", "-", "--"}
EXCEL_ERRORS = {"#ref!", "#n/a", "#value!", "#div/0!", "#name?", "#null!", "#num!"}
AMOUNT_ACCEPTS = "an amount in pounds such as 1234.50, £1,234.50, -250.00 or (250.00) for a credit"
# The way payment files nearly always write an amount: read at once.
_UNTIDY = re.compile(r"\s\s|[\t\r\n\xa0\u2028]")  # what optional_text tidies inside a cell
_USUAL = re.compile(r"-?£?(?:\d{1,3}(?:,\d{3}){0,3}|\d{1,12})\.\d\d")


def _excel_error(raw: str, what: str) -> ValueError:
    return ValueError(f"'{raw}' is a spreadsheet error (a broken formula), not {what}: correct the cell in the "
                      "file and import it again")


def optional_text(max_length: int):
    """A parser for a free-text cell: spaces tidied, placeholders and spreadsheet errors read as blank."""

    def parse(value: object) -> str | None:
        if type(value) is str and not _UNTIDY.search(value := value.strip()):
            raw = value  # the usual cell: nothing to tidy
        else:
            raw = " ".join(cells.text(value).split())
        if not raw or raw.casefold() in PLACEHOLDERS or raw.casefold() in EXCEL_ERRORS:
            return None
        if len(raw) > max_length:
            raise ValueError(f"This is {len(raw):,} characters long: use {max_length:,} characters or fewer")
        return raw

    return parse


def supplier_name(value: object) -> str | None:
    """The supplier's name as published (blank when the cell is empty or a placeholder)."""
    raw = " ".join(cells.text(value).split())
    if raw.casefold() in EXCEL_ERRORS:
        raise _excel_error(raw, "a supplier's name")
    return optional_text(300)(raw)


def signed_amount(value: object) -> Decimal | None:
    """Pounds and pence as spend files give them; credits and refunds negative ('-250.00', '(250.00)', '250.00CR')."""
    if type(value) is str and _USUAL.fullmatch(stripped := value.strip(" ")):
        return Decimal(stripped.replace("£", "").replace(",", ""))
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        magnitude = cells.money(abs(value))
        return -magnitude if value < 0 else magnitude
    raw = cells.text(value)
    if raw.casefold() in EXCEL_ERRORS:
        raise _excel_error(raw, "an amount")
    cleaned = raw.replace(" ", "").replace("£", "")
    negative = False
    if cleaned.startswith("-"):
        negative, cleaned = True, cleaned[1:]
    elif cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1]
    elif cleaned.upper().endswith("CR"):
        negative, cleaned = True, cleaned[:-2]
    try:
        magnitude = cells.money(cleaned.removeprefix("£"))
    except ValueError as error:
        raise ValueError(f"'{raw}' is not an amount we can read: use {AMOUNT_ACCEPTS}") from error
    if magnitude is None:
        if raw:
            raise ValueError(f"'{raw}' is not an amount we can read: use {AMOUNT_ACCEPTS}")
        return None
    return -magnitude if negative else magnitude


def payment_date(value: object):
    """The date a payment was made; a spreadsheet error is named as such."""
    raw = cells.text(value)
    if raw.casefold() in EXCEL_ERRORS:
        raise _excel_error(raw, "a date")
    return parse_bounded_date(value)


def optional_date(value: object):
    """A date that files may leave out (an invoice date): placeholders read as blank."""
    raw = cells.text(value)
    if raw.casefold() in PLACEHOLDERS or raw.casefold() in EXCEL_ERRORS:
        return None
    return parse_bounded_date(value)
