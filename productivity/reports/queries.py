"""Who may see and write board reports.

Published reports are public unless restricted. Drafts and restricted reports are seen by the
programme team, by members of the council a report is scoped to, and by their author. The programme
team writes reports of any scope; a council's editors write reports scoped to their council.
"""

from django.db import models

from productivity.accounts.roles import (
    editor_organisation_ids,
    is_programme_team,
    is_signed_in,
    member_organisation_ids,
)


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def drafts(self):
        return self.filter(status="draft")

    def of_scope(self, scope: str, workstream_id=None, initiative_id=None, organisation_id=None):
        return self.filter(scope=scope, workstream_id=workstream_id, initiative_id=initiative_id,
                           organisation_id=organisation_id)

    def visible_to(self, user):
        if is_programme_team(user):
            return self
        condition = models.Q(status="published", is_restricted=False)
        members = member_organisation_ids(user)
        if members:
            condition |= models.Q(scope="council", organisation_id__in=members)
        if is_signed_in(user):
            condition |= models.Q(author=user)
        return self.filter(condition)

    def editable_by(self, user):
        if is_programme_team(user):
            return self
        editors = editor_organisation_ids(user)
        if not editors:
            return self.none()
        return self.filter(scope="council", organisation_id__in=editors)
