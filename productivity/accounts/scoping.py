"""The organisations whose people a user may see and manage, fetched through core.access like every object."""

from django.shortcuts import get_object_or_404

from productivity.accounts.models import Membership
from productivity.accounts.roles import admin_organisation_ids, is_programme_team, member_organisation_ids
from productivity.core.access import get_for_user
from productivity.organisations.models import Organisation
from productivity.organisations.queries import OrganisationQuerySet


class PeopleScope(OrganisationQuerySet):
    """Organisations seen as lists of people: members see their own, admins change their own."""

    def visible_to(self, user):
        return self if is_programme_team(user) else self.filter(pk__in=member_organisation_ids(user))

    def editable_by(self, user):
        return self if is_programme_team(user) else self.filter(pk__in=admin_organisation_ids(user))


def organisation_for_people(user, slug: str, *, manage: bool = False) -> Organisation:
    """The organisation whose people ``user`` may see (404 otherwise); with ``manage``, may change (403)."""
    return get_for_user(PeopleScope(Organisation), user, write=manage, slug=slug)


def membership_in(organisation: Organisation, membership_id: int) -> Membership:
    """One of ``organisation``'s memberships (404 for anyone else's)."""
    return get_object_or_404(organisation.memberships.select_related("user", "organisation"), pk=membership_id)
