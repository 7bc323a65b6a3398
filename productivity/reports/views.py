"""Board report pages: list, start, preview, write the narrative, publish, start a new draft.

Every fetch goes through core.access: outsiders get 404, people who may look but not write get 403.
Downloads and the records behind each figure are in downloads.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from productivity.accounts.roles import is_programme_team, is_signed_in, public_name
from productivity.audit.queries import history_for
from productivity.core.access import get_for_user
from productivity.core.forms import apply_errors
from productivity.core.page_cache import cached_page
from productivity.reports import services
from productivity.reports.downloads import superseded_mark
from productivity.reports.forms import SCOPE_HELP, CorrectionForm, ReportEditForm, ReportStartForm
from productivity.reports.layouts import LAYOUTS
from productivity.reports.models import PublishedReportError, Report
from productivity.reports.render.html import PaperView
from productivity.reports.snapshot import snapshot_for

LIST_CRUMBS = [{"text": "Home", "href": "/"}]


def _crumbs(report: Report | None = None) -> list[dict]:
    crumbs = [*LIST_CRUMBS, {"text": "Board reports", "href": reverse("reports:list")}]
    if report is not None:
        crumbs.append({"text": report.title, "href": reverse("reports:detail", args=[report.pk])})
    return crumbs


def person(user, viewer) -> str:
    """A person as the viewer may see them: by name when signed in, by their organisation to the public."""
    if user is None:
        return ""
    return str(user) if is_signed_in(viewer) else public_name(user)


def _reports():
    return Report.objects.select_related("workstream", "initiative", "organisation", "author", "published_by")


@cached_page
def report_list(request):
    """Published reports with their dates, and the drafts the visitor may see."""
    reports = _reports().visible_to(request.user)
    return render(request, "reports/list.html", {
        "title": "Board reports",
        "published": reports.published(),
        "superseded": set(reports.published().exclude(pk__in=reports.current()).values_list("pk", flat=True)),
        "drafts": reports.drafts(),
        "can_create": services.can_create_reports(request.user),
        "breadcrumbs": LIST_CRUMBS,
    })


@login_required
def report_start(request):
    if not services.can_create_reports(request.user):
        raise PermissionDenied("Only the programme team and council editors write board reports.")
    form = ReportStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.create_report(user=request.user, template=data["template"], scope=data["scope"],
                                            target=form.target, as_at=data["as_at"], title=data["title"],
                                            restricted=data["restricted"])
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Draft created. Write its narrative, then preview and publish it.")
            return redirect("reports:detail", report.pk)
    return render(request, "reports/start.html", {
        "title": "Start a board report", "form": form, "form_has_errors": bool(form.errors),
        "layouts": LAYOUTS, "scope_help": SCOPE_HELP, "breadcrumbs": _crumbs(),
    })


def _actions(request, report: Report) -> dict:
    """What the visitor may do next with the paper, and why not when a step is theirs to take but refused."""
    user = request.user
    can_write = services.may_write(user, report)
    waiting = report.status in {Report.Status.SUBMITTED, Report.Status.CLEARED}
    can_write_scope = services.can_write_scope(user, report.scope, report.scope_object)
    superseded_by = report.superseded_by
    pending = report.corrections.exclude(status=Report.Status.PUBLISHED).first() if report.is_published else None
    clear_refusal = services.why_not_clear(user, report) if report.status == Report.Status.SUBMITTED else None
    return {
        "can_edit": can_write and report.is_draft,
        "can_submit": can_write and report.is_draft,
        "can_return": waiting and (can_write or is_programme_team(user)),
        "can_clear": report.status == Report.Status.SUBMITTED and clear_refusal is None,
        # Only a programme-team member who may not clear (the author, the submitter) is told why.
        "clear_refusal": clear_refusal if is_programme_team(user) else None,
        "can_publish": can_write and report.status == Report.Status.CLEARED,
        "can_new_draft": report.is_published and can_write_scope,
        "can_correct": report.is_published and superseded_by is None and pending is None and can_write_scope,
        "superseded_by": superseded_by, "pending_correction": pending,
    }


@cached_page
def report_detail(request, pk: int):
    """The report's details and a preview of the paper; every figure links to the records behind it."""
    report = get_for_user(_reports(), request.user, pk=pk)
    snapshot = snapshot_for(report)
    actions = _actions(request, report)
    view = PaperView(snapshot, status=report.status, superseded=superseded_mark(report),
                     link=lambda key: reverse("reports:figure", args=[report.pk, key]))
    return render(request, "reports/detail.html", {
        "title": report.title, "report": report, "view": view, "snapshot": snapshot, **actions,
        "author": person(report.author, request.user), "publisher": person(report.published_by, request.user),
        "submitter": person(report.submitted_by, request.user), "clearer": person(report.cleared_by, request.user),
        "history": history_for(report)[:50],
        "breadcrumbs": _crumbs(),
    })


def _draft_for_write(request, pk: int) -> Report | None:
    report = get_for_user(_reports(), request.user, write=True, pk=pk)
    if report.is_published:
        messages.info(request, "This report is published, so it cannot be changed. Start a new draft from it.")
        return None
    if not report.is_draft:
        messages.info(request, "This paper is with the clearer. Return it to draft to change it.")
        return None
    return report


@login_required
def report_edit(request, pk: int):
    report = _draft_for_write(request, pk)
    if report is None:
        return redirect("reports:detail", pk)
    form = ReportEditForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_report(report, title=data["title"], as_at=data["as_at"], restricted=data["restricted"],
                                   narrative=form.narrative(), **form.paper_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Report saved.")
            return redirect("reports:detail", report.pk)
    return render(request, "reports/edit.html", {
        "title": "Edit the report", "report": report, "form": form, "form_has_errors": bool(form.errors),
        "breadcrumbs": _crumbs(report),
    })


@login_required
def report_publish(request, pk: int):
    report = get_for_user(_reports(), request.user, write=True, pk=pk)
    if report.status != Report.Status.CLEARED:
        messages.info(request, "This paper has already been published." if report.is_published else
                      "A paper is published once a second member of the programme team has cleared it.")
        return redirect("reports:detail", pk)
    if request.method == "POST":
        try:
            services.publish_report(report, user=request.user)
        except (PublishedReportError, services.ClearanceError) as error:
            messages.info(request, str(error))
        else:
            messages.success(request, "Report published. Its figures are now frozen as they stand today.")
        return redirect("reports:detail", report.pk)
    return render(request, "reports/publish.html", {
        "title": "Publish the report", "report": report, "breadcrumbs": _crumbs(report),
        "public": not report.is_restricted,
    })


@login_required
def report_new_draft(request, pk: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    report = get_for_user(_reports(), request.user, pk=pk)
    if not services.can_write_scope(request.user, report.scope, report.scope_object):
        raise PermissionDenied("You cannot write reports of this scope.")
    draft = services.new_draft_from(report, user=request.user)
    messages.success(request, "New draft started from the published report, dated today.")
    return redirect("reports:detail", draft.pk)


def _step(request, pk: int, action, done: str, *, write: bool = True):
    """A clearance step posted from the report's page: do it, say so, and go back to the page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    report = get_for_user(_reports(), request.user, write=write, pk=pk)
    try:
        action(report)
    except (services.ClearanceError, PublishedReportError) as error:
        messages.info(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("reports:detail", report.pk)


@login_required
def report_submit(request, pk: int):
    return _step(request, pk, lambda r: services.submit_report(r, user=request.user),
                 "Submitted for clearance. A second member of the programme team will clear it for publication.")


@login_required
def report_clear(request, pk: int):
    # The clearer need not be able to write the paper (a council's paper is cleared by the programme team), but
    # must see it: outsiders get 404, and anyone who may not clear it 403 with the reason.
    return _step(request, pk, lambda r: services.clear_report(r, user=request.user),
                 "Cleared for publication. Its writers can now publish it.", write=False)


@login_required
def report_return(request, pk: int):
    return _step(request, pk, lambda r: services.return_to_draft(r, user=request.user,
                                                                 reason=request.POST.get("reason", "")),
                 "Returned to draft. It can be changed, and must be submitted and cleared again.", write=False)


@login_required
def report_correct(request, pk: int):
    """Start a corrected version of a published paper, saying what it corrects."""
    report = get_for_user(_reports(), request.user, pk=pk)
    if not services.can_write_scope(request.user, report.scope, report.scope_object):
        raise PermissionDenied("You cannot write reports of this scope.")
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.start_correction(report, user=request.user, correction=form.cleaned_data["correction"])
        except ValidationError as error:
            apply_errors(form, error)
        except services.ClearanceError as error:
            messages.info(request, str(error))
            return redirect("reports:detail", report.pk)
        else:
            messages.success(request, "Corrected version started. Check it, then submit it for clearance; once "
                                      "published it supersedes the original, which is kept.")
            return redirect("reports:detail", draft.pk)
    return render(request, "reports/correct.html", {
        "title": "Correct a published paper", "report": report, "form": form, "form_has_errors": bool(form.errors),
        "breadcrumbs": _crumbs(report),
    })
