"""The councils taking part in the programme, with what each saves; each council's own page is the overview's."""

from django.shortcuts import render
from django.urls import path, reverse

from productivity.core.exports import table_or_download
from productivity.core.page_cache import cached_page
from productivity.core.tables import Column
from productivity.programme import rollups
from productivity.programme.models import Project


def _council_link(row) -> str:
    return reverse("overview:council", args=[row["council"].slug])


COUNCIL_COLUMNS = [
    Column("name", "Council", lambda r: r["council"].name, order_by="name", link=_council_link),
    Column("type", "Type", lambda r: r["council"].authority_type_name, order_by="type"),
    Column("region", "Region", lambda r: r["council"].region, order_by="region"),
    Column("projects", "Projects", lambda r: r["projects"], kind="number", order_by="projects"),
    Column("expected", "Expected savings", lambda r: r["figures"].expected, kind="money", order_by="expected"),
    Column("realised", "Realised savings", lambda r: r["figures"].realised, kind="money", order_by="realised"),
]


def _council_rows(request):
    basis = rollups.Basis.from_params(request.GET)
    projects = Project.objects.visible_to(request.user)
    councils = rollups.participating_councils(projects)
    per_council = rollups.project_counts_by_organisation(projects)
    savings = rollups.savings_by(rollups.amounts_for(projects), "council", basis)
    rows = [{"council": c, "projects": per_council.get(c.pk, 0),
             "figures": savings.get(c.pk, rollups.SavingsFigures())} for c in councils]
    for row in rows:
        row.update(name=row["council"].name, type=row["council"].authority_type_name, region=row["council"].region,
                   expected=row["figures"].expected, realised=row["figures"].realised)
    return rows, basis


@cached_page
def councils(request):
    rows, basis = _council_rows(request)
    table, download = table_or_download(request, rows, COUNCIL_COLUMNS, "participating-councils", default_sort="name")
    if download:
        return download
    return render(request, "programme/councils.html", {
        "title": "Participating councils", "table": table, "basis": basis,
        "breadcrumbs": [{"text": "Home", "href": "/"}],
    })


urlpatterns = [
    path("councils/", councils, name="councils"),
]
