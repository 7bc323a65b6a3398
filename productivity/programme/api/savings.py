"""The benefits register: each saving (or dis-benefit) with its owner, measure, class and baseline."""

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from productivity.accounts.api_auth import caller, fetch, fetch_for_change, writer
from productivity.core.api.errors import CHANGE_ERRORS, ApiError
from productivity.core.api.patching import assign, changes, patch_of
from productivity.core.paging import BoundedPages
from productivity.programme.api.choices import BenefitClass
from productivity.programme.api.common import delete, organisation, save
from productivity.programme.api.double_counts import visible_double_counts
from productivity.programme.api.history import AuditEntryOut
from productivity.programme.api.payloads import SavingIn
from productivity.programme.api.schemas import SavingDetailOut, SavingOut
from productivity.programme.history import visible_history
from productivity.programme.models import AmountKind, Project, Saving, SavingAmount
from productivity.programme.service_headings import service_heading

router = Router(tags=["Savings"])


class SavingFilters(Schema):
    reference: str | None = Field(None, description="A saving's reference, for example ASC-001-S01 (ignoring case)")
    project: str | None = Field(None, description="A project's reference")
    council: str | None = Field(None, description="The slug of the council the saving accrues to")
    workstream: str | None = Field(None, description="A workstream's slug")
    initiative: str | None = Field(None, description="An initiative's slug")
    service: str | None = Field(None, description="A service heading, for example Adult social care (or another "
                                "name for it, such as Property and assets for Central services)")
    benefit_class: BenefitClass | None = None
    disbenefit: bool | None = Field(None, description="true for dis-benefits only, false for benefits only")


def _savings():
    return Saving.objects.select_related("project", "organisation")


def _fields(project: Project, data: dict, saving: Saving | None = None) -> dict:
    """Payload fields as model values, with the pages' rules: the saving accrues to an organisation taking
    part in the project, and a saving with realised amounts keeps its baseline."""
    if "organisation" in data:
        council = organisation(data["organisation"], "organisation")
        unchanged = saving is not None and council.pk == saving.organisation_id
        if not unchanged and not project.participants.filter(organisation=council).exists():
            raise ValidationError({"organisation": f"{council} does not take part in {project.reference}: "
                                                   "add it as a participant first"})
        data["organisation"] = council
    removing = {"baseline_value", "baseline_date"} & {name for name, value in data.items() if value is None}
    if removing and saving is not None and saving.amounts.filter(kind=AmountKind.REALISED).exists():
        raise ValidationError({"baseline_date": "This saving has realised amounts, so it must keep its baseline "
                                                "value and date"})
    return data


def _detail(saving: Saving, user) -> Saving:
    """Attach the saving's amounts and the double-counting flags the caller may see."""
    amounts = SavingAmount.objects.filter(saving=saving).select_related(
        "saving__project", "entered_by", "verified_by", "audited_by").prefetch_related("evidence")
    saving.amounts_list = list(amounts)
    saving.possible_double_counts = visible_double_counts([saving], user).get(saving.pk, [])
    return saving


@router.get("/savings", response=list[SavingOut], summary="List savings")
@paginate(BoundedPages)
def list_savings(request, filters: Query[SavingFilters]):
    """The savings of the projects the caller may see."""
    rows = _savings().visible_to(caller(request))
    if filters.reference:
        rows = rows.filter(reference__iexact=filters.reference.strip())
    if filters.project:
        rows = rows.filter(project__reference=filters.project)
    if filters.council:
        rows = rows.filter(organisation__slug=filters.council)
    if filters.workstream:
        rows = rows.filter(project__initiative__workstream__slug=filters.workstream)
    if filters.initiative:
        rows = rows.filter(project__initiative__slug=filters.initiative)
    if filters.service:
        rows = rows.filter(service__iexact=service_heading(filters.service) or filters.service)
    if filters.benefit_class:
        rows = rows.filter(benefit_class=filters.benefit_class)
    if filters.disbenefit is not None:
        rows = rows.filter(is_disbenefit=filters.disbenefit)
    return rows


@router.post("/projects/{reference}/savings", response={201: SavingDetailOut, **CHANGE_ERRORS},
             summary="Add a saving to a project")
def create_saving(request, reference: str, payload: SavingIn):
    """Record its baseline (value and date) now or later: it must exist before any realised amount."""
    project = fetch_for_change(Project.objects, request, reference=reference)
    saving = save(Saving(project=project, created_by=writer(request), **_fields(project, payload.dict())))
    return Status(201, _detail(saving, caller(request)))


@router.get("/savings/{saving_id}", response={200: SavingDetailOut, 404: ApiError}, summary="Fetch a saving")
def get_saving(request, saving_id: int):
    """The saving with its amounts by financial year and any possible double counting."""
    return _detail(fetch(_savings(), request, pk=saving_id), caller(request))


@router.patch("/savings/{saving_id}", response={200: SavingDetailOut, **CHANGE_ERRORS}, summary="Change a saving")
def update_saving(request, saving_id: int, payload: patch_of(SavingIn)):
    """Send only the fields to change."""
    saving = fetch_for_change(_savings(), request, pk=saving_id)
    data = _fields(saving.project, changes(payload, SavingIn), saving)
    return _detail(save(assign(saving, data)), caller(request))


@router.delete("/savings/{saving_id}", response={204: None, 409: ApiError, **CHANGE_ERRORS},
               summary="Delete a saving")
def delete_saving(request, saving_id: int):
    """A saving with realised amounts is withdrawn instead (409 says so); the audit trail keeps a record."""
    delete(fetch_for_change(_savings(), request, pk=saving_id))
    return Status(204, None)


@router.get("/savings/{saving_id}/history", response={200: list[AuditEntryOut], 404: ApiError},
            summary="A saving's audit history")
@paginate(BoundedPages)
def saving_history(request, saving_id: int):
    """Changes to the saving, newest first. Its amounts' changes are in its project's history."""
    return visible_history(fetch(_savings(), request, pk=saving_id), caller(request))
