"""The programme's tables: one definition per table drives its page, CSV and XLSX."""

from dataclasses import replace

from django.urls import reverse
from markupsafe import Markup

from productivity.core.tables import Column, Filter
from productivity.programme.models import Initiative, ProjectStatus, Rag, Workstream

# Coloured GOV.UK tags for a project's status and RAG rating, the same on every page.
STATUS_COLOURS = {"proposed": "grey", "selected": "light-blue", "funded": "blue", "implementing": "purple",
                  "complete": "green", "closed": "grey"}
RAG_COLOURS = {"red": "red", "amber": "orange", "green": "green", "": "grey"}


def tag(text: str, colour: str) -> Markup:
    return Markup('<strong class="govuk-tag govuk-tag--{}">{}</strong>').format(colour, text)


def status_tag(project) -> Markup:
    return tag(project.get_status_display(), STATUS_COLOURS.get(project.status, "grey"))


def rag_tag(project) -> Markup:
    return tag(project.get_rag_display() or "Not rated", RAG_COLOURS.get(project.rag, "grey"))


def _project_link(project) -> str:
    return reverse("programme:project", args=[project.reference])


PROJECT_COLUMNS = [
    Column("reference", "Reference", lambda p: p.reference, order_by="reference", link=_project_link),
    Column("title", "Title", lambda p: p.title, order_by="title", link=_project_link),
    Column("initiative", "Initiative", lambda p: p.initiative.name, order_by="initiative__name"),
    Column("lead", "Lead organisation", lambda p: p.lead),
    Column("status", "Status", lambda p: p.get_status_display(), order_by="status", html=status_tag),
    Column("rag", "RAG", lambda p: p.get_rag_display() or "Not rated", order_by="rag", html=rag_tag),
    Column("start_date", "Start", lambda p: p.start_date, kind="date", order_by="start_date"),
    Column("illustrative", "Illustrative", lambda p: "Yes" if p.is_illustrative else "No"),
]

# On a council's page the projects leave out their lead organisation and the demo flag (its download keeps both),
# so that the table fits a window 1280 pixels wide without scrolling sideways.
COUNCIL_PROJECT_COLUMNS = [replace(column, on_page=False) if column.key in {"lead", "illustrative"} else column
                           for column in PROJECT_COLUMNS]


def project_filters(user) -> list[Filter]:
    """Filters for the projects table; only initiatives ``user`` may see are offered."""
    return [
        Filter("workstream", "Workstream", [(w.slug, w.name) for w in Workstream.objects.all()],
               lambda qs, v: qs.filter(initiative__workstream__slug=v)),
        Filter("initiative", "Initiative", [(i.slug, i.name) for i in Initiative.objects.visible_to(user)],
               lambda qs, v: qs.filter(initiative__slug=v)),
        Filter("status", "Status", list(ProjectStatus.choices), lambda qs, v: qs.filter(status=v)),
        Filter("rag", "RAG rating", list(Rag.choices), lambda qs, v: qs.filter(rag=v)),
    ]
