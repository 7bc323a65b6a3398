"""Charts are drawn on the server, as SVG for HTML and PDF and as PNG for Word, from one layout."""

import io
from decimal import Decimal

import pytest
from PIL import Image

from productivity.reports.charts import layout, png, svg


def _columns():
    return layout.columns("Expected savings by workstream and financial year", "Desc", ["2011/12", "2012/13"],
                          [("Procurement", [Decimal("1000000"), Decimal("25000000")]),
                           ("Families", [Decimal("5000000"), None])])


def test_svg_is_a_labelled_image_with_a_bar_per_value():
    markup = str(svg.render(_columns(), "chart-test"))
    assert markup.startswith("<svg") and 'role="img"' in markup
    assert 'aria-labelledby="chart-test-title chart-test-desc"' in markup
    assert "<title id=\"chart-test-title\">Expected savings by workstream and financial year</title>" in markup
    assert markup.count("<rect") == 4 + 2  # four bars and two legend keys
    assert "Procurement, 2012/13: £25m" in markup
    assert ">£25m<" in markup  # the axis reaches the largest value


def test_png_draws_the_same_layout_at_twice_the_size():
    drawing = _columns()
    image = Image.open(io.BytesIO(png.render(drawing)))
    assert image.size == (drawing.width * 2, drawing.height * 2)
    # The tallest bar is drawn in the first series' colour.
    tallest = max((item for item in drawing.items if isinstance(item, layout.Rect) and item.label),
                  key=lambda r: r.h)
    x, y = int((tallest.x + tallest.w / 2) * 2), int((tallest.y + tallest.h / 2) * 2)
    assert image.getpixel((x, y)) == (0x1D, 0x70, 0xB8)


def test_shares_are_drawn_against_at_least_100_percent():
    drawing = layout.bars("Forecast accuracy", "Desc", ["Adult social care", "Procurement"],
                          [Decimal("0.5"), Decimal("1.25")])
    texts = [item.text for item in drawing.items if isinstance(item, layout.Text)]
    assert "50%" in texts and "125%" in texts
    bars = [item for item in drawing.items if isinstance(item, layout.Rect)]
    assert bars[1].w == pytest.approx(bars[0].w * 2.5)
    small = layout.bars("Forecast accuracy", "Desc", ["Adult social care"], [Decimal("0.3")])
    assert "100%" in [item.text for item in small.items if isinstance(item, layout.Text)]


def test_nice_steps_are_round_numbers():
    assert layout.nice_step(Decimal("90000000")) == Decimal("20000000")
    assert layout.nice_step(Decimal("1")) == Decimal("0.2")
    assert layout.wrap("Procurement, Capital and Assets", 80) == ["Procurement,", "Capital and", "Assets"]


def test_the_png_draws_long_capital_labels_clear_of_the_bars():
    long = "DEVON PARTNERSHIP NHS TRUST ADULT SOCIAL CARE COMMISSIONING AND BROKERAGE SERVICES"
    drawing = layout.bars("Part of net spend", "Desc", [long, "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW"],
                          [Decimal("0.7"), Decimal("0.3")], "ratio", reference=Decimal(0))
    image = Image.open(io.BytesIO(png.render(drawing))).convert("RGB")
    left = min(item.x for item in drawing.items if isinstance(item, layout.Rect))

    def ink(x0, x1, y0, y1):  # pixels of text colour (near black) in the box, at the PNG's scale
        return sum(1 for x in range(int(x0 * 2), int(x1 * 2)) for y in range(int(y0 * 2), int(y1 * 2))
                   if sum(image.getpixel((x, y))) < 200)

    for bar in (item for item in drawing.items if isinstance(item, layout.Rect)):
        assert ink(0, left - 2, bar.y - 6, bar.y + bar.h + 6) > 0  # its label is drawn, left of the axis...
        assert ink(left + 2, left + bar.w, bar.y, bar.y + bar.h) == 0  # ...and none over the bar (past the axis)
    assert ink(0, 1, 0, drawing.height) == 0  # nor cut off at the left edge
