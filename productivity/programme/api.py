from ninja import Router, Schema

from productivity.programme.models import Workstream

router = Router()


class WorkstreamOut(Schema):
    slug: str
    name: str
    description: str


@router.get("/workstreams", response=list[WorkstreamOut], summary="List workstreams")
def list_workstreams(request):
    return Workstream.objects.all()
