"""Who may see and write board reports, by accounts.scoping's rule.

Published reports are public unless restricted. Drafts and restricted reports are seen by the
programme team, by members of the council a report is scoped to, and by their author. The programme
team writes reports of any scope; a council's editors write reports scoped to their council.
"""

from django.db import models

from productivity.accounts.roles import is_signed_in
from productivity.accounts.scoping import OrganisationScopedQuerySet


class ReportQuerySet(OrganisationScopedQuerySet):
    # Only council-scoped reports name an organisation (a database constraint), so only they belong to one.
    organisation_path = "organisation"

    def published(self):
        return self.filter(status="published")

    def drafts(self):
        return self.filter(status="draft")

    def of_scope(self, scope: str, workstream_id=None, initiative_id=None, organisation_id=None):
        return self.filter(scope=scope, workstream_id=workstream_id, initiative_id=initiative_id,
                           organisation_id=organisation_id)

    def public(self):
        return self.published().filter(is_restricted=False)

    def also_visible_to(self, user) -> models.Q | None:
        return models.Q(author=user) if is_signed_in(user) else None
