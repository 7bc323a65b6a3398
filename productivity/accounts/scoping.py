"""The one rule for who sees and changes what: the programme team everything, members see, editors change.

Every model that belongs to an organisation gets ``visible_to(user)`` and ``editable_by(user)`` from
``OrganisationScopedQuerySet``, and ``core.access.get_for_user`` fetches through them. A new domain writes:

    class AssetQuerySet(OrganisationScopedQuerySet):
        organisation_path = "owner"  # Asset.owner is the Organisation the asset belongs to

        def public(self):
            return self.filter(is_published=True)

    class Asset(models.Model):
        ...
        objects = AssetQuerySet.as_manager()

- ``organisation_path``: the ORM path from the model to its owning Organisation. It may cross a many-valued
  relation ("participants__organisation": a project belongs to every council taking part); a record still
  comes back once. ``None`` for records that belong to no organisation (only the programme team changes them).
- ``public()``: what anyone may see, signed in or not (nothing, unless overridden).
- ``also_visible_to(user)``: a ``Q`` for anything more one person may see (an author their own draft), or None.
- ``organisation_ids_that_change(user)``: whose records the user changes; editors and admins, unless overridden
  (an organisation's people are changed by its admins alone).

An import run, say, belongs to its publisher and its uploader sees it too:
``organisation_path = "publisher"`` and ``also_visible_to`` returning ``Q(uploaded_by=user)``.

Records seen and changed with a parent (a project's risks) use ``ParentScopedQuerySet`` instead.
"""

from django.db import models
from django.shortcuts import get_object_or_404

from productivity.accounts.models import Membership
from productivity.accounts.roles import (
    admin_organisation_ids,
    editor_organisation_ids,
    is_programme_team,
    member_organisation_ids,
)
from productivity.core.access import get_for_user
from productivity.organisations.models import Organisation
from productivity.organisations.queries import OrganisationQuerySet


class OrganisationScopedQuerySet(models.QuerySet):
    """Records that belong to an organisation: members see them, its editors change them, the public sees
    ``public()``, and the programme team sees and changes everything."""

    organisation_path: str | None = "organisation"

    def public(self):
        return self.none()

    def also_visible_to(self, user) -> models.Q | None:
        return None

    def organisation_ids_that_change(self, user) -> set[int]:
        return editor_organisation_ids(user)

    def owned_by(self, organisation_ids):
        """Records belonging to any of ``organisation_ids``, each once."""
        if self.organisation_path is None or not organisation_ids:
            return self.none()
        lookup = {f"{self.organisation_path}__in": organisation_ids}
        if _crosses_many(self.model, self.organisation_path):
            # A subquery, not a join: a project two of the user's councils take part in is still one project.
            return self.filter(pk__in=self.model._base_manager.filter(**lookup).values("pk"))
        return self.filter(**lookup)

    def visible_to(self, user):
        if is_programme_team(user):
            return self
        visible = self.public() | self.owned_by(member_organisation_ids(user))
        extra = self.also_visible_to(user)
        return visible if extra is None else visible | self.filter(extra)

    def editable_by(self, user):
        if is_programme_team(user):
            return self
        return self.owned_by(self.organisation_ids_that_change(user))


class ParentScopedQuerySet(models.QuerySet):
    """Records seen and changed with their parent: ``parent_path`` leads to it, ``parents()`` is its QuerySet
    (itself scoped, usually an ``OrganisationScopedQuerySet``)."""

    parent_path: str

    def parents(self):
        raise NotImplementedError("Return the parent model's QuerySet")

    def for_parents(self, parents):
        return self.filter(**{f"{self.parent_path}__in": parents})

    def visible_to(self, user):
        return self.for_parents(self.parents().visible_to(user))

    def editable_by(self, user):
        return self.for_parents(self.parents().editable_by(user))


def _crosses_many(model, path: str) -> bool:
    """Whether ``path`` from ``model`` goes through a relation that can match one record several times."""
    for name in path.split("__"):
        if name == "pk":
            return False
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
        if model is None:
            return False
    return False


class PeopleScope(OrganisationScopedQuerySet, OrganisationQuerySet):
    """Organisations seen as lists of people: members see their own, admins change their own."""

    organisation_path = "pk"

    def organisation_ids_that_change(self, user) -> set[int]:
        return admin_organisation_ids(user)


def organisation_for_people(user, slug: str, *, manage: bool = False) -> Organisation:
    """The organisation whose people ``user`` may see (404 otherwise); with ``manage``, may change (403)."""
    return get_for_user(PeopleScope(Organisation), user, write=manage, slug=slug)


def membership_in(organisation: Organisation, membership_id: int) -> Membership:
    """One of ``organisation``'s memberships (404 for anyone else's)."""
    return get_object_or_404(organisation.memberships.select_related("user", "organisation"), pk=membership_id)
