"""QuerySets with the programme's domain verbs, including who may see and change what.

The rule is accounts.scoping's: anyone sees published projects in published initiatives; members of a
participating organisation also see its unpublished projects; its editors and admins change them; the
programme team sees and changes everything, and alone changes workstreams, initiatives and audited amounts.
"""

from productivity.accounts.roles import is_programme_team
from productivity.accounts.scoping import OrganisationScopedQuerySet, ParentScopedQuerySet


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


class ProjectQuerySet(OrganisationScopedQuerySet):
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


class SavingQuerySet(ProjectChildQuerySet):
    def for_council(self, organisation):
        return self.filter(organisation=organisation)


class SavingAmountQuerySet(ProjectChildQuerySet):
    parent_path = "saving__project"

    def editable_by(self, user):
        """As their project, except that audited amounts are the programme team's alone to change."""
        editable = super().editable_by(user)
        return editable if is_programme_team(user) else editable.exclude(verification="audited")

    def realised(self):
        return self.filter(kind="realised")

    def awaiting_verification(self):
        return self.filter(kind="realised", verification="unverified")
