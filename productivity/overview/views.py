"""The home page and a council's page (frames that each domain fills with its registered section), and each
signed-in person's "Your work"."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from productivity.core.sections import render_sections
from productivity.organisations.models import Organisation
from productivity.overview.work import YourWork


def home(request):
    found = render_sections("home", request)
    if isinstance(found, HttpResponseBase):
        return found
    return render(request, "overview/home.html", {
        "title": "Local government productivity programme", "sections": found,
    })


def council(request, slug):
    """What every domain records about one council, as the visitor may see it."""
    organisation = get_object_or_404(Organisation, slug=slug)
    found = render_sections("council", request, organisation)
    if isinstance(found, HttpResponseBase):
        return found
    return render(request, "overview/council.html", {
        "title": organisation.name, "organisation": organisation, "sections": found,
        "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Participating councils",
                                                         "href": reverse("programme:councils")}],
    })


def council_moved(request, slug):
    """The council page's address before it belonged to every domain: bookmarks and downloads still work."""
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("overview:council", args=[slug]) + (f"?{query}" if query else ""), permanent=True)


@login_required
def your_work(request):
    """What waits for the signed-in person: where they land after signing in."""
    return render(request, "overview/your_work.html", {
        "title": "Your work", "work": YourWork(request.user),
        "breadcrumbs": [{"text": "Home", "href": "/"}],
    })
