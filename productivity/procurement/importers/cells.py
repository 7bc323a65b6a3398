"""Reading the cells of councils' spend files: signed amounts, and the placeholders files put in empty cells."""

import re
from decimal import Decimal

import polars as pl

from productivity.core.dates import parse_bounded_date
from productivity.imports import cells
from productivity.imports.columns import decided

# What spreadsheets and exports write in a cell that has no value.
PLACEHOLDERS = {"na", "n/a", "n.a.", "null", "none", "-", "--"}
EXCEL_ERRORS = {"#ref!", "#n/a", "#value!", "#div/0!", "#name?", "#null!", "#num!"}
AMOUNT_ACCEPTS = "an amount in pounds such as 1234.50, £1,234.50, -250.00 or (250.00) for a credit"
# The way payment files nearly always write an amount: read at once.
_UNTIDY = re.compile(r"\s\s|[\t\r\n\xa0\u2028]")  # what optional_text tidies inside a cell
_USUAL = re.compile(r"-?£?(?:\d{1,3}(?:,\d{3}){0,3}|\d{1,12})\.\d\d")
# The same, for a whole column at once (polars): ASCII digits only, the rest are read one by one.
_USUAL_COLUMN = r"^-?£?(?:[0-9]{1,3}(?:,[0-9]{3}){0,3}|[0-9]{1,12})\.[0-9][0-9]$"
# Text that Python's strip() and the tidying leave as it is: printable ASCII, single spaces, none at the ends.
_TIDY_COLUMN = r"^[!-~](?:[ -~]*[!-~])?$"
_BLANKS = sorted(PLACEHOLDERS | EXCEL_ERRORS)


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

    def framed(texts: pl.Series) -> tuple[pl.Series, pl.Series]:
        stripped = texts.str.strip_chars(" ")
        empty = stripped == ""
        tidy = stripped.str.contains(_TIDY_COLUMN) & ~stripped.str.contains("  ", literal=True)
        blank = empty | (tidy & stripped.str.to_lowercase().is_in(_BLANKS))
        fits = stripped.str.len_chars() <= max_length
        values = pl.select(pl.when(blank).then(None).otherwise(stripped)).to_series()
        return values, blank | (tidy & fits)

    def vectorised(texts: list[str]) -> tuple[list, list[int]]:
        return decided(*framed(pl.Series(texts, dtype=pl.String)))

    parse.vectorised = vectorised
    parse.framed = framed  # the same, a polars column in and out (imports.frames)
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


def _amounts(texts: list[str]) -> tuple[list, list[int]]:
    """``signed_amount`` of the cells written the usual way ('1,008.00', '-£250.00'), all at once."""
    stripped = pl.Series(texts, dtype=pl.String).str.strip_chars(" ")
    usual = stripped.str.contains(_USUAL_COLUMN)
    cleaned = pl.select(pl.when(usual).then(stripped.str.replace_all("[£,]", ""))).to_series()
    values, undecided = decided(cleaned, usual)
    return [None if value is None else Decimal(value) for value in values], undecided


def _framed_amounts(texts: pl.Series) -> tuple[pl.Series, pl.Series]:
    """``_amounts`` as a polars column of the amounts' text as Decimal writes it (``str``): no leading zeros."""
    stripped = texts.str.strip_chars(" ")
    usual = stripped.str.contains(_USUAL_COLUMN)
    cleaned = stripped.str.replace_all("[£,]", "").str.replace(r"^(-?)0+([0-9])", "${1}${2}")
    return pl.select(pl.when(usual).then(cleaned)).to_series(), usual


signed_amount.vectorised = _amounts
signed_amount.framed = _framed_amounts


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
