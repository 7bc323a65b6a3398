"""QuerySets with the programme's domain verbs, including who may see and change what.

Anonymous visitors and outsiders see published projects in published initiatives. Members of a
participating organisation also see its unpublished projects; its editors and admins change them.
The programme team sees and changes everything.
"""

from django.db import models

from productivity.accounts.roles import editor_organisation_ids, is_programme_team, member_organisation_ids


class WorkstreamQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self

    def editable_by(self, user):
        return self if is_programme_team(user) else self.none()


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        return self if is_programme_team(user) else self.published()

    def editable_by(self, user):
        return self if is_programme_team(user) else self.none()


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, initiative__is_published=True)

    def for_organisation(self, organisation):
        return self.filter(pk__in=_project_ids_for_orgs({organisation.pk}))

    def visible_to(self, user):
        if is_programme_team(user):
            return self
        members = member_organisation_ids(user)
        condition = models.Q(is_published=True, initiative__is_published=True)
        if members:
            condition |= models.Q(pk__in=_project_ids_for_orgs(members))
        return self.filter(condition)

    def editable_by(self, user):
        if is_programme_team(user):
            return self
        editors = editor_organisation_ids(user)
        if not editors:
            return self.none()
        return self.filter(pk__in=_project_ids_for_orgs(editors))

    def live(self):
        return self.exclude(status__in=["complete", "closed"])

    def closed(self):
        return self.filter(status__in=["complete", "closed"])


def _project_ids_for_orgs(org_ids):
    from productivity.programme.models import Participant

    return Participant.objects.filter(organisation_id__in=org_ids).values("project_id")


class ProjectChildQuerySet(models.QuerySet):
    """Funding awards, milestones and risks: seen and changed with their project."""

    project_path = "project"

    def _projects(self):
        from productivity.programme.models import Project

        return Project.objects.all()

    def visible_to(self, user):
        return self.filter(**{f"{self.project_path}__in": self._projects().visible_to(user)})

    def editable_by(self, user):
        return self.filter(**{f"{self.project_path}__in": self._projects().editable_by(user)})

    def for_projects(self, projects):
        return self.filter(**{f"{self.project_path}__in": projects})


class SavingQuerySet(ProjectChildQuerySet):
    def for_council(self, organisation):
        return self.filter(organisation=organisation)


class SavingAmountQuerySet(ProjectChildQuerySet):
    project_path = "saving__project"

    def editable_by(self, user):
        """As their project, except that audited amounts are the programme team's alone to change."""
        editable = super().editable_by(user)
        return editable if is_programme_team(user) else editable.exclude(verification="audited")

    def realised(self):
        return self.filter(kind="realised")

    def awaiting_verification(self):
        return self.filter(kind="realised", verification="unverified")
