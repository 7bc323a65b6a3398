"""The chart layout on its own: text measured as the fonts draw it, and long labels kept clear of the bars."""

from decimal import Decimal

import pytest
from PIL import ImageFont

from productivity.core.charts import layout, svg

LIBERATION = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"  # Arial's metrics; the PNGs' font
LONG = "DEVON PARTNERSHIP NHS TRUST ADULT SOCIAL CARE COMMISSIONING AND BROKERAGE SERVICES"
WIDE = "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW"  # one word, wider than any label's room


def drawn_width(text: str, size: int = layout.FONT_SIZE) -> float:
    return ImageFont.truetype(LIBERATION, size).getlength(text)


@pytest.mark.parametrize("text", ["DEVON COUNTY COUNCIL", "Devon County Council", "MMMM WWWW", "iiii llll",
                                  "£1,234,567.89 (45%)", "O'NEILL & SONS LTD."])
def test_text_is_measured_as_the_font_draws_it(text):
    # Never narrower than drawn, but for the font's rounding to a 64th of a pixel (kerning, which the estimate
    # leaves out, only ever narrows capitals a little).
    assert drawn_width(text) * 0.995 <= layout.text_width(text) <= drawn_width(text) * 1.02


def test_every_letter_digit_and_sign_is_as_wide_as_the_font_has_it():
    for character in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 !\"#$%&'()*+,-./:;<=>?@[]^_{|}~£…":
        assert layout.text_width(character, 100) == pytest.approx(drawn_width(character, 100), abs=0.2), character


def test_capitals_are_measured_wider_than_small_letters():
    assert layout.text_width("TRAFFORD") > layout.text_width("Trafford") * 1.15
    assert layout.text_width("Wide", bold=True) > layout.text_width("Wide")


def test_a_word_too_long_for_a_line_is_broken_and_an_overlong_label_shortened_to_fit():
    lines = layout.wrap(WIDE, 100)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(layout.text_width(line) <= 100 for line in lines)
    assert "".join(lines[:2]) == WIDE[:len("".join(lines[:2]))]
    assert layout.wrap("Procurement, Capital and Assets", 80) == ["Procurement,", "Capital and", "Assets"]


def _chart(categories):
    return layout.bars("Part of net spend", "Desc", categories, [Decimal("0.6"), Decimal("0.3"), Decimal("0.1")],
                       "ratio", reference=Decimal(0))


@pytest.mark.parametrize("categories", [[LONG, "SHORT LTD", WIDE], [LONG.title(), "Short Ltd", "X"]],
                         ids=["capitals", "mixed case"])
def test_long_labels_do_not_overlap_the_bars_or_each_other(categories):
    drawing = _chart(categories)
    bars = [item for item in drawing.items if isinstance(item, layout.Rect)]
    left = min(bar.x for bar in bars)
    labels = [item for item in drawing.items if isinstance(item, layout.Text) and item.anchor == "end"]
    assert labels
    for label in labels:
        start = label.x - drawn_width(label.text)
        assert start >= 0 and label.x < left, label.text  # the label's box is inside the chart, left of the bars
    # Each bar's label lines sit in its own row, between the bars above and below.
    for bar, category in zip(bars, categories, strict=True):
        own = [label for label in labels if (label.full or label.text) == category]
        assert own and all(bar.y - 14 < label.y < bar.y + bar.h + 14 for label in own)
    assert all(bar.y + bar.h < later.y for bar, later in zip(bars, bars[1:], strict=False))


def test_a_shortened_label_keeps_its_whole_text_for_the_reader():
    drawing = _chart([LONG, "SHORT LTD", WIDE])
    lines = [item for item in drawing.items if isinstance(item, layout.Text) and item.full == LONG]
    assert len(lines) == 2 and lines[-1].text.endswith("…")
    assert LONG.startswith(" ".join(line.text for line in lines).removesuffix("…").strip())
    markup = str(svg.render(drawing, "chart-long"))
    assert f"<title>{LONG}</title>" in markup and f"<title>{WIDE}</title>" in markup
    assert "<title>SHORT LTD</title>" not in markup  # a label drawn whole needs no tooltip
    assert "<title>SHORT LTD: 30%</title>" in markup  # (the bar says its category and value, as before)
