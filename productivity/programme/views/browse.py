"""Read-only pages: workstreams, initiatives, projects and the savings register."""

from django.shortcuts import render
from django.urls import path

from productivity.core.access import get_for_user
from productivity.core.exports import table_or_download
from productivity.programme import register, rollups
from productivity.programme.history import visible_history
from productivity.programme.models import Initiative, Project, SavingAmount, Workstream
from productivity.programme.tables import PROJECT_COLUMNS, project_filters


def workstreams(request):
    basis = rollups.Basis.from_params(request.GET)
    projects = Project.objects.visible_to(request.user)
    summaries = rollups.summaries_by(projects, "workstream", basis)
    rows = [{"workstream": w, **vars(summaries.get(w.pk, rollups.GroupSummary()))} for w in Workstream.objects.all()]
    return render(request, "programme/workstreams.html", {
        "title": "Workstreams", "rows": rows, "basis": basis,
        "breadcrumbs": [{"text": "Home", "href": "/"}],
    })


def workstream(request, slug):
    ws = get_for_user(Workstream.objects, request.user, slug=slug)
    basis = rollups.Basis.from_params(request.GET)
    projects = Project.objects.visible_to(request.user).filter(initiative__workstream=ws)
    initiatives = Initiative.objects.visible_to(request.user).filter(workstream=ws)
    summaries = rollups.summaries_by(projects, "initiative", basis)
    rows = [{"initiative": i, **vars(summaries.get(i.pk, rollups.GroupSummary()))} for i in initiatives]
    return render(request, "programme/workstream.html", {
        "title": ws.name, "workstream": ws, "rows": rows, "basis": basis,
        "headline": rollups.headline(projects, basis),
        "history": visible_history(ws, request.user)[:20],
        "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Workstreams", "href": "/programme/workstreams/"}],
    })


def initiative(request, slug):
    item = get_for_user(Initiative.objects.select_related("workstream"), request.user, slug=slug)
    basis = rollups.Basis.from_params(request.GET)
    projects = (Project.objects.visible_to(request.user).filter(initiative=item)
                .select_related("initiative").prefetch_related("participants__organisation"))
    table, download = table_or_download(request, projects, PROJECT_COLUMNS, f"{item.slug}-projects",
                                        default_sort="reference")
    if download:
        return download
    by_year = rollups.savings_by(rollups.amounts_for(projects), "financial_year", basis)
    return render(request, "programme/initiative.html", {
        "title": item.name, "initiative": item, "table": table, "basis": basis,
        "headline": rollups.headline(projects, basis),
        "by_year": sorted(by_year.items()),
        "history": visible_history(item, request.user, include_children=False)[:20],
        "breadcrumbs": [{"text": "Home", "href": "/"},
                        {"text": item.workstream.name, "href": f"/programme/workstreams/{item.workstream.slug}/"}],
    })


def projects(request):
    rows = (Project.objects.visible_to(request.user).select_related("initiative")
            .prefetch_related("participants__organisation"))
    table, download = table_or_download(request, rows, PROJECT_COLUMNS, "projects",
                                        filters=project_filters(request.user), default_sort="reference")
    if download:
        return download
    return render(request, "programme/projects.html", {
        "title": "Projects", "table": table,
        "breadcrumbs": [{"text": "Home", "href": "/"}],
    })


def project(request, reference):
    item = get_for_user(
        Project.objects.select_related("initiative__workstream"), request.user, reference=reference
    )
    basis = rollups.Basis.from_params(request.GET)
    savings = list(item.savings.select_related("organisation").prefetch_related("amounts__evidence"))
    return render(request, "programme/project.html", {
        "title": item.title, "project": item, "basis": basis,
        "can_edit": Project.objects.editable_by(request.user).filter(pk=item.pk).exists(),
        "participants": item.participants.select_related("organisation"),
        "funding": item.funding_awards.select_related("funder"),
        "milestones": item.milestones.all(),
        "risks": item.risks.all(),
        "savings": savings,
        "double_counts": rollups.visible_double_counts(savings, Project.objects.visible_to(request.user)),
        "figures": rollups.savings_totals(rollups.amounts_for(Project.objects.filter(pk=item.pk)), basis),
        "history": visible_history(item, request.user),
        "breadcrumbs": [{"text": "Home", "href": "/"},
                        {"text": item.initiative.workstream.name,
                         "href": f"/programme/workstreams/{item.initiative.workstream.slug}/"},
                        {"text": item.initiative.name, "href": f"/programme/initiatives/{item.initiative.slug}/"}],
    })


def savings(request):
    """The benefits register: one row per saving, filtered, searched, and downloadable for re-import."""
    basis = rollups.Basis.from_params(request.GET)
    projects_seen = Project.objects.visible_to(request.user)
    matching = {}

    def with_totals(savings):
        matching["savings"] = savings
        return register.rows_with_totals(savings, basis)

    table, download = table_or_download(
        request, register.savings_for(projects_seen), register.COLUMNS, "benefits-register",
        filters=register.filters(request.user, projects_seen), default_sort="project",
        search=register.search, prepare=with_totals)
    if download:
        return download
    amounts = SavingAmount.objects.filter(saving__in=matching["savings"].values("pk"))
    return render(request, "programme/savings.html", {
        "title": "Benefits register", "table": table, "basis": basis,
        "totals": rollups.savings_totals(amounts, basis),
        "breadcrumbs": [{"text": "Home", "href": "/"}],
    })


urlpatterns = [
    path("workstreams/", workstreams, name="workstreams"),
    path("workstreams/<slug:slug>/", workstream, name="workstream"),
    path("initiatives/<slug:slug>/", initiative, name="initiative"),
    path("projects/", projects, name="projects"),
    path("projects/<str:reference>/", project, name="project"),
    path("savings/", savings, name="savings"),
]
