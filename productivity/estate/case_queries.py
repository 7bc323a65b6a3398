"""Who sees which business cases: the lead organisation's members and, once published, everyone."""

from productivity.accounts.scoping import OrganisationScopedQuerySet, ParentScopedQuerySet


class BusinessCaseQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"

    def public(self):
        return self.filter(status="published")

    def drafts(self):
        return self.filter(status="draft")


class ScenarioQuerySet(ParentScopedQuerySet):
    parent_path = "case"

    def parents(self):
        from productivity.estate.case_models import BusinessCase

        return BusinessCase.objects.all()


class ActionQuerySet(ParentScopedQuerySet):
    parent_path = "scenario__case"

    def parents(self):
        from productivity.estate.case_models import BusinessCase

        return BusinessCase.objects.all()
