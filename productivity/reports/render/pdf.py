"""The paper as PDF: the print-ready HTML laid out by WeasyPrint, charts as inline SVG."""

import logging

from django.conf import settings

from productivity.reports.render.html import render_document


def render_pdf(snapshot: dict, *, status: str, superseded: dict | None = None) -> bytes:
    """Tagged PDF (PDF/UA-1: structure, title and language for screen readers) of the paper; each computed
    figure carries a note saying what it counts."""
    # WeasyPrint logs every layout step at INFO, which the platform logs; keep its steps out of the log. It is
    # imported here, not at the top, because loading it takes a noticeable time on every start-up.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML

    html = render_document(snapshot, status=status, for_pdf=True, superseded=superseded)
    # PDF/UA-1 tags the structure and sets the title (from <title>) and the language (from <html lang>);
    # published PDFs fall under the public sector accessibility regulations.
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
