"""Risks: what could stop a project delivering, how likely and how bad, and what is being done about it."""

from ninja import Router, Status
from ninja.pagination import paginate

from productivity.accounts.api_auth import caller, fetch, fetch_for_change
from productivity.core.api.errors import CHANGE_ERRORS, ApiError
from productivity.core.api.patching import assign, changes, patch_of
from productivity.core.paging import BoundedPages
from productivity.programme.api.common import delete, save
from productivity.programme.api.history import AuditEntryOut
from productivity.programme.api.payloads import RiskIn
from productivity.programme.api.schemas import RiskOut
from productivity.programme.history import visible_history
from productivity.programme.models import Project, Risk

router = Router(tags=["Risks"])


def _risks():
    return Risk.objects.select_related("project")


@router.get("/projects/{reference}/risks", response={200: list[RiskOut], 404: ApiError},
            summary="List a project's risks")
def list_risks(request, reference: str):
    project = fetch(Project.objects, request, reference=reference)
    return _risks().filter(project=project)


@router.post("/projects/{reference}/risks", response={201: RiskOut, **CHANGE_ERRORS}, summary="Add a risk")
def create_risk(request, reference: str, payload: RiskIn):
    project = fetch_for_change(Project.objects, request, reference=reference)
    return Status(201, save(Risk(project=project, **payload.dict())))


@router.get("/risks/{risk_id}", response={200: RiskOut, 404: ApiError}, summary="Fetch a risk")
def get_risk(request, risk_id: int):
    return fetch(_risks(), request, pk=risk_id)


@router.patch("/risks/{risk_id}", response={200: RiskOut, **CHANGE_ERRORS}, summary="Change a risk")
def update_risk(request, risk_id: int, payload: patch_of(RiskIn)):
    """Send only the fields to change."""
    risk = fetch_for_change(_risks(), request, pk=risk_id)
    return save(assign(risk, changes(payload, RiskIn)))


@router.delete("/risks/{risk_id}", response={204: None, **CHANGE_ERRORS}, summary="Delete a risk")
def delete_risk(request, risk_id: int):
    delete(fetch_for_change(_risks(), request, pk=risk_id))
    return Status(204, None)


@router.get("/risks/{risk_id}/history", response={200: list[AuditEntryOut], 404: ApiError},
            summary="A risk's audit history")
@paginate(BoundedPages)
def risk_history(request, risk_id: int):
    """Changes to the risk, newest first."""
    return visible_history(fetch(_risks(), request, pk=risk_id), caller(request))
