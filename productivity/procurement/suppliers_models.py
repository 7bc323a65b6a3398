"""The supplier register's own records: proposed matches and their decisions, merges, size data, category pilots.

Imported into models.py (its end), so ``procurement.models`` names them all. Suppliers are referred to by
string ("procurement.Supplier") so that this module needs nothing from models.py.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from productivity.accounts.roles import editor_organisation_ids, is_programme_team, member_organisation_ids


class ProposalQuerySet(models.QuerySet):
    """A council sees (and its editors decide) the proposals touching a supplier it pays; the programme team all.

    Proposals are not public: they name suppliers that may not be one, and are work in progress.
    """

    def _touching(self, organisation_ids):
        if not organisation_ids:
            return self.none()
        from productivity.procurement.models import SpendLine

        paid = SpendLine.objects.filter(publisher__in=organisation_ids).values("supplier")
        return self.filter(models.Q(supplier__in=paid) | models.Q(candidate__in=paid))

    def visible_to(self, user):
        if is_programme_team(user):
            return self
        return self._touching(member_organisation_ids(user))

    def editable_by(self, user):
        if is_programme_team(user):
            return self
        return self._touching(editor_organisation_ids(user))

    def pending(self):
        return self.filter(status=MatchProposal.Status.PENDING)


class MatchProposal(models.Model):
    """Two suppliers whose names are alike but not enough to match them unasked: a person confirms or rejects.

    ``supplier`` is the one added when its name was first seen; ``candidate`` the one already in the register
    it may be. A rejected pair is remembered and never proposed again; a confirmed one merges ``supplier`` into
    ``candidate`` (see suppliers.merge).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        CONFIRMED = "confirmed", "Confirmed: merged"
        REJECTED = "rejected", "Rejected: different suppliers"
        SUPERSEDED = "superseded", "No longer needed (one of the two was merged)"

    supplier = models.ForeignKey("procurement.Supplier", on_delete=models.PROTECT, related_name="proposals")
    candidate = models.ForeignKey("procurement.Supplier", on_delete=models.PROTECT, related_name="proposed_as")
    score = models.DecimalField(max_digits=5, decimal_places=1, help_text="How alike the names are, 0 to 100")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    proposed_at = models.DateTimeField(default=timezone.now)
    run = models.ForeignKey("imports.ImportRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=500, blank=True, help_text="Why it was confirmed or rejected")

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [models.UniqueConstraint(fields=["supplier", "candidate"],
                                               name="procurement_one_proposal_per_pair")]

    def __str__(self) -> str:
        return f"{self.supplier} ~ {self.candidate} ({self.score})"


class SupplierMerge(models.Model):
    """A supplier found to be another: its lines now go to ``into``; the record itself is kept with this link."""

    supplier = models.OneToOneField("procurement.Supplier", on_delete=models.PROTECT, related_name="merge")
    into = models.ForeignKey("procurement.Supplier", on_delete=models.PROTECT, related_name="merged_from")
    proposal = models.OneToOneField(MatchProposal, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    lines_moved = models.PositiveIntegerField(default=0, help_text="Spend lines re-pointed by the merge")
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    merged_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.supplier} merged into {self.into}"


class SupplierSize(models.Model):
    """One row of an imported supplier-size file: what it said of a supplier on a date, from which source."""

    supplier = models.ForeignKey("procurement.Supplier", on_delete=models.PROTECT, related_name="sizes")
    as_of = models.DateField(help_text="The date the figures describe")
    source = models.CharField(max_length=200, help_text="Where the figures came from, as the file says")
    employees = models.PositiveIntegerField(null=True, blank=True)
    turnover = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    balance_sheet_total = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    is_vcse = models.BooleanField(null=True, blank=True)
    is_public_body = models.BooleanField(null=True, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    region = models.CharField(max_length=60, blank=True)
    run = models.ForeignKey("imports.ImportRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-as_of", "-pk"]
        constraints = [models.UniqueConstraint(fields=["supplier", "as_of", "source"],
                                               name="procurement_one_size_per_supplier_date_source")]

    def __str__(self) -> str:
        return f"{self.supplier} on {self.as_of} ({self.source})"


class CategoryPilot(models.Model):
    """A category management pilot: councils managing their spend on one category together (item 8).

    The programme's project of the same reference (PCM-01...) holds its funding, savings and milestones; this
    record holds what procurement needs: the category and its councils, so their spend is compared side by side.
    """

    reference = models.CharField(max_length=30, unique=True, help_text="The programme project's reference")
    name = models.CharField(max_length=250)
    category = models.CharField(max_length=200, help_text="The spend category managed together")
    proclass_codes = models.CharField(max_length=200, blank=True,
                                      help_text="ProClass codes (or prefixes) of the category, space separated")
    region = models.CharField(max_length=60, blank=True)
    is_illustrative = models.BooleanField(default=False,
                                          help_text="Demo record whose councils were chosen for illustration")
    councils = models.ManyToManyField("organisations.Organisation", through="CategoryPilotCouncil",
                                      related_name="category_pilots")

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.name}"


class CategoryPilotCouncil(models.Model):
    pilot = models.ForeignKey(CategoryPilot, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    is_lead = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_lead", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["pilot", "organisation"], name="procurement_one_pilot_council")]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.pilot}"
