"""QuerySets with the programme's domain verbs, including who may see and change what.

The rule is accounts.scoping's: anyone sees published projects in published initiatives; members of a
participating organisation also see its unpublished projects; its editors and admins change them; the
programme team sees and changes everything, and alone changes workstreams, initiatives and verified or audited amounts.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from productivity.accounts.roles import is_programme_team
from productivity.accounts.scoping import OrganisationScopedQuerySet, ParentScopedQuerySet


class WithdrawableQuerySet:
    """Records that can be withdrawn, alone or with what they belong to (a saving with its project).

    ``withdrawal_paths``: the ORM prefixes of the record itself ("") and of each record whose withdrawal
    takes it out too ("project__").
    """

    withdrawal_paths: tuple[str, ...] = ("",)
    # Set once not_withdrawn has chosen the moment that counts, and kept through filters, so that figures
    # as at a past date still count what was withdrawn after it (rollups.standing).
    withdrawals_cut = False

    def _clone(self):
        clone = super()._clone()
        clone.withdrawals_cut = self.withdrawals_cut
        return clone

    def _withdrawn_q(self, as_at: dt.date | None) -> Q:
        found = Q()
        for path in self.withdrawal_paths:
            if as_at is None:
                found |= Q(**{f"{path}withdrawn_at__isnull": False})
            else:
                end = timezone.make_aware(dt.datetime.combine(as_at, dt.time.max))
                found |= Q(**{f"{path}withdrawn_at__lte": end})
        return found

    def not_withdrawn(self, as_at: dt.date | None = None):
        """What counts: records not withdrawn (by the end of ``as_at``), nor anything they belong to."""
        counted = self.exclude(self._withdrawn_q(as_at))
        counted.withdrawals_cut = True
        return counted

    def withdrawn(self, as_at: dt.date | None = None):
        """Records withdrawn (by the end of ``as_at``), themselves or with what they belong to."""
        return self.filter(self._withdrawn_q(as_at))


# Realised amounts someone has checked: only the programme team changes them, or what they mean.
CHECKED = ("verified", "audited")


class WorkstreamQuerySet(OrganisationScopedQuerySet):
    organisation_path = None  # the programme's own structure: public, changed by the programme team

    def public(self):
        return self


class InitiativeQuerySet(OrganisationScopedQuerySet):
    organisation_path = None

    def published(self):
        return self.filter(is_published=True)

    def public(self):
        return self.published()


class ProjectQuerySet(WithdrawableQuerySet, OrganisationScopedQuerySet):
    organisation_path = "participants__organisation"

    def published(self):
        return self.filter(is_published=True, initiative__is_published=True)

    def public(self):
        return self.published()

    def for_organisation(self, organisation):
        return self.owned_by({organisation.pk})

    def live(self):
        return self.exclude(status__in=["complete", "closed"])

    def closed(self):
        return self.filter(status__in=["complete", "closed"])


class ProjectChildQuerySet(ParentScopedQuerySet):
    """Funding awards, milestones and risks: seen and changed with their project."""

    parent_path = "project"

    def parents(self):
        from productivity.programme.models import Project

        return Project.objects.all()

    def for_projects(self, projects):
        return self.for_parents(projects)


class FundingAwardQuerySet(WithdrawableQuerySet, ProjectChildQuerySet):
    withdrawal_paths = ("", "project__")


class SavingQuerySet(WithdrawableQuerySet, ProjectChildQuerySet):
    withdrawal_paths = ("", "project__")

    def for_council(self, organisation):
        return self.filter(organisation=organisation)


class SavingAmountQuerySet(WithdrawableQuerySet, ProjectChildQuerySet):
    parent_path = "saving__project"
    withdrawal_paths = ("", "saving__", "saving__project__")

    def editable_by(self, user):
        """As their project, except that verified and audited amounts are the programme team's alone to change."""
        editable = super().editable_by(user)
        return editable if is_programme_team(user) else editable.exclude(verification__in=CHECKED)

    def realised(self):
        return self.filter(kind="realised")

    def awaiting_verification(self):
        return self.filter(kind="realised", verification="unverified")
