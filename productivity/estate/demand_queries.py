"""Who sees which service demand figures: the platform's one rule, as for assets."""

from productivity.accounts.scoping import OrganisationScopedQuerySet


class ServiceDemandQuerySet(OrganisationScopedQuerySet):
    """The public sees published figures; the owner's members see all of them; its editors change them."""

    organisation_path = "owner"

    def public(self):
        return self.filter(is_published=True)
