"""The procurement pledge: where each organisation stands, and its checklist of commitments with evidence."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from productivity.accounts.roles import editor_organisation_ids, is_programme_team
from productivity.core.exports import table_or_download
from productivity.core.form_pages import done, form_page, form_response, posted, saved
from productivity.organisations.models import Organisation
from productivity.procurement import pledge
from productivity.procurement.models import PledgeEvidence, PledgeRecord
from productivity.procurement.pipeline_forms import PledgeForm
from productivity.procurement.pipeline_tables import CHECKLIST_COLUMNS, STANCE_COLUMNS

HOME = {"text": "Home", "href": "/"}
PLEDGE = {"text": "Procurement pledge", "href": "/procurement/pledge/"}


def pledge_view(request):
    records = PledgeRecord.objects.visible_to(request.user).select_related("organisation").prefetch_related(
        "evidence")
    table, download = table_or_download(request, records, STANCE_COLUMNS, "procurement-pledge", per_page=None)
    if download:
        return download
    return render(request, "procurement/pledge.html", {
        "title": "The procurement pledge", "table": table, "commitments": pledge.COMMITMENTS,
        "breadcrumbs": [HOME, {"text": "Procurement", "href": "/procurement/"}, {"text": "Pledge"}],
    })


def _may_change(user, organisation) -> bool:
    return is_programme_team(user) or organisation.pk in editor_organisation_ids(user)


def pledge_council(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    record = PledgeRecord.objects.visible_to(request.user).filter(organisation=organisation).prefetch_related(
        "evidence").first()
    table, download = table_or_download(request, pledge.checklist(record), CHECKLIST_COLUMNS,
                                        f"{organisation.name}-pledge", per_page=None)
    if download:
        return download
    return render(request, "procurement/pledge_council.html", {
        "title": f"{organisation.name}: procurement pledge", "organisation": organisation, "record": record,
        "stance": pledge.stance_label(record), "table": table, "editable": _may_change(request.user, organisation),
        "breadcrumbs": [HOME, PLEDGE, {"text": organisation.name}],
    })


@login_required
@form_page
def pledge_edit(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not _may_change(request.user, organisation):
        raise PermissionDenied("Only the organisation's editors record its pledge.")
    record = PledgeRecord.objects.filter(organisation=organisation).first() or PledgeRecord(organisation=organisation)
    evidence = list(record.evidence.all()) if record.pk else []
    form = PledgeForm(posted(request)[0], instance=record, evidence=evidence)

    def write(f):
        saved_record = f.save()
        for key, given in f.evidence().items():
            PledgeEvidence.objects.update_or_create(record=saved_record, commitment=key, defaults=given)
        return saved_record

    back = reverse("procurement:pledge-council", args=[slug])
    if saved(request, form, write):
        return done(request, "Pledge checklist saved", back)
    return form_response(request, form, title="Record the pledge and its evidence", caption=organisation.name,
                         back=back, breadcrumbs=[HOME, PLEDGE, {"text": organisation.name, "href": back}])
