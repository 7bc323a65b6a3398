"""The programme's sections of the home page and of a council's page (see core/sections.py)."""

from productivity.core import sections
from productivity.core.exports import download_format, table_download, table_or_download
from productivity.core.fiscal import financial_year_label
from productivity.core.tables import Column
from productivity.programme import rollups
from productivity.programme.models import Initiative, Project, SavingAmount, Workstream
from productivity.programme.tables import COUNCIL_PROJECT_COLUMNS

YEAR_COLUMNS = [
    Column("year", "Financial year", lambda r: financial_year_label(r[0])),
    Column("expected", "Expected", lambda r: r[1].expected, kind="money"),
    Column("forecast", "Forecast", lambda r: r[1].forecast, kind="money"),
    Column("realised", "Realised", lambda r: r[1].realised, kind="money"),
]


def home_section(request):
    """The programme at a glance, with headline figures computed from the records the visitor may see."""
    basis = rollups.Basis.from_params(request.GET)
    projects = Project.objects.visible_to(request.user)
    initiatives = Initiative.objects.visible_to(request.user).select_related("workstream")
    summaries = rollups.summaries_by(projects, "initiative", basis)
    workstreams = [
        {
            "workstream": workstream,
            "initiatives": [
                {"initiative": initiative, **vars(summaries.get(initiative.pk, rollups.GroupSummary()))}
                for initiative in initiatives
                if initiative.workstream_id == workstream.pk
            ],
        }
        for workstream in Workstream.objects.all()
    ]
    return sections.Section("programme/_home_section.html", {
        "headline": rollups.headline(projects, basis), "basis": basis, "workstreams": workstreams,
    })


def council_section(request, organisation):
    """The projects a council takes part in and the savings accruing to it; or one of their downloads."""
    basis = rollups.Basis.from_params(request.GET)
    seen = Project.objects.visible_to(request.user)
    projects = (seen.for_organisation(organisation)
                .select_related("initiative").prefetch_related("participants__organisation"))
    accruing = SavingAmount.objects.filter(saving__organisation=organisation, saving__project__in=seen)
    by_year = sorted(rollups.savings_by(accruing, "financial_year", basis).items())
    if download_format(request):
        wanted = request.GET.get("table", "projects")
        if wanted == "financial_year":
            return table_download(request, by_year, YEAR_COLUMNS, f"{organisation.name} savings by financial year")
        if wanted != "projects":
            return None  # another section's table
    table, download = table_or_download(request, projects, COUNCIL_PROJECT_COLUMNS, f"{organisation.name}-projects",
                                        default_sort="reference")
    if download:
        return download
    return sections.Section("programme/_council_section.html", {
        "organisation": organisation, "table": table, "basis": basis,
        "headline": rollups.headline(projects, basis),
        "accruing": rollups.savings_totals(accruing, basis),
        "by_year": by_year,
    })


sections.register("home", "programme", home_section)
sections.register("council", "programme", council_section)
