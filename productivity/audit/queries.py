"""The history shown on an object's page and returned by the API."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from productivity.audit.models import AuditEntry


def history_for(obj, include_children: bool = True):
    """Entries about ``obj`` and, by default, about the records that belong to it, newest first."""
    content_type = ContentType.objects.get_for_model(obj)
    condition = Q(content_type=content_type, object_id=str(obj.pk))
    if include_children:
        condition |= Q(parent_type=content_type, parent_id=str(obj.pk))
    return AuditEntry.objects.filter(condition).select_related("user", "content_type")
