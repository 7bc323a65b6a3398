"""The home page and a council's page: a frame that each domain fills with its registered section."""

from django.http import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from productivity.core.sections import render_sections
from productivity.organisations.models import Organisation


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
