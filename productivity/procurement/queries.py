"""Who sees suppliers and spend: both are published data, seen by anyone."""

from django.db import models

from productivity.accounts.scoping import OrganisationScopedQuerySet


class SupplierQuerySet(OrganisationScopedQuerySet):
    """The register belongs to no council: the programme team alone changes it, anyone reads it."""

    organisation_path = None

    def public(self):
        return self.all()

    def paid_by(self, organisation):
        return self.filter(spend_lines__publisher=organisation).distinct()

    def search(self, text: str):
        return self.filter(models.Q(name__icontains=text) | models.Q(normalised_name__icontains=text.casefold()))


class SpendLineQuerySet(OrganisationScopedQuerySet):
    """A council's spend lines: every line came from its published spend file, so anyone sees them."""

    organisation_path = "publisher"

    def public(self):
        return self.all()

    def for_council(self, organisation):
        return self.filter(publisher=organisation)
