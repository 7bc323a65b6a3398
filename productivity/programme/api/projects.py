"""Projects: the programme's units of delivery, with their participants, funding, milestones, risks and savings."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from productivity.accounts.api_auth import caller, fetch, fetch_for_change, writer
from productivity.accounts.roles import can_write_anything, editor_organisation_ids, is_programme_team
from productivity.core.api.errors import CHANGE_ERRORS, ApiError
from productivity.core.api.patching import assign, changes, patch_of
from productivity.core.paging import BoundedPages
from productivity.organisations.models import Organisation
from productivity.programme import rollups, services
from productivity.programme.api.choices import ProjectStatusChoice, RagRating
from productivity.programme.api.common import delete, organisation, save
from productivity.programme.api.history import AuditEntryOut
from productivity.programme.api.payloads import BasisQuery, ProjectChange, ProjectIn
from productivity.programme.api.schemas import ProjectDetailOut, ProjectOut
from productivity.programme.history import visible_history
from productivity.programme.models import FundingAward, Initiative, Project, Saving
from productivity.programme.rules import RESERVED_REFERENCES, reference_format

router = Router(tags=["Projects"])


class ProjectFilters(Schema):
    workstream: str | None = Field(None, description="A workstream's slug")
    initiative: str | None = Field(None, description="An initiative's slug")
    status: ProjectStatusChoice | None = None
    rag: RagRating | None = None
    council: str | None = Field(None, description="The slug of an organisation taking part (lead or partner)")
    published: bool | None = None
    q: str | None = Field(None, description="Words in the reference or title")


def projects():
    """Projects with what their summaries need, in one query each."""
    return Project.objects.select_related("initiative__workstream").prefetch_related("participants__organisation")


def _initiative(user, slug: str | None, current: Initiative | None = None) -> Initiative:
    """The initiative a payload names: one the caller may see, or the one the project is already in."""
    initiatives = Initiative.objects.visible_to(user)
    if current is not None:
        # A council may keep its project in an initiative that has since been unpublished, as on the pages.
        initiatives = initiatives | Initiative.objects.filter(pk=current.pk)
    initiative = initiatives.filter(slug=slug or "").first()
    if initiative is None:
        raise ValidationError({"initiative": f"There is no initiative '{slug}'"})
    return initiative


def _check_reference(reference: str) -> None:
    try:
        reference_format(reference)
    except ValidationError as exc:
        raise ValidationError({"reference": exc.messages}) from exc
    if reference.lower() in RESERVED_REFERENCES:
        raise ValidationError({"reference": f"'{reference}' cannot be used as a reference: choose another"})


def _fields(user, data: dict, project: Project | None = None) -> dict:
    """Payload fields as model values: the initiative's slug becomes the initiative, no RAG becomes blank.

    Only the programme team publishes projects or marks them illustrative (the pages offer others neither).
    """
    if not is_programme_team(user):
        for name in ("is_published", "is_illustrative"):
            if name in data and data[name] != (getattr(project, name) if project else False):
                raise PermissionDenied("Only the programme team publishes projects or marks them illustrative")
    if "initiative" in data:
        data["initiative"] = _initiative(user, data["initiative"], project.initiative if project else None)
    if "rag" in data:
        data["rag"] = data["rag"] or ""
    return data


@router.get("/projects", response=list[ProjectOut], summary="List projects")
@paginate(BoundedPages)
def list_projects(request, filters: Query[ProjectFilters]):
    """Projects the caller may see: published ones, their own organisations' and, for the programme team, all."""
    rows = projects().visible_to(caller(request))
    if filters.workstream:
        rows = rows.filter(initiative__workstream__slug=filters.workstream)
    if filters.initiative:
        rows = rows.filter(initiative__slug=filters.initiative)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.rag:
        rows = rows.filter(rag=filters.rag)
    if filters.council:
        council = Organisation.objects.filter(slug=filters.council).first()
        rows = rows.for_organisation(council) if council else rows.none()
    if filters.published is not None:
        rows = rows.filter(is_published=filters.published)
    if filters.q:
        rows = rows.filter(Q(title__icontains=filters.q) | Q(reference__icontains=filters.q))
    return rows


def _detailed():
    return projects().prefetch_related(
        Prefetch("funding_awards", FundingAward.objects.select_related("funder")),
        "milestones",
        "risks",
        Prefetch("savings", Saving.objects.select_related("organisation")),
    )


def _with_figures(project: Project, basis_query: BasisQuery) -> Project:
    """Attach the project's savings figures on the requested basis (computed by the roll-ups, as on its page)."""
    basis = rollups.Basis.from_params(basis_query.dict())
    project.figures = rollups.savings_totals(rollups.amounts_for(Project.objects.filter(pk=project.pk)), basis)
    project.basis = basis_query.dict()
    return project


@router.post("/projects", response={201: ProjectDetailOut, **CHANGE_ERRORS}, summary="Create a project")
def create_project(request, payload: ProjectIn):
    """The programme team creates any project; a council editor creates projects their council leads."""
    user = writer(request)
    if not can_write_anything(user):
        raise PermissionDenied("You can view projects but not create them")
    data = payload.dict()
    data["reference"] = data["reference"].strip()
    _check_reference(data["reference"])
    lead = organisation(data.pop("lead_organisation"), "lead_organisation")
    if not is_programme_team(user) and lead.pk not in editor_organisation_ids(user):
        raise PermissionDenied("You can create projects only for an organisation you are an editor of")
    project = services.create_project(Project(**_fields(user, data)), lead)
    return Status(201, _with_figures(_detailed().get(pk=project.pk), BasisQuery()))


@router.get("/projects/{reference}", response={200: ProjectDetailOut, 404: ApiError}, summary="Fetch a project")
def get_project(request, reference: str, basis: Query[BasisQuery]):
    """The project with its participants, funding awards, milestones, risks, savings and savings figures."""
    return _with_figures(fetch(_detailed(), request, reference=reference), basis)


@router.patch("/projects/{reference}", response={200: ProjectDetailOut, **CHANGE_ERRORS},
              summary="Change a project")
def update_project(request, reference: str, payload: patch_of(ProjectChange)):
    """Send only the fields to change. Change the lead through the participants endpoints."""
    project = fetch_for_change(projects(), request, reference=reference)
    save(assign(project, _fields(caller(request), changes(payload, ProjectChange), project)))
    return _with_figures(_detailed().get(pk=project.pk), BasisQuery())


@router.delete("/projects/{reference}", response={204: None, 409: ApiError, **CHANGE_ERRORS},
               summary="Delete a project")
def delete_project(request, reference: str):
    """Only a draft (unpublished, unfunded, nothing realised, cited by no published paper) is deleted, with
    everything that belongs to it; anything else is withdrawn instead (409 says why)."""
    delete(fetch_for_change(projects(), request, reference=reference))
    return Status(204, None)


@router.get("/projects/{reference}/history", response={200: list[AuditEntryOut], 404: ApiError},
            summary="A project's audit history")
@paginate(BoundedPages)
def project_history(request, reference: str):
    """Changes to the project and everything that belongs to it (savings, amounts, funding...), newest first."""
    return visible_history(fetch(projects(), request, reference=reference), caller(request))
