"""What the programme's create, change and delete pages share beyond core.form_pages: the project a page is
about, its address, caption and breadcrumbs, and deletes through the programme's services."""

from django.urls import reverse

from productivity.core.access import get_for_user
from productivity.programme import services
from productivity.programme.models import Project


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
