"""Progress by workstream and initiative, and the projects of an initiative."""

from productivity.programme import rollups
from productivity.programme.models import Participant, ProjectStatus, Rag
from productivity.reports.figures.book import cell, column, records

STATUS_LABELS = dict(ProjectStatus.choices)
RAG_LABELS = dict(Rag.choices)


def _group_figures(ctx, level: str, key_prefix: str, items, name_of) -> dict[int, dict[str, str]]:
    """Projects, councils, funding and savings per workstream or initiative: figure keys by item id."""
    book, projects = ctx.book, ctx.projects
    counts = rollups.project_counts_by(projects, level)
    councils = rollups.council_counts_by(projects, level)
    funding = rollups.funding_by(projects, level, ctx.as_at)
    savings = rollups.savings_by(ctx.amounts, level)
    notes = {
        "projects": book.note(f"projects_by_{level}", "rollups.project_counts_by",
                              f"Projects per {level} in the report's scope on the reporting date."),
        "councils": book.note(f"councils_by_{level}", "rollups.council_counts_by",
                              f"Distinct participating councils per {level}."),
        "funding": book.note(f"funding_by_{level}", "rollups.funding_by",
                             f"Funding (programme and match) per {level}, awarded on or before the reporting date."),
        "savings": book.note(f"savings_by_{level}", "rollups.savings_by",
                             f"Gross expected, forecast and realised savings per {level}."),
    }
    where_key = f"{level}_id"
    result = {}
    for item in items:
        name, where = name_of(item), {where_key: item.pk}
        prefix = f"{key_prefix}.{item.pk}"
        figures = rollups.SavingsFigures() if item.pk not in savings else savings[item.pk]
        result[item.pk] = {
            "projects": book.count(f"{prefix}.projects", counts.get(item.pk, 0), f"Projects in {name}",
                                   notes["projects"], records("projects", "count", **where)),
            "councils": book.count(f"{prefix}.councils", councils.get(item.pk, 0), f"Councils taking part in {name}",
                                   notes["councils"], records("participants", "distinct", is_council=True, **where)),
            "funding": book.money(f"{prefix}.funding", funding.get(item.pk, rollups.ZERO), f"Funding for {name}",
                                  notes["funding"], records("funding", **where)),
            **{
                kind: book.money(f"{prefix}.{kind}", figures.get(kind), f"{kind.capitalize()} savings of {name}",
                                 notes["savings"], records("amounts", kind=kind, **where))
                for kind in rollups.KINDS
            },
        }
    return result


def _row(name: str, keys: dict[str, str]) -> list[dict]:
    return [cell(text=name), *(cell(keys[k]) for k in ("projects", "councils", "funding", "expected", "forecast",
                                                         "realised"))]


def _columns(first: str) -> list[dict]:
    return [column(first), column("Projects", True), column("Councils", True), column("Funding", True),
            column("Expected savings", True), column("Forecast savings", True), column("Realised savings", True)]


def programme_tree(ctx) -> list[dict]:
    """Workstreams and their initiatives with figure keys; also the workstream and initiative tables."""
    ws_keys = _group_figures(ctx, "workstream", "ws", ctx.workstreams, lambda w: w.name)
    init_keys = _group_figures(ctx, "initiative", "init", ctx.initiatives, lambda i: i.name)
    note = ctx.book.note("funders_by_initiative", "rollups.funding_by_funder",
                         "Funding per funder for each initiative's projects, awarded on or before the reporting date.")
    tree = []
    for workstream in ctx.workstreams:
        initiatives = []
        for initiative in (i for i in ctx.initiatives if i.workstream_id == workstream.pk):
            funders = []
            in_initiative = ctx.projects.filter(initiative=initiative)
            for funder in rollups.funding_by_funder(in_initiative, ctx.as_at):
                key = ctx.book.money(f"init.{initiative.pk}.funder.{funder.funder_id}", funder.total,
                                     f"Funding from {funder.funder_name} for {initiative.name}", note,
                                     records("funding", initiative_id=initiative.pk, funder_id=funder.funder_id))
                funders.append({"name": funder.funder_name, "figure": key})
            initiatives.append({"id": initiative.pk, "name": initiative.name, "slug": initiative.slug,
                                "summary": initiative.summary, "figures": init_keys[initiative.pk],
                                "funders": funders})
        tree.append({"id": workstream.pk, "name": workstream.name, "slug": workstream.slug,
                     "description": workstream.description, "figures": ws_keys[workstream.pk],
                     "initiatives": initiatives})
    ctx.tables["workstreams"] = {
        "caption": "Progress by workstream",
        "columns": _columns("Workstream"),
        "rows": [_row(w.name, ws_keys[w.pk]) for w in ctx.workstreams],
        "footer": [cell(text="Total"), cell("headline.projects"), cell("headline.councils"), cell("headline.funding"),
                   cell("headline.savings.expected"), cell("headline.savings.forecast"),
                   cell("headline.savings.realised")],
        "empty": "No workstreams.",
    }
    ctx.tables["initiatives"] = {
        "caption": "Progress by initiative",
        "columns": _columns("Initiative"),
        "rows": [_row(i.name, init_keys[i.pk]) for i in ctx.initiatives],
        "empty": "No initiatives.",
    }
    return tree


def leads(projects) -> dict[int, str]:
    rows = Participant.objects.filter(project__in=projects, role=Participant.Role.LEAD).values_list(
        "project_id", "organisation__name")
    return dict(rows)


def project_list(ctx) -> list[dict]:
    """The scope's projects with their status and RAG rating on the reporting date (for later comparison)."""
    rows = ctx.projects.order_by("reference").values_list("pk", "reference", "title", "initiative__name")
    result = []
    for pk, reference, title, initiative in rows:
        state = ctx.states.get(pk, {"status": "", "rag": ""})
        result.append({"id": pk, "reference": reference, "title": title, "initiative": initiative,
                       "status": state["status"], "rag": state["rag"], "closed": pk in ctx.closed_ids})
    return result


def projects_table(ctx) -> None:
    """Every project of the scope with its lead, status, RAG rating, funding and savings."""
    book, projects = ctx.book, ctx.projects
    funding = rollups.funding_by(projects, "project", ctx.as_at)
    savings = rollups.savings_by(ctx.amounts, "project")
    lead_names = leads(projects)
    note_funding = book.note("funding_by_project", "rollups.funding_by",
                             "Funding (programme and match) per project, awarded on or before the reporting date.")
    note_savings = book.note("savings_by_project", "rollups.savings_by",
                             "Gross expected, forecast and realised savings per project.")
    rows = []
    for project in project_list(ctx):
        pk, name = project["id"], project["reference"]
        figures = savings.get(pk, rollups.SavingsFigures())
        rows.append([
            cell(text=project["reference"]),
            cell(text=project["title"]),
            cell(text=lead_names.get(pk, "")),
            cell(text=STATUS_LABELS.get(project["status"], project["status"])),
            cell(text=RAG_LABELS.get(project["rag"], "Not rated")),
            cell(book.money(f"proj.{pk}.funding", funding.get(pk, rollups.ZERO), f"Funding for {name}", note_funding,
                            records("funding", project_id=pk))),
            *(cell(book.money(f"proj.{pk}.{kind}", figures.get(kind), f"{kind.capitalize()} savings of {name}",
                              note_savings, records("amounts", kind=kind, project_id=pk)))
              for kind in rollups.KINDS),
        ])
    ctx.tables["projects"] = {
        "caption": "Projects",
        "columns": [column("Reference"), column("Project"), column("Lead"), column("Status"), column("RAG"),
                    column("Funding", True), column("Expected", True), column("Forecast", True),
                    column("Realised", True)],
        "rows": rows,
        "empty": "No projects by the reporting date.",
    }
