"""An owner's land and building assets: a Transparency Code register or an ePIMS-style extract.

One row per asset. An asset is the owner's asset code (or, without one, its UPRN): importing a file
again updates the assets whose rows changed and counts the rest unchanged. A code that comes twice in
one file is rejected the second time, saying where it first came, so imported + unchanged + rejected
is every row. Rows whose coordinates are missing, unreadable or outside the owner's area are saved
and flagged, never dropped.

A withdrawn asset is kept as it was withdrawn (``assets.withdraw``): its row counts as unchanged when it
says the same, and is rejected otherwise, saying when it was withdrawn and that it must be restored first.
An import never changes it, never restores it, and never makes a second asset of its code.
"""

import json
from decimal import Decimal

from django.utils import timezone

from productivity.audit import registry as audit
from productivity.core.dates import ACCEPTED as DATE_ACCEPTS
from productivity.core.dates import parse_date
from productivity.estate import geography
from productivity.estate.importers import cells as read
from productivity.estate.models import Asset, Flag, Use
from productivity.imports import bulk, cells
from productivity.imports.accounted import AccountedImporter
from productivity.imports.headers import Field
from productivity.imports.problems import Problem

# The record's values, in this order; the owner comes first.
SAVED = (
    "owner_id", "asset_code", "uprn", "name", "address", "postcode", "easting", "northing", "longitude",
    "latitude", "location_given", "tenure", "tenure_detail", "tenure_note", "holding_type", "gross_internal_area",
    "land_area", "use", "use_as_given", "occupancy", "rent", "rates", "facilities_cost", "energy_cost",
    "energy_kwh", "carbon_tco2e", "energy_rating", "condition", "backlog_maintenance", "market_value", "status",
    "lease_end", "effective_date", "is_published", "flags",
)
TEXT_FIELDS = {"asset_code", "uprn", "name", "address", "postcode", "location_given", "tenure", "tenure_detail",
               "tenure_note", "holding_type", "use", "use_as_given", "energy_rating", "condition", "status"}
LARGEST_FLOOR_AREA = Decimal("250000")  # m²: more than any single public building
LARGEST_LAND_AREA = Decimal("5000")  # hectares
AREA_LIMIT = Decimal("10000000000")


def _field(key, header, accepts, *aliases, required=False):
    return Field(key, header, accepts, required=required, aliases=aliases)


FIELDS = (
    _field("asset_code", "Asset code", "the owner's reference for the asset, such as TMBC0001",
           "AssetCode", "Asset reference", "Property reference", "Property ref", "ePIMS property reference",
           "Property number", "Asset ID", "Asset number"),
    _field("uprn", "UPRN", read.UPRN_ACCEPTS, "Unique property reference number", "UPRN number"),
    _field("name", "Property name", "the asset's name", "PropertyName", "Asset name", "Name", "Site name",
           "Building name", "Property", required=True),
    _field("address", "Address", "the full address on one line", "Full address", "Property address",
           "Site address"),
    _field("street_number", "Street number", "the building's number", "StreetNumber", "Building number",
           "House number"),
    _field("street_name", "Street name", "the street", "StreetName", "Street", "Address line 1"),
    _field("post_town", "Post town", "the town", "PostTown", "Town", "Town or city"),
    _field("postcode", "Postcode", "a postcode such as WA14 1PF", "PostCode", "Post code"),
    _field("crs", "Coordinate reference system", geography.CRS_ACCEPTS, "CoordinateReferenceSystem", "CRS",
           "Coordinate system", "Projection"),
    _field("x", "GeoX", "the longitude (WGS84) or easting (BNG)", "Easting", "Longitude", "Long", "Lon", "X",
           "Grid reference easting", "X coordinate"),
    _field("y", "GeoY", "the latitude (WGS84) or northing (BNG)", "Northing", "Latitude", "Lat", "Y",
           "Grid reference northing", "Y coordinate"),
    _field("tenure", "Tenure type", "Freehold, Leasehold, Licence or Other", "TenureType", "Tenure"),
    _field("tenure_detail", "Tenure detail", "how the asset is held, such as Owner occupied", "TenureDetail",
           "Occupation"),
    _field("tenure_note", "Other detail", "any other detail of the tenure", "OtherDetail"),
    _field("holding_type", "Holding type", "Land, Buildings or Land and buildings", "HoldingType",
           "Land or buildings", "Property type"),
    _field("gross_internal_area", "Building size", f"the gross internal area in m²: {read.NUMBER_ACCEPTS}",
           "BuildingSize", "Gross internal area", "GIA", "GIA m2", "Floor area", "Floor area m2",
           "Gross internal area m2"),
    _field("land_area", "Land area", f"the land area in hectares: {read.NUMBER_ACCEPTS}", "LandArea",
           "Site area", "Land area ha", "Site area ha", "Hectares"),
    _field("use", "Use", "what the asset is used for, such as Office, Depot or Library", "Primary use",
           "Property use", "Asset use", "Current use", "Use type", "Property usage"),
    _field("occupancy", "Occupancy", read.PERCENT_ACCEPTS, "Occupancy %", "Utilisation", "Utilisation %",
           "Space utilisation"),
    _field("rent", "Rent", cells.MONEY_ACCEPTS, "Annual rent", "Rent per year", "Rent paid"),
    _field("rates", "Rates", cells.MONEY_ACCEPTS, "Business rates", "Annual rates", "NNDR"),
    _field("facilities_cost", "Facilities costs", cells.MONEY_ACCEPTS, "Facilities management",
           "FM costs", "Service charge", "Facilities management costs"),
    _field("energy_cost", "Energy costs", cells.MONEY_ACCEPTS, "Energy cost", "Utilities", "Utility costs"),
    _field("energy_kwh", "Energy use kWh", read.NUMBER_ACCEPTS, "Energy kWh", "Energy consumption",
           "Energy consumption kWh", "kWh"),
    _field("carbon_tco2e", "Carbon tCO2e", read.NUMBER_ACCEPTS, "Carbon", "CO2 emissions", "tCO2e",
           "Carbon emissions", "Carbon emissions tCO2e"),
    _field("energy_rating", "Energy rating", read.RATING_ACCEPTS, "EnergyRating", "DEC rating", "EPC rating",
           "DEC", "EPC"),
    _field("condition", "Condition", "a condition from A (good) to D (bad)", "Condition rating",
           "Condition grade"),
    _field("backlog_maintenance", "Backlog maintenance", cells.MONEY_ACCEPTS, "Maintenance backlog",
           "Backlog maintenance cost"),
    _field("market_value", "Market value", cells.MONEY_ACCEPTS, "Value", "Asset value", "Valuation"),
    _field("status", "Status", "Operational, Surplus, Vacant, For disposal or Disposed", "Asset status",
           "Property status", "Disposal status"),
    _field("lease_end", "Lease end date", DATE_ACCEPTS, "Lease end", "Lease expiry", "Lease expiry date"),
    _field("effective_date", "Effective date", DATE_ACCEPTS, "EffectiveDate", "As at", "Date"),
    _field("published", "Published", "Yes or No (blank: Yes, as Transparency Code registers are public)",
           "Publish", "Is published"),
)


class AssetImporter(AccountedImporter):
    kind = "assets"
    title = "Land and building assets"
    noun = "asset"
    fields = FIELDS
    together = (("x", "y"),)
    examples = (
        ("TMBC0001", "100012797623", "Altrincham Town Hall", "", "", "Market Street", "Altrincham", "WA14 1PF",
         "WGS84", "-2.3520922", "53.3879587", "Freehold", "Owner Occupied", "", "Buildings", "415.05"),
    )
    on_existing = "update"
    needs_publisher = True
    batch_size = 1000

    def __init__(self, user, **options):
        super().__init__(user, **options)
        owner = self.publisher
        self.area = geography.area_of(owner.gss_code) if owner is not None else None
        self._rows_of: dict[tuple, int] = {}  # each asset's key: the row it first came on
        self._withdrawn: dict[tuple, tuple] | None = None  # withdrawn assets' keys: (record, when, why)

    def cell_parsers(self):
        money, quantity = read.money, read.quantity
        return {
            "asset_code": read.text(60), "uprn": read.uprn, "name": read.text(250), "address": read.text(300),
            "street_number": read.text(40), "street_name": read.text(150), "post_town": read.text(100),
            "postcode": read.postcode, "crs": read.coordinate_system, "x": read.coordinate, "y": read.coordinate,
            "tenure": read.tenure, "tenure_detail": read.text(200), "tenure_note": read.text(200),
            "holding_type": read.holding, "gross_internal_area": quantity(2, AREA_LIMIT),
            "land_area": quantity(4, AREA_LIMIT), "use": read.use, "occupancy": read.percent, "rent": money,
            "rates": money, "facilities_cost": money, "energy_cost": money,
            "energy_kwh": quantity(2, Decimal("1000000000000")), "carbon_tco2e": quantity(3, Decimal("1000000000")),
            "energy_rating": read.rating, "condition": read.condition, "backlog_maintenance": money,
            "market_value": money, "status": read.status, "lease_end": parse_date, "effective_date": parse_date,
            "published": cells.boolean,
        }

    def _entries(self, table, resume_after: int):
        """The framework's rows (its quick path: each distinct cell parsed once), each then checked for what
        identifies an asset: a code or a UPRN, given once in the file (a repeat is rejected, naming the row
        it first came on), and for a withdrawn asset it would change."""
        for number, record, reasons, raw in super()._entries(table, resume_after):
            if record is not None:
                problem = self._identity_problem(number, record) or self._withdrawn_problem(record)
                if problem is not None:
                    column = self.column_name(problem[0])
                    self.problems.add(Problem(self.filename, number, column, problem[1]))
                    record, reasons = None, [*reasons, (column, problem[1])]
            yield number, record, reasons, raw

    def _identity_problem(self, number: int, record) -> tuple[str, str] | None:
        code, uprn = record[1], record[2]
        if not code and not uprn:
            return "asset_code", "Give the asset's code or its UPRN: one of them identifies the asset"
        first = self._rows_of.setdefault(self.key(record), number)
        if first != number:
            what = f"The asset code {code}" if code else f"The UPRN {uprn}"
            return ("asset_code" if code else "uprn"), f"{what} is also on row {first}: give each asset once"
        return None

    def _withdrawn_problem(self, record) -> tuple[str, str] | None:
        """Why the row may not stand for a withdrawn asset, if it names one and says something else."""
        if self._withdrawn is None:  # read once per run: an owner withdraws few assets
            self._withdrawn = _withdrawn_assets(self.publisher, self.key)
        found = self._withdrawn.get(self.key(record))
        if found is None or found[0] == record:
            return None
        stored, when, why = found
        code, uprn = record[1], record[2]
        what = f"The asset {code}" if code else f"The asset with UPRN {uprn}"
        reason = f" ({why})" if why else ""
        return ("asset_code" if code else "uprn"), (
            f"{what} was withdrawn on {timezone.localtime(when):%-d %B %Y}{reason}, so it is kept as it was: "
            f"restore it first (the programme team can, on the asset's page), then import the file again; "
            f"this row would change its {_changes(stored, record)}")

    def record(self, values):
        flags = []
        location, given = self._location(values, flags)
        use_found = values.get("use")
        use, use_as_given = "", ""
        if use_found is not None:
            use, use_as_given = use_found
            if not use:
                use = Use.OTHER
                flags.append(Flag.UNKNOWN_USE)
        floor, land = values.get("gross_internal_area"), values.get("land_area")
        if (floor is not None and (floor == 0 or floor > LARGEST_FLOOR_AREA)) or (
                land is not None and (land == 0 or land > LARGEST_LAND_AREA)):
            flags.append(Flag.IMPLAUSIBLE_SIZE)
        published = values.get("published")
        saved = {
            "owner_id": self.publisher.pk, "address": values.get("address") or _address(values),
            "easting": location.easting if location else None, "northing": location.northing if location else None,
            "longitude": location.longitude if location else None,
            "latitude": location.latitude if location else None, "location_given": given,
            "use": use, "use_as_given": use_as_given, "is_published": True if published is None else published,
            "flags": tuple(str(flag) for flag in flags),
        }
        return tuple(saved[name] if name in saved else _blank_as_empty(name, values.get(name)) for name in SAVED)

    def _location(self, values, flags):
        x, y, named = values.get("x"), values.get("y"), values.get("crs")
        if x is None and y is None:
            flags.append(Flag.NO_LOCATION)
            return None, ""
        given = f"{cells.text(x) if x is not None else '(blank)'}, {cells.text(y) if y is not None else '(blank)'}"
        if named:
            given += f" ({named.upper() if named != read.UNREADABLE else 'unknown system'})"
        if read.UNREADABLE in (x, y, named) or x is None or y is None:
            flags.append(Flag.BAD_LOCATION)
            return None, given[:120]
        system = geography.system_of(x, y, named)
        if system is None:
            flags.append(Flag.BAD_LOCATION)
            if geography.system_of(y, x, named) is not None:
                given += ": the two look swapped"
            return None, given[:120]
        location = geography.locate(x, y, system)
        if geography.outside(self.area, location):
            flags.append(Flag.OUTSIDE_AREA)
        return location, given[:120]

    def key(self, record):
        owner, code, uprn = record[0], record[1], record[2]
        return (owner, code, "" if code else uprn)

    def existing(self, keys):
        owner = keys[0][0]
        codes = [code for _, code, _ in keys if code]
        uprns = [uprn for _, code, uprn in keys if not code]
        found = {}
        saved = Asset.objects.filter(owner_id=owner)
        for values in saved.filter(asset_code__in=codes).values_list(*SAVED).iterator():
            found[self.key(values)] = _stored(values)
        for values in saved.filter(asset_code="", uprn__in=uprns).values_list(*SAVED).iterator():
            found[self.key(values)] = _stored(values)
        return found

    def is_flagged(self, record):
        return bool(record[-1])

    def save_batch(self, new, changed):
        """Save a batch in bulk: new assets in one COPY (PostgreSQL) or one prepared INSERT, changed ones in one
        bulk UPDATE, and their history in one insert of audit entries, the same entries (one per asset, "created"
        or "changed", field by field) that saving them one at a time would record."""
        owner = self.publisher  # given as the instance, so that the history need not look it up per asset
        now = timezone.now()
        if new:
            bulk.insert_rows(Asset, INSERTED, (_inserted_row(record, now) for record in new))
            created = self._saved(owner, new)
            audit.record_bulk(created, insert=bulk.insert_rows)
        if changed:
            assets = self._saved(owner, changed)
            before = {asset.pk: audit.snapshot(asset) for asset in assets}
            by_key = {self.key((owner.pk, asset.asset_code, asset.uprn)): asset for asset in assets}
            for record in changed:
                asset = by_key[self.key(record)]
                for name, value in _model_values(record).items():
                    setattr(asset, name, value)
                asset.updated_at = now
            Asset.objects.bulk_update(assets, [*SAVED[1:], "updated_at"], batch_size=500)
            audit.record_bulk(assets, before, insert=bulk.insert_rows)

    def _saved(self, owner, records) -> list[Asset]:
        """The saved assets of ``records`` (by asset code, or UPRN where there is no code), owner attached."""
        codes = [record[1] for record in records if record[1]]
        uprns = [record[2] for record in records if not record[1]]
        found = []
        if codes:
            found += list(Asset.objects.filter(owner=owner, asset_code__in=codes))
        if uprns:
            found += list(Asset.objects.filter(owner=owner, asset_code="", uprn__in=uprns))
        for asset in found:
            asset.owner = owner
        return found

    def shown(self, key, value):
        if key == "use" and isinstance(value, tuple):
            return dict(Use.choices).get(value[0], value[1]) if value[0] else f"{value[1]} (not on the list)"
        return super().shown(key, value)


def _inserted_fields() -> tuple[str, ...]:
    """Every column an inserted asset needs: the record's, then the rest at their defaults (timestamps now)."""
    rest = [field.attname for field in Asset._meta.concrete_fields
            if not field.primary_key and not field.generated and field.attname not in SAVED]
    return (*SAVED, *rest)


INSERTED = _inserted_fields()
_DEFAULTS = {field.attname: field for field in Asset._meta.concrete_fields if field.attname in INSERTED[len(SAVED):]}


def _inserted_row(record: tuple, now) -> tuple:
    """A record as the row COPY writes: flags as JSON text, every other column at its default."""
    rest = []
    for name in INSERTED[len(SAVED):]:
        field = _DEFAULTS[name]
        rest.append(now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
                    else field.get_default())
    return (*record[:-1], json.dumps(list(record[-1])), *rest)


def _address(values) -> str:
    street = " ".join(part for part in (values.get("street_number"), values.get("street_name")) if part)
    return ", ".join(part for part in (street, values.get("post_town")) if part)[:300]


def _blank_as_empty(name, value):
    return ("" if value is None else value) if name in TEXT_FIELDS else value


def _withdrawn_assets(owner, key) -> dict[tuple, tuple]:
    """{key: (record as saved, withdrawn at, reason)} of the owner's withdrawn assets."""
    if owner is None:
        return {}
    rows = Asset.objects.filter(owner=owner, withdrawn_at__isnull=False).values_list(
        *SAVED, "withdrawn_at", "withdrawal_reason")
    return {key(values): (_stored(values[:-2]), *values[-2:]) for values in rows.iterator()}


LOCATION = {"easting", "northing", "longitude", "latitude", "location_given"}


def _changes(stored: tuple, record: tuple, most: int = 4) -> str:
    """The asset's details the record would change, in words: "name and tenure"."""
    names, location = [], False
    for name, old, new in zip(SAVED, stored, record, strict=True):
        if old == new:
            continue
        if name in LOCATION:
            if not location:
                names.append("location")
            location = True
            continue
        label = str(Asset._meta.get_field(name).verbose_name)
        names.append(label if label[:2].isupper() else label[0].lower() + label[1:])
    if len(names) > most:
        names = [*names[:most - 1], f"{len(names) - most + 1} more details"]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _stored(values: tuple) -> tuple:
    """A saved asset's values as a record has them (its flags a tuple, as read)."""
    return (*values[:-1], tuple(values[-1] or ()))


def _model_values(record: tuple) -> dict:
    """The record as the model's fields, but the owner (which the importer gives as its instance)."""
    values = dict(zip(SAVED[1:], record[1:], strict=True))
    values["flags"] = list(values["flags"])
    return values
