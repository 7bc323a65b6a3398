"""The spend analysis tables: one definition drives each table on the page, its CSV and its XLSX.

Every row is (what it is about, rollups.Shares); the first column says what the row is about.
"""

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from markupsafe import Markup, escape

from productivity.core import formatting
from productivity.core.tables import Column
from productivity.procurement.models import Size
from productivity.procurement.rollups import period_label

SIZE_LABELS = dict(Size.choices) | {"": "Unclassified"}


def _share(key: str, heading: str, value: Callable[[Any], Any], blank: Callable[[Any], str] | None = None) -> Column:
    # Shown to one decimal place on the page; downloaded as a number formatted as a percentage. A blank share
    # says why (``blank``; by default the row's own: no spend, or credits outweighing its payments).
    why = blank or (lambda row: row[1].no_share)
    return Column(key, heading, value, kind="percent",
                  html=lambda row: Markup(escape(formatting.percent(value(row), 1) if value(row) is not None
                                                 else why(row))))


def _part(total) -> Column:
    """Each row's part of ``total`` (all the spend the table covers); none of a total that is no spend."""
    return _share("part", "Part of all spend", lambda r: r[1].total / total if total > 0 else None,
                  lambda row: "No net spend overall")


def share_columns(first: list[Column]) -> list[Column]:
    """``first`` (what the row is about), then its net spend, payments and shares, and the definition used."""
    return [
        *first,
        Column("total", "Net spend", lambda r: r[1].total, kind="money"),
        Column("lines", "Payments", lambda r: r[1].lines, kind="number"),
        _share("sme", "SME share", lambda r: r[1].sme_share),
        _share("vcse", "VCSE share", lambda r: r[1].vcse_share),
        _share("local", "Local share", lambda r: r[1].local_share),
        _share("unclassified", "Unclassified share", lambda r: r[1].unclassified_share),
        Column("meets", "Meets the 25% aspiration", lambda r: _yes_no(r[1].meets_aspiration)),
        Column("definition", "SME definition", lambda r: r[1].definition_label, on_page=False),
    ]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "Yes" if value else "No"


def council_columns(link: Callable[[Any], str] | None = None) -> list[Column]:
    return share_columns([Column("council", "Council", lambda r: r[0].name, link=link),
                          Column("gss_code", "GSS code", lambda r: r[0].gss_code, on_page=False)])


def council_link(row) -> str:
    return reverse("procurement:council", args=[row[0].slug])


def period_columns(period: str) -> list[Column]:
    heading = {"financial_year": "Financial year", "quarter": "Quarter"}.get(period, "Month")
    return share_columns([Column("period", heading, lambda r: period_label(r[0], period))])


def category_columns(level: int, total) -> list[Column]:
    return share_columns([
        Column("category", f"ProClass level {level}", lambda r: r[0].label),
        Column("code", "Code", lambda r: r[0].key, on_page=False),
        _part(total),
    ])


def supplier_columns(total) -> list[Column]:
    return [
        Column("rank", "Rank", lambda r: r[2], kind="number"),
        Column("supplier", "Supplier", lambda r: r[0][1]),
        Column("supplier_id", "Supplier id in the register", lambda r: r[0][0], on_page=False),
        Column("class", "Class", lambda r: supplier_class(r[1])),
        Column("total", "Net spend", lambda r: r[1].total, kind="money"),
        _part(total),
        Column("lines", "Payments", lambda r: r[1].lines, kind="number"),
        Column("local", "Local", lambda r: "Yes" if r[1].local else "No"),
    ]


def supplier_class(figures) -> str:
    """The one class a supplier's lines were counted under."""
    sizes = [size for size in figures.by_size if figures.by_size[size] or len(figures.by_size) == 1]
    return SIZE_LABELS.get(sizes[0], sizes[0]) if sizes else "Unclassified"


def service_columns(total) -> list[Column]:
    return share_columns([
        Column("service_area", "Expense area", lambda r: r[0] or "Not given"),
        _part(total),
    ])
