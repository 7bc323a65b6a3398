"""Draw a chart's shapes as inline SVG: an image with a title and description for screen readers."""

from markupsafe import Markup, escape

from productivity.core.charts.layout import Drawing, Line, Rect, Text

ANCHORS = {"start": "start", "middle": "middle", "end": "end"}


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def render(drawing: Drawing, ident: str) -> Markup:
    """SVG markup for ``drawing``; ``ident`` makes its title and description ids unique on the page."""
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pp-chart" role="img" width="{drawing.width}" '
        f'height="{drawing.height}" viewBox="0 0 {drawing.width} {drawing.height}" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="Arial, Helvetica, sans-serif">',
        f'<title id="{title_id}">{escape(drawing.title)}</title>',
        f'<desc id="{desc_id}">{escape(drawing.description)}</desc>',
    ]
    for item in drawing.items:
        if isinstance(item, Rect):
            label = f"<title>{escape(item.label)}</title>" if item.label else ""
            parts.append(f'<rect x="{_number(item.x)}" y="{_number(item.y)}" width="{_number(max(item.w, 0))}" '
                         f'height="{_number(max(item.h, 0))}" fill="{item.fill}">{label}</rect>')
        elif isinstance(item, Line):
            parts.append(f'<line x1="{_number(item.x1)}" y1="{_number(item.y1)}" x2="{_number(item.x2)}" '
                         f'y2="{_number(item.y2)}" stroke="{item.stroke}" stroke-width="{_number(item.width)}"/>')
        elif isinstance(item, Text):
            weight = ' font-weight="bold"' if item.bold else ""
            text = (f'<text x="{_number(item.x)}" y="{_number(item.y)}" font-size="{item.size}" '
                    f'text-anchor="{ANCHORS[item.anchor]}" fill="{item.fill}"{weight}>{escape(item.text)}</text>')
            if item.full:  # a wrapped or shortened label: its whole text as the group's tooltip
                text = f"<g><title>{escape(item.full)}</title>{text}</g>"
            parts.append(text)
    parts.append("</svg>")
    return Markup("".join(parts))
