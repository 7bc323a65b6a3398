"""Writes to the organisation register."""

from dataclasses import dataclass

from django.db import transaction

from productivity.audit.context import acting_as
from productivity.organisations.models import Organisation
from productivity.organisations.reference import OrganisationRecord


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def sync_organisations(records: list[OrganisationRecord]) -> SyncResult:
    """Make the register match ``records``: creates and updates by slug; running it twice changes nothing."""
    result = SyncResult()
    existing = {org.slug: org for org in Organisation.objects.all()}
    with acting_as(None, "import_organisations"):
        for record in records:
            values = record.values()
            org = existing.get(record.slug)
            if org is None:
                existing[record.slug] = Organisation.objects.create(slug=record.slug, **values)
                result.created += 1
            elif any(getattr(org, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(org, name, value)
                org.save()
                result.updated += 1
            else:
                result.unchanged += 1
        by_registry = {org.registry_code: org for org in existing.values() if org.registry_code}
        for record in records:
            org = existing[record.slug]
            parent = by_registry.get(record.parent_registry_code) if record.parent_registry_code else None
            successor = by_registry.get(record.replaced_by) if record.replaced_by else None
            links = {"parent": parent, "successor": successor}
            changed = [name for name, linked in links.items()
                       if getattr(org, f"{name}_id") != (linked.pk if linked else None)]
            for name in changed:
                setattr(org, name, links[name])
            if changed:
                org.save(update_fields=changed)
    return result
