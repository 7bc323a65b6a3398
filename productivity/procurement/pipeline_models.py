"""Forward pipelines, procurement processes (timeliness), the procurement pledge and contracts registers.

Imported at the end of models.py, so Django finds them as the procurement app's models.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from productivity.procurement.pipeline_queries import (
    ContractQuerySet,
    PipelineQuerySet,
    PlannedProcurementQuerySet,
    PlannedSpendQuerySet,
    PledgeQuerySet,
    ProcessQuerySet,
)

MONEY = {"max_digits": 14, "decimal_places": 2}


class Pipeline(models.Model):
    """A council's forward procurement pipeline: published or not, and when it was last reviewed."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.PROTECT,
                                        related_name="procurement_pipeline")
    is_published = models.BooleanField(default=False)
    last_reviewed_on = models.DateField(null=True, blank=True,
                                        help_text="Pipelines are reviewed every six months")
    expected_spend = models.DecimalField(
        **MONEY, null=True, blank=True,
        help_text="What the council expects to pay under contracts in the current financial year (decides "
                  "whether it must publish a UK1 pipeline notice)")
    expected_spend_year = models.PositiveSmallIntegerField(null=True, blank=True,
                                                           help_text="The financial year of the expected spend")
    is_illustrative = models.BooleanField(default=False, help_text="Demo data, labelled so on every page")
    created_at = models.DateTimeField(default=timezone.now)

    objects = PipelineQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation.name}'s procurement pipeline"


class Confidence(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class PlanStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROCUREMENT = "in_procurement", "In procurement"
    AWARDED = "awarded", "Awarded"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PlannedProcurement(models.Model):
    """One procurement a council plans: its value (or range), dates, confidence and who it suits."""

    pipeline = models.ForeignKey(Pipeline, on_delete=models.PROTECT, related_name="procurements")
    reference = models.CharField(max_length=60, help_text="The council's own reference, unique in its pipeline")
    title = models.CharField(max_length=250)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=120, blank=True, help_text="The ProClass heading, such as Construction")
    proclass_code = models.CharField(max_length=20, blank=True)
    value_low = models.DecimalField(**MONEY, help_text="The estimated value, or the bottom of its range")
    value_high = models.DecimalField(**MONEY, help_text="The top of the range (the same as the bottom for one "
                                                        "figure)")
    market_engagement_on = models.DateField(null=True, blank=True)
    tender_on = models.DateField(null=True, blank=True, help_text="When the tender notice is planned")
    award_on = models.DateField(null=True, blank=True)
    contract_start_on = models.DateField(null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(null=True, blank=True)
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    suitable_for_sme = models.BooleanField(default=False)
    suitable_for_vcse = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.PLANNED)
    withdrawal_reason = models.TextField(blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = PlannedProcurementQuerySet.as_manager()

    class Meta:
        ordering = ["tender_on", "reference"]
        verbose_name = "planned procurement"
        constraints = [
            models.UniqueConstraint(fields=["pipeline", "reference"], name="procurement_one_plan_per_reference"),
            models.CheckConstraint(condition=Q(value_low__gte=0) & Q(value_high__gte=models.F("value_low")),
                                   name="procurement_plan_value_range",
                                   violation_error_message="The top of the range must be at least its bottom"),
            models.CheckConstraint(condition=~Q(status="withdrawn") | ~Q(withdrawal_reason=""),
                                   name="procurement_plan_withdrawn_with_reason",
                                   violation_error_message="Give the reason it was withdrawn"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def is_range(self) -> bool:
        return self.value_high != self.value_low


class PlannedSpend(models.Model):
    """What a planned procurement is expected to cost in one financial year (its spend profile)."""

    procurement = models.ForeignKey(PlannedProcurement, on_delete=models.CASCADE, related_name="spend")
    financial_year = models.PositiveSmallIntegerField(help_text="The calendar year the financial year starts in")
    amount = models.DecimalField(**MONEY)

    objects = PlannedSpendQuerySet.as_manager()

    class Meta:
        ordering = ["financial_year"]
        constraints = [
            models.UniqueConstraint(fields=["procurement", "financial_year"], name="procurement_one_spend_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="procurement_planned_spend_not_negative",
                                   violation_error_message="Planned spend is never negative"),
        ]

    def __str__(self) -> str:
        return f"{self.procurement.reference} {self.financial_year}: {self.amount}"


# Timeliness --------------------------------------------------------------------------------------------------------


class ProcedureType(models.TextChoices):
    OPEN = "open", "Open"
    RESTRICTED = "restricted", "Restricted"
    COMPETITIVE_DIALOGUE = "competitive_dialogue", "Competitive dialogue"
    COMPETITIVE_NEGOTIATION = "competitive_negotiation", "Competitive procedure with negotiation"
    COMPETITIVE_FLEXIBLE = "competitive_flexible", "Competitive flexible (Procurement Act 2023)"
    INNOVATION_PARTNERSHIP = "innovation_partnership", "Innovation partnership"
    FRAMEWORK_CALL_OFF = "framework_call_off", "Framework call-off"
    DIRECT_AWARD = "direct_award", "Direct award"


class ProcurementProcess(models.Model):
    """A procurement from its notice (OJEU or Find a Tender) to its award: how many working days it took."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="procurement_processes")
    reference = models.CharField(max_length=60)
    title = models.CharField(max_length=250)
    procedure_type = models.CharField(max_length=30, choices=ProcedureType.choices)
    notice_on = models.DateField(help_text="When the contract notice was published (OJEU or Find a Tender)")
    awarded_on = models.DateField(null=True, blank=True, help_text="Blank while the process is still running")
    justification = models.TextField(blank=True, help_text="Why competitive dialogue was needed, if it was used")
    is_illustrative = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        ordering = ["-notice_on", "reference"]
        verbose_name = "procurement process"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="procurement_one_process_per_ref"),
            models.CheckConstraint(condition=Q(awarded_on__isnull=True) | Q(awarded_on__gte=models.F("notice_on")),
                                   name="procurement_award_after_notice",
                                   violation_error_message="The award date must not be before the notice date"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"


# The procurement pledge ---------------------------------------------------------------------------------------------


class PledgeStance(models.TextChoices):
    SIGNED = "signed", "Signed the Government's pledge"
    LOCAL_VERSION = "local_version", "Adopted a local government version"
    NOT_SIGNED = "not_signed", "Not signed"


class PledgeRecord(models.Model):
    """An organisation's stance on the procurement pledge."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.PROTECT,
                                        related_name="procurement_pledge")
    stance = models.CharField(max_length=20, choices=PledgeStance.choices, default=PledgeStance.NOT_SIGNED)
    decided_on = models.DateField(null=True, blank=True, help_text="When it signed or adopted it")
    note = models.TextField(blank=True)
    is_illustrative = models.BooleanField(default=False)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = "pledge record"

    def __str__(self) -> str:
        return f"{self.organisation.name}: {self.get_stance_display()}"


class EvidenceStatus(models.TextChoices):
    MET = "met", "Met"
    PARTLY = "partly", "Partly met"
    NOT_YET = "not_yet", "Not yet"


class PledgeEvidence(models.Model):
    """What an organisation shows for one of the pledge's commitments."""

    record = models.ForeignKey(PledgeRecord, on_delete=models.CASCADE, related_name="evidence")
    commitment = models.CharField(max_length=40, help_text="The commitment's key (procurement.pledge.COMMITMENTS)")
    status = models.CharField(max_length=10, choices=EvidenceStatus.choices, default=EvidenceStatus.NOT_YET)
    evidence = models.TextField(blank=True)
    url = models.URLField(blank=True, max_length=500)

    class Meta:
        ordering = ["commitment"]
        constraints = [models.UniqueConstraint(fields=["record", "commitment"], name="procurement_one_evidence_each")]

    def __str__(self) -> str:
        return f"{self.commitment}: {self.get_status_display()}"


# Contracts register (Local Government Transparency Code) ------------------------------------------------------------


class ProcurementRoute(models.TextChoices):
    QUOTE = "quote", "Invitation to quote"
    TENDER = "tender", "Published invitation to tender"


class ContractRecord(models.Model):
    """A contract over £5,000 in a council's contracts register, with the Transparency Code's fields."""

    publisher = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=100)
    title = models.CharField(max_length=300)
    department = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    supplier_name = models.CharField(max_length=300)
    supplier_registration = models.CharField(max_length=20, blank=True,
                                             help_text="Companies House or charity registration number")
    value = models.DecimalField(**MONEY)
    irrecoverable_vat = models.DecimalField(**MONEY, null=True, blank=True)
    start_on = models.DateField()
    end_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    route = models.CharField(max_length=10, choices=ProcurementRoute.choices, blank=True)
    supplier_kind = models.CharField(max_length=10, blank=True, help_text="SME, VCSE, both, neither, or blank")
    is_illustrative = models.BooleanField(default=False)
    run = models.ForeignKey("imports.ImportRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["-start_on", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["publisher", "reference"], name="procurement_one_contract_per_ref"),
            models.CheckConstraint(condition=Q(value__gt=5000), name="procurement_contract_over_5000",
                                   violation_error_message="The register lists contracts over £5,000 only"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"
