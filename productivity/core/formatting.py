"""How numbers, money and dates are shown to people (GOV.UK style)."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from productivity.core.fiscal import financial_year_label  # noqa: F401  (re-exported as a filter)


def money(value, pence: bool | None = None) -> str:
    """£1,234,567, or £1,234,567.89 when there are pence: the same way on every page. Negative amounts as -£1,234.

    ``pence`` True always shows pence; False rounds to the pound (for figures quoted in round pounds).
    """
    if value is None or value == "":
        return ""
    amount = Decimal(value)
    if pence is None:
        pence = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) != amount.quantize(Decimal("1"),
                                                                                               rounding=ROUND_HALF_UP)
    quantum = Decimal("0.01") if pence else Decimal("1")
    amount = amount.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):,.2f}" if pence else f"{abs(amount):,.0f}"
    return f"{sign}£{text}"


def money_short(value) -> str:
    """£90m, £1.2m, £300,000: how board papers write headline figures."""
    if value is None or value == "":
        return ""
    amount = Decimal(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if amount >= Decimal("1000000000"):
        scaled = (amount / Decimal("1000000000")).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return f"{sign}£{scaled.normalize():f}bn"
    if amount >= Decimal("1000000"):
        scaled = (amount / Decimal("1000000")).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return f"{sign}£{scaled.normalize():f}m"
    return f"{sign}£{amount.quantize(Decimal('1'), rounding=ROUND_HALF_UP):,.0f}"


def number(value) -> str:
    if value is None or value == "":
        return ""
    return f"{value:,}"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: '1 illustrative plan', '5 illustrative plans', '1,200 rows'.

    ``noun`` is the singular; ``plural`` the plural when it is not the singular with an s ('1 body', '2 bodies')."""
    if count == 1:
        return f"1 {noun}"
    return f"{number(count)} {plural if plural is not None else noun + 's'}"


def percent(value, places: int = 0) -> str:
    if value is None:
        return ""
    shown = (Decimal(value) * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{shown + 0:.{places}f}%"  # + 0: a share that rounds to nothing is 0.0%, never -0.0%


def govuk_date(value) -> str:
    """1 March 2012 (and 1 March 2012, 2:05pm for date-times)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        hour = value.hour % 12 or 12
        suffix = "am" if value.hour < 12 else "pm"
        return f"{value.day} {value:%B %Y}, {hour}:{value:%M}{suffix}"
    return f"{value.day} {value:%B %Y}"
