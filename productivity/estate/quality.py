"""An owner's data-quality report: every problem with its assets, each item naming the asset it is about.

Flags found on import (coordinates missing, unusable or outside the owner's area; implausible sizes; uses
not on the list) are read from the assets; duplicates are found across the register as the reader sees it:
another asset with the same UPRN (of another owner, or twice in the owner's own register) or another owner's
asset at the same address and postcode.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from productivity.estate.models import Asset, Flag

FLAG_SECTIONS = (
    (Flag.NO_LOCATION, "Assets without coordinates: they cannot be mapped or paired with neighbours."),
    (Flag.BAD_LOCATION, "Coordinates that cannot be a place in the UK (latitude and longitude swapped, say)."),
    (Flag.OUTSIDE_AREA, "Coordinates outside the owner's area: an investment property, or a mistake."),
    (Flag.IMPLAUSIBLE_SIZE, "A floor area of 0 or over 250,000 m², or a land area of 0 or over 5,000 hectares."),
    (Flag.UNKNOWN_USE, "A use that is not on the platform's list: recorded as “Other”."),
)


@dataclass
class Item:
    asset: Asset
    note: str = ""
    others: list[Asset] = field(default_factory=list)


@dataclass
class Check:
    key: str
    title: str
    explanation: str
    items: list[Item]

    @property
    def count(self) -> int:
        return len(self.items)


def report(owner, visible) -> list[Check]:
    """Each check on ``owner``'s assets among ``visible`` (the reader's assets), with the assets it found."""
    assets = list(visible.of_owner(owner).select_related("owner").order_by("name", "pk"))
    checks = [
        Check(str(code), str(code.label), explanation, [Item(a, a.location_given) for a in assets if code in a.flags])
        for code, explanation in FLAG_SECTIONS
    ]
    others = visible.exclude(owner=owner).select_related("owner")
    checks.append(Check("uprn_elsewhere", "The same UPRN in another owner's register",
                        "The same property may be counted by two bodies: agree who holds it.",
                        _same_uprn_elsewhere(assets, others)))
    checks.append(Check("address_elsewhere", "The same address in another owner's register",
                        "Two bodies list an asset at the same address and postcode.",
                        _same_address_elsewhere(assets, others)))
    checks.append(Check("uprn_twice", "One UPRN on several of the owner's assets",
                        "Parts of one property, or one asset listed twice.", _uprn_twice(assets)))
    return checks


def total_problems(checks: list[Check]) -> int:
    """Assets with at least one problem (an asset in two checks counts once)."""
    return len({item.asset.pk for check in checks for item in check.items})


def _same_uprn_elsewhere(assets: list[Asset], others) -> list[Item]:
    uprns = {a.uprn for a in assets if a.uprn}
    found = defaultdict(list)
    for other in others.filter(uprn__in=uprns):
        found[other.uprn].append(other)
    return [Item(a, f"UPRN {a.uprn}", found[a.uprn]) for a in assets if a.uprn in found]


def _address_key(asset: Asset) -> tuple[str, str] | None:
    if not asset.postcode or not asset.address:
        return None
    return asset.postcode.replace(" ", "").upper(), " ".join(asset.address.casefold().replace(",", " ").split())


def _same_address_elsewhere(assets: list[Asset], others) -> list[Item]:
    keys = {key for key in map(_address_key, assets) if key}
    found = defaultdict(list)
    for other in others.filter(postcode__in={a.postcode for a in assets if a.postcode}):
        key = _address_key(other)
        if key in keys:
            found[key].append(other)
    return [Item(a, f"{a.address}, {a.postcode}", found[_address_key(a)]) for a in assets
            if _address_key(a) in found]


def _uprn_twice(assets: list[Asset]) -> list[Item]:
    by_uprn = defaultdict(list)
    for asset in assets:
        if asset.uprn:
            by_uprn[asset.uprn].append(asset)
    return [Item(a, f"UPRN {a.uprn}", [b for b in by_uprn[a.uprn] if b.pk != a.pk])
            for a in assets if len(by_uprn.get(a.uprn, ())) > 1]
