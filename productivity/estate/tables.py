"""The asset register as pages, downloads and exports show it: one list of columns drives them all."""

from dataclasses import replace

from django.urls import reverse

from productivity.core import formatting
from productivity.core.tables import Column, Filter
from productivity.estate.models import Asset, HoldingType, Status, Tenure, Use
from productivity.organisations.models import Organisation


def asset_link(asset: Asset) -> str:
    return reverse("estate:asset", args=[asset.pk])


def _area(value) -> str:
    return "" if value is None else f"{formatting.number(value.normalize())}"


REGISTER_COLUMNS = [
    Column("owner", "Owner", lambda a: a.owner.name, order_by="owner__name"),
    Column("asset_code", "Asset code", lambda a: a.asset_code, order_by="asset_code"),
    Column("uprn", "UPRN", lambda a: a.uprn, on_page=False),
    Column("name", "Name", lambda a: a.name, order_by="name", link=asset_link),
    Column("address", "Address", lambda a: a.address),
    Column("postcode", "Postcode", lambda a: a.postcode, order_by="postcode"),
    Column("easting", "Easting", lambda a: a.easting, on_page=False),
    Column("northing", "Northing", lambda a: a.northing, on_page=False),
    Column("longitude", "Longitude", lambda a: a.longitude, on_page=False),
    Column("latitude", "Latitude", lambda a: a.latitude, on_page=False),
    Column("use", "Use", lambda a: a.get_use_display(), order_by="use"),
    Column("tenure", "Tenure", lambda a: a.get_tenure_display(), order_by="tenure"),
    Column("tenure_detail", "Tenure detail", lambda a: a.tenure_detail, on_page=False),
    Column("holding_type", "Holding type", lambda a: a.get_holding_type_display(), on_page=False),
    Column("gross_internal_area", "Gross internal area (m²)", lambda a: a.gross_internal_area, kind="number",
           order_by="gross_internal_area"),
    Column("land_area", "Land area (ha)", lambda a: a.land_area, kind="number", on_page=False),
    Column("occupancy", "Occupancy (%)", lambda a: a.occupancy, kind="number", on_page=False),
    Column("rent", "Rent per year", lambda a: a.rent, kind="money", on_page=False),
    Column("rates", "Rates per year", lambda a: a.rates, kind="money", on_page=False),
    Column("facilities_cost", "Facilities per year", lambda a: a.facilities_cost, kind="money", on_page=False),
    Column("energy_cost", "Energy per year", lambda a: a.energy_cost, kind="money", on_page=False),
    Column("energy_kwh", "Energy use (kWh)", lambda a: a.energy_kwh, kind="number", on_page=False),
    Column("carbon_tco2e", "Carbon (tCO2e)", lambda a: a.carbon_tco2e, kind="number", on_page=False),
    Column("energy_rating", "Energy rating", lambda a: a.energy_rating, on_page=False),
    Column("condition", "Condition", lambda a: a.condition, on_page=False),
    Column("backlog_maintenance", "Backlog maintenance", lambda a: a.backlog_maintenance, kind="money",
           on_page=False),
    Column("market_value", "Market value", lambda a: a.market_value, kind="money", on_page=False),
    Column("status", "Status", lambda a: a.get_status_display(), order_by="status"),
    Column("lease_end", "Lease end date", lambda a: a.lease_end, kind="date", on_page=False),
    Column("flags", "Data quality", lambda a: "; ".join(a.flag_labels)),
]



def _address(asset: Asset) -> str:
    return ", ".join(part for part in (asset.address, asset.postcode) if part)


def _map_columns() -> list[Column]:
    """The register's columns as the map's table shows them: the table is the map's alternative, so it says
    what a marker's popup says (name, holder, use, tenure, status) and where (the address and postcode in one
    cell), narrow enough to read without scrolling sideways. Its downloads keep every column of the register."""
    off_page = {"asset_code", "address", "postcode", "gross_internal_area", "flags"}
    columns = []
    for column in REGISTER_COLUMNS:
        columns.append(replace(column, on_page=False) if column.key in off_page else column)
        if column.key == "postcode":
            columns.append(Column("where", "Address", _address, in_download=False))
    return columns


MAP_COLUMNS = _map_columns()

def register_filters(assets) -> list[Filter]:
    """Filters for the register; only owners with assets the reader can see are offered."""
    owners = Organisation.objects.filter(pk__in=assets.values("owner")).order_by("name")
    return [
        Filter("owner", "Owner", [(o.slug, o.name) for o in owners], lambda qs, v: qs.filter(owner__slug=v)),
        Filter("use", "Use", list(Use.choices), lambda qs, v: qs.filter(use=v)),
        Filter("tenure", "Tenure", list(Tenure.choices), lambda qs, v: qs.filter(tenure=v)),
        Filter("holding", "Holding type", list(HoldingType.choices), lambda qs, v: qs.filter(holding_type=v)),
        Filter("status", "Status", list(Status.choices), lambda qs, v: qs.filter(status=v)),
        Filter("withdrawn", "Withdrawn assets", [("include", "Include withdrawn assets"),
                                                 ("only", "Only withdrawn assets")],
               lambda qs, v: qs.filter(withdrawn_at__isnull=False) if v == "only" else qs),
    ]


def search(assets, text: str):
    return assets.matching(text)


def facts(asset: Asset) -> list[tuple[str, str]]:
    """The asset's fields in plain English, for its page: (label, value) with "Not given" for blanks."""
    money = formatting.money
    location = ""
    if asset.latitude is not None:
        location = (f"{asset.latitude}, {asset.longitude} (latitude, longitude); "
                    f"easting {asset.easting}, northing {asset.northing} (British National Grid)")
    rows = [
        ("Owner", asset.owner.name),
        ("Asset code", asset.asset_code),
        ("UPRN", asset.uprn),
        ("Address", asset.address),
        ("Postcode", asset.postcode),
        ("Location", location),
        ("Coordinates as the file gave them", asset.location_given),
        ("Use", asset.get_use_display() + (f" (the file says “{asset.use_as_given}”)"
                                           if asset.use_as_given and asset.use_as_given != asset.get_use_display()
                                           else "")),
        ("Tenure", asset.get_tenure_display()),
        ("Tenure detail", "; ".join(part for part in (asset.tenure_detail, asset.tenure_note) if part)),
        ("Holding type", asset.get_holding_type_display()),
        ("Gross internal area", f"{_area(asset.gross_internal_area)} m²" if asset.gross_internal_area is not None
         else ""),
        ("Land area", f"{_area(asset.land_area)} hectares" if asset.land_area is not None else ""),
        ("Occupancy", f"{_area(asset.occupancy)}%" if asset.occupancy is not None else ""),
        ("Rent per year", money(asset.rent, pence=True) if asset.rent is not None else ""),
        ("Business rates per year", money(asset.rates, pence=True) if asset.rates is not None else ""),
        ("Facilities management per year", money(asset.facilities_cost, pence=True)
         if asset.facilities_cost is not None else ""),
        ("Energy cost per year", money(asset.energy_cost, pence=True) if asset.energy_cost is not None else ""),
        ("Energy use per year", f"{_area(asset.energy_kwh)} kWh" if asset.energy_kwh is not None else ""),
        ("Carbon per year", f"{_area(asset.carbon_tco2e)} tonnes CO2e" if asset.carbon_tco2e is not None else ""),
        ("DEC or EPC rating", asset.energy_rating),
        ("Condition", asset.get_condition_display()),
        ("Backlog maintenance", money(asset.backlog_maintenance, pence=True)
         if asset.backlog_maintenance is not None else ""),
        ("Market value", money(asset.market_value, pence=True) if asset.market_value is not None else ""),
        ("Status", asset.get_status_display()),
        ("Lease end date", formatting.govuk_date(asset.lease_end)),
        ("True as at", formatting.govuk_date(asset.effective_date)),
    ]
    return [(label, value or "Not given") for label, value in rows]
