"""Turning one cell (text from CSV, or a typed value from Excel) into a Python value.

Each parser returns None for a blank cell and raises ValueError with a message that says what
would be accepted. Dates go through the platform's one date parser, core.dates.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

MONEY_LIMIT = Decimal("1000000000000")  # the database keeps 14 digits, 2 of them pence
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$|^\.\d+$")
MONEY_ACCEPTS = "an amount in pounds such as 1234.50, £1,234.50 or 1234"

_TRUE = {"yes", "y", "true", "t", "1", "published", "x"}
_FALSE = {"no", "n", "false", "f", "0", "unpublished", "draft"}


def text(value: object) -> str:
    """A cell as text: Excel's whole numbers without '.0', dates as 2012-04-01, spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\xa0", " ").strip()


def is_blank(value: object) -> bool:
    return text(value) == ""


def money(value: object) -> Decimal | None:
    """Pounds and pence, never negative: '£1,234.50', '1234.5', ' 1,234 ' or an Excel number."""
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not an amount: use {MONEY_ACCEPTS}")
    if isinstance(value, int | float | Decimal):
        amount = _from_number(value)
    else:
        raw = text(value)
        if not raw:
            return None
        cleaned = raw.replace("£", "").replace("GBP", "").replace(" ", "")
        if cleaned.startswith("-") or (cleaned.startswith("(") and cleaned.endswith(")")):
            raise ValueError(f"'{raw}' is negative: amounts are never negative (record a dis-benefit instead)")
        if not (_GROUPED.match(cleaned) or _PLAIN.match(cleaned)):
            raise ValueError(f"'{raw}' is not an amount we can read: use {MONEY_ACCEPTS}, "
                             "with commas only between thousands and a full stop before the pence")
        amount = Decimal(cleaned.replace(",", ""))
    if amount < 0:
        raise ValueError(f"'{value}' is negative: amounts are never negative (record a dis-benefit instead)")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"'{value}' has more than two decimal places: give pounds and pence, for example 1234.50")
    if amount >= MONEY_LIMIT:
        raise ValueError(f"'{value}' is too large: amounts must be under £1,000,000,000,000")
    return amount.quantize(Decimal("0.01"))


def _from_number(value: int | float | Decimal) -> Decimal:
    try:
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation as error:
        raise ValueError(f"'{value}' is not an amount: use {MONEY_ACCEPTS}") from error
    if not amount.is_finite():
        raise ValueError(f"'{value}' is not an amount: use {MONEY_ACCEPTS}")
    # Excel keeps 15 significant digits, so a sum like 0.1 + 0.2 arrives as 0.30000000000000004.
    rounded = amount.quantize(Decimal("0.01"))
    return rounded if abs(amount - rounded) < Decimal("0.000001") else amount


def boolean(value: object) -> bool | None:
    """Yes/No, True/False, Y/N, 1/0 (as people and spreadsheets write them)."""
    if isinstance(value, bool):
        return value
    raw = text(value)
    if not raw:
        return None
    if raw.lower() in _TRUE:
        return True
    if raw.lower() in _FALSE:
        return False
    raise ValueError(f"'{raw}' is not yes or no: use Yes or No")


def choice(value: object, choices: dict[str, str], accepts: str) -> str | None:
    """The stored value for a choice written as its value or its label, ignoring case, spaces and dashes."""
    raw = text(value)
    if not raw:
        return None
    found = choices.get(key(raw))
    if found is None:
        raise ValueError(f"'{raw}' is not allowed here: use {accepts}")
    return found


def key(raw: str) -> str:
    """How choices and column headings are compared: case, spaces, dashes and underscores ignored."""
    return "".join(ch for ch in raw.casefold() if ch.isalnum())


def choice_map(text_choices, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Matching keys for a Django TextChoices (values and labels) plus extra spellings."""
    found = {}
    for value, label in text_choices.choices:
        found[key(value)] = value
        found[key(str(label))] = value
    for spelling, value in (extra or {}).items():
        found[key(spelling)] = value
    return found
