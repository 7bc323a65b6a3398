"""Milestones: what a project will have done, and by when."""

from ninja import Router, Status
from ninja.pagination import paginate

from productivity.accounts.api_auth import caller, fetch, fetch_for_change
from productivity.core.api.errors import CHANGE_ERRORS, ApiError
from productivity.core.api.patching import assign, changes, patch_of
from productivity.core.paging import BoundedPages
from productivity.programme.api.common import delete, save
from productivity.programme.api.history import AuditEntryOut
from productivity.programme.api.payloads import MilestoneIn
from productivity.programme.api.schemas import MilestoneOut
from productivity.programme.history import visible_history
from productivity.programme.models import Milestone, Project

router = Router(tags=["Milestones"])


def _milestones():
    return Milestone.objects.select_related("project")


@router.get("/projects/{reference}/milestones", response={200: list[MilestoneOut], 404: ApiError},
            summary="List a project's milestones")
def list_milestones(request, reference: str):
    project = fetch(Project.objects, request, reference=reference)
    return _milestones().filter(project=project)


@router.post("/projects/{reference}/milestones", response={201: MilestoneOut, **CHANGE_ERRORS},
             summary="Add a milestone")
def create_milestone(request, reference: str, payload: MilestoneIn):
    project = fetch_for_change(Project.objects, request, reference=reference)
    return Status(201, save(Milestone(project=project, **payload.dict())))


@router.get("/milestones/{milestone_id}", response={200: MilestoneOut, 404: ApiError}, summary="Fetch a milestone")
def get_milestone(request, milestone_id: int):
    return fetch(_milestones(), request, pk=milestone_id)


@router.patch("/milestones/{milestone_id}", response={200: MilestoneOut, **CHANGE_ERRORS}, summary="Change a milestone")
def update_milestone(request, milestone_id: int, payload: patch_of(MilestoneIn)):
    """Send only the fields to change."""
    milestone = fetch_for_change(_milestones(), request, pk=milestone_id)
    return save(assign(milestone, changes(payload, MilestoneIn)))


@router.delete("/milestones/{milestone_id}", response={204: None, **CHANGE_ERRORS}, summary="Delete a milestone")
def delete_milestone(request, milestone_id: int):
    delete(fetch_for_change(_milestones(), request, pk=milestone_id))
    return Status(204, None)


@router.get("/milestones/{milestone_id}/history", response={200: list[AuditEntryOut], 404: ApiError},
            summary="A milestone's audit history")
@paginate(BoundedPages)
def milestone_history(request, milestone_id: int):
    """Changes to the milestone, newest first."""
    return visible_history(fetch(_milestones(), request, pk=milestone_id), caller(request))
