"""What the programme's create, change and delete pages share beyond core.form_pages: the project a page is
about, its address, caption and breadcrumbs, and deletes through the programme's services."""

from django.shortcuts import render
from django.urls import reverse

from productivity.core.access import get_for_user
from productivity.programme import services
from productivity.programme.models import FundingAward, Project, Saving, SavingAmount
from productivity.programme.rules import protection


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


def deleted(obj):
    """Delete through the service and hand the object back, so that ``saved`` sees the write succeed."""
    services.delete(obj)
    return obj


def withdraw_url(record) -> str:
    """The page that withdraws ``record`` (or asks the programme team to)."""
    if isinstance(record, Project):
        return reverse("programme:project-withdraw", args=[record.reference])
    if isinstance(record, SavingAmount):
        return reverse("programme:amount-withdraw", args=[record.saving.project.reference, record.pk])
    name = "saving" if isinstance(record, Saving) else "funding"
    assert isinstance(record, Saving | FundingAward)
    return reverse(f"programme:{name}-withdraw", args=[record.project.reference, record.pk])


def refused_deletion(request, record, *, caption: str, back: str, breadcrumbs: list[dict], facts=()):
    """For a record others rely on, the page that says why it cannot be deleted and offers withdrawal; None for a
    draft, which may be deleted."""
    reasons = protection(record)
    if not reasons:
        return None
    noun = record._meta.verbose_name
    return render(request, "programme/edit/cannot_delete.html", {
        "title": f"You cannot delete this {noun}", "reasons": " and ".join(reasons), "caption": caption,
        "back": back, "breadcrumbs": breadcrumbs, "facts": list(facts), "withdraw": withdraw_url(record)})
