"""Procurement timeliness: working days from notice to award against the pledge's 120, per council and overall."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from productivity.accounts.roles import editor_organisation_ids, is_programme_team
from productivity.core.access import get_for_user
from productivity.core.exports import download_format, table_download, table_or_download
from productivity.core.form_pages import done, form_page, form_response, posted, saved
from productivity.core.tables import Filter
from productivity.organisations.models import Organisation
from productivity.procurement import timeliness
from productivity.procurement.models import ProcurementProcess
from productivity.procurement.pipeline_forms import ProcessForm
from productivity.procurement.pipeline_tables import PROCESS_COLUMNS, compliance_columns, process_rows

HOME = {"text": "Home", "href": "/"}
TIMELINESS = {"text": "Procurement timeliness", "href": "/procurement/timeliness/"}


def _editable_ids(user) -> set[int]:
    if is_programme_team(user):
        return set(ProcurementProcess.objects.values_list("organisation_id", flat=True))
    return editor_organisation_ids(user)


def timeliness_view(request):
    """Each council's compliance with the 120 working days, overall, and every process."""
    processes = list(ProcurementProcess.objects.visible_to(request.user).select_related("organisation"))
    overall, by_council = timeliness.rollup(processes)
    organisations = Organisation.objects.in_bulk(list(by_council))
    councils = sorted(((organisations[pk], figures) for pk, figures in by_council.items()), key=lambda r: r[0].name)
    summary = [*councils, ("All councils", overall)]
    if download_format(request) and request.GET.get("table") == "councils":
        return table_download(request, summary, compliance_columns(_name), "procurement-timeliness-by-council")
    rows = process_rows(processes, _editable_ids(request.user))
    council_filter = Filter("council", "Council", [(o.slug, o.name) for o, _ in councils],
                            lambda found, value: [r for r in found if r[0].organisation.slug == value])
    table, download = table_or_download(request, rows, PROCESS_COLUMNS, "procurement-processes",
                                        filters=[council_filter])
    if download:
        return download
    editing = Organisation.objects.filter(pk__in=editor_organisation_ids(request.user)).order_by("name")
    return render(request, "procurement/timeliness.html", {
        "title": "Procurement timeliness", "overall": overall, "summary": summary,
        "summary_columns": compliance_columns(_name), "table": table, "editing": editing,
        "commitment": timeliness.COMMITMENT_DAYS,
        "breadcrumbs": [HOME, {"text": "Procurement", "href": "/procurement/"}, {"text": "Timeliness"}],
    })


def _name(row) -> str:
    return row[0] if isinstance(row[0], str) else row[0].name


@login_required
@form_page
def process_create(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not (is_programme_team(request.user) or organisation.pk in editor_organisation_ids(request.user)):
        raise PermissionDenied("Only the council's editors record its procurement processes.")
    form = ProcessForm(posted(request)[0], organisation=organisation)

    def write(f):
        process = f.save(commit=False)
        process.organisation = organisation
        process.save()
        return process

    process = saved(request, form, write)
    if process:
        return done(request, f"Process {process.reference} recorded", reverse("procurement:timeliness"))
    return form_response(request, form, title="Record a procurement process", caption=organisation.name,
                         submit="Save process", back=reverse("procurement:timeliness"),
                         breadcrumbs=[HOME, TIMELINESS])


@login_required
@form_page
def process_edit(request, pk):
    process = get_for_user(ProcurementProcess.objects.select_related("organisation"), request.user, write=True, pk=pk)
    form = ProcessForm(posted(request)[0], instance=process, organisation=process.organisation)
    changed = saved(request, form, lambda f: f.save())
    if changed:
        return done(request, f"Process {changed.reference} changed", reverse("procurement:timeliness"))
    found = timeliness.timing(process)
    return form_response(request, form, title=f"Change {process.reference}", caption=process.organisation.name,
                         back=reverse("procurement:timeliness"), breadcrumbs=[HOME, TIMELINESS],
                         facts=[("Working days so far" if not found.awarded else "Working days", str(found.days)),
                                ("Against 120 working days", found.state)])
