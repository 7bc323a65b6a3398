"""An asset's history as its page shows it: newest first, fields in plain English, and people named only to
those who may see the owner's unpublished assets (the public reads the organisation instead)."""

from dataclasses import dataclass

from productivity.accounts.roles import is_programme_team, member_organisation_ids
from productivity.audit.display import readable_changes
from productivity.audit.queries import history_for
from productivity.estate.models import Asset

SHOWN = 50


@dataclass
class Change:
    label: str
    old: str | None
    new: str | None


@dataclass
class Line:
    at: object
    who: str
    what: str
    changes: list[Change]


def lines(asset: Asset, user) -> list[Line]:
    """The latest changes to ``asset``; members of its owner (and the programme team) see who made them."""
    public = not (is_programme_team(user) or asset.owner_id in member_organisation_ids(user))
    entries = history_for(asset, include_children=False).select_related("user")[:SHOWN]
    return [Line(entry.at, entry.public_actor if public else entry.actor, entry.get_action_display(),
                 [Change(*change) for change in readable_changes(entry, public)]) for entry in entries]

