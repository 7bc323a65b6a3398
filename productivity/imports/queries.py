"""Who sees which imports and column mappings.

People see the runs they uploaded; the programme team sees every run. A publisher's column mappings
are seen and changed by its editors (and the programme team); a mapping without a publisher belongs
to the person who made it.
"""

from django.db import models

from productivity.accounts.roles import editor_organisation_ids, is_programme_team, is_signed_in


class ImportRunQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_programme_team(user):
            return self
        if not is_signed_in(user):
            return self.none()
        return self.filter(uploaded_by=user)

    def editable_by(self, user):
        return self.visible_to(user)

    def working(self):
        return self.filter(status__in=self.model.WORKING)

    def ended(self):
        return self.filter(status__in=self.model.ENDED)


class ColumnMappingQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_programme_team(user):
            return self
        if not is_signed_in(user):
            return self.none()
        return self.filter(models.Q(publisher_id__in=editor_organisation_ids(user))
                           | models.Q(publisher__isnull=True, owner=user))

    def editable_by(self, user):
        return self.visible_to(user)

    def for_layout(self, kind: str, signature: str, *, publisher=None, owner=None):
        if publisher is not None:
            return self.filter(kind=kind, signature=signature, publisher=publisher)
        return self.filter(kind=kind, signature=signature, publisher__isnull=True, owner=owner)
