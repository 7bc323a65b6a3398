"""Business cases and 10-year strategies: a case's baseline estate, its scenarios and their actions.

Imported at the end of models.py (the co-location and business cases area). A case belongs to the organisation
that leads it; its scenarios and actions are seen and changed with it. Drafts may be deleted; a submitted or
published case is withdrawn with a reason instead, and kept.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from productivity.estate.case_queries import ActionQuerySet, BusinessCaseQuerySet, ScenarioQuerySet
from productivity.estate.greenbook import DISCOUNT_RATE, HORIZON


def this_year() -> int:
    return dt.date.today().year


class CaseKind(models.TextChoices):
    BUSINESS_CASE = "business_case", "Business case"
    STRATEGY = "strategy", "10-year estate strategy"


class CaseStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ActionKind(models.TextChoices):
    VACATE = "vacate", "Vacate"
    DISPOSE = "dispose", "Dispose"
    CO_LOCATE = "co_locate", "Co-locate (move A into B)"
    REFURBISH = "refurbish", "Refurbish"
    NEW_BUILD = "new_build", "New build"
    LEASE_OUT = "lease_out", "Lease out"


class ProjectType(models.TextChoices):
    """The Green Book supplementary guidance's project types (data/estate/optimism_bias.csv)."""

    STANDARD_BUILDINGS = "standard_buildings", "Standard buildings"
    NON_STANDARD_BUILDINGS = "non_standard_buildings", "Non-standard buildings"
    STANDARD_CIVIL = "standard_civil_engineering", "Standard civil engineering"
    NON_STANDARD_CIVIL = "non_standard_civil_engineering", "Non-standard civil engineering"
    EQUIPMENT = "equipment_development", "Equipment and development"
    NONE = "none", "No capital works"


class BusinessCase(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                     related_name="business_cases", verbose_name="Lead organisation")
    kind = models.CharField(max_length=20, choices=CaseKind.choices, default=CaseKind.BUSINESS_CASE)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.DRAFT)
    assets = models.ManyToManyField("estate.Asset", blank=True, related_name="business_cases",
                                    verbose_name="Baseline estate")
    start_year = models.PositiveIntegerField("First year (year 0)", default=this_year,
                                             validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    discount_rate = models.DecimalField("Discount rate (real)", max_digits=5, decimal_places=4,
                                        default=DISCOUNT_RATE,
                                        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("0.2"))],
                                        help_text="The Green Book's 3.5% unless there is a reason to differ")
    strategic = models.TextField("Strategic case", blank=True)
    economic = models.TextField("Economic case", blank=True)
    commercial = models.TextField("Commercial case", blank=True)
    financial = models.TextField("Financial case", blank=True)
    management = models.TextField("Management case", blank=True)
    published_at = models.DateTimeField(null=True, blank=True,
                                        help_text="When it was published; a withdrawn published case stays public")
    withdrawn_reason = models.TextField(blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BusinessCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == CaseStatus.DRAFT

    def delete(self, *args, **kwargs):
        if not self.is_draft:
            raise ValidationError("Only a draft may be deleted: withdraw a submitted or published case instead, "
                                  "giving a reason, and it is kept.")
        return super().delete(*args, **kwargs)


class Scenario(models.Model):
    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return self.name


class Action(models.Model):
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=20, choices=ActionKind.choices)
    asset = models.ForeignKey("estate.Asset", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name="Asset (A)")
    into = models.ForeignKey("estate.Asset", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="Moving into (B)")
    description = models.CharField(max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(validators=[MaxValueValidator(HORIZON - 1)],
                                            help_text="0 is the first year")
    project_type = models.CharField("Project type (for optimism bias)", max_length=40,
                                    choices=ProjectType.choices, default=ProjectType.NONE)
    capital_cost = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    capital_receipt = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    running_cost_change = models.DecimalField("Change in running costs per year", max_digits=14,
                                              decimal_places=2, default=Decimal(0),
                                              help_text="Negative for a saving")
    floor_area_change = models.DecimalField("Change in floor area (m²)", max_digits=12, decimal_places=2,
                                            default=Decimal(0), help_text="Negative for a reduction")
    carbon_change = models.DecimalField("Change in carbon (tCO2e per year)", max_digits=12, decimal_places=3,
                                        default=Decimal(0), help_text="Negative for a reduction")

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["scenario", "year", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in year {self.year}"
