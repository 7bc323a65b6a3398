"""Lay out a chart as shapes once; svg.py (and the reports' png.py) draw the same shapes, so every format shows
one chart.

Two kinds: "columns" (categories along the bottom, one bar per series, money) and "bars" (one
horizontal bar per category, for shares such as realised/forecast). Text is measured with Arial's advance
widths (Liberation Sans, which the PNGs use and browsers take for Arial, has the same), so a label in capitals
is measured as wide as it is drawn; a label too long for its room is wrapped, then shortened with an ellipsis,
and keeps its full text as a tooltip (the table after every chart has it too).
"""

import math
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from productivity.core import formatting

# GOV.UK colours with at least 3:1 contrast against white (WCAG 2.2, non-text contrast).
PALETTE = ["#1d70b8", "#00703c", "#4c2c92", "#d4351c", "#912b88", "#505a5f", "#003078", "#85994b"]
TEXT = "#0b0c0c"
AXIS = "#505a5f"
GRID = "#b1b4b6"
FONT_SIZE = 12
CHAR_WIDTH = 0.6  # em, for a character outside the table below
BOLD = 1.08  # Arial Bold is at most this much wider than Arial, character for character
# Arial's advance widths in thousandths of an em, by character (the font's published metrics).
_WIDTHS = {
    **dict.fromkeys(" !,./:;I[\\]fijlt", 278), **dict.fromkeys("ijl", 222), **dict.fromkeys("()-`r", 333),
    **dict.fromkeys("0123456789#$?L_abdeghnopqu£", 556), **dict.fromkeys("Jckssvxyz", 500),
    **dict.fromkeys("ABEKPSVXY&", 667), **dict.fromkeys("CDHNRUw", 722), **dict.fromkeys("FTZ", 611),
    **dict.fromkeys("GOQ", 778), **dict.fromkeys("Mm", 833), "W": 944, "%": 889, "@": 1015, "'": 191, '"': 355,
    "*": 389, "+": 584, "<": 584, "=": 584, ">": 584, "~": 584, "^": 469, "{": 334, "}": 334, "|": 260,
    "…": 1000, "–": 556, "—": 1000, "’": 222, "‘": 222, "“": 333, "”": 333,
}
ELLIPSIS = "…"
LABEL_ROOM = 260.0  # the most a bar chart's labels take of its width
LABEL_LINES = 2  # a bar's label wraps onto this many lines at most
LINE_HEIGHT = 14


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    label: str = ""


@dataclass
class Text:
    x: float
    y: float
    text: str
    size: int = FONT_SIZE
    anchor: str = "start"  # start | middle | end; y is the baseline
    bold: bool = False
    fill: str = TEXT
    full: str = ""  # the whole label, when ``text`` is part of it (a tooltip in SVG)


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = GRID
    width: float = 1


@dataclass
class Drawing:
    width: int
    height: int
    title: str
    description: str
    items: list = field(default_factory=list)


def _advance(character: str) -> float:
    """A character's width in em."""
    if character in _WIDTHS:
        return _WIDTHS[character] / 1000
    if unicodedata.east_asian_width(character) in ("W", "F"):
        return 1.0
    return CHAR_WIDTH


def text_width(value: str, size: int = FONT_SIZE, bold: bool = False) -> float:
    """How wide ``value`` is drawn at ``size`` pixels: 'WWW' is wider than 'iii', capitals than small letters."""
    return sum(_advance(character) for character in value) * size * (BOLD if bold else 1)


def _fitted(value: str, width: float, size: int, end: str = "") -> str:
    """The longest start of ``value`` that fits in ``width`` with ``end`` after it."""
    while value and text_width(value + end, size) > width:
        value = value[:-1]
    return value


def wrap(value: str, width: float, size: int = FONT_SIZE, max_lines: int = 3) -> list[str]:
    """Break ``value`` into lines no wider than ``width``, a word too long for a line broken where it must; the
    last line, when the text needs more than ``max_lines``, is shortened to fit with an ellipsis."""
    lines: list[str] = []
    for word in value.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while text_width(word, size) > width and len(word) > 1:
            part = _fitted(word, width, size) or word[0]
            lines.append(part)
            word = word[len(part):]
        lines.append(word)
    if len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1:])
        lines = lines[:max_lines - 1] + [_fitted(last, width, size, ELLIPSIS).rstrip(" .,;:") + ELLIPSIS]
    return lines or [""]


def nice_step(maximum: Decimal, ticks: int = 5) -> Decimal:
    """A round step (1, 2 or 5 times a power of ten) that covers ``maximum`` in about ``ticks`` steps."""
    if maximum <= 0:
        return Decimal(1)
    raw = float(maximum) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * power:
            return Decimal(str(multiple * power))
    return Decimal(str(10 * power))


def label_for(value: Decimal, unit: str) -> str:
    if unit == "ratio":
        return formatting.percent(value)
    if unit == "money":
        return formatting.money_short(value)
    return formatting.number(int(value))


def _legend(drawing: Drawing, names: list[str], top: float, left: float, right: float) -> float:
    """Draw the legend; return the y below it."""
    x, y = left, top
    for index, name in enumerate(names):
        width = 18 + text_width(name) + 20
        if x + width > right and x > left:
            x, y = left, y + 20
        drawing.items.append(Rect(x, y, 12, 12, PALETTE[index % len(PALETTE)]))
        drawing.items.append(Text(x + 18, y + 11, name))
        x += width
    return y + 26


def columns(title: str, description: str, categories: list[str], series: list[tuple[str, list]],
            unit: str = "money", width: int = 680) -> Drawing:
    """Grouped vertical bars: for each category, one bar per series."""
    values = [v if v is not None else Decimal(0) for _, vals in series for v in vals]
    top_value = max(values, default=Decimal(0))
    step = nice_step(top_value)
    steps = max(1, math.ceil(top_value / step)) if top_value > 0 else 1
    axis_max = step * steps
    left = 12 + max(text_width(label_for(step * n, unit)) for n in range(steps + 1))
    right = width - 10
    drawing = Drawing(width, 0, title, description)
    plot_top = _legend(drawing, [name for name, _ in series], 8, left, right) + 4
    plot_height = 220
    base = plot_top + plot_height
    for n in range(steps + 1):
        y = base - plot_height * float(step * n / axis_max)
        drawing.items.append(Line(left, y, right, y, GRID if n else AXIS))
        drawing.items.append(Text(left - 6, y + 4, label_for(step * n, unit), anchor="end"))
    slot = (right - left) / max(1, len(categories))
    bar = min(36.0, slot * 0.8 / max(1, len(series)))
    label_lines = 1
    for c, category in enumerate(categories):
        start = left + slot * c + (slot - bar * len(series)) / 2
        for s, (name, vals) in enumerate(series):
            value = vals[c] if c < len(vals) and vals[c] is not None else Decimal(0)
            height = plot_height * float(value / axis_max) if axis_max else 0
            drawing.items.append(Rect(start + bar * s, base - height, bar - 2, height, PALETTE[s % len(PALETTE)],
                                      f"{name}, {category}: {label_for(value, unit)}"))
        lines = wrap(category, slot - 6)
        label_lines = max(label_lines, len(lines))
        for n, line in enumerate(lines):
            drawing.items.append(Text(left + slot * c + slot / 2, base + 16 + 14 * n, line, anchor="middle"))
    drawing.height = int(base + 16 + 14 * label_lines + 6)
    return drawing


def bars(title: str, description: str, categories: list[str], values: list, unit: str = "ratio",
         width: int = 680, reference: Decimal | None = None, reference_label: str = "") -> Drawing:
    """One horizontal bar per category, labelled with its value; shares are drawn against at least 100%.

    A share is drawn with a line at ``reference`` (100% when none is given: where realised savings would
    equal the forecast), labelled ``reference_label`` above the bars."""
    clean = [v if v is not None else Decimal(0) for v in values]
    top_value = max([*clean, Decimal(1) if unit == "ratio" else Decimal(0)])
    step = nice_step(top_value, 4)
    steps = max(1, math.ceil(top_value / step))
    axis_max = step * steps
    label_width = min(LABEL_ROOM, max([text_width(c) for c in categories] + [60.0]))
    left, right = label_width + 16, width - 60
    drawing = Drawing(width, 0, title, description)
    names = [wrap(category, label_width, max_lines=LABEL_LINES) for category in categories]
    extra = LINE_HEIGHT * (max([len(lines) for lines in names], default=1) - 1)  # room for wrapped labels
    top, row = (26.0 if reference_label else 10.0), 26.0 + extra
    for c, (category, value) in enumerate(zip(categories, clean, strict=False)):
        y = top + row * c + extra / 2
        lines = names[c]
        full = category if lines != [category] else ""
        for n, line in enumerate(lines):
            baseline = y + 15 + LINE_HEIGHT * n - LINE_HEIGHT * (len(lines) - 1) / 2
            drawing.items.append(Text(left - 8, baseline, line, anchor="end", full=full))
        length = (right - left) * float(value / axis_max)
        drawing.items.append(Rect(left, y + 3, length, 18, PALETTE[0], f"{category}: {label_for(value, unit)}"))
        drawing.items.append(Text(left + length + 6, y + 15, label_for(value, unit)))
    base = top + row * max(1, len(categories))
    for n in range(steps + 1):
        x = left + (right - left) * float(step * n / axis_max)
        drawing.items.append(Line(x, top, x, base, GRID if n else AXIS))
        drawing.items.append(Text(x, base + 16, label_for(step * n, unit), anchor="middle"))
    if unit == "ratio":
        x = left + (right - left) * float((Decimal(1) if reference is None else reference) / axis_max)
        drawing.items.append(Line(x, top - 4, x, base, TEXT, 2))
        if reference_label:
            drawing.items.append(Text(x, top - 8, reference_label, anchor="middle", bold=True))
    drawing.height = int(base + 28)
    return drawing
