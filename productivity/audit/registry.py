"""Register models whose every create/update/delete is recorded in the audit trail."""

import datetime as dt
import functools
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from productivity.audit.context import current_actor

_registered: dict[type[models.Model], dict] = {}


def _as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "url"):  # files
        return value.name or None
    return str(value)


def _snapshot(instance: models.Model, exclude: set[str]) -> dict[str, str | None]:
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude or field.primary_key or field.generated:  # generated: the database's, not a change
            continue
        if field.is_relation:
            related_id = getattr(instance, field.attname)
            values[field.name] = None if related_id is None else str(related_id)
        else:
            values[field.name] = _as_text(field.value_from_object(instance))
    return values


def _label(instance, field_name: str, value: str | None) -> str | None:
    """A readable value for a related or choice field, for people reading the history."""
    if value is None:
        return None
    field = instance._meta.get_field(field_name)
    if field.is_relation:
        related = getattr(instance, field_name, None)
        return str(related) if related is not None and str(related.pk) == value else value
    if field.choices:
        return str(_choices(field).get(field.to_python(value), value))
    return value


@functools.cache
def _choices(field) -> dict:
    return dict(field.flatchoices)


def _parent(instance) -> tuple[ContentType | None, str]:
    parent = instance.audit_parent() if hasattr(instance, "audit_parent") else None
    if parent is None:
        return None, ""
    return ContentType.objects.get_for_model(parent), str(parent.pk)


def record_event(instance, action: str, changes: dict, *, parent=None, label: str | None = None) -> None:
    """Record something done to ``instance`` that is not a save or a delete (a sign-in unlocked, say), by whoever
    is acting, shown in the history of ``parent`` (else of the instance's own audit parent); ``label`` names it
    when the instance is not a saved record."""
    _record(instance, action, changes, parent=parent, label=label)


def _record(instance, action: str, changes: dict, parent=None, label: str | None = None) -> None:
    from productivity.audit.models import AuditEntry

    user, actor_label = current_actor()
    if parent is not None:
        parent_type, parent_id = ContentType.objects.get_for_model(parent), str(parent.pk)
    else:
        parent_type, parent_id = _parent(instance)
    AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(instance),
        object_id="" if instance.pk is None else str(instance.pk),
        object_repr=(label or str(instance))[:250],
        parent_type=parent_type,
        parent_id=parent_id,
        action=action,
        changes=changes,
        user=user if getattr(user, "pk", None) else None,
        actor_label=actor_label,
    )


def record_created(instances) -> None:
    """Record rows saved together (bulk_create sends no signals) as created, as a save one by one would have."""
    from productivity.audit.models import AuditEntry

    user, label = current_actor()
    entries = []
    for instance in instances:
        exclude = _registered[type(instance)]["exclude"]
        parent_type, parent_id = _parent(instance)
        changes = {name: [None, _label(instance, name, value)]
                   for name, value in _snapshot(instance, exclude).items() if value not in (None, "")}
        entries.append(AuditEntry(
            content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk),
            object_repr=str(instance)[:250], parent_type=parent_type, parent_id=parent_id, action="create",
            changes=changes, user=user if getattr(user, "pk", None) else None, actor_label=label))
    AuditEntry.objects.bulk_create(entries)


def _pre_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._audit_before = None
        return
    exclude = _registered[sender]["exclude"]
    previous = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = _snapshot(previous, exclude) if previous else None


def _post_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    exclude = _registered[sender]["exclude"]
    after = _snapshot(instance, exclude)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        changes = {
            name: [None, _label(instance, name, value)] for name, value in after.items() if value not in (None, "")
        }
        _record(instance, "create", changes)
        return
    changes = {
        name: [_label(instance, name, before.get(name)), _label(instance, name, value)]
        for name, value in after.items()
        if before.get(name) != value
    }
    if changes:
        _record(instance, "update", changes)


def _post_delete(sender, instance, **kwargs):
    exclude = _registered[sender]["exclude"]
    before = _snapshot(instance, exclude)
    changes = {name: [value, None] for name, value in before.items() if value not in (None, "")}
    _record(instance, "delete", changes)


def register(model: type[models.Model], exclude: tuple[str, ...] = ()) -> type[models.Model]:
    """Record the model's changes; ``exclude`` names fields not worth recording (timestamps, hashes)."""
    _registered[model] = {"exclude": set(exclude)}
    uid = f"audit-{model._meta.label}"
    pre_save.connect(_pre_save, sender=model, dispatch_uid=uid + "-pre")
    post_save.connect(_post_save, sender=model, dispatch_uid=uid + "-post")
    post_delete.connect(_post_delete, sender=model, dispatch_uid=uid + "-delete")
    return model


def is_registered(model: type[models.Model]) -> bool:
    return model in _registered


# --- Bulk save paths (an importer's COPY or bulk_update bypasses the save signals) -----------------------------


def snapshot(instance: models.Model) -> dict[str, str | None]:
    """The instance's recorded fields as text, as a change's "before" (see ``record_bulk``)."""
    return _snapshot(instance, _registered[type(instance)]["exclude"])


ENTRY_FIELDS = ("content_type", "object_id", "object_repr", "parent_type", "parent_id", "action", "changes", "user",
                "actor_label", "at")


def record_bulk(instances: list[models.Model], before: dict | None = None, insert=None) -> int:
    """Record what saving ``instances`` in bulk did: each one's creation, or (given ``before``, snapshots by
    primary key) each one's change, exactly as a save one at a time would have recorded it; unchanged ones
    record nothing. ``insert(model, fields, rows)``, if given, writes the entries' rows (an importer's COPY,
    with ``changes`` as JSON text); otherwise one bulk_create. The number of entries recorded."""
    import json

    from django.utils import timezone

    from productivity.audit.models import AuditEntry

    if not instances:
        return 0
    model = type(instances[0])
    exclude = _registered[model]["exclude"]
    user, label = current_actor()
    user_id = user.pk if getattr(user, "pk", None) else None
    content_type = ContentType.objects.get_for_model(model).pk
    now = timezone.now()
    rows = []
    for instance in instances:
        after = _snapshot(instance, exclude)
        old = None if before is None else before.get(instance.pk)
        if old is None:
            action = "create"
            changes = {name: [None, _label(instance, name, value)] for name, value in after.items()
                       if value not in (None, "")}
        else:
            action = "update"
            changes = {name: [_label(instance, name, old.get(name)), _label(instance, name, value)]
                       for name, value in after.items() if old.get(name) != value}
            if not changes:
                continue
        parent_type, parent_id = _parent(instance)
        rows.append((content_type, str(instance.pk), str(instance)[:250], parent_type.pk if parent_type else None,
                     parent_id, action, changes, user_id, label, now))
    if insert is not None:
        insert(AuditEntry, ENTRY_FIELDS, [(*row[:6], json.dumps(row[6]), *row[7:]) for row in rows])
    else:
        AuditEntry.objects.bulk_create([AuditEntry(**{f"{name}_id" if name in {"content_type", "parent_type", "user"}
                                                      else name: value for name, value in zip(ENTRY_FIELDS, row,
                                                                                               strict=True)})
                                        for row in rows], batch_size=2000)
    return len(rows)
