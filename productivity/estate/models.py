"""Public land and property: one row per asset an organisation holds, as its register publishes it."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Cast, Coalesce, Round

from productivity.estate.queries import AssetQuerySet, PublishedAssetDeleted


class Tenure(models.TextChoices):
    FREEHOLD = "freehold", "Freehold"
    LEASEHOLD = "leasehold", "Leasehold"
    LICENCE = "licence", "Licence"
    OTHER = "other", "Other"


class HoldingType(models.TextChoices):
    LAND = "land", "Land only"
    BUILDINGS = "buildings", "Buildings"
    LAND_AND_BUILDINGS = "land_and_buildings", "Land and buildings"


class Use(models.TextChoices):
    OFFICE = "office", "Office"
    DEPOT = "depot", "Depot"
    LIBRARY = "library", "Library"
    FIRE_STATION = "fire_station", "Fire station"
    POLICE_STATION = "police_station", "Police station"
    CLINIC = "clinic", "Clinic or health centre"
    CUSTOMER_SERVICE_CENTRE = "customer_service_centre", "Customer service centre"
    SCHOOL = "school", "School"
    COMMUNITY_CENTRE = "community_centre", "Community centre"
    LEISURE = "leisure", "Leisure centre"
    CARE_HOME = "care_home", "Care home"
    HOUSING = "housing", "Housing"
    RETAIL = "retail", "Shop or retail"
    INDUSTRIAL = "industrial", "Industrial"
    CAR_PARK = "car_park", "Car park"
    PARK = "park", "Park or open space"
    ALLOTMENT = "allotment", "Allotment"
    CEMETERY = "cemetery", "Cemetery or crematorium"
    LAND = "land", "Land"
    OTHER = "other", "Other"


class Status(models.TextChoices):
    OPERATIONAL = "operational", "Operational"
    SURPLUS = "surplus", "Surplus"
    VACANT = "vacant", "Vacant"
    FOR_DISPOSAL = "for_disposal", "For disposal"
    DISPOSED = "disposed", "Disposed"


class Condition(models.TextChoices):
    A = "A", "A: good"
    B = "B", "B: satisfactory"
    C = "C", "C: poor"
    D = "D", "D: bad"


class Flag(models.TextChoices):
    """Data-quality problems found when a row was read: the asset is saved, and listed on the owner's report."""

    NO_LOCATION = "no_location", "No coordinates"
    BAD_LOCATION = "bad_location", "Coordinates that cannot be a place in the UK"
    OUTSIDE_AREA = "outside_area", "Coordinates outside the owner's area"
    IMPLAUSIBLE_SIZE = "implausible_size", "Implausible floor or land area"
    UNKNOWN_USE = "unknown_use", "A use that is not on the list"


def _flag_labels(text: str) -> str:
    """The audit trail keeps flags as the list's text ("['no_location']"): name each flag instead."""
    labels = dict(Flag.choices)
    codes = [code.strip(" '\"") for code in text.strip("[]").split(",") if code.strip(" '\"")]
    return "; ".join(str(labels.get(code, code)) for code in codes) or "None"


def _plain_number(text: str) -> str:
    """A quantity as people write it (1,047.5), every decimal place the record keeps that is not a zero."""
    number = f"{Decimal(text):,f}"
    return number.rstrip("0").rstrip(".") if "." in number else number


def _coordinate(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


# The running costs per year a co-location score adds up (estate/colocation.py), blanks counting as nothing.
RUNNING_COST_COLUMNS = ("rent", "rates", "facilities_cost", "energy_cost")


class Asset(models.Model):
    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="assets")
    asset_code = models.CharField("Asset code", max_length=60, blank=True,
                                  help_text="The owner's own reference; blank when the file gives only a UPRN")
    uprn = models.CharField("UPRN", max_length=12, blank=True, help_text="Digits, leading zeros kept")
    name = models.CharField(max_length=250)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    easting = models.DecimalField("Easting (BNG)", max_digits=9, decimal_places=1, null=True, blank=True)
    northing = models.DecimalField("Northing (BNG)", max_digits=9, decimal_places=1, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    location_given = models.CharField("Coordinates as given", max_length=120, blank=True)
    tenure = models.CharField(max_length=20, choices=Tenure.choices, blank=True)
    tenure_detail = models.CharField(max_length=200, blank=True)
    tenure_note = models.CharField("Other tenure detail", max_length=200, blank=True)
    holding_type = models.CharField(max_length=20, choices=HoldingType.choices, blank=True)
    gross_internal_area = models.DecimalField("Gross internal area (m²)", max_digits=12, decimal_places=2,
                                              null=True, blank=True)
    land_area = models.DecimalField("Land area (hectares)", max_digits=12, decimal_places=4, null=True, blank=True)
    use = models.CharField(max_length=30, choices=Use.choices, blank=True)
    use_as_given = models.CharField("Use as the file gives it", max_length=200, blank=True)
    occupancy = models.DecimalField("Occupancy (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    rent = models.DecimalField("Rent per year", max_digits=14, decimal_places=2, null=True, blank=True)
    rates = models.DecimalField("Business rates per year", max_digits=14, decimal_places=2, null=True, blank=True)
    facilities_cost = models.DecimalField("Facilities management per year", max_digits=14, decimal_places=2,
                                          null=True, blank=True)
    energy_cost = models.DecimalField("Energy cost per year", max_digits=14, decimal_places=2, null=True, blank=True)
    energy_kwh = models.DecimalField("Energy use (kWh per year)", max_digits=14, decimal_places=2,
                                     null=True, blank=True)
    carbon_tco2e = models.DecimalField("Carbon (tCO2e per year)", max_digits=12, decimal_places=3,
                                       null=True, blank=True)
    energy_rating = models.CharField("DEC or EPC rating", max_length=2, blank=True)
    condition = models.CharField(max_length=1, choices=Condition.choices, blank=True)
    backlog_maintenance = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    market_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    lease_end = models.DateField("Lease end date", null=True, blank=True)
    effective_date = models.DateField("True as at", null=True, blank=True)
    is_published = models.BooleanField("Published", default=True,
                                       help_text="Transparency Code registers are public: published unless the "
                                                 "file says otherwise")
    flags = models.JSONField(default=list, blank=True, help_text="Data-quality flags (Flag codes)")
    # A published asset is withdrawn, never deleted (estate/assets.py): it stays, with the reason, in its history.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True, default="")
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Fast reading (fastcoloc): the figures the co-location finder and the map read, as plain floats and whole
    # pence, computed by the database from the columns above on every write (generated columns), so that no
    # write path can leave them behind and reading a million of them costs no decimal conversion. The decimal
    # columns stay the record; these are never edited, shown or audited.
    easting_m = models.GeneratedField(expression=Cast("easting", models.FloatField()),
                                      output_field=models.FloatField(null=True), db_persist=True)
    northing_m = models.GeneratedField(expression=Cast("northing", models.FloatField()),
                                       output_field=models.FloatField(null=True), db_persist=True)
    longitude_deg = models.GeneratedField(expression=Cast("longitude", models.FloatField()),
                                          output_field=models.FloatField(null=True), db_persist=True)
    latitude_deg = models.GeneratedField(expression=Cast("latitude", models.FloatField()),
                                         output_field=models.FloatField(null=True), db_persist=True)
    floor_area_m2 = models.GeneratedField(expression=Cast("gross_internal_area", models.FloatField()),
                                          output_field=models.FloatField(null=True), db_persist=True)
    occupancy_pct = models.GeneratedField(expression=Cast("occupancy", models.FloatField()),
                                          output_field=models.FloatField(null=True), db_persist=True)
    running_cost_pence = models.GeneratedField(
        expression=Cast(Round(sum((Coalesce(name, Value(Decimal(0))) for name in RUNNING_COST_COLUMNS[1:]),
                                  Coalesce(RUNNING_COST_COLUMNS[0], Value(Decimal(0)))) * Value(100)),
                        models.BigIntegerField()),
        output_field=models.BigIntegerField(), db_persist=True)

    objects = AssetQuerySet.as_manager()

    # The audit trail shows decimals as money unless told otherwise.
    AUDIT_FORMATS = {
        **dict.fromkeys(("easting", "northing", "longitude", "latitude"), _coordinate),
        **dict.fromkeys(("gross_internal_area", "land_area", "occupancy", "energy_kwh", "carbon_tco2e"), _plain_number),
    }
    AUDIT_FORMATS["flags"] = _flag_labels

    class Meta:
        ordering = ["owner__name", "asset_code", "uprn"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "asset_code"], condition=~Q(asset_code=""),
                                    name="estate_asset_unique_code"),
            models.UniqueConstraint(fields=["owner", "uprn"], condition=Q(asset_code="") & ~Q(uprn=""),
                                    name="estate_asset_unique_uprn_without_code"),
            models.CheckConstraint(condition=~Q(asset_code="") | ~Q(uprn=""), name="estate_asset_identified"),
        ]
        indexes = [models.Index(fields=["uprn"]), models.Index(fields=["postcode"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})"

    @property
    def reference(self) -> str:
        return self.asset_code or f"UPRN {self.uprn}"

    def delete(self, *args, **kwargs):
        if self.is_published:
            raise PublishedAssetDeleted(f"{self} is published, so it cannot be deleted: only unpublished "
                                        "assets may be")
        return super().delete(*args, **kwargs)

    @property
    def flag_labels(self) -> list[str]:
        labels = dict(Flag.choices)
        return [labels.get(code, code) for code in self.flags]



# Co-location and business cases (coloc) ------------------------------------------------------------------------
from productivity.estate.case_models import (  # noqa: E402, F401
    Action,
    ActionKind,
    BusinessCase,
    CaseKind,
    CaseStatus,
    ProjectType,
    Scenario,
)

# ---- customer service needs (estate maps: demand.py, importers/demand.py) ------------------------------
from productivity.estate.demand_queries import ServiceDemandQuerySet  # noqa: E402


class DemandKind(models.TextChoices):
    SERVICE_POINT = "service_point", "Service point"
    AREA = "area", "Area"


class ServiceDemand(models.Model):
    """Demand for services in one place: the visits or transactions a service point has in a year, or the
    demand arising in an area (placed at its centre). Illustrative demo figures say so."""

    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="service_demand")
    reference = models.CharField(max_length=60, help_text="The file's identifier for the point or area")
    name = models.CharField(max_length=250)
    kind = models.CharField(max_length=20, choices=DemandKind.choices, default=DemandKind.SERVICE_POINT)
    service = models.CharField(max_length=200, blank=True, help_text="The service the demand is for, if one")
    period = models.CharField(max_length=20, blank=True, help_text="The year the figures cover, such as 2012/13")
    visits = models.PositiveIntegerField("Visits or transactions per year")
    easting = models.DecimalField("Easting (BNG)", max_digits=9, decimal_places=1)
    northing = models.DecimalField("Northing (BNG)", max_digits=9, decimal_places=1)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    is_illustrative = models.BooleanField("Illustrative", default=False,
                                          help_text="Made-up figures for a demonstration, not measured")
    is_published = models.BooleanField("Published", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceDemandQuerySet.as_manager()

    class Meta:
        ordering = ["owner__name", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "reference", "service", "period"],
                                    name="estate_servicedemand_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})"

# --- Partnerships, quarterly returns and selection rounds (helper "returns") -----------------------------
from productivity.estate.returns_models import *  # noqa: E402, F403
