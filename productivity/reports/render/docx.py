"""The paper as a Word document (councils circulate board papers in Word), built with python-docx.

It walks the same outline as the HTML. Figures carry superscript references to the numbered notes at
the end; charts are PNG images drawn from the same layout as the SVG, each followed by its data table.
The document is A4, in British English, with the marking, meeting and agenda item in its header and the
marking and page numbers in its footer, its title and author in its properties, and table header rows
repeated on every page.
"""

import datetime as dt
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from productivity.reports import paper
from productivity.reports.charts import layout, png
from productivity.reports.render.format import figure_text, suffix_for
from productivity.reports.render.html import PaperView, paper_author

GREY = RGBColor(0x50, 0x5A, 0x5F)
LANGUAGE = "en-GB"


def _page_setup(document) -> None:
    """A4 portrait with the papers' margins."""
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)


def _language(document) -> None:
    """British English for every run that does not say otherwise (the default template says en-US)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), LANGUAGE)
    theme_language = document.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:val"), LANGUAGE)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the document out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _header_and_footer(document, view: PaperView) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.add_run(view.marking).bold = True
    for line in view.header_lines():
        paragraph = section.header.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.runs[0].font.size = Pt(9)
        paragraph.runs[0].font.color.rgb = GREY
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(view.marking).bold = True
    pages = section.footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    pages.add_run("Page ")
    _field(pages, "PAGE")
    pages.add_run(" of ")
    _field(pages, "NUMPAGES")
    for run in pages.runs:
        run.font.size = Pt(9)


def _properties(document, view: PaperView) -> None:
    properties = document.core_properties
    properties.title = view.snapshot["title"]
    properties.author = paper_author(view.snapshot)
    properties.last_modified_by = properties.author
    properties.subject = f"{paper.get_layout(view.snapshot['template']).name}: {view.snapshot['scope']['name']}"
    properties.language = LANGUAGE
    properties.keywords = view.marking
    properties.comments = f"Figures as at {view.as_at}."
    # python-docx's template carries its own dates from 2013; the document was made now.
    taken = dt.datetime.fromisoformat(view.snapshot["taken_at"])
    if taken.tzinfo is not None:
        taken = taken.astimezone(dt.UTC).replace(tzinfo=None)
    properties.created = properties.modified = taken
    properties.revision = 1


def _repeat_header_row(row) -> None:
    """Word repeats a row marked as a table header at the top of every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)


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
    caption.paragraph_format.keep_with_next = True
    if not table["rows"]:
        caption.add_run(f": {table['empty']}")
        return
    rows = [*table["rows"], *([table["footer"]] if table.get("footer") else [])]
    grid = document.add_table(rows=len(rows) + 1, cols=len(table["columns"]))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header_row(grid.rows[0])
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


def _grey(document, value: str) -> None:
    line = document.add_paragraph(value)
    line.runs[0].font.color.rgb = GREY


def render_docx(snapshot: dict, *, status: str, superseded: dict | None = None) -> bytes:
    """Word (.docx) bytes of the paper."""
    view = PaperView(snapshot, status=status, superseded=superseded)
    document = Document()
    _page_setup(document)
    _language(document)
    _properties(document, view)
    _header_and_footer(document, view)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    _grey(document, f"{paper.get_layout(snapshot['template']).name} · {snapshot['scope']['name']}")
    document.add_heading(snapshot["title"], level=0)
    state = f"Published {view.taken_at}." if status == "published" else (
        f"{view.status_label}: not yet published, so the figures may change.")
    restricted = " Restricted: includes unpublished records." if snapshot.get("restricted") else ""
    _grey(document, f"Figures as at {view.as_at}. {state}{restricted}")
    if superseded:
        document.add_paragraph().add_run(
            f"Superseded. This paper was replaced on {superseded['published']} by a corrected version, "
            f"“{superseded['title']}”. It is kept as it was published.").bold = True
    for block in view.blocks:
        kind = block["type"]
        if kind == "heading":
            title = document.add_heading(block["text"], level=min(block["level"] - 1, 3))
            title.paragraph_format.keep_with_next = True
        elif kind == "contact":
            for line in block["lines"]:
                document.add_paragraph(line).paragraph_format.space_after = Pt(0)
        elif kind == "correction":
            published = f", published {block['published']}" if block["published"] else ""
            document.add_paragraph().add_run(
                f"Corrected version. This paper corrects and replaces “{block['title']}”{published}.").bold = True
            document.add_paragraph(f"What was corrected: {block['text']}")
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
            document.add_paragraph(view.notes_preamble()).runs[0].font.size = Pt(9)
            for note in view.notes:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{note['number']}. ").bold = True
                paragraph.add_run(view.note_text(note)).font.size = Pt(9)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
