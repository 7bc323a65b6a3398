"""The audit trail as people read it: field labels, and dates, money and yes/no in plain English.

What is stored stays machine-readable (ISO dates, decimal strings); this only changes what a page shows.
A model may name its own formats in ``AUDIT_FORMATS`` ({field name: function of the stored text}).
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from productivity.core.formatting import govuk_date, money


def _readable(field: models.Field | None, formats: dict, name: str, value: str | None) -> str | None:
    if value is None or field is None:
        return value
    try:
        if name in formats:
            return formats[name](value)
        if isinstance(field, models.DateTimeField):
            return govuk_date(dt.datetime.fromisoformat(value))
        if isinstance(field, models.DateField):
            return govuk_date(dt.date.fromisoformat(value))
        if isinstance(field, models.DecimalField):
            return money(Decimal(value), pence=True)
        if isinstance(field, models.BooleanField):
            return {"True": "Yes", "False": "No"}.get(value, value)
    except (ValueError, InvalidOperation):
        return value
    return value


def readable_changes(entry, public: bool) -> list[tuple[str, str | None, str | None]]:
    """(label, old, new) for each changed field; with ``public``, people are not named."""
    model = entry.content_type.model_class()
    changes = entry.public_changes() if public else entry.changes
    formats = getattr(model, "AUDIT_FORMATS", {}) if model else {}
    rows = []
    for name, (old, new) in changes.items():
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        label = str(field.verbose_name).capitalize() if field is not None else name.replace("_", " ").capitalize()
        rows.append((label, _readable(field, formats, name, old), _readable(field, formats, name, new)))
    return rows
