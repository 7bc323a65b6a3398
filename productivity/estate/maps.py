"""What a place's map shows: every asset the reader can see whose coordinates lie in a council's area, whoever
owns it, narrowed by the map's filters (agency, use, tenure, status).

One function (``place_assets``) decides which assets those are; the map's data, its table, the table's
CSV and XLSX and the GeoJSON download all start from it, so each shows exactly the same assets. It reads
the candidates inside the area's bounding box in one query (plain numbers, no model objects), keeps those
inside the boundary with one vectorised shapely test and filters the rest in memory: fast enough for
50,000 assets in a place (see benchmarks/asset_map.py).
"""

import json
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.db import connection
from django.db.models import FloatField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from productivity.estate import geography
from productivity.estate.models import Status, Tenure, Use
from productivity.organisations.models import Organisation

# GOV.UK Design System colours, told apart on the map and in the legend; the rest share "other".
PALETTE_SIZE = 10
OTHER_COLOUR = PALETTE_SIZE
FILTER_KEYS = ("agency", "use", "tenure", "status")
CHOICES = {"use": Use, "tenure": Tenure, "status": Status}
NOT_GIVEN = "Not given"


@dataclass(frozen=True)
class Agency:
    organisation: Organisation
    count: int  # assets of this agency in the place (before filters)
    colour: int  # index into the palette; OTHER_COLOUR for agencies past the palette's size

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def slug(self) -> str:
        return self.organisation.slug


@dataclass
class PlaceAssets:
    """The assets of a place the reader can see, before and after the filters."""

    place: Organisation
    agencies: list[Agency]
    selected: dict[str, str]
    ids: list[int] = field(default_factory=list)  # shown: in the area and passing the filters
    rows: list[tuple] = field(default_factory=list)  # (id, lon, lat, owner id, use, tenure, status, name), shown
    in_area: int = 0  # in the area, before the filters
    unlocated: int = 0  # the place council's own assets without usable coordinates (never on the map)

    def queryset(self, visible):
        """The shown assets as a QuerySet of ``visible`` (for tables and downloads), in one query parameter."""
        return with_ids(visible, self.ids)

    def agency_of(self, owner_id: int) -> Agency | None:
        return self._agencies.get(owner_id)

    def __post_init__(self):
        self._agencies = {agency.organisation.pk: agency for agency in self.agencies}


def area_for(place: Organisation):
    """The prepared boundary a place's assets must lie in (allowing about 200 m at its edge), or None."""
    return geography.area_of(place.gss_code)


def _valid(value: str, key: str, agencies: list[Agency]) -> bool:
    if key == "agency":
        return any(agency.slug == value for agency in agencies)
    return value in CHOICES[key].values


def place_assets(visible, place: Organisation, params) -> PlaceAssets:
    """The assets among ``visible`` inside ``place``'s area, narrowed by the filters in ``params`` (a QueryDict
    or dict: agency = an owner's slug, use, tenure, status = their codes; anything else is ignored)."""
    area = area_for(place)
    unlocated = visible.of_owner(place).filter(longitude__isnull=True).count()
    if area is None:
        return PlaceAssets(place, [], {}, unlocated=unlocated)
    west, south, east, north = shapely.bounds(area)
    candidates = (visible.filter(longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north)
                  .order_by()
                  .values_list("pk", Cast("longitude", FloatField()), Cast("latitude", FloatField()),
                               "owner_id", "use", "tenure", "status", "name"))
    rows = list(candidates)
    if rows:
        points = np.array([(row[1], row[2]) for row in rows], dtype=float)
        inside = shapely.contains_xy(area, points[:, 0], points[:, 1])
        rows = [row for row, keep in zip(rows, inside.tolist(), strict=True) if keep]
    agencies = _agencies(rows)
    selected = {key: params.get(key, "") for key in FILTER_KEYS}
    selected = {key: value for key, value in selected.items() if value and _valid(value, key, agencies)}
    shown = _filtered(rows, selected, agencies)
    shown.sort(key=lambda row: row[0])
    return PlaceAssets(place, agencies, selected, [row[0] for row in shown], shown, len(rows), unlocated)


def _agencies(rows: list[tuple]) -> list[Agency]:
    counts: dict[int, int] = {}
    for row in rows:
        counts[row[3]] = counts.get(row[3], 0) + 1
    owners = Organisation.objects.in_bulk(list(counts))
    # The agencies with most assets get a colour of their own; ties by name, so colours do not shift.
    ordered = sorted(counts, key=lambda pk: (-counts[pk], owners[pk].name))
    return [Agency(owners[pk], counts[pk], index if index < PALETTE_SIZE else OTHER_COLOUR)
            for index, pk in enumerate(ordered)]


def _filtered(rows: list[tuple], selected: dict[str, str], agencies: list[Agency]) -> list[tuple]:
    if not selected:
        return list(rows)
    owner = next((a.organisation.pk for a in agencies if a.slug == selected.get("agency")), None)
    wanted = [(3, owner)] if "agency" in selected else []
    wanted += [(index, selected[key]) for index, key in ((4, "use"), (5, "tenure"), (6, "status")) if key in selected]
    return [row for row in rows if all(row[index] == value for index, value in wanted)]


def with_ids(queryset, ids: list[int]):
    """``queryset`` narrowed to ``ids`` with the ids in one parameter (a place may show 50,000 assets, more
    than a query may carry as separate parameters on SQLite)."""
    if connection.vendor == "postgresql":
        subquery = RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))
    else:
        subquery = RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))
    return queryset.filter(pk__in=subquery)


def map_data(found: PlaceAssets) -> dict:
    """The map's compact data: lookup lists once, then one short array per asset:
    [id, longitude, latitude, agency index, use index, tenure index, status index, name]."""
    agency_index = {agency.organisation.pk: index for index, agency in enumerate(found.agencies)}
    lookups = {key: [""] + list(CHOICES[key].values) for key in ("use", "tenure", "status")}
    labels = {key: [NOT_GIVEN] + [str(label) for label in CHOICES[key].labels] for key in lookups}
    position = {key: {code: index for index, code in enumerate(codes)} for key, codes in lookups.items()}
    use_at, tenure_at, status_at = position["use"], position["tenure"], position["status"]
    assets = [
        [pk, lon, lat, agency_index[owner], use_at.get(use, 0), tenure_at.get(tenure, 0), status_at.get(status, 0),
         name]
        for pk, lon, lat, owner, use, tenure, status, name in found.rows
    ]
    return {
        "place": {"name": found.place.name, "code": found.place.gss_code},
        "columns": ["id", "longitude", "latitude", "agency", "use", "tenure", "status", "name"],
        "agencies": [{"name": a.name, "slug": a.slug, "colour": a.colour, "count": a.count} for a in found.agencies],
        "use": labels["use"], "tenure": labels["tenure"], "status": labels["status"],
        "total": len(assets), "assets": assets,
    }
