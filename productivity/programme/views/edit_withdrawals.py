"""Pages that withdraw what others rely on instead of deleting it, restore it, and decide councils' requests.

The programme team withdraws at once; a council's editors ask, and the programme team approves or refuses
(programme.withdrawals). Fetches go through the project (outsiders 404, read-only people 403).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from productivity.accounts.roles import is_programme_team
from productivity.core.access import get_for_user
from productivity.core.form_pages import confirm_response, done, form_page, form_response, posted, saved
from productivity.programme import withdrawals
from productivity.programme.forms import ConfirmForm, DecisionForm, WithdrawForm
from productivity.programme.models import Project, SavingAmount, WithdrawalRequest
from productivity.programme.views.form_pages import project_caption, project_crumbs, project_for_write, project_url


def _record(project: Project, kind: str, pk: int | None):
    """The project itself, or one of its savings, amounts or funding awards (404 if it is not the project's)."""
    if kind == "project":
        return project
    if kind == "amount":
        return get_object_or_404(SavingAmount.objects.filter(saving__project=project).select_related("saving"), pk=pk)
    related = {"saving": project.savings, "award": project.funding_awards}[kind]
    return get_object_or_404(related.all(), pk=pk)


def _anchor(record, kind: str) -> str:
    return {"project": "", "saving": f"saving-{record.pk}", "amount": f"amount-{record.pk}",
            "award": "funding_awards"}[kind]


def _facts(record) -> list[tuple[str, str]]:
    facts = [(record._meta.verbose_name.capitalize(), str(record))]
    if record.is_withdrawn:
        facts += [("Withdrawn on", f"{timezone.localtime(record.withdrawn_at):%-d %B %Y}"),
                  ("Reason", record.withdrawal_reason)]
        if record.withdrawn_by:
            facts.append(("Withdrawn by", str(record.withdrawn_by)))
    return facts


@login_required
@form_page
def withdraw(request, reference, kind, pk=None):
    project = project_for_write(request, reference)
    record = _record(project, kind, pk)
    noun = record._meta.verbose_name
    back = project_url(project, _anchor(record, kind))
    form = WithdrawForm(posted(request)[0])
    outcome = saved(request, form, lambda f: withdrawals.withdraw_or_ask(
        record, reason=f.cleaned_data["reason"], user=request.user))
    if isinstance(outcome, WithdrawalRequest):
        return done(request, f"You asked the programme team to withdraw this {noun}: it counts until they approve",
                    back)
    if outcome is not None:
        return done(request, f"{noun.capitalize()} withdrawn: it no longer counts in the figures", back)
    programme = is_programme_team(request.user)
    return form_response(
        request, form, title=f"Withdraw this {noun}" if programme else f"Ask the programme team to withdraw this "
        f"{noun}", submit=f"Withdraw {noun}" if programme else "Ask to withdraw", caption=project_caption(project),
        facts=_facts(record), back=back, breadcrumbs=project_crumbs(project))


@login_required
@form_page
def restore(request, reference, kind, pk=None):
    project = get_for_user(Project.objects.select_related("initiative__workstream"), request.user,
                           reference=reference)
    if not is_programme_team(request.user):
        raise PermissionDenied("Only the programme team restores withdrawn records.")
    record = _record(project, kind, pk)
    noun = record._meta.verbose_name
    back = project_url(project, _anchor(record, kind))
    form = ConfirmForm(posted(request)[0])
    if saved(request, form, lambda f: withdrawals.restore(record, user=request.user)):
        return done(request, f"{noun.capitalize()} restored: it counts in the figures again", back)
    return confirm_response(request, form, title=f"Restore this {noun}", caption=project_caption(project),
                            button=f"Restore {noun}", destructive=False, facts=_facts(record), back=back,
                            warning="It will count in the figures again. Its history keeps the withdrawal.",
                            breadcrumbs=project_crumbs(project))


@login_required
@form_page
def decide(request, reference, pk):
    project = get_for_user(Project.objects.select_related("initiative__workstream"), request.user,
                           reference=reference)
    if not is_programme_team(request.user):
        raise PermissionDenied("Only the programme team approves or refuses withdrawals.")
    asked = get_object_or_404(project.withdrawal_requests.all(), pk=pk)
    form = DecisionForm(posted(request)[0])

    def decide_it(f):
        note = f.cleaned_data["note"]
        if f.cleaned_data["decision"] == "approve":
            withdrawals.approve_withdrawal(asked, user=request.user, note=note)
        else:
            withdrawals.refuse_withdrawal(asked, user=request.user, note=note)
        return asked

    if saved(request, form, decide_it):
        return done(request, "Withdrawal approved" if form.cleaned_data["decision"] == "approve"
                    else "Withdrawal refused", reverse("programme:withdrawal-requests"))
    facts = [("Record", f"{asked.get_kind_display()}: {asked.record_label}"), ("Reason given", asked.reason),
             ("Asked by", str(asked.requested_by or "Not known")),
             ("Asked on", f"{timezone.localtime(asked.requested_at):%-d %B %Y}"),
             ("State", asked.get_status_display())]
    return form_response(request, form, title="Approve or refuse this withdrawal", submit="Save decision",
                         caption=project_caption(project), facts=facts, back=reverse("programme:withdrawal-requests"),
                         breadcrumbs=project_crumbs(project))


@login_required
@require_GET
def requests_list(request):
    """Requests about projects the reader may see; the programme team's list of what awaits its decision."""
    pending_only = request.GET.get("state", "pending") == "pending"
    rows = WithdrawalRequest.objects.visible_to(request.user).select_related("project")
    if pending_only:
        rows = rows.filter(status=WithdrawalRequest.Status.PENDING)
    return render(request, "programme/edit/withdrawal_requests.html", {
        "title": "Withdrawal requests", "rows": list(rows[:500]), "pending_only": pending_only,
        "may_decide": is_programme_team(request.user),
        "breadcrumbs": [{"text": "Home", "href": "/"}]})


def _pair(segment: str, kind: str, name: str) -> list:
    base = f"projects/<str:reference>/{segment}"
    return [path(f"{base}withdraw/", withdraw, {"kind": kind}, name=f"{name}-withdraw"),
            path(f"{base}restore/", restore, {"kind": kind}, name=f"{name}-restore")]


urlpatterns = [
    *_pair("", "project", "project"),
    *_pair("savings/<int:pk>/", "saving", "saving"),
    *_pair("amounts/<int:pk>/", "amount", "amount"),
    *_pair("funding/<int:pk>/", "award", "funding"),
    path("projects/<str:reference>/withdrawals/<int:pk>/", decide, name="withdrawal-decide"),
    path("withdrawals/", requests_list, name="withdrawal-requests"),
]
