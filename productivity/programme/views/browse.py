"""Read-only pages: workstreams, initiatives, projects and the savings register."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path, reverse

from productivity.core.access import get_for_user
from productivity.core.exports import table_or_download
from productivity.core.page_cache import cached_page
from productivity.programme import public_history, register, rollups, tables
from productivity.programme.history import visible_history
from productivity.programme.models import Initiative, Project, SavingAmount, Workstream
from productivity.programme.tables import PROJECT_COLUMNS, project_filters

HOME = {"text": "Home", "href": "/"}
WORKSTREAMS = {"text": "Workstreams", "href": "/programme/workstreams/"}
HISTORY_PAGE = 100


def _workstream_crumb(workstream) -> dict:
    return {"text": workstream.name, "href": reverse("programme:workstream", args=[workstream.slug])}


def _initiative_crumb(initiative) -> dict:
    return {"text": initiative.name, "href": reverse("programme:initiative", args=[initiative.slug])}


def _summary(entries, user, more_url: str | None = None) -> dict:
    """The latest changes for a page's history, with how many there are in all."""
    latest = public_history.lines(entries[:public_history.SUMMARY_LENGTH], user)
    return {"lines": latest, "total": entries.count(), "more_url": more_url}


@cached_page
def workstreams(request):
    basis = rollups.Basis.from_params(request.GET)
    projects = Project.objects.visible_to(request.user)
    summaries = rollups.summaries_by(projects, "workstream", basis)
    rows = [{"workstream": w, **vars(summaries.get(w.pk, rollups.GroupSummary()))} for w in Workstream.objects.all()]
    return render(request, "programme/workstreams.html", {
        "title": "Workstreams", "rows": rows, "basis": basis,
        "breadcrumbs": [HOME, {"text": "Workstreams"}],
    })


@cached_page
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
        "history": _summary(visible_history(ws, request.user), request.user),
        "breadcrumbs": [HOME, WORKSTREAMS, {"text": ws.name}],
    })


@cached_page
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
        "funders": rollups.funding_by_funder(projects),
        "funding": rollups.funding_totals(projects),
        "history": _summary(visible_history(item, request.user, include_children=False), request.user),
        "breadcrumbs": [HOME, WORKSTREAMS, _workstream_crumb(item.workstream), {"text": item.name}],
    })


@cached_page
def projects(request):
    rows = (Project.objects.visible_to(request.user).select_related("initiative")
            .prefetch_related("participants__organisation"))
    table, download = table_or_download(request, rows, PROJECT_COLUMNS, "projects",
                                        filters=project_filters(request.user), default_sort="reference")
    if download:
        return download
    return render(request, "programme/projects.html", {
        "title": "Projects", "table": table,
        "breadcrumbs": [HOME, {"text": "Projects"}],
    })


@cached_page
def project(request, reference):
    item = get_for_user(
        Project.objects.select_related("initiative__workstream"), request.user, reference=reference
    )
    basis = rollups.Basis.from_params(request.GET)
    savings = list(item.savings.select_related("organisation").prefetch_related(
        "amounts__evidence", "amounts__verified_by__memberships__organisation",
        "amounts__audited_by__memberships__organisation"))
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
        "history": _summary(visible_history(item, request.user), request.user,
                            reverse("programme:project-history", args=[item.reference])),
        "person_for": public_history.person_for, "status_tag": tables.status_tag, "rag_tag": tables.rag_tag,
        "breadcrumbs": [HOME, WORKSTREAMS, _workstream_crumb(item.initiative.workstream),
                        _initiative_crumb(item.initiative), {"text": item.reference}],
    })


def project_history(request, reference):
    """Every change to a project and what belongs to it, a hundred to a page."""
    item = get_for_user(
        Project.objects.select_related("initiative__workstream"), request.user, reference=reference
    )
    page = Paginator(visible_history(item, request.user), HISTORY_PAGE).get_page(request.GET.get("page"))
    links = None
    if page.paginator.num_pages > 1:
        links = {"items": [{"number": n, "href": f"?page={n}", "current": n == page.number}
                           if isinstance(n, int) else {"ellipsis": True}
                           for n in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)]}
    return render(request, "programme/history.html", {
        "title": "History of changes", "project": item,
        "lines": public_history.lines(page.object_list, request.user), "page_links": links,
        "breadcrumbs": [HOME, WORKSTREAMS, _workstream_crumb(item.initiative.workstream),
                        _initiative_crumb(item.initiative),
                        {"text": item.reference, "href": reverse("programme:project", args=[item.reference])},
                        {"text": "History"}],
    })


@cached_page
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
        "breadcrumbs": [HOME, {"text": "Benefits register"}],
    })


urlpatterns = [
    path("workstreams/", workstreams, name="workstreams"),
    path("workstreams/<slug:slug>/", workstream, name="workstream"),
    path("initiatives/<slug:slug>/", initiative, name="initiative"),
    path("projects/", projects, name="projects"),
    path("projects/<str:reference>/", project, name="project"),
    path("projects/<str:reference>/history/", project_history, name="project-history"),
    path("savings/", savings, name="savings"),
]
