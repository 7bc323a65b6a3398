"""The co-location finder's page: the form, and the ranked clusters of the assets the reader may see."""

from django.shortcuts import render
from django.urls import reverse
from markupsafe import Markup

from productivity.core.exports import download_format, table_or_download
from productivity.core.tables import Column
from productivity.estate import colocation, geography
from productivity.estate.case_forms import FinderForm
from productivity.estate.models import Asset
from productivity.organisations.models import Organisation

HOME = {"text": "Home", "href": "/"}
SHOWN_ASSETS = 6  # assets named in a group's cell; the download lists them all
REGISTER = {"text": "Asset register", "href": "/estate/"}


def _places(assets) -> list[tuple[str, str]]:
    """Councils whose assets the reader can see, by GSS code."""
    owners = Organisation.objects.filter(pk__in=assets.values("owner"), kind="council", gss_code__isnull=False)
    return [(o.gss_code, o.name) for o in owners.order_by("name")]


def find_for(assets, criteria: colocation.Criteria, place: str = ""):
    """The ranked clusters among ``assets`` (inside the place's boundary when one is chosen)."""
    points = colocation.read_points(assets, lonlat=bool(place))
    if place:
        area = geography.area_of(place)
        if area is not None:
            points = colocation.within_place(points, area)
        else:  # no shipped boundary: the council's own assets
            owner = Organisation.objects.filter(gss_code=place).values_list("pk", flat=True).first()
            points = points.take(points.owner == owner)
    return colocation.find(points, criteria)


class Names:
    """Asset and owner names for the clusters shown, read when they are known (two queries a batch)."""

    def __init__(self):
        self.assets: dict[int, str] = {}
        self.owners: dict[int, str] = {}

    def load(self, clusters) -> None:
        ids = {pk for cluster in clusters for pk in cluster.asset_ids} - self.assets.keys()
        owners = {pk for cluster in clusters for pk in cluster.owner_ids} - self.owners.keys()
        if ids:
            self.assets.update(Asset.objects.filter(pk__in=ids).values_list("pk", "name"))
        if owners:
            self.owners.update(Organisation.objects.filter(pk__in=owners).values_list("pk", "name"))

    def asset_list(self, cluster) -> str:
        return "; ".join(self.assets.get(pk, "") for pk in cluster.asset_ids)

    def asset_links(self, cluster) -> Markup:
        shown = cluster.asset_ids[:SHOWN_ASSETS]
        items = Markup("").join(
            Markup('<li><a class="govuk-link" href="{}">{}</a></li>').format(
                reverse("estate:asset", args=[pk]), self.assets.get(pk, f"Asset {pk}"))
            for pk in shown)
        more = len(cluster.asset_ids) - len(shown)
        if more:
            items += Markup("<li>and {} more (the download lists every one)</li>").format(f"{more:,}")
        return Markup('<ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">{}</ul>').format(items)

    def owner_list(self, cluster) -> str:
        return "; ".join(self.owners.get(pk, "") for pk in cluster.owner_ids)


def _start_link(cluster) -> Markup:
    href = reverse("estate:case-start") + "?assets=" + ",".join(str(pk) for pk in cluster.asset_ids)
    return Markup('<a class="govuk-link" href="{}">Start a business case<span class="govuk-visually-hidden"> '
                  'for group {}</span></a>').format(href, cluster.rank)


def _score(cluster) -> Markup:
    parts = Markup("").join(Markup("<li>{}: {}</li>").format(label, cluster.parts[key])
                            for key, label in colocation.PARTS)
    return Markup('<strong>{}</strong><ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">{}</ul>').format(
        cluster.score, parts)


def columns(names: Names) -> list[Column]:
    parts = [Column(f"part_{key}", f"{label} (points)", (lambda c, key=key: c.parts[key]), kind="number",
                    on_page=False) for key, label in colocation.PARTS]
    return [
        Column("rank", "Rank", lambda c: c.rank, kind="number"),
        Column("assets", "Assets", names.asset_list, html=names.asset_links),
        Column("asset_ids", "Asset ids", lambda c: " ".join(str(pk) for pk in c.asset_ids), on_page=False),
        Column("owners", "Owners", names.owner_list),
        Column("floor_area", "Floor area (m²)", lambda c: c.floor_area, kind="number"),
        Column("running_cost", "Running costs per year", lambda c: c.running_cost, kind="money"),
        Column("mean_occupancy", "Mean occupancy (%)", lambda c: c.mean_occupancy, kind="number", on_page=False),
        Column("leases_ending", "Leases ending", lambda c: c.leases_ending, kind="number", on_page=False),
        Column("surplus", "Surplus, vacant or for disposal", lambda c: c.surplus, kind="number", on_page=False),
        *parts,
        Column("score", "Score (of 100)", lambda c: c.score, kind="number", html=_score),
        Column("explained", "How the score is made", lambda c: c.explained(), on_page=False),
        Column("easting", "Centre easting", lambda c: c.easting, on_page=False),
        Column("northing", "Centre northing", lambda c: c.northing, on_page=False),
        Column("start", "Business case", lambda c: "", html=_start_link, in_download=False),
    ]


def finder(request):
    assets = Asset.objects.visible_to(request.user).standing()
    places = _places(assets)
    form = FinderForm(request.GET if request.GET.get("distance") else None, places=places)
    clusters, table = [], None
    criteria = colocation.Criteria()
    place = ""
    if form.is_bound and form.is_valid():
        criteria = colocation.Criteria(distance=form.cleaned_data["distance"],
                                       lease_years=form.cleaned_data["lease_years"])
        place = form.cleaned_data["place"]
    if not form.is_bound or form.is_valid():
        # Ranked already; the table pages through the ranking, which makes only the clusters shown.
        clusters = find_for(assets, criteria, place)
        names = Names()
        if download_format(request):
            names.load(clusters)
        table, download = table_or_download(request, clusters, columns(names), "co-location", per_page=25)
        if download:
            return download
        names.load(table.rows)
    return render(request, "estate/colocation.html", {
        "title": "Co-location opportunities", "form": form, "form_has_errors": bool(form.errors),
        "table": table, "clusters": len(clusters), "criteria": criteria, "parts": colocation.PARTS,
        "place": dict(places).get(place, ""), "breadcrumbs": [HOME, REGISTER],
    })
