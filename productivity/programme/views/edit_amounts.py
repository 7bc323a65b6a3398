"""Pages for a saving's amounts by financial year: record, change, delete, verify, audit, and the evidence."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.views.decorators.http import require_GET

from productivity.accounts.roles import is_programme_team
from productivity.core.access import get_for_user
from productivity.core.form_pages import confirm_response, done, form_page, form_response, posted, saved
from productivity.core.formatting import govuk_date, money
from productivity.programme import services
from productivity.programme.forms import AmountForm, ConfirmForm
from productivity.programme.models import Evidence, Project, Saving, SavingAmount
from productivity.programme.queries import CHECKED
from productivity.programme.views.form_pages import (
    deleted,
    project_caption,
    project_crumbs,
    project_for_write,
    project_url,
    refused_deletion,
)


def _saving_facts(saving: Saving) -> list[tuple[str, str]]:
    baseline = (f"{money(saving.baseline_value)} on {govuk_date(saving.baseline_date)}" if saving.has_baseline
                else "Not recorded: record it on the saving before recording a realised amount")
    return [("Saving", saving.title), ("Council", saving.organisation.name), ("Baseline", baseline)]


def _amount_facts(amount: SavingAmount) -> list[tuple[str, str]]:
    facts = [("Saving", amount.saving.title), ("Financial year", amount.year_label),
             ("Kind", amount.get_kind_display()), ("Amount", money(amount.amount, pence=True)),
             ("Delivery cost", money(amount.delivery_cost, pence=True))]
    if amount.kind == "realised":
        # Links, so that whoever verifies or audits the amount can open the evidence from this page.
        files = format_html_join(", ", '<a class="govuk-link" href="{}">{}</a>', (
            (reverse("programme:evidence-download", args=[amount.saving.project.reference, e.pk]), e.original_name)
            for e in amount.evidence.all()))
        facts += [("Evidence", amount.evidence_notes or "No notes"), ("Evidence files", files or "None"),
                  ("Entered by", str(amount.entered_by or "Not known")),
                  ("Verification", amount.get_verification_display())]
        if amount.verified_by:
            facts.append(("Verified by", f"{amount.verified_by} on {govuk_date(amount.verified_at)}"))
    return facts


def _amount_for_write(request, reference: str, pk: int) -> tuple[Project, SavingAmount]:
    project = project_for_write(request, reference)
    amounts = SavingAmount.objects.filter(saving__project=project).select_related(
        "saving__organisation", "saving__project", "entered_by", "verified_by")
    amount = get_object_or_404(amounts, pk=pk)
    if amount.verification in CHECKED and not is_programme_team(request.user):
        raise PermissionDenied(f"This amount is {amount.get_verification_display().lower()}: "
                               f"{services.CHECKED_ONLY_BY_PROGRAMME}")
    return project, amount


def _record(request, saving: Saving, form: AmountForm, instance: SavingAmount | None = None) -> SavingAmount:
    data = form.cleaned_data
    amount = services.record_amount(
        saving, financial_year=data["financial_year"], kind=data["kind"], amount=data["amount"],
        delivery_cost=data["delivery_cost"], evidence_notes=data["evidence_notes"], user=request.user,
        instance=instance,
    )
    if data.get("evidence_file"):
        services.add_evidence(amount, data["evidence_file"], user=request.user)
    return amount


@login_required
@form_page
def amount_create(request, reference, saving_pk):
    project = project_for_write(request, reference)
    saving = get_object_or_404(project.savings.select_related("organisation"), pk=saving_pk)
    form = AmountForm(*posted(request), saving=saving)
    amount = saved(request, form, lambda f: _record(request, saving, f))
    if amount:
        return done(request, f"{amount.get_kind_display()} amount for {amount.year_label} recorded",
                    project_url(project, f"saving-{saving.pk}"))
    return form_response(request, form, title="Record an amount", submit="Record amount",
                         caption=project_caption(project), facts=_saving_facts(saving),
                         back=project_url(project, f"saving-{saving.pk}"), breadcrumbs=project_crumbs(project))


@login_required
@form_page
def amount_edit(request, reference, pk):
    project, amount = _amount_for_write(request, reference, pk)
    form = AmountForm(*posted(request), saving=amount.saving, instance=amount)
    if saved(request, form, lambda f: _record(request, amount.saving, f, instance=amount)):
        return done(request, "Amount changed", project_url(project, f"saving-{amount.saving_id}"))
    return form_response(request, form, title="Change amount", caption=project_caption(project),
                         facts=_saving_facts(amount.saving), back=project_url(project, f"saving-{amount.saving_id}"),
                         breadcrumbs=project_crumbs(project))


@login_required
@form_page
def amount_delete(request, reference, pk):
    project, amount = _amount_for_write(request, reference, pk)
    refused = refused_deletion(request, amount, caption=project_caption(project), facts=_amount_facts(amount),
                               back=project_url(project, f"saving-{amount.saving_id}"),
                               breadcrumbs=project_crumbs(project))
    if refused:
        return refused
    form = ConfirmForm(posted(request)[0])
    if saved(request, form, lambda f: deleted(amount)):
        return done(request, "Amount deleted", project_url(project, f"saving-{amount.saving_id}"))
    return confirm_response(request, form, title="Are you sure you want to delete this amount?",
                            caption=project_caption(project), button="Delete amount", facts=_amount_facts(amount),
                            back=project_url(project, f"saving-{amount.saving_id}"),
                            breadcrumbs=project_crumbs(project))


@login_required
@form_page
def amount_verify(request, reference, pk):
    project, amount = _amount_for_write(request, reference, pk)
    form = ConfirmForm(posted(request)[0])
    if saved(request, form, lambda f: services.verify_amount(amount, request.user)):
        return done(request, f"Realised amount for {amount.year_label} verified", project_url(project, f"amount-{pk}"))
    refusal = services.why_not_verify(amount, request.user)
    return confirm_response(request, form, title="Verify this realised amount", caption=project_caption(project),
                            button="Verify amount", destructive=False, facts=_amount_facts(amount),
                            warning="Verify the amount only if its evidence shows the saving was made. "
                                    "Someone other than the person who entered it must verify it.",
                            refusal=f"{refusal}." if refusal and not form.errors else "",
                            back=project_url(project, f"amount-{pk}"), breadcrumbs=project_crumbs(project))


@login_required
@form_page
def amount_audit(request, reference, pk):
    project, amount = _amount_for_write(request, reference, pk)
    if not is_programme_team(request.user):
        raise PermissionDenied("Only the programme team records audits.")
    form = ConfirmForm(posted(request)[0])
    if saved(request, form, lambda f: services.audit_amount(amount, request.user)):
        return done(request, f"Realised amount for {amount.year_label} recorded as audited",
                    project_url(project, f"amount-{pk}"))
    return confirm_response(request, form, title="Record that this amount has been audited",
                            caption=project_caption(project), button="Record audit", destructive=False,
                            facts=_amount_facts(amount), back=project_url(project, f"amount-{pk}"),
                            breadcrumbs=project_crumbs(project))


@login_required
@require_GET
def evidence_download(request, reference, pk):
    project = get_for_user(Project.objects, request.user, reference=reference)
    evidence = get_object_or_404(Evidence.objects.filter(amount__saving__project=project), pk=pk)
    try:
        handle = evidence.file.open("rb")
    except OSError as exc:  # the record outlived its file: say so rather than fail
        raise Http404("The evidence file is missing") from exc
    return FileResponse(handle, as_attachment=True, filename=evidence.original_name)


urlpatterns = [
    path("projects/<str:reference>/savings/<int:saving_pk>/amounts/new/", amount_create, name="amount-create"),
    path("projects/<str:reference>/amounts/<int:pk>/edit/", amount_edit, name="amount-edit"),
    path("projects/<str:reference>/amounts/<int:pk>/delete/", amount_delete, name="amount-delete"),
    path("projects/<str:reference>/amounts/<int:pk>/verify/", amount_verify, name="amount-verify"),
    path("projects/<str:reference>/amounts/<int:pk>/audit/", amount_audit, name="amount-audit"),
    path("projects/<str:reference>/evidence/<int:pk>/", evidence_download, name="evidence-download"),
]
