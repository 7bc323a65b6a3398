"""An organisation's people: members see the list; its admins and the programme team add, change and remove.

Every page fetches the organisation through scoping.organisation_for_people (outsiders 404, members who are
not admins 403 on any change) and writes through services; a service's refusal is shown in the error summary.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from productivity.accounts import services
from productivity.accounts.forms import ConfirmForm, PersonForm, RoleForm
from productivity.accounts.models import User
from productivity.accounts.roles import may_manage_people, may_see_people
from productivity.accounts.scoping import membership_in, organisation_for_people
from productivity.audit.queries import history_for
from productivity.core.form_pages import form_page, form_response
from productivity.core.forms import apply_errors


def _people_url(organisation) -> str:
    return reverse("accounts:people", args=[organisation.slug])


def _crumbs(organisation, *, people: bool = True) -> list[dict]:
    crumbs = [{"text": "Home", "href": "/"}, {"text": "Councils", "href": reverse("organisations:list")},
              {"text": organisation.name, "href": reverse("organisations:detail", args=[organisation.slug])}]
    return crumbs + ([{"text": "People", "href": _people_url(organisation)}] if people else [])


@login_required
def people(request, slug):
    organisation = organisation_for_people(request.user, slug)
    manage = may_manage_people(request.user, organisation)
    return render(request, "accounts/people.html", {
        "title": f"People at {organisation.name}", "organisation": organisation, "manage": manage,
        "memberships": organisation.memberships.select_related("user").order_by("user__full_name", "user__email"),
        "history": history_for(organisation).select_related("user")[:50] if manage else None,
        "locked": services.locked_out_emails(organisation.memberships.values_list("user__email", flat=True))
                  if manage else set(),
        "breadcrumbs": _crumbs(organisation, people=False),
    })


@never_cache  # the page that follows a new account shows its temporary password
@login_required
@form_page
def person_add(request, slug):
    organisation = organisation_for_people(request.user, slug, manage=True)
    form = PersonForm(request.POST if request.method == "POST" else None, initial={"role": "viewer"})
    if request.method == "POST" and form.is_valid():
        try:
            added = services.add_person(organisation, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return render(request, "accounts/person_added.html", {
                "title": "Person added", "organisation": organisation, "added": added,
                "person": added.membership.user, "breadcrumbs": _crumbs(organisation),
            })
    return form_response(request, form, title="Add a person", caption=organisation.name, submit="Add person",
                         back=_people_url(organisation), breadcrumbs=_crumbs(organisation))


@login_required
@form_page
def person_role(request, slug, membership_id):
    organisation = organisation_for_people(request.user, slug, manage=True)
    membership = membership_in(organisation, membership_id)
    form = RoleForm(request.POST if request.method == "POST" else None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_role(membership, form.cleaned_data["role"], by=request.user)
        except ValidationError as exc:
            apply_errors(form, exc, "role")
        else:
            messages.success(request, f"{membership.user} is now {_a(membership.get_role_display())} "
                                      f"at {organisation.name}")
            return redirect(_people_url(organisation))
    return form_response(request, form, title=f"Change the role of {membership.user}", caption=organisation.name,
                         submit="Save role", back=_people_url(organisation), breadcrumbs=_crumbs(organisation),
                         facts=[("Email address", membership.user.email),
                                ("Role now", membership.get_role_display())])


@login_required
@form_page
def person_remove(request, slug, membership_id):
    organisation = organisation_for_people(request.user, slug, manage=True)
    membership = membership_in(organisation, membership_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_person(membership, by=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{membership.user} no longer belongs to {organisation.name}")
            if membership.user_id == request.user.pk and not may_see_people(_fresh(request.user), organisation):
                return redirect("accounts:profile")
            return redirect(_people_url(organisation))
    yourself = membership.user_id == request.user.pk
    return render(request, "accounts/person_remove.html", {
        "title": "Remove yourself from " + organisation.name if yourself
                 else f"Remove {membership.user} from {organisation.name}",
        "caption": organisation.name, "form": form, "form_has_errors": bool(form.errors),
        "membership": membership, "yourself": yourself, "back": _people_url(organisation),
        "breadcrumbs": _crumbs(organisation),
    })


@login_required
@require_POST
def person_unlock(request, slug, membership_id):
    """An organisation admin (or the programme team) lets one of its people try to sign in again."""
    organisation = organisation_for_people(request.user, slug, manage=True)
    membership = membership_in(organisation, membership_id)
    services.unlock_for(membership.user.email, organisations=[organisation])
    messages.success(request, f"{membership.user} can sign in again")
    return redirect(_people_url(organisation))


def _a(role_label: str) -> str:
    role_label = role_label.lower()
    return ("an " if role_label[:1] in "aeiou" else "a ") + role_label


def _fresh(user):
    """The user without the memberships cached during this request (they have just changed)."""
    return User.objects.get(pk=user.pk)
