"""The one helper that scopes every object fetch to what the user may see and change.

A model's QuerySet provides ``visible_to(user)`` and ``editable_by(user)``. Outsiders get 404
(they must not learn that the object exists); people who can see but not change get 403.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404


def get_for_user(queryset: Any, user: Any, *, write: bool = False, **lookup: Any) -> Any:
    """Fetch one object the user may see (404 otherwise); with ``write``, one they may change (403)."""
    manager_qs = queryset.all() if hasattr(queryset, "all") else queryset
    try:
        obj = manager_qs.visible_to(user).get(**lookup)
    except (manager_qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found") from exc
    if write and not manager_qs.editable_by(user).filter(pk=obj.pk).exists():
        raise PermissionDenied("You can view this but not change it.")
    return obj


def require_write(queryset: Any, user: Any, obj: Any) -> None:
    """403 unless ``user`` may change ``obj`` (which they are already allowed to see)."""
    if not queryset.editable_by(user).filter(pk=obj.pk).exists():
        raise PermissionDenied("You can view this but not change it.")
