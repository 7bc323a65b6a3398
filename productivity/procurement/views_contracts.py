"""Contracts registers (Local Government Transparency Code): contracts over £5,000, per council and across them."""

from django.shortcuts import get_object_or_404, render

from productivity.accounts.roles import editor_organisation_ids, is_programme_team
from productivity.core.exports import table_or_download
from productivity.core.tables import Filter
from productivity.organisations.models import Organisation
from productivity.procurement.models import ContractRecord
from productivity.procurement.pipeline_tables import CONTRACT_COLUMNS

HOME = {"text": "Home", "href": "/"}


def _filters() -> list[Filter]:
    publishers = Organisation.objects.filter(pk__in=ContractRecord.objects.values("publisher")).order_by("name")
    return [Filter("council", "Council", [(o.slug, o.name) for o in publishers],
                   lambda rows, value: rows.filter(publisher__slug=value))]


def contracts_view(request):
    rows = ContractRecord.objects.visible_to(request.user).select_related("publisher")
    table, download = table_or_download(request, rows, CONTRACT_COLUMNS, "contracts-registers", filters=_filters(),
                                        default_sort="start_on", search=lambda found, text: found.matching(text))
    if download:
        return download
    return render(request, "procurement/contracts.html", {
        "title": "Contracts registers", "table": table, "organisation": None,
        "breadcrumbs": [HOME, {"text": "Procurement", "href": "/procurement/"}, {"text": "Contracts"}],
    })


def contracts_council(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    rows = ContractRecord.objects.visible_to(request.user).for_council(organisation)
    table, download = table_or_download(request, rows.select_related("publisher"), CONTRACT_COLUMNS,
                                        f"{organisation.name}-contracts", default_sort="start_on",
                                        search=lambda found, text: found.matching(text))
    if download:
        return download
    may_import = is_programme_team(request.user) or organisation.pk in editor_organisation_ids(request.user)
    return render(request, "procurement/contracts.html", {
        "title": f"{organisation.name}: contracts register", "table": table, "organisation": organisation,
        "may_import": may_import,
        "breadcrumbs": [HOME, {"text": "Contracts registers", "href": "/procurement/contracts/"},
                        {"text": organisation.name}],
    })
