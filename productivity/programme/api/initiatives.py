"""Initiatives: the programmes of work inside a workstream. Only the programme team changes them."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from productivity.accounts.api_auth import caller, fetch, fetch_for_change, require_programme_team, writer
from productivity.core.api.errors import CHANGE_ERRORS, ApiError
from productivity.core.api.patching import assign, changes, patch_of
from productivity.core.paging import BoundedPages
from productivity.programme.api.common import delete, save
from productivity.programme.api.history import AuditEntryOut
from productivity.programme.api.payloads import InitiativeChange, InitiativeIn
from productivity.programme.api.schemas import InitiativeOut
from productivity.programme.history import visible_history
from productivity.programme.models import Initiative, Workstream

router = Router(tags=["Initiatives"])


class InitiativeFilters(Schema):
    workstream: str | None = None
    published: bool | None = None


def _workstream(slug: str) -> Workstream:
    workstream = Workstream.objects.filter(slug=slug).first()
    if workstream is None:
        raise ValidationError({"workstream": f"There is no workstream '{slug}'"})
    return workstream


def _initiatives():
    return Initiative.objects.select_related("workstream")


@router.get("/initiatives", response=list[InitiativeOut], summary="List initiatives")
@paginate(BoundedPages)
def list_initiatives(request, filters: Query[InitiativeFilters]):
    """Initiatives the caller may see (published ones, or all for the programme team), by workstream."""
    initiatives = _initiatives().visible_to(caller(request))
    if filters.workstream:
        initiatives = initiatives.filter(workstream__slug=filters.workstream)
    if filters.published is not None:
        initiatives = initiatives.filter(is_published=filters.published)
    return initiatives


@router.post("/initiatives", response={201: InitiativeOut, **CHANGE_ERRORS}, summary="Create an initiative")
def create_initiative(request, payload: InitiativeIn):
    """Programme team only."""
    require_programme_team(writer(request), "create initiatives")
    data = payload.dict()
    data["workstream"] = _workstream(data["workstream"])
    data["slug"] = data["slug"] or slugify(data["name"])[:80]
    if data["name"].strip() and not data["slug"]:
        raise ValidationError({"slug": "The name has no letters or numbers to make a slug from: send a slug"})
    return Status(201, save(Initiative(**data)))


@router.get("/initiatives/{slug}", response={200: InitiativeOut, 404: ApiError}, summary="Fetch an initiative")
def get_initiative(request, slug: str):
    return fetch(_initiatives(), request, slug=slug)


@router.patch("/initiatives/{slug}", response={200: InitiativeOut, **CHANGE_ERRORS}, summary="Change an initiative")
def update_initiative(request, slug: str, payload: patch_of(InitiativeChange)):
    """Send only the fields to change. Programme team only."""
    initiative = fetch_for_change(_initiatives(), request, slug=slug)
    payload = changes(payload, InitiativeChange)
    if "workstream" in payload:
        payload["workstream"] = _workstream(payload["workstream"])
    return save(assign(initiative, payload))


@router.delete("/initiatives/{slug}", response={204: None, 409: ApiError, **CHANGE_ERRORS},
               summary="Delete an initiative")
def delete_initiative(request, slug: str):
    """Only an initiative without projects can be deleted. Programme team only."""
    delete(fetch_for_change(_initiatives(), request, slug=slug))
    return Status(204, None)


@router.get("/initiatives/{slug}/history", response={200: list[AuditEntryOut], 404: ApiError},
            summary="An initiative's audit history")
@paginate(BoundedPages)
def initiative_history(request, slug: str):
    """Changes to the initiative, newest first."""
    return visible_history(fetch(_initiatives(), request, slug=slug), caller(request))
