"""What every create, change, delete and confirm page does the same way, in every app.

A view builds its form from ``posted(request)``, writes through ``saved(request, form, write)`` (one
transaction; a service's ValidationError is shown on the form) and answers with ``done`` or with
``form_response`` / ``confirm_response``, which render the shared GOV.UK pages in templates/core/.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from productivity.core.forms import apply_errors

form_page = require_http_methods(["GET", "POST"])


def posted(request) -> tuple:
    """A form's data and files: bound on POST even when nothing was filled in, so that it shows its errors."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def saved(request, form, write: Callable[[Any], Any]) -> Any | None:
    """On a valid POST, run ``write`` in one transaction and return what it made; None to show the form again.

    A ValidationError from a service rolls the transaction back and is shown on the form.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        with transaction.atomic():
            return write(form)
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


def done(request, message: str, url: str):
    """Back to the object's page, with a success banner."""
    messages.success(request, message)
    return redirect(url)


def form_response(request, form, *, title: str, back: str, breadcrumbs: list[dict], caption: str = "",
                  submit: str = "Save", facts: Sequence[tuple[str, str]] = ()):
    """A create or change page: the error summary, the form's fields, save and cancel."""
    return render(request, "core/form_page.html", {
        "title": title, "form": form, "form_has_errors": bool(form.errors), "back": back, "caption": caption,
        "submit": submit, "facts": list(facts), "breadcrumbs": breadcrumbs,
    })


def confirm_response(request, form, *, title: str, back: str, breadcrumbs: list[dict], button: str,
                     caption: str = "", warning: str = "", facts: Sequence[tuple[str, str]] = (),
                     destructive: bool = True, refusal: str = ""):
    """A page that asks the user to confirm one action (delete, verify, audit); errors appear in its summary.

    With ``refusal`` (why the action would be refused), the page says so and offers no button.
    """
    return render(request, "core/confirm_page.html", {
        "title": title, "form": form, "form_has_errors": bool(form.errors), "back": back, "caption": caption,
        "button": button, "warning": warning, "facts": list(facts), "breadcrumbs": breadcrumbs,
        "destructive": destructive, "refusal": refusal,
    })
