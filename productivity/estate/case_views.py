"""Business case pages: the list, a case with its scenarios side by side, and every create, change and delete.

Reads fetch through core.access (outsiders 404); writes need the lead organisation's editors (403 for those
who only read) and a draft; anonymous visitors sign in first.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from productivity.accounts.roles import editor_organisation_ids, is_programme_team
from productivity.core.access import get_for_user
from productivity.core.exports import download_format, download_response, table_or_download
from productivity.core.form_pages import confirm_response, done, form_page, form_response, posted, saved
from productivity.estate import cases, greenbook
from productivity.estate.case_forms import ActionForm, CaseForm, CaseStartForm, ConfirmForm, ReasonForm, ScenarioForm
from productivity.estate.case_models import Action, BusinessCase, CaseStatus, Scenario
from productivity.estate.case_tables import (
    BASELINE_COLUMNS,
    CASE_COLUMNS,
    RAG_LABELS,
    baseline_rows,
    comparison,
    year_columns,
)
from productivity.estate.models import Asset
from productivity.estate.returns_models import rag_tag
from productivity.organisations.models import Organisation

HOME = {"text": "Home", "href": "/"}
CASES = {"text": "Business cases", "href": "/estate/cases/"}


def case_url(case: BusinessCase, anchor: str = "") -> str:
    return reverse("estate:case", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def _crumbs(case: BusinessCase | None = None) -> list[dict]:
    crumbs = [HOME, CASES]
    return crumbs + ([{"text": case.title, "href": case_url(case)}] if case else [])


def _for_change(request, pk) -> BusinessCase:
    """The case, if the user may change it (404 if they cannot see it, 403 if read-only)."""
    return get_for_user(BusinessCase.objects.select_related("organisation"), request.user, write=True, pk=pk)


def _draft_for_change(request, pk) -> BusinessCase:
    case = _for_change(request, pk)
    if not case.is_draft:
        raise PermissionDenied(f"This case is {case.get_status_display().lower()}: only a draft can be changed.")
    return case


# Reading -------------------------------------------------------------------------------------------------------
def case_list(request):
    visible = BusinessCase.objects.visible_to(request.user).select_related("organisation")
    table, download = table_or_download(request, visible, CASE_COLUMNS, "business-cases", default_sort="title")
    if download:
        return download
    return render(request, "estate/cases.html", {"title": "Business cases and estate strategies", "table": table,
                                                 "breadcrumbs": [HOME]})


def case_detail(request, pk):
    case = get_for_user(BusinessCase.objects.select_related("organisation"), request.user, pk=pk)
    appraised = cases.appraise_case(case)
    base = cases.baseline(case)
    wanted = request.GET.get("table", "")
    if download_format(request) and wanted:
        rows = comparison(appraised)
        if wanted == "comparison":
            return download_response(download_format(request), f"{case.title} scenarios", rows.columns, rows.rows)
        for item in appraised:
            if wanted == f"years-{item.scenario.pk}":
                return download_response(download_format(request), f"{case.title} {item.scenario.name} cash flows",
                                         year_columns(), item.figures.years)
        raise Http404("No such table")
    editable = BusinessCase.objects.editable_by(request.user).filter(pk=case.pk).exists()
    return render(request, "estate/case.html", {
        "title": case.title, "case": case, "appraised": appraised, "comparison": comparison(appraised),
        "baseline": base, "assets": baseline_rows(case), "year_columns": year_columns(),
        "editable": editable, "draft": case.is_draft, "breadcrumbs": [HOME, CASES],
        "baseline_columns": BASELINE_COLUMNS, "rag_tag": rag_tag,
        "rag_keys": {label: key for key, label in RAG_LABELS.items()}, "document_links": _document_links(case),
        "carbon_note": cases.carbon_note(case), "optimism_source": greenbook.OPTIMISM_BIAS_SOURCE,
    })


def _document_links(case: BusinessCase) -> list[tuple[str, str]]:
    """The case's document in each format; the reports app draws it (it sits above the estate)."""
    try:
        return [(label, reverse("reports:business-case", args=[case.pk, fmt]))
                for fmt, label in (("html", "web page"), ("pdf", "PDF"), ("docx", "Word"))]
    except NoReverseMatch:
        return []


# Cases -----------------------------------------------------------------------------------------------------------
def _asset_ids(text: str) -> list[int]:
    ids = []
    for part in text.replace(" ", ",").split(","):
        if part.strip():
            if not part.strip().isdigit():
                return []
            ids.append(int(part))
    return ids[:500]


@login_required
@form_page
def case_start(request):
    """A draft case pre-filled with the assets named in ``?assets=`` (a co-location group), if the user may see
    every one of them."""
    if not is_programme_team(request.user) and not editor_organisation_ids(request.user):
        raise PermissionDenied("Only editors start business cases.")
    source = request.POST if request.method == "POST" else request.GET
    ids = _asset_ids(source.get("assets", ""))
    assets = list(Asset.objects.visible_to(request.user).filter(pk__in=ids).select_related("owner"))
    if len(assets) != len(set(ids)):
        raise Http404("Not found")
    if is_programme_team(request.user):
        organisations = Organisation.objects.filter(pk__in=[a.owner_id for a in assets]) | \
            Organisation.objects.filter(pk__in=editor_organisation_ids(request.user))
    else:
        organisations = Organisation.objects.filter(pk__in=editor_organisation_ids(request.user))
    form = CaseStartForm(posted(request)[0], organisations=organisations.distinct().order_by("name"),
                         initial={"title": _suggested_title(assets), "kind": "business_case"})
    case = saved(request, form, lambda f: cases.start_case(
        organisation=f.cleaned_data["organisation"], user=request.user, title=f.cleaned_data["title"],
        kind=f.cleaned_data["kind"], assets=assets, start_year=f.cleaned_data["start_year"]))
    if case:
        return done(request, "Draft business case started", case_url(case))
    facts = [("Baseline estate", "; ".join(f"{a.name} ({a.owner.name})" for a in assets) or "No assets yet")]
    return _form_with_assets(request, form, ids, title="Start a business case", facts=facts)


def _form_with_assets(request, form, ids, **options):
    from django import forms as django_forms

    form.fields["assets"] = django_forms.CharField(widget=django_forms.HiddenInput, required=False,
                                                   initial=",".join(str(pk) for pk in ids))
    return form_response(request, form, back=reverse("estate:colocation"), breadcrumbs=[HOME, CASES],
                         submit="Start the business case", **options)


def _suggested_title(assets) -> str:
    if not assets:
        return ""
    return f"Co-location: {assets[0].name} and {len(assets) - 1} nearby" if len(assets) > 1 else assets[0].name


@login_required
@form_page
def case_edit(request, pk):
    case = _draft_for_change(request, pk)
    form = CaseForm(posted(request)[0], instance=case)
    if saved(request, form, lambda f: f.save()):
        return done(request, "Business case saved", case_url(case))
    return form_response(request, form, title="Change the business case", back=case_url(case),
                         breadcrumbs=_crumbs(case), caption=case.title)


@login_required
@form_page
def case_delete(request, pk):
    case = _for_change(request, pk)
    form = ConfirmForm(posted(request)[0])
    refusal = "" if case.is_draft else ("Only a draft may be deleted. A submitted or published case is withdrawn "
                                        "with a reason instead, and kept.")
    if not refusal and saved(request, form, lambda f: cases.delete_draft(case) or case):
        return done(request, "Draft business case deleted", reverse("estate:cases"))
    return confirm_response(request, form, title=f"Delete {case.title}?", back=case_url(case),
                            breadcrumbs=_crumbs(case), button="Delete the draft", refusal=refusal,
                            warning="The draft, its scenarios and their actions will be deleted.")


def _status_change(request, pk, *, change, title: str, button: str, message: str):
    case = _for_change(request, pk)
    form = ConfirmForm(posted(request)[0])
    if saved(request, form, lambda f: change(case) or case):
        return done(request, message, case_url(case))
    return confirm_response(request, form, title=title, back=case_url(case), breadcrumbs=_crumbs(case),
                            button=button, destructive=False, caption=case.title)


@login_required
@form_page
def case_submit(request, pk):
    return _status_change(request, pk, change=cases.submit, title="Submit the business case?",
                          button="Submit", message="Business case submitted")


@login_required
@form_page
def case_publish(request, pk):
    return _status_change(request, pk, change=cases.publish, title="Publish the business case?",
                          button="Publish", message="Business case published: anyone can now read it")


@login_required
@form_page
def case_withdraw(request, pk):
    case = _for_change(request, pk)
    form = ReasonForm(posted(request)[0])
    refusal = "" if case.status in (CaseStatus.SUBMITTED, CaseStatus.PUBLISHED) else (
        "Only a submitted or published case is withdrawn; a draft may be deleted.")
    if not refusal and saved(request, form, lambda f: cases.withdraw(case, f.cleaned_data["reason"]) or case):
        return done(request, "Business case withdrawn: it is kept with its reason", case_url(case))
    if refusal:
        return confirm_response(request, form, title="Withdraw the business case", back=case_url(case),
                                breadcrumbs=_crumbs(case), button="Withdraw", refusal=refusal)
    return form_response(request, form, title="Withdraw the business case", back=case_url(case),
                         breadcrumbs=_crumbs(case), caption=case.title, submit="Withdraw the case")


# Scenarios and actions --------------------------------------------------------------------------------------------
@login_required
@form_page
def scenario_create(request, pk):
    case = _draft_for_change(request, pk)
    form = ScenarioForm(posted(request)[0])
    scenario = saved(request, form, lambda f: _save_child(f, case=case))
    if scenario:
        return done(request, "Scenario added", case_url(case, f"scenario-{scenario.pk}"))
    return form_response(request, form, title="Add a scenario", back=case_url(case), breadcrumbs=_crumbs(case),
                         caption=case.title)


def _save_child(form, **parent):
    record = form.save(commit=False)
    for name, value in parent.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    return record


def _scenario_for_change(request, pk) -> Scenario:
    scenario = get_for_user(Scenario.objects.select_related("case"), request.user, write=True, pk=pk)
    if not scenario.case.is_draft:
        raise PermissionDenied("Only a draft case's scenarios can be changed.")
    return scenario


@login_required
@form_page
def scenario_edit(request, pk):
    scenario = _scenario_for_change(request, pk)
    form = ScenarioForm(posted(request)[0], instance=scenario)
    if saved(request, form, lambda f: f.save()):
        return done(request, "Scenario saved", case_url(scenario.case, f"scenario-{scenario.pk}"))
    return form_response(request, form, title="Change the scenario", back=case_url(scenario.case),
                         breadcrumbs=_crumbs(scenario.case), caption=scenario.case.title)


@login_required
@form_page
def scenario_delete(request, pk):
    scenario = _scenario_for_change(request, pk)
    form = ConfirmForm(posted(request)[0])
    if saved(request, form, lambda f: scenario.delete() or scenario):
        return done(request, "Scenario deleted", case_url(scenario.case))
    return confirm_response(request, form, title=f"Delete the scenario {scenario.name}?",
                            back=case_url(scenario.case), breadcrumbs=_crumbs(scenario.case), button="Delete",
                            warning="The scenario and its actions will be deleted.")


def _case_assets(case: BusinessCase, user):
    return case.assets.all() & Asset.objects.visible_to(user)


@login_required
@form_page
def action_create(request, pk):
    scenario = _scenario_for_change(request, pk)
    assets = _case_assets(scenario.case, request.user)
    initial = {"year": 1, "kind": request.GET.get("kind") or "vacate"}
    chosen = assets.filter(pk=request.GET["asset"]).first() if request.GET.get("asset", "").isdigit() else None
    if chosen is not None:
        initial.update(asset=chosen, **cases.action_defaults(initial["kind"], chosen))
    form = ActionForm(posted(request)[0], assets=assets, initial=initial)
    action = saved(request, form, lambda f: _save_child(f, scenario=scenario))
    if action:
        return done(request, "Action added", case_url(scenario.case, f"scenario-{scenario.pk}"))
    return render(request, "estate/action_form.html", {
        "title": "Add an action", "form": form, "form_has_errors": bool(form.errors), "scenario": scenario,
        "assets": assets, "kinds": Action._meta.get_field("kind").choices, "chosen": chosen,
        "back": case_url(scenario.case), "breadcrumbs": _crumbs(scenario.case), "prefill": True,
    })


def _action_for_change(request, pk) -> Action:
    action = get_for_user(Action.objects.select_related("scenario__case"), request.user, write=True, pk=pk)
    if not action.scenario.case.is_draft:
        raise PermissionDenied("Only a draft case's actions can be changed.")
    return action


@login_required
@form_page
def action_edit(request, pk):
    action = _action_for_change(request, pk)
    case = action.scenario.case
    form = ActionForm(posted(request)[0], instance=action, assets=_case_assets(case, request.user))
    if saved(request, form, lambda f: f.save()):
        return done(request, "Action saved", case_url(case, f"scenario-{action.scenario_id}"))
    return form_response(request, form, title="Change the action", back=case_url(case), breadcrumbs=_crumbs(case),
                         caption=f"{case.title}: {action.scenario.name}")


@login_required
@form_page
def action_delete(request, pk):
    action = _action_for_change(request, pk)
    case = action.scenario.case
    form = ConfirmForm(posted(request)[0])
    if saved(request, form, lambda f: action.delete() or action):
        return done(request, "Action deleted", case_url(case, f"scenario-{action.scenario_id}"))
    return confirm_response(request, form, title=f"Delete the action {action}?", back=case_url(case),
                            breadcrumbs=_crumbs(case), button="Delete")

