"""Who sees which business cases: the lead organisation's members and, once published, everyone."""

from productivity.accounts.scoping import OrganisationScopedQuerySet, ParentScopedQuerySet


class BusinessCaseQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"

    def public(self):
        # Once published, always public: a withdrawn case stays in view with its reason.
        return self.filter(published_at__isnull=False)

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
