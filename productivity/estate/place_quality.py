"""A place's data-quality report: the problems with every owner's assets in a council's area, as the reader sees
them. The place's assets are those its map shows (``maps.place_assets``, unfiltered) and the council's own
assets wherever they are (so that its assets without coordinates, or outside its area, are found too).

Locations are checked against the shipped boundaries now, not only as flagged on import: an asset lies
outside its owner's area when its owner has a shipped boundary (a council, a police force area, a fire and
rescue authority) and the asset's coordinates are not in it.
"""

from collections import defaultdict

import shapely

from productivity.estate import geography, maps
from productivity.estate.importers.assets import LARGEST_FLOOR_AREA, LARGEST_LAND_AREA
from productivity.estate.models import Asset, Flag
from productivity.estate.quality import Check, Item

SIZE_NOTE = "A floor area of 0 or over 250,000 m², or a land area of 0 or over 5,000 hectares."


def place_assets(visible, place) -> list[Asset]:
    """The assets the place's report covers: those in its area and the council's own, each once, by name."""
    found = maps.place_assets(visible, place, {})
    in_place = found.queryset(visible) | visible.of_owner(place)
    return list(in_place.select_related("owner").order_by("name", "pk").distinct())


def report(visible, place) -> tuple[list[Asset], list[Check]]:
    """Each check over the place's assets (see ``place_assets``), with the assets it found."""
    assets = place_assets(visible, place)
    return assets, [
        Check("no_location", "No usable coordinates",
              f"Assets of {place.name} that cannot be mapped: no coordinates, or coordinates that cannot be a "
              "place in the UK.", _unlocated(assets)),
        Check("outside_area", "Outside the owner's area",
              "Coordinates outside the area of the body that holds the asset (by the shipped boundaries): an "
              "investment property, or a mistake.", _outside_owners_area(assets)),
        Check("uprn_across", "The same UPRN held by different bodies",
              "The same property may be counted by two bodies: agree who holds it.",
              _across_owners(assets, lambda a: a.uprn or None, lambda a: f"UPRN {a.uprn}")),
        Check("address_across", "The same address held by different bodies",
              "Two bodies list an asset at the same address and postcode.",
              _across_owners(assets, _address_key, lambda a: f"{a.address}, {a.postcode}")),
        Check("implausible_size", "Implausible floor or land area", SIZE_NOTE, _implausible(assets)),
    ]


def _unlocated(assets: list[Asset]) -> list[Item]:
    return [Item(a, a.location_given or "No coordinates given") for a in assets if a.longitude is None]


def _outside_owners_area(assets: list[Asset]) -> list[Item]:
    items = []
    for asset in assets:
        if asset.longitude is None:
            continue
        area = geography.area_of(asset.owner.gss_code)
        if area is not None and not shapely.contains_xy(area, float(asset.longitude), float(asset.latitude)):
            items.append(Item(asset, f"{asset.latitude}, {asset.longitude}: outside {asset.owner.name}'s area"))
    return items


def _address_key(asset: Asset):
    if not asset.postcode or not asset.address:
        return None
    return asset.postcode.replace(" ", "").upper(), " ".join(asset.address.casefold().replace(",", " ").split())


def _across_owners(assets: list[Asset], key_of, note) -> list[Item]:
    """Assets sharing a key with an asset of another owner, each listing the others."""
    by_key = defaultdict(list)
    for asset in assets:
        key = key_of(asset)
        if key:
            by_key[key].append(asset)
    items = []
    for asset in assets:
        group = by_key.get(key_of(asset) or "", [])
        others = [other for other in group if other.owner_id != asset.owner_id]
        if others:
            items.append(Item(asset, note(asset), others))
    return items


def _implausible(assets: list[Asset]) -> list[Item]:
    items = []
    for asset in assets:
        floor, land = asset.gross_internal_area, asset.land_area
        odd = (floor is not None and (floor == 0 or floor > LARGEST_FLOOR_AREA)) or (
            land is not None and (land == 0 or land > LARGEST_LAND_AREA))
        if odd or Flag.IMPLAUSIBLE_SIZE in asset.flags:
            parts = [f"{floor} m²" if floor is not None else "", f"{land} ha" if land is not None else ""]
            items.append(Item(asset, "; ".join(part for part in parts if part)))
    return items
