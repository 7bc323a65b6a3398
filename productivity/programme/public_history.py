"""A programme record's history as its pages show it: plain-English labels, no internal fields or storage
paths, no command names, and people named only to signed-in readers (the public reads their role and
organisation instead)."""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.text import capfirst

from productivity.audit.display import readable_changes

# Fields that mean nothing to a reader: identifiers in addresses, ordering, where a file is stored.
HIDDEN_FIELDS = {"slug", "position", "file"}
LABELS = {
    "rag": "RAG rating",
    "is_illustrative": "Illustrative",
    "is_published": "Published",
    "is_match_funding": "Match funding",
    "is_disbenefit": "Dis-benefit",
    "benefit_class": "Class",
    "organisation": "Council",
    "original_name": "File name",
    "entered_by": "Entered by",
    "verified_by": "Verified by",
    "audited_by": "Audited by",
    "uploaded_by": "Uploaded by",
    "created_by": "Created by",
}
PERSON_FIELDS = {"entered_by", "verified_by", "audited_by", "uploaded_by", "created_by", "user"}
SUMMARY_LENGTH = 5
_WHOLE_POUNDS = re.compile(r"(£[\d,]+)\.00\b")


@dataclass
class Change:
    label: str
    old: str | None
    new: str | None


@dataclass
class HistoryLine:
    at: object
    who: str
    what: str
    changes: list[Change]


def role_at(user) -> str:
    """A person as the public reads them: their role and organisation, never their name."""
    # A prefetch of memberships__organisation, made once for the page, saves a query per person.
    prefetched = "memberships" in getattr(user, "_prefetched_objects_cache", {})
    memberships = list(user.memberships.all() if prefetched else user.memberships.select_related("organisation"))
    if getattr(user, "is_programme_team", False):
        names = [m.organisation.name for m in memberships if m.organisation.kind == "programme_team"] or [
            m.organisation.name for m in memberships]
        return f"The programme team ({', '.join(names)})" if names else "The programme team"
    if not memberships:
        return "A signed-in user"
    parts = [f"{m.get_role_display().lower()} at {m.organisation.name}" for m in memberships]
    first = parts[0]
    article = "An" if first[0] in "aeiou" else "A"
    return f"{article} {' and '.join(parts)}"


def person_for(user, signed_in: bool) -> str:
    """How a page names the person who entered, verified or audited a record."""
    return str(user) if signed_in else role_at(user)


def _actor(entry, signed_in: bool) -> str:
    if entry.user_id:
        return person_for(entry.user, signed_in)
    label = entry.actor_label or ""
    if label.startswith("Import of "):
        return label if signed_in else "A file import"
    # A command on the server (loading demo data, the register of organisations): not a person.
    return "The platform"


def _people_named(entries) -> dict[str, object]:
    """The users the entries name in person fields, by the name recorded (one query for the page)."""
    names = {value for entry in entries for field, pair in entry.changes.items() if field in PERSON_FIELDS
             for value in pair if value}
    if not names:
        return {}
    users = get_user_model().objects.filter(Q(full_name__in=names) | Q(email__in=names))
    return {str(user): user for user in users.prefetch_related("memberships__organisation")}


def lines(entries, user) -> list[HistoryLine]:
    """Each entry as the reader may read it, newest first."""
    signed_in = bool(user and user.is_authenticated)
    entries = list(entries)
    people = {} if signed_in else _people_named(entries)
    result = []
    for entry in entries:
        changes = []
        model = entry.content_type.model_class() if entry.content_type_id else None
        names = list(entry.changes)
        for name, (label, old, new) in zip(names, readable_changes(entry, public=False), strict=True):
            if name in HIDDEN_FIELDS:
                continue
            if name in PERSON_FIELDS and not signed_in:
                old, new = (None if value is None else _public_person(value, people) for value in (old, new))
            old, new = _tidy(old), _tidy(new)
            if old == new and entry.action == "update":
                continue  # stored differently (420000 and 420000.00), read the same
            changes.append(Change(LABELS.get(name) or _label(model, name, label), old, new))
        what = f"{entry.get_action_display()} {entry.model_label.lower()}: {_tidy(entry.object_repr)}"
        result.append(HistoryLine(entry.at, _actor(entry, signed_in), what, changes))
    return result


def _public_person(value: str, people: dict) -> str:
    found = people.get(value)
    return role_at(found) if found is not None else "Someone at a council or the programme team"


def _label(model, name: str, fallback: str) -> str:
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:  # a field since removed from the model
        field = None
    return capfirst(str(field.verbose_name)) if field is not None else fallback


def _tidy(text: str | None) -> str | None:
    """Money the same way as everywhere else: no ".00" where there are no pence."""
    return None if text is None else _WHOLE_POUNDS.sub(r"\1", text)

