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

from productivity.accounts.roles import is_signed_in, public_name
from productivity.audit.queries import history_for
from productivity.core.access import get_for_user
from productivity.core.forms import apply_errors
from productivity.reports import services
from productivity.reports.forms import SCOPE_HELP, ReportEditForm, ReportStartForm
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


def report_list(request):
    """Published reports with their dates, and the drafts the visitor may see."""
    reports = _reports().visible_to(request.user)
    return render(request, "reports/list.html", {
        "title": "Board reports",
        "published": reports.published(),
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


def report_detail(request, pk: int):
    """The report's details and a preview of the paper; every figure links to the records behind it."""
    report = get_for_user(_reports(), request.user, pk=pk)
    snapshot = snapshot_for(report)
    view = PaperView(snapshot, status=report.status,
                     link=lambda key: reverse("reports:figure", args=[report.pk, key]))
    can_write = Report.objects.editable_by(request.user).filter(pk=report.pk).exists()
    return render(request, "reports/detail.html", {
        "title": report.title, "report": report, "view": view, "snapshot": snapshot,
        "can_edit": can_write and not report.is_published,
        "can_new_draft": report.is_published and services.can_write_scope(request.user, report.scope,
                                                                              report.scope_object),
        "author": person(report.author, request.user), "publisher": person(report.published_by, request.user),
        "history": history_for(report)[:50],
        "breadcrumbs": _crumbs(),
    })


def _draft_for_write(request, pk: int) -> Report | None:
    report = get_for_user(_reports(), request.user, write=True, pk=pk)
    if report.is_published:
        messages.info(request, "This report is published, so it cannot be changed. Start a new draft from it.")
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
                                   narrative=form.narrative())
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
    report = _draft_for_write(request, pk)
    if report is None:
        return redirect("reports:detail", pk)
    if request.method == "POST":
        try:
            services.publish_report(report, user=request.user)
        except PublishedReportError as error:
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
