"""Draw a chart's shapes as a PNG (for Word, which cannot show SVG everywhere).

Text uses an Arial-like system font when one is installed. Pillow's bundled font is the fallback; it
has no pound sign, so there money is written "GBP".
"""

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from productivity.reports.charts.layout import Drawing, Line, Rect, Text

SCALE = 2  # drawn at twice the size so it stays sharp when printed
ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


FONTS = ("LiberationSans-Regular.ttf", "Arial.ttf", "DejaVuSans.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@lru_cache(maxsize=8)
def _font(size: int) -> tuple[ImageFont.FreeTypeFont, bool]:
    """The font at ``size`` and whether it can draw a pound sign."""
    for name in FONTS:
        try:
            return ImageFont.truetype(name, size * SCALE), True
        except OSError:
            continue
    return ImageFont.load_default(size=size * SCALE), False


def render(drawing: Drawing) -> bytes:
    """PNG bytes of ``drawing`` at twice its nominal size."""
    image = Image.new("RGB", (drawing.width * SCALE, drawing.height * SCALE), "white")
    draw = ImageDraw.Draw(image)
    for item in drawing.items:
        if isinstance(item, Rect):
            if item.w > 0 and item.h > 0:
                draw.rectangle([item.x * SCALE, item.y * SCALE, (item.x + item.w) * SCALE,
                                (item.y + item.h) * SCALE], fill=item.fill)
        elif isinstance(item, Line):
            draw.line([item.x1 * SCALE, item.y1 * SCALE, item.x2 * SCALE, item.y2 * SCALE], fill=item.stroke,
                      width=max(1, int(item.width * SCALE)))
        elif isinstance(item, Text):
            font, has_pound = _font(item.size)
            value = item.text if has_pound else item.text.replace("£", "GBP ")
            draw.text((item.x * SCALE, item.y * SCALE), value, fill=item.fill, font=font,
                      anchor=ANCHORS[item.anchor])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
