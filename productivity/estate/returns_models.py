"""Partnerships, their quarterly returns and the selection rounds (imported at the end of models.py).

A partnership is a lead council and its partner bodies (police, fire, NHS, central government, other
councils). Its members see each other's unpublished assets (queries.AssetQuerySet.also_visible_to).
A quarterly return has the shape of the One Public Estate progress return: three RAG ratings with
commentary, and per estate project a forecast and an achieved figure for each output. Achieved figures
carry evidence and are verified by someone other than their author. Totals are never stored: see
return_rollups.py.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from productivity.estate.returns_queries import (
    ApplicationQuerySet,
    EstateProjectQuerySet,
    PartnershipQuerySet,
    ReturnFigureQuerySet,
    ReturnQuerySet,
    SelectionRoundQuerySet,
)

QUANTITY = {"max_digits": 16, "decimal_places": 2}


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER_RED = "amber_red", "Amber/Red"
    AMBER = "amber", "Amber"
    AMBER_GREEN = "amber_green", "Amber/Green"
    GREEN = "green", "Green"


# GOV.UK tag colours for the five ratings: a return's, and the three a business case's targets use. The rating is
# always written out beside its colour; anything else (a target with no baseline to compare) is grey.
RAG_TAGS = {"red": "govuk-tag--red", "amber_red": "govuk-tag--orange", "amber": "govuk-tag--yellow",
            "amber_green": "govuk-tag--turquoise", "green": "govuk-tag--green"}


def rag_tag(rating: str) -> str:
    """The GOV.UK tag class for a rating's colour: grey for one that is not among the five."""
    return RAG_TAGS.get(rating, "govuk-tag--grey")


class Partnership(models.Model):
    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    lead = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="led_partnerships",
                             help_text="The lead council")
    description = models.TextField(blank=True)
    # The programme project the partnership is (a Capital & Assets pathfinder, CAP-04): its page links to it.
    programme_project = models.ForeignKey("programme.Project", null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="estate_partnerships")
    is_illustrative = models.BooleanField(default=False,
                                          help_text="Demo record: partners or figures chosen for illustration")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnershipMember(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Lead council"
        PARTNER = "partner", "Partner body"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="estate_memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.PARTNER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="estate_one_membership_per_body"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.partnership}"

    def audit_parent(self):
        return self.partnership


class EstateProject(models.Model):
    """One of a partnership's estate projects (a joint police and fire station, a disposal, a hub).

    Not a programme project: a pathfinder (the programme's CAP-04) runs many. Its cash outputs reach the
    programme's savings through at most ONE saving per measure (``running_cost_saving``, ``receipts_saving``;
    see overview/estate_savings.py and the estate README's "One attribution")."""

    class Status(models.TextChoices):
        OPEN = "open", "In delivery"
        CLOSED = "closed", "Closed"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="projects")
    reference = models.CharField(max_length=30, help_text="The partnership's own reference, such as HAM-01")
    title = models.CharField(max_length=250)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    running_cost_saving = models.ForeignKey(
        "programme.Saving", null=True, blank=True, on_delete=models.PROTECT, related_name="estate_running_costs",
        help_text="The programme saving its verified running-cost savings are counted in (one attribution)")
    receipts_saving = models.ForeignKey(
        "programme.Saving", null=True, blank=True, on_delete=models.PROTECT, related_name="estate_receipts",
        help_text="The programme saving its verified capital receipts are counted in (one attribution)")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EstateProjectQuerySet.as_manager()

    class Meta:
        ordering = ["partnership__name", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"], name="estate_project_reference_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def audit_parent(self):
        return self.partnership


class Measure(models.TextChoices):
    """The One Public Estate return's outputs; ``UNITS`` says how each is counted."""

    JOBS = "jobs", "Jobs created"
    HOMES = "homes", "Homes built or refurbished"
    LAND_FOR_HOMES = "land_for_homes", "Land released for homes"
    SPACE_REUSED = "space_reused", "Redundant public space re-used for employment"
    CAPITAL_SPEND = "capital_spend", "Reduction in spending on public capital assets"
    RECEIPTS = "receipts", "Capital receipts"
    RUNNING_COSTS = "running_costs", "Running-cost savings"
    CARBON = "carbon", "Carbon reduction"


UNITS = {
    Measure.JOBS: "jobs", Measure.HOMES: "homes", Measure.LAND_FOR_HOMES: "hectares",
    Measure.SPACE_REUSED: "m²", Measure.CAPITAL_SPEND: "£", Measure.RECEIPTS: "£",
    Measure.RUNNING_COSTS: "£ a year", Measure.CARBON: "tCO2e a year",
}
MONEY_MEASURES = {Measure.CAPITAL_SPEND, Measure.RECEIPTS, Measure.RUNNING_COSTS}
# The cash outputs that reach the programme's savings, each through the project's one saving for it.
FED_TO_PROGRAMME = {Measure.RUNNING_COSTS: "running_cost_saving", Measure.RECEIPTS: "receipts_saving"}


class QuarterlyReturn(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="returns")
    financial_year = models.PositiveSmallIntegerField(help_text="The year it starts in: 2012 for 2012/13",
                                                      validators=[MinValueValidator(2010), MaxValueValidator(2040)])
    quarter = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)],
                                               help_text="1 for April to June ... 4 for January to March")
    overall_rag = models.CharField("Overall RAG", max_length=12, choices=Rag.choices)
    delivery_rag = models.CharField("Project delivery and outputs RAG", max_length=12, choices=Rag.choices)
    governance_rag = models.CharField("Governance RAG", max_length=12, choices=Rag.choices)
    commentary = models.TextField(help_text="Progress this quarter, issues and what the partnership needs")
    delivery_commentary = models.TextField("Delivery and outputs commentary", blank=True)
    governance_commentary = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True, default="")
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    is_illustrative = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReturnQuerySet.as_manager()

    class Meta:
        ordering = ["partnership__name", "-financial_year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "financial_year", "quarter"],
                                    condition=Q(withdrawn_at__isnull=True), name="estate_one_return_per_quarter"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.period}"

    def audit_parent(self):
        return self.partnership

    @property
    def period(self) -> str:
        return f"{self.financial_year}/{(self.financial_year + 1) % 100:02d} Q{self.quarter}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class FigureVerification(models.TextChoices):
    NOT_APPLICABLE = "", "No achieved figure"
    UNVERIFIED = "unverified", "Unverified"
    VERIFIED = "verified", "Verified"


class ReturnFigure(models.Model):
    """One output of one project in one return: the forecast for the project's whole life as it stands this
    quarter, and what was achieved in the quarter (with evidence, verified by someone else)."""

    quarterly_return = models.ForeignKey(QuarterlyReturn, on_delete=models.CASCADE, related_name="figures")
    project = models.ForeignKey(EstateProject, on_delete=models.PROTECT, related_name="figures")
    measure = models.CharField(max_length=20, choices=Measure.choices)
    forecast = models.DecimalField(**QUANTITY, null=True, blank=True, validators=[MinValueValidator(Decimal(0))],
                                   help_text="The whole-life total the project is now forecast to achieve")
    achieved = models.DecimalField(**QUANTITY, null=True, blank=True, validators=[MinValueValidator(Decimal(0))],
                                   help_text="Achieved in this quarter")
    evidence_notes = models.TextField(blank=True)
    verification = models.CharField(max_length=10, choices=FigureVerification.choices, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)

    objects = ReturnFigureQuerySet.as_manager()

    class Meta:
        ordering = ["project__reference", "measure"]
        constraints = [
            models.UniqueConstraint(fields=["quarterly_return", "project", "measure"],
                                    name="estate_one_figure_per_measure"),
            models.CheckConstraint(
                condition=(Q(achieved__isnull=False, verification__in=["unverified", "verified"])
                           | Q(achieved__isnull=True, verification="")),
                name="estate_verification_only_for_achieved"),
        ]

    def __str__(self) -> str:
        return f"{self.project.reference} {self.get_measure_display()} ({self.quarterly_return.period})"

    def audit_parent(self):
        return self.quarterly_return

    @property
    def unit(self) -> str:
        return UNITS[Measure(self.measure)]


class ProgrammeFeed(models.Model):
    """A programme saving's realised amount for a year that the returns wrote (so the returns keep it up to
    date and nothing else does); written by overview/estate_savings.py only."""

    saving = models.ForeignKey("programme.Saving", on_delete=models.PROTECT, related_name="+")
    financial_year = models.PositiveSmallIntegerField()
    amount = models.OneToOneField("programme.SavingAmount", on_delete=models.PROTECT, related_name="estate_feed")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["saving", "financial_year"], name="estate_one_feed_per_year")]

    def __str__(self) -> str:
        return f"Returns' figure for saving {self.saving_id}, {self.financial_year}"


# --- Selection rounds (item 8) --------------------------------------------------------------------------


class SelectionRound(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    summary = models.TextField(blank=True)
    opens_on = models.DateField()
    closes_on = models.DateField()
    fewest_places = models.PositiveSmallIntegerField(default=10)
    places = models.PositiveSmallIntegerField(default=15, help_text="The most councils the round selects")
    needs_match_funding = models.BooleanField(default=True)
    shortlist_published = models.BooleanField(default=False,
                                              help_text="Whether the public sees the ranked shortlist")
    is_illustrative = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SelectionRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "name"]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    selection_round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=200)
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(1),
                                 validators=[MinValueValidator(Decimal("0.01"))])
    max_score = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(1)])
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["selection_round", "name"], name="estate_criterion_unique")]

    def __str__(self) -> str:
        return self.name

    def audit_parent(self):
        return self.selection_round


class Application(models.Model):
    selection_round = models.ForeignKey(SelectionRound, on_delete=models.PROTECT, related_name="applications")
    council = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                related_name="estate_applications")
    summary = models.TextField()
    match_funding = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0),
                                        validators=[MinValueValidator(Decimal(0))])
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    is_illustrative = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["council__name"]
        constraints = [models.UniqueConstraint(fields=["selection_round", "council"],
                                               name="estate_one_application_per_council")]

    def __str__(self) -> str:
        return f"{self.council}'s application to {self.selection_round}"

    def audit_parent(self):
        return self.selection_round


class Score(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField()
    note = models.CharField(max_length=250, blank=True)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "criterion"], name="estate_one_score")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"

    def audit_parent(self):
        return self.application.selection_round
