"""Customer service needs: one row per service point (its visits or transactions in a year) or per area (the
demand arising there, placed at the area's centre), with coordinates in BNG or WGS84.

A row is the owner's reference, the service and the period: importing a file again updates the rows that
changed and counts the rest unchanged. A row without usable coordinates is rejected (demand that cannot be
placed cannot be measured against a distance), saying what would be accepted.
"""

from decimal import Decimal

from productivity.estate import geography
from productivity.estate.importers import cells as read
from productivity.estate.models import DemandKind, ServiceDemand
from productivity.imports import cells
from productivity.imports.accounted import AccountedImporter
from productivity.imports.headers import Field

SAVED = ("owner_id", "reference", "service", "period", "name", "kind", "visits", "easting", "northing",
         "longitude", "latitude", "is_illustrative", "is_published")
KINDS = cells.choice_map(DemandKind, {"point": "service_point", "site": "service_point", "office": "service_point",
                                      "zone": "area", "lsoa": "area", "ward": "area", "neighbourhood": "area"})
LARGEST_VISITS = 100_000_000
VISITS_ACCEPTS = "a whole number of visits or transactions in a year, such as 12500 or 12,500"


def _field(key, header, accepts, *aliases, required=False):
    return Field(key, header, accepts, required=required, aliases=aliases)


FIELDS = (
    _field("reference", "Reference", "the point's or area's identifier, such as CSC01 or E01006100",
           "Code", "Site code", "Area code", "Service point code", "ID", required=True),
    _field("name", "Name", "the service point's or area's name", "Site name", "Area name", "Service point",
           required=True),
    _field("kind", "Kind", "Service point or Area (blank: Service point)", "Type", "Point or area"),
    _field("service", "Service", "the service, such as Council tax or Benefits", "Service name", "Channel"),
    _field("period", "Period", "the year the figures cover, such as 2012/13", "Year", "Financial year"),
    _field("visits", "Visits per year", VISITS_ACCEPTS, "Visits", "Transactions per year", "Transactions",
           "Contacts per year", "Contacts", "Demand", "Footfall", required=True),
    _field("crs", "Coordinate reference system", geography.CRS_ACCEPTS, "CRS", "Coordinate system"),
    _field("x", "GeoX", "the longitude (WGS84) or easting (BNG)", "Easting", "Longitude", "Lon", "X",
           required=True),
    _field("y", "GeoY", "the latitude (WGS84) or northing (BNG)", "Northing", "Latitude", "Lat", "Y",
           required=True),
    _field("illustrative", "Illustrative", "Yes for made-up demonstration figures (blank: No)", "Is illustrative"),
    _field("published", "Published", "Yes or No (blank: Yes)", "Publish"),
)


def _visits(value: object) -> int | None:
    raw = cells.text(value).replace(",", "").replace(" ", "")
    if not raw:
        return None
    if raw.endswith(".0"):
        raw = raw[:-2]
    if isinstance(value, bool) or not raw.isdigit() or int(raw) >= LARGEST_VISITS:
        raise ValueError(f"'{cells.text(value)}' is not a number of visits: use {VISITS_ACCEPTS}, under 100 million")
    return int(raw)


def _kind(value: object) -> str | None:
    return cells.choice(value, KINDS, "Service point or Area")


class DemandImporter(AccountedImporter):
    kind = "service_demand"
    title = "Customer service demand"
    noun = "service point or area"
    fields = FIELDS
    examples = (("CSC01", "Sale Waterside customer service centre", "Service point", "All council services",
                 "2012/13", "48200", "WGS84", "-2.3208", "53.4243", "No"),)
    on_existing = "update"
    needs_publisher = True
    batch_size = 1000

    def cell_parsers(self):
        return {
            "reference": read.text(60), "name": read.text(250), "kind": _kind, "service": read.text(200),
            "period": read.text(20), "visits": _visits, "crs": read.coordinate_system, "x": read.coordinate,
            "y": read.coordinate, "illustrative": cells.boolean, "published": cells.boolean,
        }

    def parse_row(self, row):
        record = super().parse_row(row)
        if record is None:
            return None
        if record[7] is None:
            x, y = row.values.get("x"), row.values.get("y")
            row.problem("x", f"'{cells.text(x)}, {cells.text(y)}' cannot be placed in the UK: give "
                             f"{geography.CRS_ACCEPTS}")
            return None
        return record

    def record(self, values):
        location = self._location(values)
        published, illustrative = values.get("published"), values.get("illustrative")
        saved = {
            "owner_id": self.publisher.pk, "reference": values["reference"], "service": values.get("service") or "",
            "period": values.get("period") or "", "name": values["name"],
            "kind": values.get("kind") or DemandKind.SERVICE_POINT, "visits": values["visits"],
            "easting": location.easting if location else None, "northing": location.northing if location else None,
            "longitude": location.longitude if location else None,
            "latitude": location.latitude if location else None,
            "is_illustrative": bool(illustrative), "is_published": True if published is None else published,
        }
        return tuple(saved[name] for name in SAVED)

    def _location(self, values):
        x, y, named = values.get("x"), values.get("y"), values.get("crs")
        if read.UNREADABLE in (x, y, named) or not isinstance(x, Decimal) or not isinstance(y, Decimal):
            return None
        system = geography.system_of(x, y, named)
        return geography.locate(x, y, system) if system else None

    def key(self, record):
        return record[:4]

    def existing(self, keys):
        owner = keys[0][0]
        references = {key[1] for key in keys}
        wanted = set(keys)
        found = {}
        rows = ServiceDemand.objects.filter(owner_id=owner, reference__in=references).values_list(*SAVED)
        for values in rows.iterator():
            if values[:4] in wanted:
                found[values[:4]] = values
        return found

    def save_batch(self, new, changed):
        owner = self.publisher
        for record in new:
            ServiceDemand(**dict(zip(SAVED[1:], record[1:], strict=True)), owner=owner).save()
        for record in changed:
            item = ServiceDemand.objects.get(owner=owner, reference=record[1], service=record[2], period=record[3])
            for name, value in zip(SAVED[1:], record[1:], strict=True):
                setattr(item, name, value)
            item.save()
