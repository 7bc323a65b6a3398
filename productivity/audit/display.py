"""The audit trail as people read it: field labels, and dates, money and yes/no in plain English.

What is stored stays machine-readable (ISO dates, decimal strings); this only changes what a page shows.
A model may name its own formats in ``AUDIT_FORMATS`` ({field name: function of the stored text}).
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from productivity.core.formatting import govuk_date, money

# Words written in capitals wherever a label is made from a field's name ("rag_rating" reads "RAG rating").
ACRONYMS = frozenset({"api", "bng", "co2", "dec", "epc", "gss", "hr", "ict", "id", "ons", "rag", "uprn", "url",
                      "vat", "wgs84"})


def label_of(words: str) -> str:
    """A label from a field's name or verbose name: its first letter capital, known acronyms in capitals, and
    whatever capitals the verbose name already has kept ("UPRN" stays "UPRN", never "Uprn")."""
    text = re.sub(r"[A-Za-z0-9]+", lambda m: m[0].upper() if m[0].lower() in ACRONYMS else m[0],
                  str(words).replace("_", " "))
    return text[:1].upper() + text[1:]


def in_sentence(words: str) -> str:
    """The words as they read inside a sentence: lower case, but acronyms and names in capitals kept."""
    text = label_of(words)
    first = text.split(" ", 1)[0]
    return text if first.isupper() or first.lower() in ACRONYMS else text[:1].lower() + text[1:]


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
        label = label_of(field.verbose_name if field is not None else name)
        rows.append((label, _readable(field, formats, name, old), _readable(field, formats, name, new)))
    return rows
