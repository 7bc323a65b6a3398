"""The programme portfolio: workstreams, initiatives, projects and what they cost and save.

Savings follow the HM Treasury Green Book benefits register: each saving has an owner, a measure,
a class, a baseline recorded before any realised amount, and amounts by financial year that are
expected, forecast or realised; realised amounts carry evidence and are verified by someone other
than their author, then audited. Totals are never stored: see queries.py.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from productivity.core.fiscal import financial_year_label
from productivity.organisations.models import Organisation
from productivity.programme import queries

MONEY = {"max_digits": 14, "decimal_places": 2}
REFERENCE_REFUSED = "This reference cannot be used: choose another"


class Withdrawable(models.Model):
    """A record that is withdrawn rather than deleted once others rely on it (funded, published, realised,
    verified or cited by a published paper): it stays, shown as withdrawn with the reason, and drops out of
    the figures from the moment it was withdrawn (queries.WithdrawableQuerySet.not_withdrawn)."""

    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True, default="")
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Workstream(models.Model):
    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = queries.WorkstreamQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Initiative(models.Model):
    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="initiatives")
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.TextField(blank=True)
    is_published = models.BooleanField("Published", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = queries.InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["workstream__position", "name"]

    def __str__(self) -> str:
        return self.name

    def audit_parent(self):
        return self.workstream


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    SELECTED = "selected", "Selected"
    FUNDED = "funded", "Funded"
    IMPLEMENTING = "implementing", "Implementing"
    COMPLETE = "complete", "Complete"
    CLOSED = "closed", "Closed"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class Project(Withdrawable):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="projects")
    # Unique ignoring case (the constraint below): CAPG-01 and capg-01 are one reference to people and files.
    reference = models.CharField(max_length=30, db_index=True, help_text="For example ASC-001")
    title = models.CharField(max_length=250)
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=15, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED)
    rag = models.CharField("RAG rating", max_length=5, choices=Rag.choices, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    is_published = models.BooleanField("Published", default=False)
    is_illustrative = models.BooleanField(
        default=False, help_text="Demo record whose councils or figures were chosen for illustration"
    )
    organisations = models.ManyToManyField(Organisation, through="Participant", related_name="projects")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = queries.ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(Lower("reference"), name="project_reference_unique_ignoring_case",
                                    violation_error_message=REFERENCE_REFUSED),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def validate_constraints(self, exclude=None):
        # The reference is the only constrained field: name it, so that forms show the error beside it.
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as exc:
            raise ValidationError({"reference": exc.messages}) from exc

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be the same as or after the start date"})

    @property
    def lead(self):
        return next((p.organisation for p in self.participants.all() if p.role == Participant.Role.LEAD), None)

    @property
    def is_closed(self) -> bool:
        return self.status in {ProjectStatus.COMPLETE, ProjectStatus.CLOSED}


class Participant(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Lead"
        PARTNER = "partner", "Partner"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.PARTNER)

    class Meta:
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="one_participation_per_org"),
            models.UniqueConstraint(
                fields=["project"], condition=models.Q(role="lead"), name="one_lead_per_project"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display().lower()})"

    def audit_parent(self):
        return self.project


class FundingAward(Withdrawable):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding_awards")
    funder = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="funding_given")
    amount = models.DecimalField(**MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    awarded_on = models.DateField()
    is_match_funding = models.BooleanField(
        "Match funding", default=False, help_text="Funding the participants put in to match the programme's"
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = queries.FundingAwardQuerySet.as_manager()

    class Meta:
        ordering = ["awarded_on", "pk"]

    def __str__(self) -> str:
        return f"£{self.amount:,.2f} from {self.funder}"

    def audit_parent(self):
        return self.project


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=250)
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    objects = queries.ProjectChildQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def audit_parent(self):
        return self.project

    @property
    def is_overdue(self) -> bool:
        return self.completed_on is None and self.due_on < timezone.localdate()


class Risk(models.Model):
    class Level(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(max_length=250)
    description = models.TextField(blank=True)
    likelihood = models.CharField(max_length=6, choices=Level.choices, default=Level.MEDIUM)
    impact = models.CharField(max_length=6, choices=Level.choices, default=Level.MEDIUM)
    owner = models.CharField(max_length=150, blank=True)
    mitigation = models.TextField(blank=True)
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)

    objects = queries.ProjectChildQuerySet.as_manager()

    class Meta:
        ordering = ["status", "pk"]

    def __str__(self) -> str:
        return self.title

    def audit_parent(self):
        return self.project


class Saving(Withdrawable):
    """One benefit (or dis-benefit) in the benefits register, attributed to exactly one project."""

    class BenefitClass(models.TextChoices):
        CASHABLE = "cashable", "Cashable"
        NON_CASHABLE = "non_cashable", "Non-cashable"

    class Recurrence(models.TextChoices):
        RECURRING = "recurring", "Recurring annual"
        ONE_OFF = "one_off", "One-off"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="savings")
    # Given when first saved and never changed: the project's reference and a number (saving_references.py).
    reference = models.CharField(max_length=40, blank=True, editable=False,
                                 help_text="For example ASC-001-S01: names the saving in downloads and files")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="savings", help_text="The council the saving accrues to"
    )
    title = models.CharField(max_length=250)
    description = models.TextField(blank=True)
    service = models.CharField(max_length=100, help_text="The service area, for example Adult social care")
    measure = models.CharField(max_length=250, help_text="How the saving is measured")
    owner = models.CharField(max_length=150, help_text="The named person accountable for realising it")
    benefit_class = models.CharField(max_length=15, choices=BenefitClass.choices, default=BenefitClass.CASHABLE)
    recurrence = models.CharField(max_length=10, choices=Recurrence.choices, default=Recurrence.RECURRING)
    is_disbenefit = models.BooleanField("Dis-benefit", default=False)
    baseline_value = models.DecimalField(**MONEY, null=True, blank=True)
    baseline_date = models.DateField(null=True, blank=True)
    baseline_description = models.CharField(max_length=250, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = queries.SavingQuerySet.as_manager()

    class Meta:
        ordering = ["project__reference", "pk"]
        constraints = [
            models.UniqueConstraint(Lower("reference"), name="saving_reference_unique_ignoring_case"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.reference:
            return super().save(*args, **kwargs)
        from productivity.programme.saving_references import save_with_reference

        return save_with_reference(self, lambda: super(Saving, self).save(*args, **kwargs))

    def audit_parent(self):
        return self.project

    @property
    def has_baseline(self) -> bool:
        return self.baseline_value is not None and self.baseline_date is not None

    def clean(self):
        if (self.baseline_value is None) != (self.baseline_date is None):
            raise ValidationError(
                {"baseline_date": "Enter both the baseline value and the date it was measured, or neither"}
            )


class AmountKind(models.TextChoices):
    EXPECTED = "expected", "Expected"
    FORECAST = "forecast", "Forecast"
    REALISED = "realised", "Realised"


class Verification(models.TextChoices):
    NOT_APPLICABLE = "", "Not applicable"
    UNVERIFIED = "unverified", "Unverified"
    VERIFIED = "verified", "Verified"
    AUDITED = "audited", "Audited"


class SavingAmount(Withdrawable):
    """A saving's amount for one financial year: expected (at approval), forecast (now) or realised."""

    saving = models.ForeignKey(Saving, on_delete=models.CASCADE, related_name="amounts")
    financial_year = models.PositiveSmallIntegerField(help_text="The year it starts in: 2012 for 2012/13")
    kind = models.CharField(max_length=10, choices=AmountKind.choices)
    amount = models.DecimalField(**MONEY, validators=[MinValueValidator(Decimal("0"))])
    delivery_cost = models.DecimalField(
        **MONEY, default=Decimal("0"), validators=[MinValueValidator(Decimal("0"))],
        help_text="The cost of delivering this year's amount, netted off in net figures",
    )
    verification = models.CharField(max_length=10, choices=Verification.choices, blank=True)
    evidence_notes = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    audited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    audited_at = models.DateTimeField(null=True, blank=True)
    verification_note = models.CharField(
        max_length=250, blank=True, default="", help_text="Why the amount was last sent back to unverified, if it was"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = queries.SavingAmountQuerySet.as_manager()

    AUDIT_FORMATS = {"financial_year": lambda value: financial_year_label(int(value))}

    class Meta:
        ordering = ["financial_year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["saving", "financial_year", "kind"], name="one_amount_per_year_and_kind"),
            models.CheckConstraint(
                condition=models.Q(kind="realised", verification__in=["unverified", "verified", "audited"])
                | (~models.Q(kind="realised") & models.Q(verification="")),
                name="verification_only_for_realised",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {financial_year_label(self.financial_year)}: £{self.amount:,.2f}"

    def audit_parent(self):
        return self.saving.project

    @property
    def year_label(self) -> str:
        return financial_year_label(self.financial_year)

    @property
    def net_amount(self) -> Decimal:
        sign = Decimal(-1) if self.saving.is_disbenefit else Decimal(1)
        return sign * self.amount - self.delivery_cost

    def clean(self):
        if self.kind == AmountKind.REALISED:
            if not self.saving.has_baseline:
                raise ValidationError(
                    "Record the saving's baseline (value and date) before recording a realised amount"
                )
            if not self.evidence_notes.strip() and not (self.pk and self.evidence.exists()):
                raise ValidationError({"evidence_notes": "Describe the evidence that this amount was realised"})


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.amount.saving.project_id}/{filename}"


class Evidence(models.Model):
    amount = models.ForeignKey(SavingAmount, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path)
    original_name = models.CharField(max_length=250)
    description = models.CharField(max_length=250, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.original_name

    def audit_parent(self):
        return self.amount.saving.project


class WithdrawalRequest(models.Model):
    """A council editor's request that the programme team withdraw a record of one of their projects."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting the programme team"
        APPROVED = "approved", "Approved: withdrawn"
        REFUSED = "refused", "Refused"

    class Kind(models.TextChoices):
        PROJECT = "project", "Project"
        SAVING = "saving", "Saving"
        AMOUNT = "amount", "Saving amount"
        AWARD = "award", "Funding award"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="withdrawal_requests")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    record_id = models.PositiveBigIntegerField()
    record_label = models.CharField(max_length=250, help_text="What the record was called when withdrawal was asked")
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    objects = queries.ProjectChildQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "record_id"], condition=models.Q(status="pending"),
                                    name="one_pending_withdrawal_per_record"),
        ]

    def __str__(self) -> str:
        return f"Withdrawal of {self.get_kind_display().lower()} {self.record_label}"

    def audit_parent(self):
        return self.project
