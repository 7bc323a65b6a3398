"""What every create, change, delete and confirm page does the same way."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from productivity.core.access import get_for_user
from productivity.programme import services
from productivity.programme.forms import apply_errors
from productivity.programme.models import Project

form_page = require_http_methods(["GET", "POST"])


def posted(request) -> tuple:
    """A form's data and files: bound on POST even when nothing was filled in, so that it shows its errors."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def project_for_write(request, reference: str) -> Project:
    """The project named in the URL, if the user may change it (404 if they cannot see it, 403 if read-only)."""
    queryset = Project.objects.select_related("initiative__workstream")
    return get_for_user(queryset, request.user, write=True, reference=reference)


def project_url(project: Project, anchor: str = "") -> str:
    return reverse("programme:project", args=[project.reference]) + (f"#{anchor}" if anchor else "")


def project_caption(project: Project) -> str:
    return f"{project.reference}: {project.title}"


def project_crumbs(project: Project) -> list[dict]:
    initiative, workstream = project.initiative, project.initiative.workstream
    return [
        {"text": "Home", "href": "/"},
        {"text": workstream.name, "href": reverse("programme:workstream", args=[workstream.slug])},
        {"text": initiative.name, "href": reverse("programme:initiative", args=[initiative.slug])},
        {"text": project.reference, "href": project_url(project)},
    ]


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


def deleted(obj):
    """Delete through the service and hand the object back, so that ``saved`` sees the write succeed."""
    services.delete(obj)
    return obj


def done(request, message: str, url: str):
    """Back to the object's page, with a success banner."""
    messages.success(request, message)
    return redirect(url)


def form_response(request, form, *, title: str, back: str, breadcrumbs: list[dict], caption: str = "",
                  submit: str = "Save", facts: list[tuple[str, str]] = ()):
    return render(request, "programme/edit/form.html", {
        "title": title, "form": form, "form_has_errors": bool(form.errors), "back": back, "caption": caption,
        "submit": submit, "facts": list(facts), "breadcrumbs": breadcrumbs,
    })


def confirm_response(request, form, *, title: str, back: str, breadcrumbs: list[dict], button: str,
                     caption: str = "", warning: str = "", facts: list[tuple[str, str]] = (),
                     destructive: bool = True):
    """A page that asks the user to confirm one action (delete, verify, audit); errors appear in its summary."""
    return render(request, "programme/edit/confirm.html", {
        "title": title, "form": form, "form_has_errors": bool(form.errors), "back": back, "caption": caption,
        "button": button, "warning": warning, "facts": list(facts), "breadcrumbs": breadcrumbs,
        "destructive": destructive,
    })
