"""Form helpers that make Django forms render as GOV.UK components and speak plain English."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from productivity.core.dates import EARLIEST, LATEST, OUT_OF_RANGE
from productivity.core.text import clean_text


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input pattern)."""

    template_name = ""  # rendered by the Jinja macro, never by Django

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    widget = GovukDateWidget

    def __init__(self, **kwargs):
        # Each box may be empty on its own: compress() then names the missing parts, not Django's generic message.
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        kwargs.setdefault("require_all_fields", False)
        super().__init__(fields, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        label = (self.label or "date").lower()
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(f"The {label} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
            raise ValidationError(f"The {label} must be a real date, for example 27 3 2012")
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(f"The {label} must be a real date, for example 27 3 2012") from exc
        if not EARLIEST <= value <= LATEST:
            raise ValidationError(f"The {label} {OUT_OF_RANGE}")
        return value


class MoneyField(forms.DecimalField):
    """Pounds and pence; accepts '£1,234.50' as people type it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        super().__init__(**kwargs)
        self.widget.input_type = "text"
        self.error_messages["invalid"] = "Enter an amount in pounds, for example 1500 or 1,500.00"
        self.error_messages["max_decimal_places"] = "Enter an amount in pounds and pence, for example 1500.50"

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("£", "").replace(",", "")
        try:
            return super().to_python(value)
        except ValidationError:
            raise
        except InvalidOperation as exc:
            raise ValidationError(self.error_messages["invalid"]) from exc


class GovukForm(forms.Form):
    """Errors name the field in words, as the GOV.UK error summary expects; text is cleaned (core.text)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_required_messages(self)
        _clean_text_fields(self)


class GovukModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_required_messages(self)
        _clean_text_fields(self)


def _clean_text_fields(form) -> None:
    """Clean what is typed into every text box (not passwords: those are kept exactly as typed)."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
            field.to_python = _cleaning(field.to_python)


def _cleaning(to_python):
    def to_clean_python(value):
        return to_python(clean_text(value))
    return to_clean_python


def _plain_required_messages(form) -> None:
    for field in form.fields.values():
        label = (field.label or "this").lower()
        if isinstance(field, forms.ChoiceField):
            field.error_messages["required"] = f"Select {_article(label)}{label}"
        else:
            field.error_messages["required"] = f"Enter {_article(label)}{label}"


def _article(label: str) -> str:
    if label.startswith(("the ", "a ", "an ")):
        return ""
    return "an " if label[:1] in "aeiou" else "a "


def error_list(form) -> list[dict]:
    """Items for govukErrorSummary, each linking to its field."""
    items = []
    for name, errors in form.errors.items():
        anchor = "#" + (form[name].auto_id if name in form.fields else "main-content")
        if name in form.fields and isinstance(form.fields[name].widget, GovukDateWidget):
            anchor += "_0"
        for error in errors:
            items.append({"text": error, "href": anchor})
    return items


def apply_errors(form, error: ValidationError, field: str | None = None) -> None:
    """Show a service's ValidationError on ``form``: beside the field it names, otherwise in the summary.

    An error that names no field goes beside ``field`` when given (the one the page is about).
    """
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error)
