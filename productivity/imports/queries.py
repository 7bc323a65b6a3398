"""Who sees which imports and column mappings, by the platform's one rule (accounts.scoping).

A run belongs to its publisher (whose file it is): the publisher's members see it, its editors act on
it. Its uploader sees and acts on it too; the programme team on every run. A publisher's column
mappings are seen by its members and changed by its editors; a mapping without a publisher belongs
to the person who made it.
"""

from django.db import models

from productivity.accounts.roles import is_signed_in
from productivity.accounts.scoping import OrganisationScopedQuerySet


class ImportRunQuerySet(OrganisationScopedQuerySet):
    organisation_path = "publisher"

    def also_visible_to(self, user) -> models.Q | None:
        return models.Q(uploaded_by=user) if is_signed_in(user) else None

    def editable_by(self, user):
        mine = self.filter(uploaded_by=user) if is_signed_in(user) else self.none()
        return super().editable_by(user) | mine

    def working(self):
        return self.filter(status__in=self.model.WORKING)

    def ended(self):
        return self.filter(status__in=self.model.ENDED)


class ColumnMappingQuerySet(OrganisationScopedQuerySet):
    organisation_path = "publisher"

    def also_visible_to(self, user) -> models.Q | None:
        return models.Q(publisher__isnull=True, owner=user) if is_signed_in(user) else None

    def editable_by(self, user):
        mine = self.filter(publisher__isnull=True, owner=user) if is_signed_in(user) else self.none()
        return super().editable_by(user) | mine
