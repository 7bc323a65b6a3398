"""Changing an asset by hand: edit its fields, delete an unpublished one, withdraw a published one.

A published asset is never deleted (people may have relied on what was published): it is withdrawn with a
reason, stays on its page and in its history, and drops out of the register's and maps' counts
(``Asset.objects.standing()``). The programme team may restore it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from productivity.estate.models import Asset


@transaction.atomic
def save(asset: Asset) -> Asset:
    if asset.pk and Asset.objects.filter(pk=asset.pk, withdrawn_at__isnull=False).exists():
        raise ValidationError("This asset has been withdrawn: it is kept as it was")
    asset.full_clean()
    asset.save()
    return asset


def why_not_delete(asset: Asset) -> str | None:
    if asset.is_published:
        return "This asset is published, so it cannot be deleted: withdraw it instead, giving the reason"
    return None


@transaction.atomic
def delete(asset: Asset) -> None:
    reason = why_not_delete(asset)
    if reason:
        raise ValidationError(reason)
    asset.delete()


@transaction.atomic
def withdraw(asset: Asset, *, reason: str, user=None) -> Asset:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason for withdrawing it"})
    if asset.withdrawn_at is not None:
        raise ValidationError("This asset has already been withdrawn")
    asset.withdrawn_at = timezone.now()
    asset.withdrawal_reason = reason
    asset.withdrawn_by = user if getattr(user, "pk", None) else None
    asset.save()
    return asset


@transaction.atomic
def restore(asset: Asset) -> Asset:
    """The withdrawn asset standing again (counted, changeable, changed by imports); its history keeps the
    withdrawal."""
    if asset.withdrawn_at is None:
        raise ValidationError("This asset is not withdrawn")
    asset.withdrawn_at, asset.withdrawal_reason, asset.withdrawn_by = None, "", None
    asset.save()
    return asset
