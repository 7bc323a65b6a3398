"""The JSON API of the supplier review queue: proposed matches, and confirming (merging) or rejecting them.

The same rules as the pages (views_suppliers.py) and the same decisions (suppliers.merge, suppliers.reject):
a council's people see the proposals touching a supplier it pays and its editors decide them; the programme
team sees and decides all; anyone else gets 404 for a proposal, and anonymous callers 401.
"""

import datetime as dt
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import ConfigDict

from productivity.accounts.api_auth import fetch, fetch_for_change, signed_in, writer
from productivity.core.api.errors import CHANGE_ERRORS, CONFLICT, NOT_FOUND, ApiError
from productivity.core.api.fields import text
from productivity.core.paging import BoundedPages
from productivity.procurement import suppliers
from productivity.procurement.models import MatchProposal, SupplierMerge

router = Router(tags=["Procurement supplier matches"])

Status = Literal["pending", "confirmed", "rejected", "superseded"]


class SupplierRef(Schema):
    id: int
    name: str
    companies_house_number: str
    vat_number: str
    charity_number: str


class MergeOut(Schema):
    supplier_id: int = Field(..., description="The merged supplier, kept with this link")
    into_id: int = Field(..., description="The supplier it now is")
    lines_moved: int = Field(..., description="Spend lines re-pointed by the merge")
    merged_at: dt.datetime


class MatchOut(Schema):
    id: int
    supplier: SupplierRef = Field(..., description="The newly seen supplier")
    candidate: SupplierRef = Field(..., description="The supplier already in the register it may be")
    score: str = Field(..., description="How alike the names are, 0 to 100")
    status: Status
    status_label: str
    proposed_at: dt.datetime
    decided_at: dt.datetime | None
    reason: str = Field(..., description="Why it was confirmed or rejected")
    merge: MergeOut | None = Field(None, description="For a confirmed proposal: the merge it made")

    @staticmethod
    def resolve_score(proposal) -> str:
        return f"{proposal.score:f}"

    @staticmethod
    def resolve_status_label(proposal) -> str:
        return proposal.get_status_display()

    @staticmethod
    def resolve_merge(proposal):
        if proposal.status != MatchProposal.Status.CONFIRMED:
            return None
        return SupplierMerge.objects.filter(proposal=proposal).first()


class MatchFilters(Schema):
    status: Status | Literal["all"] = Field("pending", description="Which proposals: the undecided by default")
    q: str | None = Field(None, max_length=200, description="Words in either supplier's name")


class DecisionIn(Schema):
    """A decision's body. A field the endpoint does not take is refused, not silently ignored."""

    model_config = ConfigDict(extra="forbid")

    reason: text(max_length=500) = Field("", description="Why (optional): the same Companies House number, say")


DECISION_RESPONSES = {200: MatchOut, **CONFLICT, **CHANGE_ERRORS}


def _proposals():
    return MatchProposal.objects.select_related("supplier", "candidate")


@router.get("/supplier-matches", response=list[MatchOut], summary="List proposed supplier matches")
@paginate(BoundedPages)
def list_matches(request, filters: Query[MatchFilters]):
    """The proposals you may see (your councils' suppliers; the programme team: all), the most alike first."""
    rows = _proposals().visible_to(signed_in(request, "Sign in or send an API token to see the review queue"))
    if filters.status != "all":
        rows = rows.filter(status=filters.status)
    if filters.q:
        rows = rows.filter(supplier__name__icontains=filters.q) | rows.filter(candidate__name__icontains=filters.q)
    return rows.order_by("-score", "pk")


@router.get("/supplier-matches/{proposal_id}", response={200: MatchOut, 401: ApiError, **NOT_FOUND},
            summary="Fetch a proposed supplier match")
def get_match(request, proposal_id: int):
    signed_in(request, "Sign in or send an API token to see the review queue")
    return fetch(_proposals(), request, pk=proposal_id)


def _decide(request, proposal_id: int, decision) -> MatchProposal:
    proposal = fetch_for_change(_proposals(), request, pk=proposal_id)
    try:
        decision(proposal, writer(request))
    except suppliers.Refused as refusal:
        raise HttpError(409, str(refusal)) from refusal
    return _proposals().get(pk=proposal.pk)


@router.post("/supplier-matches/{proposal_id}/confirm", response=DECISION_RESPONSES,
             summary="Confirm a proposed supplier match (merge)")
def confirm_match(request, proposal_id: int, payload: DecisionIn):
    """The two are one supplier: the newly seen one's spend lines move to the other, and it is kept, linked to
    it. 409 when the proposal was already decided or one of the two has since been merged."""
    return _decide(request, proposal_id, lambda proposal, user: suppliers.merge(proposal, user, payload.reason))


@router.post("/supplier-matches/{proposal_id}/reject", response=DECISION_RESPONSES,
             summary="Reject a proposed supplier match")
def reject_match(request, proposal_id: int, payload: DecisionIn):
    """The two are different suppliers: remembered, and never proposed again. 409 when already decided."""
    return _decide(request, proposal_id, lambda proposal, user: suppliers.reject(proposal, user, payload.reason))
