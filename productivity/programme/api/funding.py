"""Funding awards. The programme team records any award; a council editor records only match funding
from a council they edit for that takes part in the project, as on the pages (programme.forms holds the rule)."""

from django.core.exceptions import PermissionDenied
from ninja import Router, Status
from ninja.pagination import paginate

from productivity.accounts.api_auth import caller, fetch, fetch_for_change
from productivity.accounts.roles import is_programme_team
from productivity.core.api.errors import CHANGE_ERRORS, ApiError
from productivity.core.api.patching import assign, changes, patch_of
from productivity.core.paging import BoundedPages
from productivity.programme.api.common import delete, organisation, save
from productivity.programme.api.history import AuditEntryOut
from productivity.programme.api.payloads import FundingAwardIn
from productivity.programme.api.schemas import FundingAwardOut
from productivity.programme.history import visible_history
from productivity.programme.models import FundingAward, Project
from productivity.programme.rules import match_funders, may_change_award

router = Router(tags=["Funding awards"])
REFUSED = ("Only the programme team records programme funding; a council editor records match funding "
           "from their own council when it takes part in the project")


def _awards():
    return FundingAward.objects.select_related("project", "funder")


def _check(user, award: FundingAward, *, new_funder: bool) -> None:
    """403 unless ``user`` may record this award as it stands; a newly named funder must take part in the project."""
    if is_programme_team(user):
        return
    allowed = may_change_award(user, award)
    if new_funder:
        allowed = allowed and match_funders(user, award.project).filter(pk=award.funder_id).exists()
    if not allowed:
        raise PermissionDenied(REFUSED)


def _fields(data: dict) -> dict:
    if "funder" in data:
        data["funder"] = organisation(data["funder"], "funder")
    return data


@router.get("/projects/{reference}/funding-awards", response={200: list[FundingAwardOut], 404: ApiError},
            summary="List a project's funding awards")
def list_awards(request, reference: str):
    project = fetch(Project.objects, request, reference=reference)
    return _awards().filter(project=project)


@router.post("/projects/{reference}/funding-awards", response={201: FundingAwardOut, **CHANGE_ERRORS},
             summary="Record a funding award")
def create_award(request, reference: str, payload: FundingAwardIn):
    project = fetch_for_change(Project.objects, request, reference=reference)
    award = FundingAward(project=project, **_fields(payload.dict()))
    _check(caller(request), award, new_funder=True)
    return Status(201, save(award))


@router.get("/funding-awards/{award_id}", response={200: FundingAwardOut, 404: ApiError},
            summary="Fetch a funding award")
def get_award(request, award_id: int):
    return fetch(_awards(), request, pk=award_id)


@router.patch("/funding-awards/{award_id}", response={200: FundingAwardOut, **CHANGE_ERRORS},
              summary="Change a funding award")
def update_award(request, award_id: int, payload: patch_of(FundingAwardIn)):
    """Send only the fields to change. The award must be yours to record both before and after the change."""
    award = fetch_for_change(_awards(), request, pk=award_id)
    _check(caller(request), award, new_funder=False)
    payload = changes(payload, FundingAwardIn)
    assign(award, _fields(payload))
    _check(caller(request), award, new_funder="funder" in payload)
    return save(award)


@router.delete("/funding-awards/{award_id}", response={204: None, 409: ApiError, **CHANGE_ERRORS},
               summary="Delete a funding award")
def delete_award(request, award_id: int):
    award = fetch_for_change(_awards(), request, pk=award_id)
    _check(caller(request), award, new_funder=False)
    delete(award)
    return Status(204, None)


@router.get("/funding-awards/{award_id}/history", response={200: list[AuditEntryOut], 404: ApiError},
            summary="A funding award's audit history")
@paginate(BoundedPages)
def funding_award_history(request, award_id: int):
    """Changes to the funding award, newest first."""
    return visible_history(fetch(_awards(), request, pk=award_id), caller(request))
