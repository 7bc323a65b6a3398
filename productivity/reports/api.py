"""Board reports over the API: list, create, fetch, change the narrative, publish, and fetch the figures.

Permissions are the pages': anonymous callers read published, unrestricted reports; writes need a
token or a session (401), outsiders get 404 and people who may read but not write get 403.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from productivity.accounts.api_auth import api_user, caller, fetch, fetch_for_change, writer
from productivity.accounts.roles import is_signed_in, public_name
from productivity.core.api.errors import CHANGE_ERRORS, CONFLICT, NOT_FOUND
from productivity.core.paging import BoundedPages
from productivity.reports import services
from productivity.reports.models import Marking, PaperStatus, PublishedReportError, Report
from productivity.reports.scope import scope_target
from productivity.reports.snapshot import ledger_of, snapshot_for

router = Router()


class ReportOut(Schema):
    id: int
    title: str
    template: str
    scope: str
    scope_name: str
    target: str | None = Field(None, description="Slug of the workstream, initiative or council; null for the "
                                                 "whole programme")
    as_at: dt.date
    status: str
    restricted: bool
    author: str | None
    published_at: dt.datetime | None
    previous: int | None = Field(None, description="The published report this one was compared with")
    meeting: str
    meeting_date: dt.date | None
    agenda_item: str
    paper_status: str = Field(..., description="decision, discussion or information")
    marking: str = Field(..., description="Security marking: OFFICIAL or OFFICIAL-SENSITIVE")
    contact: dict[str, str] = Field(..., description="The contact officer: name, position, phone, email")
    submitted_at: dt.datetime | None
    cleared_at: dt.datetime | None
    corrects: int | None = Field(None, description="The published paper this one corrects")
    correction: str = Field("", description="What this version corrects")
    superseded_by: int | None = Field(None, description="The published correction that superseded this paper")
    narrative: dict[str, str]
    links: dict[str, str]

    @staticmethod
    def resolve_contact(report: Report) -> dict[str, str]:
        return {"name": report.contact_name, "position": report.contact_position, "phone": report.contact_phone,
                "email": report.contact_email}

    @staticmethod
    def resolve_corrects(report: Report) -> int | None:
        return report.corrects_id

    @staticmethod
    def resolve_superseded_by(report: Report) -> int | None:
        correction = report.superseded_by
        return correction.pk if correction else None

    @staticmethod
    def resolve_target(report: Report) -> str | None:
        return getattr(report.scope_object, "slug", None)

    @staticmethod
    def resolve_restricted(report: Report) -> bool:
        return report.is_restricted

    @staticmethod
    def resolve_author(report: Report, context) -> str | None:
        if report.author is None:
            return None
        # The public sees the organisation a person acted for, never their name.
        return str(report.author) if is_signed_in(api_user(context["request"])) else public_name(report.author)

    @staticmethod
    def resolve_previous(report: Report) -> int | None:
        return report.previous_id

    @staticmethod
    def resolve_narrative(report: Report) -> dict[str, str]:
        return report.narrative()

    @staticmethod
    def resolve_links(report: Report) -> dict[str, str]:
        return {
            "page": reverse("reports:detail", args=[report.pk]),
            "figures": reverse("api:report_figures", args=[report.pk]),
            **{fmt: reverse("reports:download", args=[report.pk, fmt]) for fmt in ("html", "pdf", "docx")},
        }


class ReportIn(Schema):
    template: str = Field("programme-update", description="programme-update or initiative-progress")
    scope: str = Field("programme", description="programme, workstream, initiative or council")
    target: str | None = Field(None, description="Slug of the workstream or initiative, or the council's slug or "
                                                 "GSS code; leave out for the whole programme")
    as_at: dt.date = Field(..., description="Reporting date: figures as they stood at the end of this day")
    title: str = ""
    restricted: bool = False
    narrative: dict[str, str] = Field(default_factory=dict, description="Section key -> text")


class ReportChange(Schema):
    title: str | None = None
    as_at: dt.date | None = None
    restricted: bool | None = None
    narrative: dict[str, str] | None = None
    meeting: str | None = Field(None, max_length=200)
    meeting_date: dt.date | None = Field(None, description="Send null to remove the meeting's date")
    agenda_item: str | None = Field(None, max_length=20)
    paper_status: PaperStatus | None = None
    marking: Marking | None = None
    contact_name: str | None = Field(None, max_length=150)
    contact_position: str | None = Field(None, max_length=150)
    contact_phone: str | None = Field(None, max_length=40)
    contact_email: str | None = Field(None, max_length=254)
    correction: str | None = Field(None, description="For a corrected version: what it corrects")


class CorrectionIn(Schema):
    correction: str = Field(..., min_length=1, description="What the corrected version corrects")


class ReturnIn(Schema):
    reason: str = ""


class ReportFilters(Schema):
    status: str | None = Field(None, description="draft or published")
    scope: str | None = None


ERRORS = {**CHANGE_ERRORS, **CONFLICT}


def _reports():
    return Report.objects.select_related("workstream", "initiative", "organisation", "author").prefetch_related(
        "sections")


@router.get("", response=list[ReportOut], summary="List board reports")
@paginate(BoundedPages, max_page_size=200)
def list_reports(request, filters: Query[ReportFilters]):
    """Reports the caller may read, newest reporting date first."""
    reports = _reports().visible_to(caller(request))
    if filters.status:
        reports = reports.filter(status=filters.status)
    if filters.scope:
        reports = reports.filter(scope=filters.scope)
    return reports


@router.post("", response={201: ReportOut, **ERRORS}, summary="Start a board report (a draft)")
def create_report(request, payload: ReportIn):
    user = writer(request)
    target = scope_target(payload.scope, payload.target)
    if payload.scope != "programme" and target is None:
        raise ValidationError({"target": f"No {payload.scope} has the slug or code '{payload.target or ''}'"})
    report = services.create_report(user=user, template=payload.template, scope=payload.scope, target=target,
                                    as_at=payload.as_at, title=payload.title, restricted=payload.restricted,
                                    narrative=payload.narrative)
    return Status(201, _reports().get(pk=report.pk))


@router.get("/{report_id}", response={200: ReportOut, **NOT_FOUND}, summary="Fetch a board report")
def get_report(request, report_id: int):
    return fetch(_reports(), request, pk=report_id)


@router.patch("/{report_id}", response={200: ReportOut, **ERRORS}, summary="Change a draft's title, date or narrative")
def update_report(request, report_id: int, payload: ReportChange):
    report = fetch_for_change(_reports(), request, pk=report_id)
    given = payload.dict(exclude_unset=True)
    paper_fields = {name: given[name] for name in services.PAPER_FIELDS if name in given}
    for name, value in list(paper_fields.items()):
        if value is None and name != "meeting_date":
            del paper_fields[name]  # null leaves a text field as it is
        elif hasattr(value, "value"):
            paper_fields[name] = value.value
    try:
        services.update_report(report, title=payload.title, as_at=payload.as_at, restricted=payload.restricted,
                               narrative=payload.narrative, **paper_fields)
    except (PublishedReportError, services.ClearanceError) as error:
        raise HttpError(409, str(error)) from error
    return _reports().get(pk=report.pk)


def _step(request, report_id: int, action, *, write: bool = True):
    user = writer(request)
    report = (fetch_for_change if write else fetch)(_reports(), request, pk=report_id)
    try:
        result = action(report, user)
    except (PublishedReportError, services.ClearanceError) as error:
        raise HttpError(409, str(error)) from error
    return _reports().get(pk=result.pk)


@router.post("/{report_id}/submit", response={200: ReportOut, **ERRORS}, summary="Submit a draft for clearance")
def submit_report(request, report_id: int):
    return _step(request, report_id, lambda report, user: services.submit_report(report, user=user))


@router.post("/{report_id}/clear", response={200: ReportOut, **ERRORS},
             summary="Clear a submitted paper (a programme-team member other than its author)")
def clear_report(request, report_id: int):
    return _step(request, report_id, lambda report, user: services.clear_report(report, user=user), write=False)


@router.post("/{report_id}/return", response={200: ReportOut, **ERRORS},
             summary="Return a submitted or cleared paper to draft")
def return_report(request, report_id: int, payload: ReturnIn):
    return _step(request, report_id, lambda report, user: services.return_to_draft(
        report, user=user, reason=payload.reason), write=False)


@router.post("/{report_id}/correct", response={201: ReportOut, **ERRORS},
             summary="Start a corrected version of a published paper")
def correct_report(request, report_id: int, payload: CorrectionIn):
    user = writer(request)
    report = fetch(_reports(), request, pk=report_id)
    if not services.can_write_scope(user, report.scope, report.scope_object):
        raise PermissionDenied("You cannot write reports of this scope.")
    try:
        draft = services.start_correction(report, user=user, correction=payload.correction)
    except services.ClearanceError as error:
        raise HttpError(409, str(error)) from error
    return Status(201, _reports().get(pk=draft.pk))


@router.post("/{report_id}/publish", response={200: ReportOut, **ERRORS},
             summary="Publish a cleared paper: freeze the figures")
def publish_report(request, report_id: int):
    return _step(request, report_id, lambda report, user: services.publish_report(report, user=user))


@router.get("/{report_id}/figures", response={200: dict, **NOT_FOUND}, url_name="report_figures",
            summary="Fetch a report's figures, tables and charts")
def report_figures(request, report_id: int, records: bool = False):
    """The frozen snapshot of a published report, or a draft's figures computed now. Money and counts are
    strings; ``records=true`` adds the ledger of records behind the figures (published reports only)."""
    report = fetch(_reports(), request, pk=report_id)
    snapshot = dict(snapshot_for(report))
    if not records:
        snapshot.pop("ledger", None)
    elif "ledger" in snapshot:
        snapshot["ledger"] = ledger_of(snapshot)  # as computed, however it is stored
    return {"report": report.pk, "status": report.status, **snapshot}

