"""Sections of the pages that sit above the domains: the home page and a council's page.

Each domain registers, for a page, a function that returns its section (a template and its context) for the
request, or None when it has nothing to show. The overview app renders them in the order registered. A
domain's ``sections.py`` registers its own, and is imported by the overview app when it starts (the way
Django's admin finds ``admin.py``), so the domain never imports the app above it:

    from productivity.core import sections

    def council_section(request, organisation):
        return sections.Section("estate/_council.html", {"assets": ...})

    sections.register("council", "estate", council_section)

A section may also answer a download its tables offer: return the HttpResponse instead of a Section, but only
for a ``?table=`` value it owns, so that two domains' tables on one page never answer the same request.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponseBase
from django.template.loader import render_to_string
from markupsafe import Markup

PAGES = ("home", "council")


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[..., Section | HttpResponseBase | None]
_registered: dict[str, dict[str, Provider]] = {page: {} for page in PAGES}


def register(page: str, key: str, provider: Provider) -> None:
    """Show ``provider``'s section on ``page`` ("home" or "council"); registering a key again replaces it."""
    if page not in _registered:
        raise ValueError(f"No page takes sections called {page!r}: use one of {', '.join(PAGES)}")
    _registered[page][key] = provider


def registered(page: str) -> dict[str, Provider]:
    return dict(_registered[page])


def render_sections(page: str, request, *args) -> list[Markup] | HttpResponseBase:
    """Each registered section of ``page`` rendered for ``request``, or the download one of them answers."""
    rendered = []
    for provider in _registered[page].values():
        found = provider(request, *args)
        if isinstance(found, HttpResponseBase):
            return found
        if found is not None:
            rendered.append(Markup(render_to_string(found.template, found.context, request)))
    return rendered
