from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from productivity.core.exports import table_or_download
from productivity.core.tables import Column, Filter
from productivity.organisations.models import Organisation, OrganisationKind


def _link(org) -> str:
    return reverse("organisations:detail", args=[org.slug])


COLUMNS = [
    Column("name", "Name", lambda o: o.name, order_by="name", link=_link),
    Column("code", "ONS code", lambda o: o.gss_code or "", order_by="gss_code"),
    Column("kind", "Kind", lambda o: o.get_kind_display(), order_by="kind"),
    Column("type", "Authority type", lambda o: o.authority_type_name, order_by="authority_type"),
    Column("region", "Region", lambda o: o.region, order_by="region"),
    Column("parent", "County", lambda o: o.parent.name if o.parent_id else ""),
    Column("start", "Started", lambda o: o.start_date, kind="date", order_by="start_date"),
    Column("end", "Abolished", lambda o: o.end_date, kind="date", order_by="end_date"),
]


def _filters():
    regions = sorted(set(Organisation.objects.exclude(region="").values_list("region", flat=True)))
    return [
        Filter("kind", "Kind", list(OrganisationKind.choices), lambda qs, v: qs.filter(kind=v)),
        Filter("region", "Region", [(r, r) for r in regions], lambda qs, v: qs.filter(region=v)),
        Filter("status", "Status", [("current", "Current"), ("abolished", "Abolished")],
               lambda qs, v: qs.filter(end_date__isnull=(v == "current"))),
    ]


def organisation_list(request):
    rows = Organisation.objects.select_related("parent")
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.filter(name__icontains=query)
    table, download = table_or_download(request, rows, COLUMNS, "organisations", filters=_filters(),
                                        default_sort="name")
    if download:
        return download
    return render(request, "organisations/list.html", {
        "title": "Councils and other organisations", "table": table, "query": query,
        "breadcrumbs": [{"text": "Home", "href": "/"}],
    })


def organisation_detail(request, slug):
    org = get_object_or_404(Organisation.objects.select_related("parent"), slug=slug)
    return render(request, "organisations/detail.html", {
        "title": org.name, "organisation": org,
        "children": org.children.all(),
        "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Councils", "href": reverse("organisations:list")}],
    })
