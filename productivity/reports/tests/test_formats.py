"""The PDF and Word files as a board secretariat and a screen reader need them: tagged, titled, in British
English, on A4, with the paper's marking, meeting and page numbers on every page."""

import datetime as dt
import io

import docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from productivity.reports import services
from productivity.reports.downloads import render_report
from productivity.reports.snapshot import compute_snapshot
from productivity.reports.tests.support import draft

MEETING = {"meeting_date": dt.date(2012, 3, 12), "agenda_item": "4", "paper_status": "decision",
           "contact_name": "Pat Officer", "contact_position": "Programme Manager"}


def _snapshot(world):
    report = draft(world, as_at=dt.date(2012, 3, 1))
    services.update_report(report, **MEETING)
    return report, compute_snapshot(report)


def test_the_pdf_is_tagged_titled_in_british_english_with_the_header_on_every_page(world):
    report, snapshot = _snapshot(world)
    reader = PdfReader(io.BytesIO(render_report(snapshot, "pdf", "draft")))
    catalogue = reader.trailer["/Root"]
    assert bool(catalogue["/MarkInfo"]["/Marked"])  # tagged
    assert "/StructTreeRoot" in catalogue
    assert catalogue["/Lang"] == "en-GB"
    assert bool(catalogue["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == report.title
    assert reader.metadata.author == "Pat Officer"
    assert b"pdfuaid" in catalogue["/Metadata"].get_object().get_data()
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) > 2
    for number, text in enumerate(pages, start=1):
        assert text.count("OFFICIAL") >= 2, number  # top and bottom
        assert "Improvement Programme Board, 12 March 2012" in text, number
        assert "Agenda item 4 · For decision" in text, number
        assert f"Page {number} of {len(pages)}" in text


def test_the_word_file_is_a4_british_english_with_header_footer_and_properties(world):
    report, snapshot = _snapshot(world)
    document = docx.Document(io.BytesIO(render_report(snapshot, "docx", "draft")))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 1) == 2.0
    language = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr")).find(qn("w:lang"))
    assert language.get(qn("w:val")) == "en-GB"
    header = [p.text for p in section.header.paragraphs]
    assert header == ["OFFICIAL", "Improvement Programme Board, 12 March 2012", "Agenda item 4 · For decision"]
    footer = section.footer._element.xml
    assert "OFFICIAL" in footer and "PAGE" in footer and "NUMPAGES" in footer
    properties = document.core_properties
    assert properties.title == report.title and properties.author == "Pat Officer"
    assert properties.language == "en-GB" and properties.author != "python-docx"
    assert properties.created.year == dt.date.today().year
    assert document.tables, "the paper has tables"
    for table in document.tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None  # repeats on every page
        assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])


def test_the_marking_can_be_raised_and_is_shown_everywhere(world):
    report = draft(world)
    services.update_report(report, marking="OFFICIAL-SENSITIVE")
    snapshot = compute_snapshot(report)
    document = docx.Document(io.BytesIO(render_report(snapshot, "docx", "draft")))
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    html = render_report(snapshot, "html", "draft").decode()
    assert '<p class="pp-marking">OFFICIAL-SENSITIVE</p>' in html
