"""The paper as a Word document (councils circulate board papers in Word), built with python-docx.

It walks the same outline as the HTML. Figures carry superscript references to the numbered notes at
the end (endnotes naming each figure's source query and snapshot date); charts are PNG images drawn
from the same layout as the SVG, each followed by its data table.
"""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from productivity.reports import paper
from productivity.reports.charts import layout, png
from productivity.reports.render.format import figure_text, suffix_for
from productivity.reports.render.html import PaperView

GREY = RGBColor(0x50, 0x5A, 0x5F)


def _note_run(view: PaperView, paragraph, numbers: list[int]) -> None:
    shown = sorted({view.number[n] for n in numbers if n in view.number})
    if shown:
        paragraph.add_run("\u2009")
        run = paragraph.add_run(",".join(str(n) for n in shown))
        run.font.superscript = True


def _parts(view: PaperView, paragraph, parts: list[dict]) -> None:
    for part in parts:
        if "figure" in part:
            figure = view.figures.get(part["figure"])
            paragraph.add_run(figure_text(figure, part.get("style", "short")) + suffix_for(part, figure))
            _note_run(view, paragraph, [figure["note"]] if figure else [])
        else:
            paragraph.add_run(part["text"])


def _narrative(document, view: PaperView, key: str) -> None:
    for kind, content in view.narrative(key):
        if kind == "p":
            document.add_paragraph(content)
        else:
            style = "List Bullet" if kind == "ul" else "List Number"
            for item in content:
                document.add_paragraph(item, style=style)


def _table(document, view: PaperView, name: str) -> None:
    table = view.table(name)
    if table is None:
        return
    caption = document.add_paragraph()
    caption.add_run(table["caption"]).bold = True
    if not table["rows"]:
        caption.add_run(f": {table['empty']}")
        return
    rows = [*table["rows"], *([table["footer"]] if table.get("footer") else [])]
    grid = document.add_table(rows=len(rows) + 1, cols=len(table["columns"]))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, column in zip(grid.rows[0].cells, table["columns"], strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.add_run(column["heading"]).bold = True
        _note_run(view, paragraph, column["notes"])
        if column["numeric"]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = table.get("footer")
    for grid_row, row in zip(grid.rows[1:], rows, strict=True):
        for cell, value, column in zip(grid_row.cells, row, table["columns"], strict=False):
            paragraph = cell.paragraphs[0]
            shown = figure_text(view.figures.get(value["figure"]), "full") if "figure" in value else value["text"]
            run = paragraph.add_run(shown)
            run.bold = row is footer
            if column["numeric"]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph()


def _chart(document, view: PaperView, name: str) -> None:
    drawing = layout.from_snapshot(view.snapshot["charts"][name], view.figures)
    document.add_picture(io.BytesIO(png.render(drawing)), width=Cm(16))
    # Alternative text for screen readers, which python-docx has no setting for.
    for doc_pr in document.paragraphs[-1]._p.xpath(".//wp:docPr"):
        doc_pr.set("descr", drawing.description)
        doc_pr.set("title", drawing.title)
    caption = document.add_paragraph(f"Chart: {drawing.title}. The table below gives its figures.")
    caption.runs[0].font.size = Pt(9)


def render_docx(snapshot: dict, *, status: str) -> bytes:
    """Word (.docx) bytes of the paper."""
    view = PaperView(snapshot, status=status)
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    meta = document.add_paragraph(f"{paper.get_layout(snapshot['template']).name} · {snapshot['scope']['name']}")
    meta.runs[0].font.color.rgb = GREY
    document.add_heading(snapshot["title"], level=0)
    state = (f"Published {view.taken_at}: the figures are frozen as they stood then." if status == "published"
             else f"Draft computed {view.taken_at} from the live records: figures may change until it is published.")
    restricted = " Restricted: includes unpublished records." if snapshot.get("restricted") else ""
    line = document.add_paragraph(f"Figures as at {view.as_at}. {state}{restricted}")
    line.runs[0].font.color.rgb = GREY
    for block in view.blocks:
        kind = block["type"]
        if kind == "heading":
            document.add_heading(block["text"], level=min(block["level"] - 1, 3))
        elif kind == "paragraph":
            _parts(view, document.add_paragraph(), block["parts"])
        elif kind == "plain":
            document.add_paragraph(block["text"])
        elif kind == "list":
            for item in block["items"]:
                _parts(view, document.add_paragraph(style="List Bullet"), item)
        elif kind == "narrative":
            _narrative(document, view, block["key"])
        elif kind == "table":
            _table(document, view, block["name"])
        elif kind == "chart":
            _chart(document, view, block["name"])
        elif kind == "notes":
            for note in view.notes:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{note['number']}. ").bold = True
                paragraph.add_run(view.note_text(note)).font.size = Pt(9)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
