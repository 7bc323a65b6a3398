"""A business case document as HTML, PDF (WeasyPrint) and Word (python-docx), from one outline.

It shares the board papers' print stylesheet and Word page set-up, so the documents look like the papers.
"""

import io

from django.conf import settings
from django.template.loader import get_template
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from markupsafe import Markup

from productivity.reports.render.docx import LANGUAGE, _language, _page_setup, _repeat_header_row
from productivity.reports.render.html import print_css


def render_html(outline: dict, *, for_pdf: bool = False) -> str:
    return get_template("reports/business_case.html").render({
        "outline": outline, "css": Markup(print_css()), "for_pdf": for_pdf})


def render_pdf(outline: dict) -> bytes:
    import logging

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML

    html = render_html(outline, for_pdf=True)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def render_docx(outline: dict) -> bytes:
    document = Document()
    _page_setup(document)
    _language(document)
    properties = document.core_properties
    properties.title, properties.author = outline["title"], outline["organisation"]
    properties.subject, properties.language = outline["kind"], LANGUAGE
    document.add_heading(outline["title"], level=0)
    document.add_paragraph(f"{outline['kind']} led by {outline['organisation']}. Status: {outline['status']}.")
    if outline["withdrawn"]:
        document.add_paragraph(f"Withdrawn: {outline['withdrawn']}")
    for block in outline["blocks"]:
        kind = block["type"]
        if kind == "heading":
            document.add_heading(block["text"], level=block["level"] - 1)
        elif kind in ("paragraph", "hint"):
            line = document.add_paragraph(block["text"])
            if kind == "hint":
                line.runs[0].italic = True
        elif kind == "list":
            for item in block["items"]:
                document.add_paragraph(item, style="List Number" if block["ordered"] else "List Bullet")
        elif kind == "table":
            _table(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document, block: dict) -> None:
    caption = document.add_paragraph()
    caption.add_run(block["caption"]).bold = True
    caption.paragraph_format.keep_with_next = True
    grid = document.add_table(rows=len(block["rows"]) + 1, cols=len(block["columns"]))
    grid.style = "Table Grid"
    _repeat_header_row(grid.rows[0])
    for index, (row, values) in enumerate(zip(grid.rows, [block["columns"], *block["rows"]], strict=True)):
        header = index == 0  # python-docx makes a new row object on every access, so compare positions
        for cell, value, numeric in zip(row.cells, values, block["numeric"], strict=True):
            run = cell.paragraphs[0].add_run(value)
            run.bold = header
            if numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if not header:
                    _no_wrap(cell)
    document.add_paragraph()


def _no_wrap(cell) -> None:
    """Keep a figure (-£385,000.55) on one line: Word widens the column rather than break after the minus."""
    properties = cell._tc.get_or_add_tcPr()
    if properties.find(qn("w:noWrap")) is None:
        properties.append(OxmlElement("w:noWrap"))
