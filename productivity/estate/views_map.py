"""A place's map of public land and buildings: the page (with its table), its data, its boundaries and its
GeoJSON download. Every one of them shows the assets ``maps.place_assets`` finds for the request."""

import gzip
import json
import re

from django.conf import settings
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from productivity.core.exports import table_or_download
from productivity.core.page_cache import cached_value
from productivity.core.tables import Column
from productivity.estate import boundaries, demand, maps, quality
from productivity.estate.exports import geojson_lines
from productivity.estate.models import Asset, ServiceDemand, Status, Tenure, Use
from productivity.estate.place_quality import report as place_quality_report
from productivity.estate.tables import MAP_COLUMNS
from productivity.organisations.models import Organisation

HOME = {"text": "Home", "href": "/"}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as Django's GZipMiddleware reads Accept-Encoding
BOUNDARY_CACHE_SECONDS = 24 * 60 * 60  # the shipped boundaries change only with a release
# The map data is gzipped on the first request after a write, while the reader waits: level 1 takes a quarter of
# level 6's time at 50,000 assets for a copy about a tenth bigger (benchmarks/asset_map.py).
GZIP_LEVEL = 1


def places():
    """The councils a map can be drawn for: current councils whose boundary the platform ships."""
    councils = Organisation.objects.councils().current().exclude(gss_code=None).order_by("name")
    return [council for council in councils if boundaries.has_boundary(council.gss_code)]


def place_named(slug: str) -> Organisation:
    place = Organisation.objects.councils().filter(slug=slug).first()
    if place is None or not boundaries.has_boundary(place.gss_code):
        raise Http404("No such place")
    return place


def visible_assets(request):
    return Asset.objects.visible_to(request.user).standing()


def choose(request):
    """Choose the place: a council, by a select that works without JavaScript."""
    options = places()
    chosen = request.GET.get("place", "")
    error = None
    if chosen:
        if any(place.slug == chosen for place in options):
            return redirect("estate:map", slug=chosen)
        error = "Choose a council from the list"
    return render(request, "estate/map_choose.html", {
        "title": "Map of public land and buildings", "places": options, "error": error,
        "breadcrumbs": [HOME, {"text": "Asset register", "href": reverse("estate:register")}],
    })


def place_map(request, slug):
    place = place_named(slug)
    visible = visible_assets(request)
    found = maps.place_assets(visible, place, request.GET)
    shown = found.queryset(visible).select_related("owner")
    if request.GET.get("format") == "geojson":
        return _geojson_download(shown.order_by("pk"), place)
    table, download = table_or_download(request, shown, MAP_COLUMNS, f"assets-in-{place.slug}",
                                        default_sort="owner")
    if download:
        return download
    query = dict(found.selected)
    demand_records = demand.in_place(ServiceDemand.objects.visible_to(request.user), place)
    return render(request, "estate/map.html", {
        "demand_records": demand_records.count(),
        "demand_illustrative": demand_records.filter(is_illustrative=True).exists(),
        "title": f"Public land and buildings in {place.name}", "place": place, "found": found, "table": table,
        "filters": _filters(found), "query": query,
        "data_url": reverse("estate:map-data", args=[place.slug]),
        "boundaries_url": reverse("estate:map-boundaries", args=[place.slug]),
        "boundary_attribution": boundaries.ATTRIBUTION,
        "demand_url": reverse("estate:map-demand-data", args=[place.slug]),
        "tiles_url": settings.MAP_TILES_URL, "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
        "breadcrumbs": [HOME, {"text": "Asset register", "href": reverse("estate:register")},
                        {"text": "Maps", "href": reverse("estate:map-choose")}],
    })


def _filters(found: maps.PlaceAssets) -> list[dict]:
    agencies = [(agency.slug, agency.name) for agency in found.agencies]
    return [
        {"key": "agency", "label": "Agency", "choices": agencies},
        {"key": "use", "label": "Use", "choices": list(Use.choices)},
        {"key": "tenure", "label": "Tenure", "choices": list(Tenure.choices)},
        {"key": "status", "label": "Status", "choices": list(Status.choices)},
    ]


def _geojson_download(assets, place) -> StreamingHttpResponse:
    response = StreamingHttpResponse(geojson_lines(assets.iterator(chunk_size=2000)),
                                     content_type="application/geo+json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="assets-in-{place.slug}.geojson"'
    return response


def place_data(request, slug):
    """The map's assets as compact JSON (see ``maps.map_data``), under the same filters as the page, gzipped
    for a browser that accepts it.

    The JSON and its gzipped copy are kept (``page_cache.cached_value``) per place, reader and filters while the
    data version is the same: every write changes the version, so the next request after a change computes
    them afresh. A reader's visibility follows their memberships, which are records too."""
    place = place_named(slug)
    user = request.user
    reader = f"user {user.pk}" if user.is_authenticated else "public"
    filters = "&".join(f"{key}={request.GET.get(key, '')}" for key in maps.FILTER_KEYS)

    def compute() -> tuple[bytes, bytes]:
        found = maps.place_assets(visible_assets(request), place, request.GET)
        body = json.dumps(maps.map_data(found), separators=(",", ":"), ensure_ascii=False).encode()
        return body, gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)

    body, zipped = cached_value("\0".join(["estate.map.place_data", str(place.pk), reader, filters]), compute)
    if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(zipped, content_type="application/json")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(body, content_type="application/json")
    patch_vary_headers(response, ("Accept-Encoding",))
    response["Cache-Control"] = "private, no-cache"  # what a reader sees depends on who they are
    return response


def place_boundaries(request, slug):
    """The council's boundary and the police force areas and fire and rescue authorities covering it."""
    place = place_named(slug)
    response = HttpResponse(boundaries.geojson(place.gss_code), content_type="application/geo+json")
    response["Cache-Control"] = f"public, max-age={BOUNDARY_CACHE_SECONDS}"
    return response


def place_quality(request, slug):
    """The data quality of every owner's assets in the place, each problem linking to its asset."""
    place = place_named(slug)
    assets, checks = place_quality_report(visible_assets(request), place)
    return render(request, "estate/map_quality.html", {
        "title": f"Data quality of assets in {place.name}", "place": place, "checks": checks,
        "assets": len(assets), "with_problems": quality.total_problems(checks),
        "owners": len({asset.owner_id for asset in assets}),
        "breadcrumbs": [HOME, {"text": "Maps", "href": reverse("estate:map-choose")},
                        {"text": place.name, "href": reverse("estate:map", args=[place.slug])}],
    })


# ---- customer service needs -------------------------------------------------------------------------------


def _reach_columns():
    def point_link(reach):
        return reverse("estate:asset", args=[reach.nearest.pk]) if reach.nearest is not None else None

    return [
        Column("name", "Demand (service point or area)", lambda r: r.demand.name, order_by="name"),
        Column("reference", "Reference", lambda r: r.demand.reference, on_page=False),
        Column("kind", "Kind", lambda r: r.demand.get_kind_display()),
        Column("service", "Service", lambda r: r.demand.service),
        Column("period", "Period", lambda r: r.demand.period, on_page=False),
        Column("visits", "Visits or transactions per year", lambda r: r.demand.visits, kind="number",
               order_by="visits"),
        Column("nearest", "Nearest chosen service point", lambda r: r.nearest.name if r.nearest else "",
               link=point_link),
        Column("metres", "Distance (m)", lambda r: r.metres, kind="number", order_by="metres"),
        Column("within", "Within the distance", lambda r: "Yes" if r.within else "No"),
        Column("illustrative", "Illustrative", lambda r: "Yes" if r.demand.is_illustrative else "No"),
        Column("easting", "Easting", lambda r: r.demand.easting, on_page=False),
        Column("northing", "Northing", lambda r: r.demand.northing, on_page=False),
    ]


def _metres(raw: str) -> tuple[int, str | None]:
    if not raw:
        return demand.DEFAULT_METRES, None
    text = raw.strip().replace(",", "")
    if text.isdigit() and demand.SHORTEST_METRES <= int(text) <= demand.LONGEST_METRES:
        return int(text), None
    return demand.DEFAULT_METRES, (f"Enter the distance as a whole number of metres from {demand.SHORTEST_METRES} "
                                   f"to {demand.LONGEST_METRES:,}, such as 800")


def place_demand(request, slug):
    """For the service points chosen (assets of one use, of one agency or all), the share of the place's demand
    within a distance, with a table of every demand record and its nearest chosen point."""
    place = place_named(slug)
    visible = visible_assets(request)
    records = demand.records_in_place(ServiceDemand.objects.visible_to(request.user), place)
    metres, error = _metres(request.GET.get("distance", ""))
    use = request.GET.get("use") or Use.CUSTOMER_SERVICE_CENTRE
    if use not in Use.values:
        use = Use.CUSTOMER_SERVICE_CENTRE
    found = maps.place_assets(visible, place, {"agency": request.GET.get("agency", "")})
    points = list(found.queryset(visible).filter(use=use).select_related("owner").order_by("name", "pk"))
    result = demand.coverage(records, points, metres)
    table, download = table_or_download(request, result.reaches, _reach_columns(), f"demand-in-{place.slug}",
                                        default_sort="name")
    if download:
        return download
    return render(request, "estate/map_demand.html", {
        "title": f"Customer service needs in {place.name}", "place": place, "result": result, "table": table,
        "metres": metres, "error": error, "use": use, "uses": list(Use.choices), "found": found,
        "agency_choices": [(agency.slug, agency.name) for agency in found.agencies],
        "illustrative": any(record.is_illustrative for record in records),
        "breadcrumbs": [HOME, {"text": "Maps", "href": reverse("estate:map-choose")},
                        {"text": place.name, "href": reverse("estate:map", args=[place.slug])}],
    })


def place_demand_data(request, slug):
    """The demand records in the place, as the map's demand layer draws them."""
    place = place_named(slug)
    records = demand.records_in_place(ServiceDemand.objects.visible_to(request.user), place)
    response = HttpResponse(json.dumps(demand.map_layer(records), separators=(",", ":"), ensure_ascii=False),
                            content_type="application/json")
    response["Cache-Control"] = "private, no-cache"
    return response
