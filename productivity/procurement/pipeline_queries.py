"""Who sees pipelines, processes, pledges and contracts: the platform's one rule, and their domain verbs.

A pipeline is the council's until it publishes it: its members see it unpublished, its editors change it,
the public sees published pipelines only. Procurement processes, pledge records and contracts registers are
published information (notices, a council's own commitments, the Transparency Code's register): anyone sees
them, the council's editors change them.
"""

from django.db.models import Q

from productivity.accounts.scoping import OrganisationScopedQuerySet


class PipelineQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"

    def public(self):
        return self.filter(is_published=True)


class PlannedProcurementQuerySet(OrganisationScopedQuerySet):
    organisation_path = "pipeline__organisation"

    def public(self):
        return self.filter(pipeline__is_published=True)

    def live(self):
        """Not withdrawn: what the pipeline's figures count."""
        return self.exclude(status="withdrawn")

    def for_council(self, organisation):
        return self.filter(pipeline__organisation=organisation)

    def delete(self):
        raise PlanKept("A planned procurement is never deleted: withdraw it with a reason instead")


class PlanKept(Exception):
    """Planned procurements are withdrawn with a reason, never deleted: the market may have relied on them."""


class PlannedSpendQuerySet(OrganisationScopedQuerySet):
    organisation_path = "procurement__pipeline__organisation"

    def public(self):
        return self.filter(procurement__pipeline__is_published=True)


class ProcessQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"

    def public(self):
        return self.all()

    def for_council(self, organisation):
        return self.filter(organisation=organisation)


class PledgeQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"

    def public(self):
        return self.all()


class ContractQuerySet(OrganisationScopedQuerySet):
    organisation_path = "publisher"

    def public(self):
        return self.all()

    def for_council(self, organisation):
        return self.filter(publisher=organisation)

    def matching(self, text: str):
        return self.filter(Q(title__icontains=text) | Q(supplier_name__icontains=text) | Q(reference=text))
