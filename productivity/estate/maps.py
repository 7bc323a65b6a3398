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
from django.db import connection, transaction
from django.db.models import BooleanField, Case, SmallIntegerField, Value, When
from django.db.models.expressions import RawSQL

from productivity.estate import geography
from productivity.estate.models import Status, Tenure, Use
from productivity.organisations.models import Organisation

# GOV.UK Design System colours, told apart on the map and in the legend; the rest share "other".
PALETTE_SIZE = 10
OTHER_COLOUR = PALETTE_SIZE
FILTER_KEYS = ("agency", "use", "tenure", "status")
CHOICES = {"use": Use, "tenure": Tenure, "status": Status}
NOT_GIVEN = "Not given"
# Each code list starts with "" (not given), so a code's position is its index in the map data's labels.
CODES = {key: ("", *choices.values) for key, choices in CHOICES.items()}


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


class Columns:
    """Assets as columns (numpy arrays), one entry per asset: id, lon, lat, owner id, use, tenure and status (each
    as its position in ``CODES``: 0 where not given) and name. No Python object per asset but its name, so
    50,000 assets are cheap to test, filter and write out."""

    NAMES = ("id", "lon", "lat", "owner", "use", "tenure", "status", "name")
    NUMBERS = np.dtype([("id", "i8"), ("lon", "f8"), ("lat", "f8"), ("owner", "i8"), ("use", "i2"),
                        ("tenure", "i2"), ("status", "i2")])

    def __init__(self, **arrays):
        for name in self.NAMES:
            setattr(self, name, arrays[name])

    @classmethod
    def empty(cls) -> "Columns":
        table = np.empty(0, dtype=cls.NUMBERS)
        return cls(**{name: table[name] for name in cls.NUMBERS.names}, name=np.empty(0, dtype=object))

    def __len__(self) -> int:
        return len(self.id)

    def take(self, which) -> "Columns":
        return Columns(**{name: getattr(self, name)[which] for name in self.NAMES})


@dataclass
class PlaceAssets:
    """The assets of a place the reader can see, before and after the filters."""

    place: Organisation
    agencies: list[Agency]
    selected: dict[str, str]
    shown: Columns = field(default_factory=Columns.empty)  # in the area and passing the filters, by id
    in_area: int = 0  # in the area, before the filters
    unlocated: int = 0  # the place council's own assets without usable coordinates (never on the map)

    @property
    def ids(self) -> list[int]:
        return self.shown.id.tolist()

    def queryset(self, visible):
        """The shown assets as a QuerySet of ``visible`` (for tables and downloads), in one query parameter."""
        return with_ids(visible, self.ids)


def area_for(place: Organisation):
    """The prepared boundary a place's assets must lie in (allowing about 200 m at its edge), or None."""
    return geography.area_of(place.gss_code)


def _valid(value: str, key: str, agencies: list[Agency]) -> bool:
    if key == "agency":
        return any(agency.slug == value for agency in agencies)
    return value in CHOICES[key].values


def _positions(key: str) -> Case:
    """The SQL for an asset's ``key`` (use, tenure or status) as its position in ``CODES[key]``."""
    whens = [When(**{key: code}, then=Value(index)) for index, code in enumerate(CODES[key]) if index]
    return Case(*whens, default=Value(0), output_field=SmallIntegerField())


def _candidates(visible, area) -> Columns:
    """The visible assets inside the area's bounding box, read in one query: the database's own floats (the
    generated columns, models.py) and each code as a small number, so nothing is converted per asset here."""
    west, south, east, north = shapely.bounds(area)
    query = (visible.filter(longitude_deg__gte=west, longitude_deg__lte=east,
                            latitude_deg__gte=south, latitude_deg__lte=north)
             .order_by()
             .annotate(use_at=_positions("use"), tenure_at=_positions("tenure"), status_at=_positions("status"))
             .values_list("pk", "longitude_deg", "latitude_deg", "owner_id", "use_at", "tenure_at", "status_at",
                          "name"))
    sql, params = query.query.sql_with_params()
    if connection.vendor == "postgresql":
        return _packed(sql, params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return Columns.empty()
    table = np.array(rows, dtype=np.dtype(Columns.NUMBERS.descr + [("name", "O")]))
    return Columns(**{name: table[name] for name in Columns.NAMES})


# On PostgreSQL the numbers come back as one binary string: each asset's fixed-width record (network byte
# order), which numpy reads without a Python object per asset; the names as one string, each ended by a NUL
# (which PostgreSQL's text never holds), split once.
_RECORD = ("int8send(t.pk) || float8send(t.longitude_deg) || float8send(t.latitude_deg) || int8send(t.owner_id) "
           "|| int2send(t.use_at::int2) || int2send(t.tenure_at::int2) || int2send(t.status_at::int2)")
_NAME = "convert_to(t.name, 'UTF8') || '\\x00'::bytea"
_NETWORK_ORDER = Columns.NUMBERS.newbyteorder(">")


def _packed(sql: str, params) -> Columns:
    # The statement is the ORM's own compiled query and this module's constants; values go as params.
    statement = (f"SELECT string_agg({_RECORD}, ''::bytea), "  # noqa: S608
                 f"string_agg({_NAME}, ''::bytea) FROM ({sql}) AS t")
    with transaction.atomic(), connection.cursor() as cursor:
        # One process computes both aggregates, so that the names come in the records' order.
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        cursor.execute(statement, params)
        records, names = cursor.fetchone()
    if records is None:
        return Columns.empty()
    table = np.frombuffer(bytes(records), dtype=_NETWORK_ORDER).astype(Columns.NUMBERS)
    return Columns(**{name: table[name] for name in Columns.NUMBERS.names},
                   name=np.array(bytes(names).decode().split("\0")[:-1], dtype=object))


def place_assets(visible, place: Organisation, params) -> PlaceAssets:
    """The assets among ``visible`` inside ``place``'s area, narrowed by the filters in ``params`` (a QueryDict
    or dict: agency = an owner's slug, use, tenure, status = their codes; anything else is ignored)."""
    area = area_for(place)
    unlocated = visible.of_owner(place).filter(longitude__isnull=True).count()
    if area is None:
        return PlaceAssets(place, [], {}, unlocated=unlocated)
    found = _candidates(visible, area)
    if len(found):
        found = found.take(shapely.contains_xy(area, found.lon, found.lat))
    agencies = _agencies(found)
    selected = {key: params.get(key, "") for key in FILTER_KEYS}
    selected = {key: value for key, value in selected.items() if value and _valid(value, key, agencies)}
    shown = found.take(_wanted(found, selected, agencies))
    shown = shown.take(np.argsort(shown.id, kind="stable"))
    return PlaceAssets(place, agencies, selected, shown, len(found), unlocated)


def _agencies(found: Columns) -> list[Agency]:
    owners_found, counts_found = np.unique(found.owner, return_counts=True)
    counts = dict(zip(owners_found.tolist(), counts_found.tolist(), strict=True))
    owners = Organisation.objects.in_bulk(list(counts))
    # The agencies with most assets get a colour of their own; ties by name, so colours do not shift.
    ordered = sorted(counts, key=lambda pk: (-counts[pk], owners[pk].name))
    return [Agency(owners[pk], counts[pk], index if index < PALETTE_SIZE else OTHER_COLOUR)
            for index, pk in enumerate(ordered)]


def _wanted(found: Columns, selected: dict[str, str], agencies: list[Agency]):
    """Which assets pass the filters, as a boolean array."""
    keep = np.ones(len(found), dtype=bool)
    if "agency" in selected:
        owner = next(a.organisation.pk for a in agencies if a.slug == selected["agency"])
        keep &= found.owner == owner
    for key in ("use", "tenure", "status"):
        if key in selected:
            keep &= getattr(found, key) == CODES[key].index(selected[key])
    return keep


def with_ids(queryset, ids: list[int]):
    """``queryset`` narrowed to ``ids`` with the ids in one parameter (a place may show 50,000 assets, more
    than a query may carry as separate parameters on SQLite).

    On PostgreSQL the test is ``id = ANY(array)``, the array given as its text: the server hashes the array and
    knows its size, where ``IN (SELECT unnest(...))`` guesses 200 rows and looks 50,000 ids up one at a time
    (a page's table asks two or three such queries: its count, its page); and handing psycopg the text, not a
    list of 50,000 numbers, saves it a tenth of a second a query."""
    if connection.vendor == "postgresql":
        meta = queryset.model._meta
        column = f"{connection.ops.quote_name(meta.db_table)}.{connection.ops.quote_name(meta.pk.column)}"
        # The model's own quoted table and column; the ids go as a parameter.
        among = RawSQL(f"{column} = ANY(%s::bigint[])", ("{" + ",".join(map(str, ids)) + "}",),  # noqa: S611
                       output_field=BooleanField())
        return queryset.filter(among)
    return queryset.filter(pk__in=RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),)))


def map_data(found: PlaceAssets) -> dict:
    """The map's compact data: lookup lists once, then one array per column with an entry per asset
    (id, longitude and latitude in millionths of a degree, agency index, use, tenure and status index, name)."""
    shown = found.shown
    owners = np.array([agency.organisation.pk for agency in found.agencies], dtype=np.int64)
    by_owner = np.argsort(owners)
    agency = by_owner[np.searchsorted(owners[by_owner], shown.owner)]  # each asset's index in "agencies"
    data = {
        "place": {"name": found.place.name, "code": found.place.gss_code},
        "agencies": [{"name": a.name, "slug": a.slug, "colour": a.colour, "count": a.count} for a in found.agencies],
        "total": len(shown),
        # Coordinates in millionths of a degree (about 0.1 m): whole numbers, quicker to write and read than floats.
        "id": shown.id.tolist(), "longitude_e6": np.rint(shown.lon * 1e6).astype(np.int64).tolist(),
        "latitude_e6": np.rint(shown.lat * 1e6).astype(np.int64).tolist(),
        "agency": agency.tolist(),
        "name": shown.name.tolist(),
    }
    for key in ("use", "tenure", "status"):
        data[key] = getattr(shown, key).tolist()
        data[f"{key}_labels"] = [NOT_GIVEN] + [str(label) for label in CHOICES[key].labels]
    return data
