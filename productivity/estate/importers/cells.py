"""How an asset file's cells are read: each a pure function of the cell, None for blank, ValueError saying
what would be accepted. Coordinates never raise: a row with unusable coordinates is saved and flagged."""

import re
from decimal import Decimal, InvalidOperation

from productivity.estate import geography
from productivity.estate.models import Condition, HoldingType, Status, Tenure, Use
from productivity.imports import cells

UNREADABLE = "unreadable"  # a coordinate or coordinate system that cannot be read

UPRN_ACCEPTS = "a UPRN of up to 12 digits, such as 100012797623 (leading zeros are kept)"
RATING_ACCEPTS = "an energy rating from A to G (A+ for an EPC)"
NUMBER_ACCEPTS = "a number such as 1047, 1,047 or 415.05"
PERCENT_ACCEPTS = "a percentage from 0 to 100, such as 85 or 85%"

TENURES = cells.choice_map(Tenure, {"leasehold in": "leasehold", "leased in": "leasehold", "long leasehold":
                                    "leasehold", "virtual freehold": "freehold", "license": "licence"})
HOLDINGS = cells.choice_map(HoldingType, {"land/buildings": "land_and_buildings", "land & buildings":
                                          "land_and_buildings", "building": "buildings", "land and building":
                                          "land_and_buildings", "buildings and land": "land_and_buildings"})
STATUSES = cells.choice_map(Status, {"in use": "operational", "occupied": "operational", "surplus to requirements":
                                     "surplus", "empty": "vacant", "held for disposal": "for_disposal",
                                     "disposal": "for_disposal", "sold": "disposed"})
CONDITIONS = cells.choice_map(Condition, {"good": "A", "satisfactory": "B", "poor": "C", "bad": "D"})
USES = cells.choice_map(Use, {
    "offices": "office", "civic office": "office", "town hall": "office", "depots": "depot",
    "health centre": "clinic", "gp surgery": "clinic", "surgery": "clinic", "customer contact centre":
    "customer_service_centre", "one stop shop": "customer_service_centre", "academy": "school",
    "primary school": "school", "secondary school": "school", "community hall": "community_centre",
    "leisure centre": "leisure", "sports centre": "leisure", "swimming pool": "leisure", "residential care":
    "care_home", "shop": "retail", "shops": "retail", "industrial unit": "industrial", "parks": "park",
    "open space": "park", "allotments": "allotment", "managed allotments": "allotment", "cemetery": "cemetery",
    "crematorium": "cemetery", "police": "police_station", "fire": "fire_station",
})
_TENURE_ACCEPTS = "Freehold, Leasehold, Licence or Other"
_HOLDING_ACCEPTS = "Land, Buildings or Land and buildings (Land/Buildings)"
_STATUS_ACCEPTS = "Operational, Surplus, Vacant, For disposal or Disposed"
_CONDITION_ACCEPTS = "a condition from A (good) to D (bad)"
_RATING = re.compile(r"^(A\+{0,4}|[A-G])$")
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$|^\.\d+$")
_COORDINATE = re.compile(r"^-?\d+(\.\d+)?$")


def uprn(value: object) -> str | None:
    raw = cells.text(value).replace(" ", "")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 12:
        raise ValueError(f"'{cells.text(value)}' is not a UPRN: use {UPRN_ACCEPTS}")
    return raw


def text(limit: int):
    def read(value: object) -> str | None:
        raw = cells.text(value)
        if len(raw) > limit:
            raise ValueError(f"This is {len(raw):,} characters long: use {limit:,} characters or fewer")
        return raw or None
    return read


def postcode(value: object) -> str | None:
    raw = " ".join(cells.text(value).upper().split())
    if len(raw) > 10:
        raise ValueError(f"'{raw}' is not a postcode: use a postcode such as WA14 1PF")
    return raw or None


def quantity(places: int, largest: Decimal):
    """A non-negative number with at most ``places`` decimal places kept, under ``largest``."""
    def read(value: object) -> Decimal | None:
        raw = cells.text(value).replace(" ", "")
        if not raw:
            return None
        if isinstance(value, bool) or not _NUMBER.match(raw):
            raise ValueError(f"'{cells.text(value)}' is not a number we can read: use {NUMBER_ACCEPTS} "
                             "(never negative)")
        number = Decimal(raw.replace(",", "")).quantize(Decimal(1).scaleb(-places))
        if number >= largest:
            raise ValueError(f"'{cells.text(value)}' is too large: use a number under {largest:,}")
        return number
    return read


def money(value: object) -> Decimal | None:
    return cells.money(value)


def percent(value: object) -> Decimal | None:
    raw = cells.text(value).replace(" ", "").removesuffix("%")
    if not raw:
        return None
    try:
        number = Decimal(raw)
    except InvalidOperation as error:
        raise ValueError(f"'{cells.text(value)}' is not a percentage: use {PERCENT_ACCEPTS}") from error
    if not number.is_finite() or not 0 <= number <= 100:
        raise ValueError(f"'{cells.text(value)}' is not a percentage: use {PERCENT_ACCEPTS}")
    return number.quantize(Decimal("0.01"))


def rating(value: object) -> str | None:
    raw = cells.text(value).upper().replace(" ", "")
    if not raw:
        return None
    if not _RATING.match(raw) or len(raw) > 2:
        raise ValueError(f"'{cells.text(value)}' is not an energy rating: use {RATING_ACCEPTS}")
    return raw


def tenure(value: object) -> str | None:
    return cells.choice(value, TENURES, _TENURE_ACCEPTS)


def holding(value: object) -> str | None:
    return cells.choice(value, HOLDINGS, _HOLDING_ACCEPTS)


def status(value: object) -> str | None:
    return cells.choice(value, STATUSES, _STATUS_ACCEPTS)


def condition(value: object) -> str | None:
    return cells.choice(value, CONDITIONS, _CONDITION_ACCEPTS)


def use(value: object) -> tuple[str, str] | None:
    """(the use on the list, the use as written); a use not on the list is kept as "other" and flagged."""
    raw = cells.text(value)
    if not raw:
        return None
    if len(raw) > 200:
        raise ValueError(f"This is {len(raw):,} characters long: use 200 characters or fewer")
    return USES.get(cells.key(raw), ""), raw


def coordinate(value: object) -> Decimal | str | None:
    raw = cells.text(value).replace(" ", "")
    if not raw:
        return None
    if isinstance(value, bool) or not _COORDINATE.match(raw):
        return UNREADABLE
    return Decimal(raw)


def coordinate_system(value: object) -> str | None:
    raw = cells.key(cells.text(value))
    if not raw:
        return None
    return geography.CRS_NAMES.get(raw, UNREADABLE)
