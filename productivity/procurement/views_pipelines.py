"""Forward pipelines: the five-year view across councils, a council's pipeline, its plans, exports and UK1 notice.

A council's members see its pipeline before it is published; everyone else sees it once published, and
anyone outside it is told it does not exist (404) until then. Its editors change it.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from productivity.accounts.roles import editor_organisation_ids, is_programme_team, member_organisation_ids
from productivity.core.access import get_for_user
from productivity.core.exports import table_or_download
from productivity.core.fiscal import financial_year_label
from productivity.core.form_pages import confirm_response, done, form_page, form_response, posted, saved
from productivity.organisations.models import Organisation
from productivity.procurement import ocds, pipeline_exports, pipeline_services, pipelines, uk1
from productivity.procurement.models import Pipeline, PlannedProcurement, PlannedSpend
from productivity.procurement.pipeline_forms import PipelineSettingsForm, PlanForm, WithdrawPlanForm
from productivity.procurement.pipeline_tables import UK1_COLUMNS, pipeline_list_columns, plan_columns, year_columns

HOME = {"text": "Home", "href": "/"}
PIPELINES = {"text": "Procurement pipelines", "href": "/procurement/pipelines/"}


def _may_change(user, organisation) -> bool:
    return is_programme_team(user) or organisation.pk in editor_organisation_ids(user)


def _pipeline_seen(request, slug) -> tuple[Organisation, Pipeline | None]:
    """The council and its pipeline as ``request.user`` may see it; None for a council's own members when it
    has none yet. 404 for anyone who may not see it."""
    organisation = get_object_or_404(Organisation, slug=slug)
    found = Pipeline.objects.filter(organisation=organisation).first()
    if found is None:
        if is_programme_team(request.user) or organisation.pk in member_organisation_ids(request.user):
            return organisation, None
        raise Http404("Not found")
    return organisation, get_for_user(Pipeline.objects, request.user, pk=found.pk)


def _pipeline_for_write(request, slug) -> Pipeline:
    organisation, found = _pipeline_seen(request, slug)
    if not _may_change(request.user, organisation):
        raise PermissionDenied("You can view this pipeline but not change it.")
    return found or pipeline_services.pipeline_of(organisation)


def _crumbs(organisation) -> list[dict]:
    return [HOME, PIPELINES, {"text": organisation.name,
                              "href": reverse("procurement:pipeline", args=[organisation.slug])}]


def pipelines_view(request):
    """Every pipeline the visitor may see: planned spend in each of the next five financial years, and review."""
    years = pipelines.window()
    seen = Pipeline.objects.visible_to(request.user).select_related("organisation")
    spend = PlannedSpend.objects.visible_to(request.user)
    by_council = pipelines.year_views_by_council(spend, years)
    live = PlannedProcurement.objects.visible_to(request.user).live()
    counts = {}
    for organisation_id in live.values_list("pipeline__organisation", flat=True):
        counts[organisation_id] = counts.get(organisation_id, 0) + 1
    rows = [(p.organisation, by_council.get(p.organisation_id, pipelines.YearView(years)),
             counts.get(p.organisation_id, 0), pipelines.review(p)) for p in seen]
    table, download = table_or_download(request, rows, pipeline_list_columns(years), "procurement-pipelines",
                                        per_page=None)
    if download:
        return download
    return render(request, "procurement/pipelines.html", {
        "title": "Procurement pipelines", "table": table, "years": years,
        "overall": pipelines.year_view(spend, years), "year_labels": [financial_year_label(y) for y in years],
        "breadcrumbs": [HOME, {"text": "Procurement", "href": "/procurement/"}, {"text": "Pipelines"}],
    })


def _export(request, organisation, plans, uri_suffix: str = ""):
    try:
        text = pipeline_exports.ocds_text(organisation, plans, uri=pipeline_exports.package_uri(organisation,
                                                                                                 uri_suffix))
    except ocds.ExportRefused as refused:
        return render(request, "procurement/export_refused.html", {
            "title": "This export does not meet the OCDS schema", "organisation": organisation,
            "reasons": refused.reasons, "breadcrumbs": _crumbs(organisation)}, status=422)
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{organisation.slug}-pipeline-ocds{uri_suffix}.json"'
    return response


def pipeline_view(request, slug):
    """A council's pipeline: its review, its five-year profile, its plans, with CSV, XLSX and OCDS downloads."""
    organisation, found = _pipeline_seen(request, slug)
    editable = _may_change(request.user, organisation)
    plans = pipelines.plans_with_spend(PlannedProcurement.objects.filter(pipeline=found)) if found else \
        PlannedProcurement.objects.none()
    if request.GET.get("format") == "ocds":
        if found is None:
            raise Http404("Not found")
        return _export(request, organisation, plans.order_by("reference"))
    table, download = table_or_download(request, plans, plan_columns(editable), f"{organisation.name}-pipeline",
                                        default_sort="tender_on")
    if download:
        return download
    years = pipelines.window()
    spend = PlannedSpend.objects.filter(procurement__pipeline=found) if found else PlannedSpend.objects.none()
    five_years = pipelines.year_view(spend, years)
    return render(request, "procurement/pipeline.html", {
        "title": f"{organisation.name}: procurement pipeline", "organisation": organisation, "pipeline": found,
        "table": table, "editable": editable, "review": pipelines.review(found) if found else None,
        "years_table": [(organisation, five_years)], "year_columns": year_columns(years), "five_years": five_years,
        "breadcrumbs": [HOME, PIPELINES, {"text": organisation.name}],
    })


@login_required
@form_page
def plan_create(request, slug):
    pipeline = _pipeline_for_write(request, slug)
    form = PlanForm(posted(request)[0], pipeline=pipeline, initial={"status": "planned"})
    plan = saved(request, form, lambda f: f.save_plan())
    back = reverse("procurement:pipeline", args=[slug])
    if plan:
        return done(request, f"Plan {plan.reference} added to the pipeline", back)
    return form_response(request, form, title="Add a planned procurement", caption=pipeline.organisation.name,
                         submit="Add plan", back=back, breadcrumbs=_crumbs(pipeline.organisation))


def _plan(pipeline, pk) -> PlannedProcurement:
    return get_object_or_404(PlannedProcurement.objects.filter(pipeline=pipeline), pk=pk)


@login_required
@form_page
def plan_edit(request, slug, pk):
    pipeline = _pipeline_for_write(request, slug)
    plan = _plan(pipeline, pk)
    back = reverse("procurement:pipeline", args=[slug])
    if plan.status == "withdrawn":
        return _withdrawn(request, pipeline, plan, back)
    form = PlanForm(posted(request)[0], instance=plan, pipeline=pipeline)
    changed = saved(request, form, lambda f: f.save_plan())
    if changed:
        return done(request, f"Plan {changed.reference} changed", back)
    return form_response(request, form, title=f"Change {plan.reference}", caption=pipeline.organisation.name,
                         back=back, breadcrumbs=_crumbs(pipeline.organisation))


def _withdrawn(request, pipeline, plan, back):
    """A withdrawn plan is kept as it was withdrawn: the page says so and offers nothing to press."""
    facts = [("Plan", str(plan)), ("Reason", plan.withdrawal_reason)]
    if plan.withdrawn_on:
        facts.insert(1, ("Withdrawn on", f"{plan.withdrawn_on:%-d %B %Y}"))
    return confirm_response(request, WithdrawPlanForm(), title=f"{plan.reference} was withdrawn",
                            caption=pipeline.organisation.name, back=back, button="", facts=facts,
                            breadcrumbs=_crumbs(pipeline.organisation),
                            refusal="A withdrawn plan is kept as it was withdrawn, with its reason: add a new plan "
                                    "if the procurement comes back")


@login_required
@form_page
def plan_withdraw(request, slug, pk):
    pipeline = _pipeline_for_write(request, slug)
    plan = _plan(pipeline, pk)
    back = reverse("procurement:pipeline", args=[slug])
    if plan.status == "withdrawn":
        return _withdrawn(request, pipeline, plan, back)
    form = WithdrawPlanForm(posted(request)[0])
    if saved(request, form, lambda f: pipeline_services.withdraw(
            plan, f.cleaned_data["reason"])):
        return done(request, f"Plan {plan.reference} withdrawn: it stays in the pipeline's record with its reason",
                    back)
    return form_response(request, form, title=f"Withdraw {plan.reference}", caption=pipeline.organisation.name,
                         submit="Withdraw plan", back=back, breadcrumbs=_crumbs(pipeline.organisation),
                         facts=[("Plan", str(plan)), ("Estimated value", pipelines.value_text(plan))])


@login_required
@form_page
def pipeline_settings(request, slug):
    pipeline = _pipeline_for_write(request, slug)
    initial = {"is_published": pipeline.is_published, "last_reviewed_on": pipeline.last_reviewed_on}
    form = PipelineSettingsForm(posted(request)[0], initial=initial)
    if pipeline.expected_spend_year == form.year:
        form.initial["expected_spend"] = pipeline.expected_spend

    def write(f):
        pipeline.is_published = f.cleaned_data["is_published"]
        pipeline.expected_spend = f.cleaned_data["expected_spend"]
        pipeline.expected_spend_year = form.year if pipeline.expected_spend is not None else None
        pipeline.save()
        reviewed = f.cleaned_data["last_reviewed_on"]
        if reviewed and reviewed != pipeline.last_reviewed_on:
            pipeline_services.mark_reviewed(pipeline, reviewed)
        return pipeline

    back = reverse("procurement:pipeline", args=[slug])
    if saved(request, form, write):
        return done(request, "Pipeline settings saved", back)
    return form_response(request, form, title="Publish and review the pipeline", caption=pipeline.organisation.name,
                         back=back, breadcrumbs=_crumbs(pipeline.organisation))


def uk1_view(request, slug):
    """The UK1 pipeline notice for a financial year: must the council publish, by when, and which plans."""
    organisation, found = _pipeline_seen(request, slug)
    if found is None:
        raise Http404("Not found")
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = pipelines.this_financial_year()
    year = min(max(year, 2000), 2100)
    plans = pipelines.plans_with_spend(PlannedProcurement.objects.filter(pipeline=found))
    notice = uk1.check(found, plans, year)
    if request.GET.get("format") == "ocds":
        included = [v.plan for v in notice.with_outcome(uk1.IN)]
        return _export(request, organisation, included, f"-uk1-{year}")
    table, download = table_or_download(request, notice.verdicts, UK1_COLUMNS,
                                        f"{organisation.name}-uk1-{notice.label}", per_page=None)
    if download:
        return download
    return render(request, "procurement/uk1.html", {
        "title": f"{organisation.name}: UK1 pipeline notice for {notice.label}", "organisation": organisation,
        "notice": notice, "table": table, "year": year, "years": [year - 1, year, year + 1], "uk1": uk1,
        "today": timezone.localdate(),
        "breadcrumbs": _crumbs(organisation),
    })
