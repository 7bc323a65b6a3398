"""Who may see and write board reports, by accounts.scoping's rule, and whose turn it is to act on them.

Published reports are public unless restricted. Drafts and restricted reports are seen by the
programme team, by members of the council a report is scoped to, and by their author. The programme
team writes reports of any scope; a council's editors write reports scoped to their council. A
submitted paper is cleared by a member of the programme team who neither wrote nor submitted it.
"""

from django.contrib.auth import get_user_model
from django.db import models

from productivity.accounts.roles import is_programme_team, is_signed_in
from productivity.accounts.scoping import OrganisationScopedQuerySet


class ReportQuerySet(OrganisationScopedQuerySet):
    # Only council-scoped reports name an organisation (a database constraint), so only they belong to one.
    organisation_path = "organisation"

    def published(self):
        return self.filter(status="published")

    def drafts(self):
        """Papers not yet published: drafts, and those submitted for or cleared for publication."""
        return self.exclude(status="published")

    def current(self):
        """Published papers that no published correction has superseded."""
        return self.published().exclude(corrections__status="published")

    def of_scope(self, scope: str, workstream_id=None, initiative_id=None, organisation_id=None):
        return self.filter(scope=scope, workstream_id=workstream_id, initiative_id=initiative_id,
                           organisation_id=organisation_id)

    def public(self):
        return self.published().filter(is_restricted=False)

    def also_visible_to(self, user) -> models.Q | None:
        return models.Q(author=user) if is_signed_in(user) else None

    def awaiting_clearance_by(self, user):
        """Submitted papers ``user`` may clear: none unless on the programme team, never their own."""
        if not is_programme_team(user):
            return self.none()
        return self.visible_to(user).filter(status="submitted").exclude(author=user).exclude(submitted_by=user)


def papers_awaiting_clearance(user):
    """The submitted papers ``user`` may clear, oldest submission first (for "Your work")."""
    from productivity.reports.models import Report

    return Report.objects.awaiting_clearance_by(user).select_related(
        "author", "submitted_by", "workstream", "initiative", "organisation").order_by("submitted_at", "pk")


def paper_followers(report):
    """The people who follow a paper: its author, submitter and clearer, and the authors of the paper it corrects."""
    ids = {report.author_id, report.submitted_by_id, report.cleared_by_id}
    if report.corrects_id:
        ids |= {report.corrects.author_id, report.corrects.published_by_id}
    return get_user_model().objects.filter(pk__in=ids - {None}, is_active=True)
