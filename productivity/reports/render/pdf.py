"""The paper as PDF: the print-ready HTML laid out by WeasyPrint, charts as inline SVG."""

import logging

from django.conf import settings

from productivity.reports.render.html import render_document


def render_pdf(snapshot: dict, *, status: str) -> bytes:
    """PDF bytes of the paper; each computed figure carries a note naming its source query and snapshot date."""
    # WeasyPrint logs every layout step at INFO, which the platform logs; keep its steps out of the log. It is
    # imported here, not at the top, because loading it takes a noticeable time on every start-up.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML

    html = render_document(snapshot, status=status, for_pdf=True)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
