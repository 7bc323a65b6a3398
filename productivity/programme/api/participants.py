"""The organisations taking part in a project: one lead and any number of partners."""

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Router, Status

from productivity.accounts.api_auth import fetch, fetch_for_change
from productivity.core.api.errors import CHANGE_ERRORS, ApiError
from productivity.programme import services
from productivity.programme.api.common import organisation
from productivity.programme.api.payloads import ParticipantChange, ParticipantIn
from productivity.programme.api.schemas import ParticipantOut
from productivity.programme.models import Project

router = Router(tags=["Participants"])


def _participant(project: Project, slug: str):
    participant = project.participants.select_related("organisation").filter(organisation__slug=slug).first()
    if participant is None:
        raise Http404(f"{slug} does not take part in {project.reference}")
    return participant


@router.get("/projects/{reference}/participants", response={200: list[ParticipantOut], 404: ApiError},
            summary="List a project's participants")
def list_participants(request, reference: str):
    project = fetch(Project.objects, request, reference=reference)
    return project.participants.select_related("organisation")


@router.post("/projects/{reference}/participants", response={201: ParticipantOut, **CHANGE_ERRORS},
             summary="Add a participant to a project")
def add_participant(request, reference: str, payload: ParticipantIn):
    """Adding the lead makes the old lead a partner."""
    project = fetch_for_change(Project.objects, request, reference=reference)
    member = organisation(payload.organisation, "organisation")
    if project.participants.filter(organisation=member).exists():
        raise ValidationError({"organisation": f"{member} already takes part in {project.reference}: "
                                               "change its role instead"})
    return Status(201, services.set_participant(project, member, payload.role))


@router.patch("/projects/{reference}/participants/{organisation}", response={200: ParticipantOut, **CHANGE_ERRORS},
              summary="Change a participant's role")
def change_participant(request, reference: str, organisation: str, payload: ParticipantChange):
    """Making an organisation the lead makes the old lead a partner."""
    project = fetch_for_change(Project.objects, request, reference=reference)
    participant = _participant(project, organisation)
    return services.set_participant(project, participant.organisation, payload.role)


@router.delete("/projects/{reference}/participants/{organisation}", response={204: None, **CHANGE_ERRORS},
               summary="Remove a participant from a project")
def remove_participant(request, reference: str, organisation: str):
    """A project keeps at least one participant, and one with savings recorded cannot be removed."""
    project = fetch_for_change(Project.objects, request, reference=reference)
    services.remove_participant(_participant(project, organisation))
    return Status(204, None)
