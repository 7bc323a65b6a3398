"""The home page and a council's page (frames that each domain fills with its registered section), and each
signed-in person's "Your work"."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from productivity.accounts.forms import ConfirmForm
from productivity.core.access import get_for_user
from productivity.core.form_pages import confirm_response, done, form_page, posted
from productivity.core.formatting import govuk_date
from productivity.core.page_cache import cached_page
from productivity.core.sections import render_sections
from productivity.organisations.models import Organisation
from productivity.overview import follows
from productivity.overview.work import YourWork
from productivity.reports.models import Report


@cached_page
def home(request):
    found = render_sections("home", request)
    if isinstance(found, HttpResponseBase):
        return found
    return render(request, "overview/home.html", {
        "title": "Local government productivity programme", "sections": found,
    })


@cached_page
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
        "following": follows.followed_by(request.user)[:50],
        "breadcrumbs": [{"text": "Home", "href": "/"}],
    })


@login_required
@form_page
def paper_follow(request, pk):
    """Follow a board paper one may see (or stop): an email says when it, or a correction of it, is published."""
    report = get_for_user(Report.objects, request.user, pk=pk)
    following = follows.is_following(request.user, report)
    form = ConfirmForm(posted(request)[0])
    paper = reverse("reports:detail", args=[report.pk])
    if request.method == "POST" and form.is_valid():
        if following:
            follows.unfollow(request.user, report)
            return done(request, f"You no longer follow {report.title}", paper)
        follows.follow(request.user, report)
        return done(request, f"You follow {report.title}: we will email you when it is published", paper)
    return confirm_response(
        request, form, title="Stop following this paper" if following else "Follow this paper",
        button="Stop following" if following else "Follow paper", destructive=False, back=paper,
        facts=[("Paper", report.title), ("Status", report.get_status_display()),
               ("Figures as at", govuk_date(report.as_at))],
        warning="" if following else "We will email you when this paper is published, and when a correction of it is.",
        breadcrumbs=[{"text": "Home", "href": "/"}, {"text": "Board reports", "href": reverse("reports:list")},
                     {"text": report.title, "href": paper}],
    )
