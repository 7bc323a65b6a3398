"""A business case as a document (HTML, PDF or Word) for whoever may read the case."""

from django.http import Http404, HttpResponse
from django.utils.text import slugify

from productivity.core.access import get_for_user
from productivity.core.csp import allow_inline_style
from productivity.estate.models import BusinessCase
from productivity.reports.business_case import outline, render
from productivity.reports.downloads import FORMATS
from productivity.reports.render.html import print_css


def document(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404("Unknown format")
    case = get_for_user(BusinessCase.objects.select_related("organisation"), request.user, pk=pk)
    built = outline.build(case)
    if fmt == "pdf":
        content = render.render_pdf(built)
    elif fmt == "docx":
        content = render.render_docx(built)
    else:
        content = render.render_html(built).encode("utf-8")
    content_type, extension = FORMATS[fmt]
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if fmt == "html" else "attachment"
    name = f"{slugify(case.title)[:80] or 'business-case'}-{case.status}.{extension}"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    if fmt == "html":
        allow_inline_style(response, print_css())
    return response
