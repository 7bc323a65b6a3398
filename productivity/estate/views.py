"""The estate's pages: the asset register, an asset, and an owner's data-quality report."""

from django.shortcuts import get_object_or_404, render

from productivity.core.access import get_for_user
from productivity.core.exports import table_or_download
from productivity.estate import history, quality
from productivity.estate.models import Asset
from productivity.estate.tables import REGISTER_COLUMNS, facts, register_filters, search
from productivity.organisations.models import Organisation

HOME = {"text": "Home", "href": "/"}


def register(request):
    visible = Asset.objects.visible_to(request.user).select_related("owner")
    # Withdrawn assets keep their pages but leave the register unless asked for.
    assets = visible if request.GET.get("withdrawn") in ("include", "only") else visible.standing()
    table, download = table_or_download(request, assets, REGISTER_COLUMNS, "asset-register",
                                        filters=register_filters(assets), default_sort="owner", search=search)
    if download:
        return download
    return render(request, "estate/register.html", {
        "title": "Asset register", "table": table, "breadcrumbs": [HOME],
    })


def asset(request, pk):
    item = get_for_user(Asset.objects.select_related("owner"), request.user, pk=pk)
    return render(request, "estate/asset.html", {
        "title": item.name, "asset": item, "facts": facts(item),
        "history": history.lines(item, request.user),
        "may_change": Asset.objects.editable_by(request.user).filter(pk=item.pk).exists(),
        "breadcrumbs": [HOME, {"text": "Asset register", "href": "/estate/"}],
    })


def quality_report(request, slug):
    owner = get_object_or_404(Organisation, slug=slug)
    checks = quality.report(owner, Asset.objects.visible_to(request.user))
    return render(request, "estate/quality.html", {
        "title": f"Data quality of {owner.name}'s assets", "owner": owner, "checks": checks,
        "assets": Asset.objects.visible_to(request.user).of_owner(owner).count(),
        "with_problems": quality.total_problems(checks),
        "breadcrumbs": [HOME, {"text": "Asset register", "href": "/estate/"}],
    })
