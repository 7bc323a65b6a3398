"""Councils in the programme: what each takes part in and what it saves."""

from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from productivity.core.exports import download_response
from productivity.core.fiscal import financial_year_label
from productivity.core.tables import Column, all_rows, build_table
from productivity.organisations.models import Organisation
from productivity.programme import rollups
from productivity.programme.models import Project, SavingAmount
from productivity.programme.tables import PROJECT_COLUMNS


def _council_link(row) -> str:
    return reverse("programme:council", args=[row["council"].slug])


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


def councils(request):
    rows, basis = _council_rows(request)
    fmt = request.GET.get("format")
    if fmt in {"csv", "xlsx"}:
        table = all_rows(request, rows, COUNCIL_COLUMNS, default_sort="name")
        return download_response(fmt, "participating-councils", COUNCIL_COLUMNS, table.rows)
    table = build_table(request, rows, COUNCIL_COLUMNS, default_sort="name")
    return render(request, "programme/councils.html", {
        "title": "Participating councils", "table": table, "basis": basis,
        "breadcrumbs": [{"text": "Home", "href": "/"}],
    })


YEAR_COLUMNS = [
    Column("year", "Financial year", lambda r: financial_year_label(r[0])),
    Column("expected", "Expected", lambda r: r[1].expected, kind="money"),
    Column("forecast", "Forecast", lambda r: r[1].forecast, kind="money"),
    Column("realised", "Realised", lambda r: r[1].realised, kind="money"),
]


def council(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    basis = rollups.Basis.from_params(request.GET)
    projects = (Project.objects.visible_to(request.user).for_organisation(organisation)
                .select_related("initiative").prefetch_related("participants__organisation"))
    accruing = SavingAmount.objects.filter(saving__organisation=organisation,
                                           saving__project__in=Project.objects.visible_to(request.user))
    by_year = sorted(rollups.savings_by(accruing, "financial_year", basis).items())
    fmt = request.GET.get("format")
    if fmt in {"csv", "xlsx"}:
        if request.GET.get("table") == "financial_year":
            return download_response(fmt, f"{organisation.name} savings by financial year", YEAR_COLUMNS, by_year)
        table = all_rows(request, projects, PROJECT_COLUMNS, default_sort="reference")
        return download_response(fmt, f"{organisation.name}-projects", PROJECT_COLUMNS, table.rows)
    table = build_table(request, projects, PROJECT_COLUMNS, default_sort="reference")
    return render(request, "programme/council.html", {
        "title": organisation.name, "organisation": organisation, "table": table, "basis": basis,
        "headline": rollups.headline(projects, basis),
        "accruing": rollups.savings_totals(accruing, basis),
        "by_year": by_year,
        "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Participating councils",
                                                         "href": reverse("programme:councils")}],
    })


urlpatterns = [
    path("councils/", councils, name="councils"),
    path("councils/<str:slug>/", council, name="council"),
]
