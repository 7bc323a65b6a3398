"""A report as HTML, PDF or Word, and the records behind any of its figures."""

from decimal import Decimal

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from productivity.core.access import get_for_user
from productivity.core.csp import allow_inline_style
from productivity.core.exports import table_or_download
from productivity.core.formatting import govuk_date
from productivity.core.page_cache import cached_page
from productivity.core.tables import Column
from productivity.reports.figures import ledger
from productivity.reports.models import Report
from productivity.reports.render.docx import render_docx
from productivity.reports.render.format import figure_text
from productivity.reports.render.html import PaperView, print_css, render_document
from productivity.reports.render.pdf import render_pdf
from productivity.reports.snapshot import figure_records, snapshot_for

FORMATS = {
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}


def render_report(snapshot: dict, fmt: str, status: str, link=None, superseded: dict | None = None) -> bytes:
    """The paper in ``fmt`` (html, pdf or docx)."""
    if fmt == "pdf":
        return render_pdf(snapshot, status=status, superseded=superseded)
    if fmt == "docx":
        return render_docx(snapshot, status=status, superseded=superseded)
    return render_document(snapshot, status=status, link=link, superseded=superseded).encode("utf-8")


def superseded_mark(report: Report, absolute=None) -> dict | None:
    """How a superseded paper points to the correction that replaced it; None while it is current."""
    correction = report.superseded_by
    if correction is None:
        return None
    href = reverse("reports:detail", args=[correction.pk])
    return {"title": correction.title, "published": govuk_date(timezone.localtime(correction.published_at).date()),
            "href": absolute(href) if absolute else href}


def download(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404("Unknown format")
    report = get_for_user(Report.objects.all(), request.user, pk=pk)
    snapshot = snapshot_for(report)
    # The downloaded HTML keeps its figures linked to their records on this site.
    def link(key: str) -> str:
        return request.build_absolute_uri(reverse("reports:figure", args=[report.pk, key]))

    content = render_report(snapshot, fmt, report.status, link if fmt == "html" else None,
                            superseded_mark(report, request.build_absolute_uri))
    content_type, extension = FORMATS[fmt]
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if fmt == "html" and request.GET.get("view") else "attachment"
    name = f"{slugify(report.title)[:80] or 'report'}-{report.status}.{extension}"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    if fmt == "html":
        # The print-ready paper carries its stylesheet inline, so it reads the same once saved.
        allow_inline_style(response, print_css())
    return response


def _money(field: str):
    return lambda row: Decimal(row[field]) if row.get(field) is not None else None


STATES = {"verified": "Realised and verified", "unverified": "Realised, not yet verified",
          "forecast": "Not yet realised"}


def _state(row) -> str:
    """A realised amount's own verification; a planned amount's, the state of the realised amount for its year."""
    if row["kind"] == "realised":
        return row["verification"].capitalize()
    return STATES.get(row["state"], "")


def _project_link(row) -> str:
    return reverse("programme:project", args=[row["project"]])


AMOUNT_COLUMNS = [
    Column("project", "Project", lambda r: r["project"], link=_project_link),
    # Published before savings had references, a paper's records name the saving by its title alone.
    Column("saving_reference", "Saving reference", lambda r: r.get("saving_reference", "")),
    Column("saving", "Saving", lambda r: r["saving"]),
    Column("council", "Council", lambda r: r["council"]),
    Column("year", "Financial year", lambda r: r["year"]),
    Column("kind", "Kind", lambda r: r["kind"].capitalize()),
    Column("amount", "Amount", _money("amount"), kind="money"),
    Column("state", "State on the reporting date", lambda r: _state(r)),
    Column("evidence", "Evidence", lambda r: "; ".join(filter(None, [r["evidence"], *r["files"]]))),
]
FUNDING_COLUMNS = [
    Column("project", "Project", lambda r: r["project"], link=_project_link),
    Column("funder", "Funder", lambda r: r["funder"]),
    Column("awarded_on", "Awarded", lambda r: r["awarded_on"]),
    Column("type", "Type", lambda r: "Match funding" if r["match"] else "Programme funding"),
    Column("amount", "Amount", _money("amount"), kind="money"),
]
PROJECT_COLUMNS = [
    Column("project", "Reference", lambda r: r["project"], link=_project_link),
    Column("title", "Title", lambda r: r["title"]),
    Column("initiative", "Initiative", lambda r: r["initiative"]),
    Column("lead", "Lead", lambda r: r["lead"]),
    Column("status", "Status on the reporting date", lambda r: r["status"].capitalize()),
    Column("rag", "RAG", lambda r: r["rag"].capitalize() or "Not rated"),
]
PARTICIPANT_COLUMNS = [
    Column("project", "Project", lambda r: r["project"], link=_project_link),
    Column("organisation", "Organisation", lambda r: r["organisation"]),
    Column("role", "Role", lambda r: r["role"].capitalize()),
]
ADJUSTMENT_COLUMNS = [
    Column("name", "Open forecast of", lambda r: r["name"]),
    Column("forecast", "Forecast", _money("forecast"), kind="money"),
    Column("track", "Track record", lambda r: r["track"]),
    Column("ratio", "Realised/forecast", lambda r: Decimal(r["ratio"]) if r.get("ratio") else None, kind="percent"),
    Column("amount", "Adjusted for optimism", _money("amount"), kind="money"),
]
COLUMNS = {"amounts": AMOUNT_COLUMNS, "track_record": AMOUNT_COLUMNS, "funding": FUNDING_COLUMNS,
           "projects": PROJECT_COLUMNS, "participants": PARTICIPANT_COLUMNS, "adjustments": ADJUSTMENT_COLUMNS}
# The one sentence each list of records carries: which of its records count, and how.
RULES = {
    "amounts": ledger.GROSS_RULE,
    "track_record": ledger.GROSS_RULE,
    "funding": "Every award listed counts in full: programme funding and match funding are both funding allocated.",
    "adjustments": "Each open forecast is multiplied by the track record of comparable closed projects; the figure "
                   "adds up the adjusted amounts, rounded to the penny.",
}


def record_columns(figure_: dict) -> list[Column]:
    """The columns a figure's records are listed and downloaded with."""
    return COLUMNS.get((figure_.get("records") or {}).get("table"), [])


@cached_page
def figure(request, pk: int, key: str):
    """The records a figure sums, with their evidence and verification state on the reporting date."""
    report = get_for_user(Report.objects.all(), request.user, pk=pk)
    found = figure_records(report, key)
    if found is None:
        raise Http404("No such figure")
    figure_, snapshot, rows = found
    spec = figure_.get("records") or {}
    columns = record_columns(figure_)
    table, download = table_or_download(request, rows, columns, f"{report.title} {figure_['label']}", per_page=100)
    if download:
        return download
    view = PaperView(snapshot, status=report.status)
    note = next((n for n in view.notes if view.number.get(figure_["note"]) == n["number"]), None)
    return render(request, "reports/figure.html", {
        "title": figure_["label"], "report": report, "figure": figure_, "value": figure_text(figure_, "full"),
        "table": table, "total": ledger.total(rows, spec) if spec else None, "how": spec.get("total"),
        "note": view.note_text(note) if note else "", "table_name": spec.get("table"),
        "rule": RULES.get(spec.get("table"), ""),
        "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Board reports", "href": reverse("reports:list")},
                        {"text": report.title, "href": reverse("reports:detail", args=[report.pk])}],
    })
