"""Roll-ups of the programme's figures by workstream, initiative, council, funder and financial year."""

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse

from productivity.core.exports import download_format, table_download
from productivity.core.fiscal import financial_year_label
from productivity.core.page_cache import cached_page
from productivity.core.tables import Column, build_table
from productivity.organisations.models import Organisation
from productivity.programme import rollups
from productivity.programme.models import Initiative, Project, Workstream


@dataclass
class RollupRow:
    key: object
    label: str
    href: str | None
    figures: rollups.SavingsFigures
    funding: Decimal


def _figure_columns(first_heading: str) -> list[Column]:
    return [
        Column("name", first_heading, lambda r: r.label, order_by="name", link=lambda r: r.href),
        Column("funding", "Funding", lambda r: r.funding, kind="money", order_by="funding"),
        Column("expected", "Expected savings", lambda r: r.figures.expected, kind="money", order_by="expected"),
        Column("forecast", "Forecast savings", lambda r: r.figures.forecast, kind="money", order_by="forecast"),
        Column("realised", "Realised savings", lambda r: r.figures.realised, kind="money", order_by="realised"),
        Column("share", "Realised as share of forecast", lambda r: r.figures.realised_share_of_forecast,
               kind="percent"),
    ]


def _rows_by(group: str, projects, basis) -> list[RollupRow]:
    savings = rollups.savings_by(rollups.amounts_for(projects), group, basis) if group != "funder" else {}
    # Funding goes to projects, not to the council a saving accrues to: no funding column by council.
    funding = rollups.funding_by(projects, group) if group != "council" else {}
    if group == "workstream":
        return [RollupRow(w.pk, w.name, reverse("programme:workstream", args=[w.slug]),
                          savings.get(w.pk, rollups.SavingsFigures()), funding.get(w.pk, rollups.ZERO))
                for w in Workstream.objects.all()]
    if group == "initiative":
        return [RollupRow(i.pk, i.name, reverse("programme:initiative", args=[i.slug]),
                          savings.get(i.pk, rollups.SavingsFigures()), funding.get(i.pk, rollups.ZERO))
                for i in Initiative.objects.filter(projects__in=projects).distinct()]
    if group == "council":
        councils = Organisation.objects.filter(pk__in=list(savings))
        return [RollupRow(c.pk, c.name, reverse("overview:council", args=[c.slug]),
                          savings[c.pk], rollups.ZERO) for c in councils]
    if group == "financial_year":
        years = sorted(set(savings) | set(funding))
        return [RollupRow(y, financial_year_label(y), None, savings.get(y, rollups.SavingsFigures()),
                          funding.get(y, rollups.ZERO)) for y in years]
    if group == "funder":
        return [RollupRow(f.funder_id, f.funder_name, reverse("organisations:detail", args=[f.funder_slug]),
                          rollups.SavingsFigures(), f.total) for f in rollups.funding_by_funder(projects)]
    raise Http404("No such roll-up")


ROLLUPS = {
    "workstream": ("Workstream", "By workstream"),
    "initiative": ("Initiative", "By initiative"),
    "council": ("Council", "By council (the council each saving accrues to)"),
    "funder": ("Funder", "Funding by funder"),
    "financial_year": ("Financial year", "By financial year (savings by the year they fall in, funding by award date)"),
}


@cached_page
def figures(request):
    """Every roll-up on one page; ``?table=council&format=csv`` downloads one of them."""
    basis = rollups.Basis.from_params(request.GET)
    projects = Project.objects.visible_to(request.user)
    scope = ""
    # Narrow to one workstream or initiative, so each page's summary tables can be downloaded from here.
    if request.GET.get("initiative"):
        initiative = Initiative.objects.visible_to(request.user).filter(slug=request.GET["initiative"]).first()
        if initiative is None:
            raise Http404("No such initiative")
        projects, scope = projects.filter(initiative=initiative), initiative.name
    elif request.GET.get("workstream"):
        workstream = Workstream.objects.filter(slug=request.GET["workstream"]).first()
        if workstream is None:
            raise Http404("No such workstream")
        projects, scope = projects.filter(initiative__workstream=workstream), workstream.name
    wanted = request.GET.get("table")
    if download_format(request):
        if wanted not in ROLLUPS:
            raise Http404("No such roll-up")
        filename = f"{scope} savings by {wanted}" if scope else f"savings by {wanted}"
        return table_download(request, _rows_by(wanted, projects, basis), _columns_for(wanted), filename,
                              default_sort="name")
    tables = []
    for group, (_heading, caption) in ROLLUPS.items():
        columns = _columns_for(group)
        table = build_table(request, _rows_by(group, projects, basis), columns, default_sort=None, per_page=None)
        table.query = {**table.query, "table": group}
        tables.append({"group": group, "caption": caption, "table": table})
    return render(request, "programme/figures.html", {
        "title": f"Figures: {scope}" if scope else "Programme figures", "basis": basis, "tables": tables,
        "headline": rollups.headline(projects, basis),
        "breadcrumbs": [{"text": "Home", "href": "/"}],
    })


def _columns_for(group: str) -> list[Column]:
    columns = _figure_columns(ROLLUPS[group][0])
    if group == "funder":
        return [columns[0], columns[1]]
    if group == "council":
        return [columns[0], *columns[2:]]
    return columns


urlpatterns = [path("figures/", figures, name="figures")]
