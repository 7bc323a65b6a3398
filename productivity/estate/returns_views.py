"""Pages for partnerships, their projects and quarterly returns, the outputs roll-ups, selection rounds, and
changing an asset by hand (edit, delete an unpublished one, withdraw a published one)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from productivity.accounts.roles import editor_organisation_ids, is_programme_team
from productivity.core.access import get_for_user
from productivity.core.exports import download_format, table_download, table_or_download
from productivity.core.form_pages import confirm_response, done, form_page, form_response, posted, saved
from productivity.core.forms import apply_errors
from productivity.core.tables import build_table
from productivity.estate import assets as asset_services
from productivity.estate import partnerships as partnership_services
from productivity.estate import return_rollups, returns, selection
from productivity.estate.models import Asset
from productivity.estate.returns_forms import (
    ApplicationForm,
    AssetForm,
    ConfirmForm,
    EstateProjectForm,
    FiguresForm,
    MemberForm,
    PartnershipForm,
    ReasonForm,
    ReturnForm,
    ScoreForm,
)
from productivity.estate.returns_models import (
    Application,
    EstateProject,
    Measure,
    Partnership,
    PartnershipMember,
    QuarterlyReturn,
    ReturnFigure,
    SelectionRound,
)
from productivity.estate.returns_queries import may_manage_members
from productivity.estate.returns_tables import (
    ACCURACY_COLUMNS,
    FIGURE_COLUMNS,
    PARTNERSHIP_COLUMNS,
    RANKING_COLUMNS,
    RETURN_COLUMNS,
    output_columns,
    output_rows,
    plain,
)
from productivity.organisations.models import Organisation

HOME = {"text": "Home", "href": "/"}
PARTNERSHIPS = {"text": "Partnerships", "href": "/estate/partnerships/"}


def _crumbs(partnership=None):
    crumbs = [HOME, PARTNERSHIPS]
    if partnership is not None:
        crumbs.append({"text": partnership.name, "href": reverse("estate:partnership", args=[partnership.slug])})
    return crumbs


# Partnerships -------------------------------------------------------------------------------------------------


def partnership_list(request):
    rows = Partnership.objects.visible_to(request.user).select_related("lead", "programme_project")
    table, download = table_or_download(request, rows, PARTNERSHIP_COLUMNS, "partnerships", default_sort="name")
    if download:
        return download
    return render(request, "estate/partnerships.html", {
        "title": "Partnerships", "table": table, "may_create": is_programme_team(request.user),
        "breadcrumbs": [HOME],
    })


def partnership_detail(request, slug):
    partnership = get_for_user(Partnership.objects.select_related("lead", "programme_project"), request.user,
                               slug=slug)
    visible_returns = QuarterlyReturn.objects.visible_to(request.user).filter(partnership=partnership)
    figures = ReturnFigure.objects.visible_to(request.user).filter(quarterly_return__partnership=partnership)
    rows = output_rows({partnership.pk: return_rollups.outputs(figures)}, lambda _key: partnership.name)
    if download_format(request):
        if request.GET.get("table") == "returns":
            return table_download(request, visible_returns, RETURN_COLUMNS, f"{partnership.slug} returns")
        return table_download(request, rows, output_columns("Partnership"), f"{partnership.slug} outputs")
    outputs_table = build_table(request, rows, output_columns(None), per_page=None)
    outputs_table.query = {**outputs_table.query, "table": "outputs"}
    returns_table = build_table(request, visible_returns, RETURN_COLUMNS, per_page=None)
    returns_table.query = {**returns_table.query, "table": "returns"}
    runs = Partnership.objects.run_by(request.user).filter(pk=partnership.pk).exists()
    return render(request, "estate/partnership.html", {
        "title": partnership.name, "partnership": partnership,
        "members": partnership.members.select_related("organisation"),
        "projects": partnership.projects.select_related("running_cost_saving__project",
                                                        "receipts_saving__project"),
        "outputs_table": outputs_table, "returns_table": returns_table,
        "may_edit": is_programme_team(request.user), "may_manage": may_manage_members(request.user, partnership),
        "runs": runs, "breadcrumbs": _crumbs(),
    })


@login_required
@form_page
def partnership_create(request):
    if not is_programme_team(request.user):
        raise PermissionDenied("Only the programme team creates partnerships.")
    form = PartnershipForm(posted(request)[0])
    partnership = saved(request, form, lambda f: partnership_services.create(f.save(commit=False)))
    if partnership:
        return done(request, f"Partnership ‘{partnership.name}’ created",
                    reverse("estate:partnership", args=[partnership.slug]))
    return form_response(request, form, title="Create a partnership", submit="Create partnership",
                         back=reverse("estate:partnerships"), breadcrumbs=_crumbs())


@login_required
@form_page
def partnership_edit(request, slug):
    partnership = get_for_user(Partnership.objects, request.user, write=True, slug=slug)
    form = PartnershipForm(posted(request)[0], instance=partnership)
    changed = saved(request, form, lambda f: partnership_services.change(f.save(commit=False)))
    if changed:
        return done(request, "Partnership changed", reverse("estate:partnership", args=[changed.slug]))
    return form_response(request, form, title="Change partnership", caption=partnership.name,
                         back=reverse("estate:partnership", args=[slug]), breadcrumbs=_crumbs(partnership))


def _managed(request, slug) -> Partnership:
    partnership = get_for_user(Partnership.objects, request.user, slug=slug)
    if not may_manage_members(request.user, partnership):
        raise PermissionDenied("Only the lead council's admins and the programme team manage the members.")
    return partnership


@login_required
@form_page
def member_add(request, slug):
    partnership = _managed(request, slug)
    form = MemberForm(posted(request)[0], partnership=partnership)
    member = saved(request, form, lambda f: partnership_services.add_member(partnership, f.cleaned_data[
        "organisation"]))
    back = reverse("estate:partnership", args=[slug])
    if member:
        return done(request, f"{member.organisation.name} added to the partnership", back)
    return form_response(request, form, title="Add a partner body", caption=partnership.name, submit="Add",
                         back=back, breadcrumbs=_crumbs(partnership))


@login_required
@form_page
def member_remove(request, slug, pk):
    partnership = _managed(request, slug)
    member = get_object_or_404(PartnershipMember.objects.select_related("organisation"), partnership=partnership,
                               pk=pk)
    form = ConfirmForm(posted(request)[0])
    back = reverse("estate:partnership", args=[slug])
    if request.method == "POST":
        try:
            partnership_services.remove_member(member)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return done(request, f"{member.organisation.name} removed from the partnership", back)
    return confirm_response(request, form, title=f"Remove {member.organisation.name} from the partnership?",
                            caption=partnership.name, back=back, button="Remove",
                            warning="It will no longer see the other members' unpublished assets, nor they its.",
                            breadcrumbs=_crumbs(partnership))


def _run(request, slug) -> Partnership:
    """A partnership whose projects and returns the user writes (its lead council's editors, the programme)."""
    partnership = get_for_user(Partnership.objects, request.user, slug=slug)
    if not Partnership.objects.run_by(request.user).filter(pk=partnership.pk).exists():
        raise PermissionDenied("Only the lead council's editors and the programme team write its projects and "
                               "returns.")
    return partnership


@login_required
@form_page
def project_create(request, slug, pk=None):
    partnership = _run(request, slug)
    instance = get_object_or_404(EstateProject, partnership=partnership, pk=pk) if pk else None
    form = EstateProjectForm(posted(request)[0], instance=instance, partnership=partnership,
                             may_link=is_programme_team(request.user))
    project = saved(request, form, lambda f: returns.save_project(f.save(commit=False), user=request.user))
    back = reverse("estate:partnership", args=[slug])
    if project:
        return done(request, f"Project {project.reference} saved", back + "#projects")
    return form_response(request, form, title="Change the project" if pk else "Add a project",
                         caption=partnership.name, back=back, breadcrumbs=_crumbs(partnership))


# Returns ------------------------------------------------------------------------------------------------------


@login_required
@form_page
def return_create(request, slug):
    partnership = _run(request, slug)
    form = ReturnForm(posted(request)[0], partnership=partnership)
    made = saved(request, form, lambda f: returns.save_return(f.save(commit=False), user=request.user))
    if made:
        return done(request, f"Return for {made.period} started", reverse("estate:return", args=[made.pk]))
    return form_response(request, form, title="Start a quarterly return", caption=partnership.name,
                         submit="Start return", back=reverse("estate:partnership", args=[slug]),
                         breadcrumbs=_crumbs(partnership))


def _return(request, pk, write=False) -> QuarterlyReturn:
    return get_for_user(QuarterlyReturn.objects.select_related("partnership"), request.user, write=write, pk=pk)


def return_detail(request, pk):
    quarterly_return = _return(request, pk)
    figures = quarterly_return.figures.select_related("project__running_cost_saving__project",
                                                      "project__receipts_saving__project", "entered_by", "verified_by")
    if download_format(request):
        return table_download(request, figures, FIGURE_COLUMNS,
                              f"{quarterly_return.partnership.slug} {quarterly_return.period} return")
    writes = QuarterlyReturn.objects.editable_by(request.user).filter(pk=pk).exists()
    user = request.user
    rows = [{"figure": figure, "why_not": returns.why_not_verify(figure, user) if user.is_authenticated else "",
             "attribution": return_rollups.attribution(figure.project, figure.measure,
                                                       quarterly_return.financial_year)} for figure in figures]
    return render(request, "estate/return.html", {
        "title": f"{quarterly_return.partnership.name}: return for {quarterly_return.period}",
        "ret": quarterly_return, "rows": rows, "writes": writes, "plain": plain,
        "projects": quarterly_return.partnership.projects.all(),
        "table": build_table(request, figures, FIGURE_COLUMNS, per_page=None),
        "breadcrumbs": _crumbs(quarterly_return.partnership),
    })


@login_required
@form_page
def return_edit(request, pk):
    quarterly_return = _return(request, pk, write=True)
    form = ReturnForm(posted(request)[0], instance=quarterly_return, partnership=quarterly_return.partnership)
    changed = saved(request, form, lambda f: returns.save_return(f.save(commit=False), user=request.user))
    back = reverse("estate:return", args=[pk])
    if changed:
        return done(request, "Return changed", back)
    return form_response(request, form, title="Change the return", caption=str(quarterly_return), back=back,
                         breadcrumbs=_crumbs(quarterly_return.partnership))


@login_required
@form_page
def figures_edit(request, pk, project):
    quarterly_return = _return(request, pk, write=True)
    item = get_object_or_404(EstateProject, partnership=quarterly_return.partnership, pk=project)
    existing = {Measure(figure.measure): figure for figure in quarterly_return.figures.filter(project=item)}
    form = FiguresForm(posted(request)[0], figures=existing)

    def write(f):
        for measure in Measure:
            values = [f.cleaned_data.get(f"{measure}_{part}") for part in ("forecast", "achieved", "evidence")]
            if measure in existing or values[0] is not None or values[1] is not None:
                returns.set_figure(quarterly_return, item, measure, forecast=values[0], achieved=values[1],
                                   evidence_notes=values[2] or "", user=request.user)
        return True

    back = reverse("estate:return", args=[pk])
    if saved(request, form, write):
        return done(request, f"Figures for {item.reference} saved", back)
    return form_response(request, form, title=f"Outputs of {item.reference}: {item.title}",
                         caption=str(quarterly_return), back=back, breadcrumbs=_crumbs(quarterly_return.partnership))


def _confirm(request, form, action, *, success: str, url: str):
    if request.method == "POST" and form.is_valid():
        try:
            action(form)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return done(request, success, url)
    return None


@login_required
@form_page
def return_submit(request, pk):
    quarterly_return = _return(request, pk, write=True)
    form = ConfirmForm(posted(request)[0])
    back = reverse("estate:return", args=[pk])
    answer = _confirm(request, form, lambda f: returns.submit(quarterly_return, user=request.user),
                      success="Return submitted", url=back)
    return answer or confirm_response(
        request, form, title="Submit this return?", caption=str(quarterly_return), back=back, button="Submit return",
        destructive=False, warning="Once submitted, the return is kept as it is: to correct it, withdraw it and "
                                   "file the quarter again.", breadcrumbs=_crumbs(quarterly_return.partnership))


@login_required
@form_page
def return_withdraw(request, pk):
    quarterly_return = _return(request, pk, write=True)
    form = ReasonForm(posted(request)[0])
    back = reverse("estate:return", args=[pk])
    answer = _confirm(request, form, lambda f: returns.withdraw(quarterly_return, reason=f.cleaned_data["reason"],
                                                                user=request.user),
                      success="Return withdrawn", url=back)
    return answer or form_response(request, form, title="Withdraw this return", caption=str(quarterly_return),
                                   submit="Withdraw return", back=back,
                                   breadcrumbs=_crumbs(quarterly_return.partnership))


@login_required
@form_page
def return_delete(request, pk):
    quarterly_return = _return(request, pk, write=True)
    form = ConfirmForm(posted(request)[0])
    partnership_url = reverse("estate:partnership", args=[quarterly_return.partnership.slug])
    answer = _confirm(request, form, lambda f: returns.delete_draft(quarterly_return),
                      success="Draft return deleted", url=partnership_url)
    refusal = returns.SUBMITTED_IS_KEPT if quarterly_return.is_submitted else ""
    return answer or confirm_response(request, form, title="Delete this draft return?", caption=str(quarterly_return),
                                      back=reverse("estate:return", args=[pk]), button="Delete draft",
                                      refusal=refusal, breadcrumbs=_crumbs(quarterly_return.partnership))


@login_required
@form_page
def figure_verify(request, pk):
    figure = get_for_user(ReturnFigure.objects.select_related("quarterly_return__partnership", "project"),
                          request.user, pk=pk)
    if not ReturnFigure.objects.filter(pk=figure.pk).verifiable_by(request.user).exists():
        raise PermissionDenied("Only the partnership's members and the programme team verify its figures.")
    refusal = returns.why_not_verify(figure, request.user)
    form = ConfirmForm(posted(request)[0])
    back = reverse("estate:return", args=[figure.quarterly_return_id])
    answer = _confirm(request, form, lambda f: returns.verify(figure, request.user), success="Figure verified",
                      url=back)
    return answer or confirm_response(
        request, form, title="Verify this figure?", caption=str(figure.quarterly_return), back=back,
        button="Verify figure", destructive=False, refusal=refusal or "",
        facts=[("Project", str(figure.project)), ("Output", figure.get_measure_display()),
               ("Achieved this quarter", f"{figure.achieved} {figure.unit}"), ("Evidence", figure.evidence_notes)],
        breadcrumbs=_crumbs(figure.quarterly_return.partnership))


# Outputs across partnerships and years --------------------------------------------------------------------------


def outputs(request):
    figures = ReturnFigure.objects.visible_to(request.user)
    partnerships = Partnership.objects.in_bulk()
    tables = {
        "partnership": (output_rows(return_rollups.outputs_by_partnership(figures),
                                    lambda pk: partnerships[pk].name), output_columns("Partnership")),
        "year": (output_rows(return_rollups.outputs_by_year(figures),
                             lambda year: f"{year}/{(year + 1) % 100:02d}"), output_columns("Financial year")),
        "accuracy": (return_rollups.forecast_accuracy(figures), ACCURACY_COLUMNS),
        "total": (output_rows({0: return_rollups.outputs(figures)}, lambda _key: "All partnerships"),
                  output_columns("Scope")),
    }
    wanted = request.GET.get("table")
    if download_format(request):
        if wanted not in tables:
            raise Http404("No such table")
        rows, columns = tables[wanted]
        return table_download(request, rows, columns, f"partnership outputs by {wanted}")
    built = {}
    for key, (rows, columns) in tables.items():
        built[key] = build_table(request, rows, columns, per_page=None)
        built[key].query = {**built[key].query, "table": key}
    return render(request, "estate/outputs.html", {
        "title": "Partnerships' outputs", "tables": built,
        "over_optimistic": [a for a in tables["accuracy"][0] if a.over_optimistic],
        "breadcrumbs": [HOME, PARTNERSHIPS],
    })


# Selection rounds -----------------------------------------------------------------------------------------------


def round_list(request):
    rounds = SelectionRound.objects.visible_to(request.user)
    return render(request, "estate/rounds.html", {"title": "Selection rounds", "rounds": rounds,
                                                  "breadcrumbs": [HOME]})


def round_detail(request, slug):
    selection_round = get_for_user(SelectionRound.objects.prefetch_related(
        Prefetch("criteria")), request.user, slug=slug)
    ranked = selection.ranking(selection_round, Application.objects.visible_to(request.user),
                               full=selection_round.shortlist_published or is_programme_team(request.user))
    table, download = table_or_download(request, ranked, RANKING_COLUMNS, f"{slug} ranking", per_page=None)
    if download:
        return download
    councils = _applying_councils(request.user, selection_round)
    return render(request, "estate/round.html", {
        "title": selection_round.name, "round": selection_round, "table": table, "ranked": ranked,
        "shortlisted": sum(item.shortlisted for item in ranked), "may_apply": councils.exists(),
        "may_score": is_programme_team(request.user),
        "breadcrumbs": [HOME, {"text": "Selection rounds", "href": reverse("estate:rounds")}],
    })


def _applying_councils(user, selection_round):
    councils = Organisation.objects.filter(kind="council").exclude(estate_applications__selection_round=selection_round)
    if is_programme_team(user):
        return councils.order_by("name")
    return councils.filter(pk__in=editor_organisation_ids(user)).order_by("name")


@login_required
@form_page
def application_create(request, slug):
    selection_round = get_for_user(SelectionRound.objects, request.user, slug=slug)
    councils = _applying_councils(request.user, selection_round)
    if not councils.exists():
        raise PermissionDenied("Only a council's editors apply, once for each council.")
    form = ApplicationForm(posted(request)[0], councils=councils)
    form.instance.selection_round = selection_round
    made = saved(request, form, lambda f: selection.apply(f.save(commit=False), user=request.user))
    back = reverse("estate:round", args=[slug])
    if made:
        return done(request, f"{made.council.name}'s application sent", back)
    return form_response(request, form, title="Apply to this round", caption=selection_round.name, submit="Apply",
                         back=back, breadcrumbs=[HOME, {"text": selection_round.name, "href": back}])


@login_required
@form_page
def application_score(request, pk):
    application = get_for_user(Application.objects.select_related("selection_round", "council"), request.user,
                               pk=pk)
    if not is_programme_team(request.user):
        raise PermissionDenied("Only the programme team scores applications.")
    form = ScoreForm(posted(request)[0], application=application)
    back = reverse("estate:round", args=[application.selection_round.slug])

    def write(f):
        selection.record_scores(application, {int(name.split("_")[1]): value for name, value in f.cleaned_data.items()},
                                user=request.user)
        return True

    if saved(request, form, write):
        return done(request, f"Scores for {application.council.name} saved", back)
    return form_response(request, form, title=f"Score {application.council.name}'s application",
                         caption=application.selection_round.name, back=back,
                         facts=[("Proposal", application.summary)],
                         breadcrumbs=[HOME, {"text": application.selection_round.name, "href": back}])


# Changing an asset ----------------------------------------------------------------------------------------------


def _asset(request, pk) -> Asset:
    return get_for_user(Asset.objects.select_related("owner"), request.user, write=True, pk=pk)


@login_required
@form_page
def asset_edit(request, pk):
    asset = _asset(request, pk)
    form = AssetForm(posted(request)[0], instance=asset)
    changed = saved(request, form, lambda f: asset_services.save(f.save(commit=False)))
    back = reverse("estate:asset", args=[pk])
    if changed:
        return done(request, "Asset changed", back)
    return form_response(request, form, title="Change the asset", caption=asset.name, back=back,
                         breadcrumbs=[HOME, {"text": "Asset register", "href": "/estate/"},
                                      {"text": asset.name, "href": back}])


@login_required
@form_page
def asset_delete(request, pk):
    asset = _asset(request, pk)
    form = ConfirmForm(posted(request)[0])
    answer = _confirm(request, form, lambda f: asset_services.delete(asset), success=f"{asset.name} deleted",
                      url=reverse("estate:register"))
    back = reverse("estate:asset", args=[pk])
    return answer or confirm_response(request, form, title="Delete this asset?", caption=asset.name, back=back,
                                      button="Delete asset", refusal=asset_services.why_not_delete(asset) or "",
                                      breadcrumbs=[HOME, {"text": "Asset register", "href": "/estate/"}])


@login_required
@form_page
def asset_withdraw(request, pk):
    asset = _asset(request, pk)
    form = ReasonForm(posted(request)[0])
    back = reverse("estate:asset", args=[pk])
    answer = _confirm(request, form, lambda f: asset_services.withdraw(asset, reason=f.cleaned_data["reason"],
                                                                       user=request.user),
                      success=f"{asset.name} withdrawn", url=back)
    return answer or form_response(request, form, title="Withdraw this asset", caption=asset.name, back=back,
                                   submit="Withdraw asset",
                                   breadcrumbs=[HOME, {"text": "Asset register", "href": "/estate/"}])


@login_required
@form_page
def asset_restore(request, pk):
    asset = _asset(request, pk)
    if not is_programme_team(request.user):
        raise PermissionDenied("Only the programme team restores withdrawn assets.")
    form = ConfirmForm(posted(request)[0])
    back = reverse("estate:asset", args=[pk])
    answer = _confirm(request, form, lambda f: asset_services.restore(asset), success=f"{asset.name} restored",
                      url=back)
    refusal = "" if asset.withdrawn_at else "This asset is not withdrawn."
    return answer or confirm_response(
        request, form, title="Restore this asset", caption=asset.name, back=back, button="Restore asset",
        destructive=False, refusal=refusal, facts=[("Withdrawal reason", asset.withdrawal_reason)] if not refusal
        else (), warning="It will count in the register, maps and figures again, and imports may change it. "
        "Its history keeps the withdrawal.", breadcrumbs=[HOME, {"text": "Asset register", "href": "/estate/"}])
