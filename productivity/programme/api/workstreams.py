"""Workstreams: the programme's three "big win" strands. Everyone may read them; they change in the admin."""

from ninja import Router
from ninja.pagination import paginate

from productivity.accounts.api_auth import caller, fetch
from productivity.core.api.errors import ApiError
from productivity.core.paging import BoundedPages
from productivity.programme.api.history import AuditEntryOut
from productivity.programme.api.schemas import WorkstreamOut
from productivity.programme.history import visible_history
from productivity.programme.models import Workstream

router = Router(tags=["Workstreams"])


@router.get("/workstreams", response=list[WorkstreamOut], summary="List workstreams")
@paginate(BoundedPages)
def list_workstreams(request):
    """The workstreams in the order the programme presents them."""
    return Workstream.objects.visible_to(caller(request))


@router.get("/workstreams/{slug}", response={200: WorkstreamOut, 404: ApiError}, summary="Fetch a workstream")
def get_workstream(request, slug: str):
    return fetch(Workstream.objects, request, slug=slug)


@router.get("/workstreams/{slug}/history", response={200: list[AuditEntryOut], 404: ApiError},
            summary="A workstream's audit history")
@paginate(BoundedPages)
def workstream_history(request, slug: str):
    """Changes to the workstream and to the initiatives in it that the caller may see, newest first."""
    workstream = fetch(Workstream.objects, request, slug=slug)
    return visible_history(workstream, caller(request))
