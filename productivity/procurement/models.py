"""Suppliers (one register across councils), what each is classed as and on whose word, and spend lines."""

from django.db import models
from django.utils import timezone

from productivity.procurement.queries import SpendLineQuerySet, SupplierQuerySet


class Size(models.TextChoices):
    SME = "sme", "SME"
    LARGE = "large", "Large"
    VCSE = "vcse", "VCSE (voluntary, community or social enterprise)"
    PUBLIC_BODY = "public_body", "Public body"
    INDIVIDUAL = "individual", "Individual or redacted"


class Definition(models.TextChoices):
    """Under which definition a supplier was classed: shown beside every share."""

    SEEDS = "seeds", "SME: 250 employees or fewer (the seed papers)"
    PROCUREMENT_ACT = "pa2023", ("SME: fewer than 250 staff, and turnover of £44m or less or a balance sheet "
                                 "total of £38m or less (Procurement Act 2023)")
    ANY = "any", "Any definition (not a question of size)"


class Source(models.TextChoices):
    COUNCIL_FLAG = "council_flag", "A council's own flag in its spend file"
    SIZE_FILE = "size_file", "An imported supplier-size file"
    MANUAL = "manual", "Recorded by hand"
    REDACTION = "redaction", "The name was redacted in the published file"


class Supplier(models.Model):
    """A supplier as one register knows it, whichever councils pay it."""

    name = models.CharField(max_length=300, help_text="The name as first seen")
    normalised_name = models.CharField(max_length=300, db_index=True)
    companies_house_number = models.CharField(max_length=8, blank=True, db_index=True)
    vat_number = models.CharField(max_length=14, blank=True, db_index=True)
    charity_number = models.CharField(max_length=10, blank=True, db_index=True)
    region = models.CharField(max_length=60, blank=True, help_text="Where it is based, when known")
    is_redacted = models.BooleanField(default=False, help_text="Stands for every name councils held back")
    created_at = models.DateTimeField(default=timezone.now)

    objects = SupplierQuerySet.as_manager()

    class Meta:
        ordering = ["normalised_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["is_redacted"], condition=models.Q(is_redacted=True),
                                               name="procurement_one_redacted_supplier")]

    def __str__(self) -> str:
        return self.name


class SupplierClassification(models.Model):
    """What a supplier was classed as, under which definition, on whose word and when."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="classifications")
    size = models.CharField(max_length=20, choices=Size.choices, blank=True,
                            help_text="Blank: the source says something (a council's flag) that is not a size")
    definition = models.CharField(max_length=10, choices=Definition.choices, default=Definition.SEEDS)
    source = models.CharField(max_length=20, choices=Source.choices)
    detail = models.CharField(max_length=300, blank=True, help_text="What the source said, as it said it")
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="+", help_text="The council whose flag this is")
    recorded_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["-recorded_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["supplier", "source", "organisation", "detail"],
                                               name="procurement_one_classification_per_source")]

    def __str__(self) -> str:
        return f"{self.supplier}: {self.get_size_display() or self.detail} ({self.get_source_display()})"


class SpendLine(models.Model):
    """One payment as a council published it; credits and refunds are negative."""

    # No index of its own: the composite indexes below begin with it (one fewer index to keep on every COPY).
    # And no constraint in the database: a council's importer writes its own id on every line of a file (a
    # constraint would look the one council up again for each line it saves, a third of an import's time in the
    # database). Deleting a council that has published spend is still refused (PROTECT, by Django).
    publisher = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                  db_index=False, db_constraint=False)
    payment_date = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    # Nor for the supplier: an import saves the suppliers its lines name in the same transaction, and a supplier
    # is never deleted while lines name it (PROTECT, by Django; a merged supplier is kept). A constraint here was
    # checked again for every line at each batch's commit: a sixth of a large import's time.
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="spend_lines", db_index=False,
                                 db_constraint=False)
    supplier_name = models.CharField(max_length=300, help_text="The supplier's name as published")
    transaction_reference = models.CharField(max_length=100, blank=True)
    service_area = models.CharField(max_length=200, blank=True, help_text="Expense area or service")
    expense_type = models.CharField(max_length=200, blank=True)
    proclass_code = models.CharField(max_length=20, blank=True)
    invoice_date = models.DateField(null=True, blank=True)
    # The import that saved the line, written by that import itself: no constraint in the database either.
    run = models.ForeignKey("imports.ImportRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                            db_constraint=False)
    # A digest of what the line says and its occurrence in its file: the same line imported twice is found.
    line_key = models.CharField(max_length=32)

    objects = SpendLineQuerySet.as_manager()

    class Meta:
        ordering = ["-payment_date", "pk"]
        constraints = [models.UniqueConstraint(fields=["publisher", "line_key"], name="procurement_one_line_per_key")]
        indexes = [models.Index(fields=["publisher", "payment_date"]), models.Index(fields=["supplier", "publisher"])]

    def __str__(self) -> str:
        return f"{self.payment_date} {self.supplier_name} {self.amount}"


# Pipelines, timeliness, the pledge and contracts registers (the pipelines work): their own module, here so that
# Django finds them as this app's models.
from productivity.procurement.pipeline_models import (  # noqa: E402, F401
    Confidence,
    ContractRecord,
    EvidenceStatus,
    Pipeline,
    PlannedProcurement,
    PlannedSpend,
    PlanStatus,
    PledgeEvidence,
    PledgeRecord,
    PledgeStance,
    ProcedureType,
    ProcurementProcess,
    ProcurementRoute,
)

# ---- Spend analysis: summaries kept up to date by the import job (the spend area) ----------------------------
from productivity.procurement.spend_models import (  # noqa: E402
    SpendCategorySummary,
    SpendSummary,
    SpendSupplierSummary,
    SpendSupplierTotal,
    SpendYearHeadingSummary,
    SpendYearSummary,
)

# ---- Suppliers: matching across councils, merges, size data, category pilots (the suppliers area) ---------------
# Kept in suppliers_models.py so that the other procurement areas' additions to this file merge cleanly.
from productivity.procurement.suppliers_models import (  # noqa: E402
    CategoryPilot,
    CategoryPilotCouncil,
    MatchProposal,
    SupplierMerge,
    SupplierSize,
)

__all__ = ["CategoryPilot", "CategoryPilotCouncil", "Definition", "MatchProposal", "Size", "Source",
           "SpendCategorySummary", "SpendLine", "SpendSummary", "SpendSupplierSummary", "SpendSupplierTotal",
           "SpendYearHeadingSummary", "SpendYearSummary",
           "Supplier", "SupplierClassification", "SupplierMerge", "SupplierSize"]
