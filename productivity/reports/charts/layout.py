"""A paper's charts: the generic layout lives in core.charts (domains draw charts too); a snapshot's charts here."""

from decimal import Decimal

from productivity.core.charts.layout import (
    AXIS,
    FONT_SIZE,
    GRID,
    PALETTE,
    TEXT,
    Drawing,
    Line,
    Rect,
    Text,
    bars,
    columns,
    label_for,
    nice_step,
    text_width,
    wrap,
)

__all__ = ["AXIS", "FONT_SIZE", "GRID", "PALETTE", "TEXT", "Drawing", "Line", "Rect", "Text", "bars", "columns",
           "from_snapshot", "label_for", "nice_step", "text_width", "wrap"]


def from_snapshot(chart: dict, figures: dict) -> Drawing:
    """The drawing for a chart of a snapshot, its values read from the snapshot's figures."""

    def value(key: str) -> Decimal | None:
        figure = figures.get(key)
        return Decimal(figure["value"]) if figure and figure["value"] is not None else None

    series = [(s["name"], [value(key) for key in s["values"]]) for s in chart["series"]]
    description = f"{chart['title']}. The table that follows gives the same figures."
    if chart["kind"] == "bars":
        return bars(chart["title"], description, chart["categories"], series[0][1] if series else [],
                    chart["unit"])
    return columns(chart["title"], description, chart["categories"], series, chart["unit"])
