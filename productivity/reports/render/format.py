"""How a report's figures read: board-paper style in sentences (£90m), in full in tables (£90,000,000)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from productivity.core import formatting

MISSING = "n/a"


def figure_text(figure: dict | None, style: str = "full") -> str:
    """A figure from a snapshot as text; ``style`` short gives £90m, full gives £90,000,000."""
    if figure is None or figure.get("value") is None:
        return MISSING
    value = Decimal(figure["value"])
    if figure["unit"] == "money":
        return formatting.money_short(value) if style == "short" else formatting.money(value)
    if figure["unit"] == "ratio":
        return formatting.percent(value)
    return formatting.number(int(value))


def suffix_for(part: dict, figure: dict | None) -> str:
    """The words after a figure in a sentence, singular when the figure is exactly 1."""
    if "singular" in part and figure and figure.get("value") is not None and Decimal(figure["value"]) == 1:
        return part["singular"]
    return part.get("suffix", "")


def signed_difference(unit: str, difference: str) -> str:
    """'up £12m', 'down 3', 'unchanged'."""
    value = Decimal(difference)
    if value == 0:
        return "unchanged"
    size = abs(value)
    text = formatting.money_short(size) if unit == "money" else formatting.number(int(size))
    return f"{'up' if value > 0 else 'down'} {text}"


def day(iso: str | None) -> str:
    return formatting.govuk_date(dt.date.fromisoformat(iso)) if iso else ""


def moment(iso: str | None) -> str:
    if not iso:
        return ""
    value = dt.datetime.fromisoformat(iso)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formatting.govuk_date(value)
