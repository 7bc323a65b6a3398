"""Forms for partnerships, their projects and returns, selection rounds and asset changes (GOV.UK components)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from productivity.core.forms import GovukDateField, GovukForm, GovukModelForm
from productivity.estate.models import Asset
from productivity.estate.returns_models import (
    UNITS,
    Application,
    EstateProject,
    Measure,
    Partnership,
    QuarterlyReturn,
)
from productivity.organisations.models import Organisation, OrganisationKind

QUANTITY_LIMIT = Decimal("99999999999999")


class OrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display()})"


class PartnershipForm(GovukModelForm):
    class Meta:
        model = Partnership
        fields = ["name", "slug", "lead", "description", "is_illustrative"]
        labels = {"name": "Name of the partnership", "slug": "Short name for its web address",
                  "lead": "Lead council", "is_illustrative": "Illustrative (demo) partnership"}
        help_texts = {"slug": "Lower-case letters, numbers and hyphens, for example hampshire-estate"}
        field_classes = {"lead": OrganisationField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = Organisation.objects.filter(kind=OrganisationKind.COUNCIL).order_by("name")
        self.fields["lead"].empty_label = "Choose the lead council"

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "")
        if slug == "new":
            raise ValidationError("This short name cannot be used: choose another")
        return slug


class MemberForm(GovukForm):
    organisation = OrganisationField(label="Partner body", queryset=Organisation.objects.none(),
                                     help_text="A police force, fire authority, NHS body, government department "
                                               "or another council")

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (Organisation.objects.exclude(kind=OrganisationKind.PROGRAMME_TEAM)
                                                .exclude(estate_memberships__partnership=partnership).order_by("name"))
        self.fields["organisation"].empty_label = "Choose the body"


class EstateProjectForm(GovukModelForm):
    closed_on = GovukDateField(label="Closed on", required=False, help_text="For a closed project. For example, "
                                                                            "31 3 2013")

    class Meta:
        model = EstateProject
        fields = ["reference", "title", "description", "status", "closed_on", "running_cost_saving",
                  "receipts_saving"]
        labels = {"running_cost_saving": "Programme saving its running-cost savings count in",
                  "receipts_saving": "Programme saving its capital receipts count in"}
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args, partnership: Partnership, may_link: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        for name in ("running_cost_saving", "receipts_saving"):
            field = self.fields[name]
            field.queryset = field.queryset.filter(project_id=partnership.programme_project_id or -1)
            field.empty_label = "None: counted in the partnership's outputs only"
            field.label_from_instance = lambda saving: f"{saving.title} ({saving.project.reference})"
            if not may_link:
                field.disabled = True
                field.help_text = "Only the programme team links a project to a programme saving"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == EstateProject.Status.CLOSED and not cleaned.get("closed_on"):
            self.add_error("closed_on", "Enter the date the project closed")
        return cleaned


class ReturnForm(GovukModelForm):
    class Meta:
        model = QuarterlyReturn
        fields = ["financial_year", "quarter", "overall_rag", "delivery_rag", "governance_rag", "commentary",
                  "delivery_commentary", "governance_commentary"]
        labels = {"financial_year": "Financial year (the year it starts in)", "quarter": "Quarter"}
        help_texts = {"financial_year": "For example 2012 for 2012/13"}
        widgets = {"quarter": forms.RadioSelect(choices=[(1, "Q1: April to June"), (2, "Q2: July to September"),
                                                         (3, "Q3: October to December"),
                                                         (4, "Q4: January to March")]),
                   "overall_rag": forms.RadioSelect, "delivery_rag": forms.RadioSelect,
                   "governance_rag": forms.RadioSelect}

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        quarter = self.fields["quarter"]
        self.fields["quarter"] = forms.TypedChoiceField(
            label=quarter.label, coerce=int, widget=self.Meta.widgets["quarter"],
            choices=self.Meta.widgets["quarter"].choices, initial=quarter.initial)
        if self.instance.pk:
            self.fields["financial_year"].disabled = True
            self.fields["quarter"].disabled = True


class FiguresForm(GovukForm):
    """A project's outputs in one return: a forecast, an achieved figure and its evidence for each."""

    def __init__(self, *args, figures: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for measure in Measure:
            unit = UNITS[measure]
            figure = figures.get(measure)
            self.fields[f"{measure}_forecast"] = forms.DecimalField(
                label=f"{measure.label}: forecast ({unit})", required=False, min_value=0, max_digits=16,
                decimal_places=2, initial=figure.forecast if figure else None,
                help_text="The project's whole-life total as now forecast")
            self.fields[f"{measure}_achieved"] = forms.DecimalField(
                label=f"{measure.label}: achieved this quarter ({unit})", required=False, min_value=0,
                max_digits=16, decimal_places=2, initial=figure.achieved if figure else None)
            self.fields[f"{measure}_evidence"] = forms.CharField(
                label=f"{measure.label}: evidence", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                initial=figure.evidence_notes if figure else "",
                help_text="Needed for an achieved figure, which someone other than you then verifies")

    def clean(self):
        cleaned = super().clean()
        for measure in Measure:
            if cleaned.get(f"{measure}_achieved") is not None and not cleaned.get(f"{measure}_evidence"):
                self.add_error(f"{measure}_evidence", f"Describe the evidence that the {measure.label.lower()} "
                                                      "figure was achieved")
        return cleaned


class ReasonForm(GovukForm):
    reason = forms.CharField(label="Reason for withdrawing it", widget=forms.Textarea, max_length=2000,
                             help_text="Shown beside the record in its history")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Enter the reason for withdrawing it"


class ConfirmForm(GovukForm):
    """Nothing to type: submit, verify and delete pages."""


class ApplicationForm(GovukModelForm):
    class Meta:
        model = Application
        fields = ["council", "summary", "match_funding"]
        labels = {"summary": "What the council proposes", "match_funding": "Match funding offered (£)"}
        field_classes = {"council": OrganisationField}

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        self.fields["council"].empty_label = "Choose the council"


class ScoreForm(GovukForm):
    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        given = {score.criterion_id: score.score for score in application.scores.all()}
        for criterion in application.selection_round.criteria.all():
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0 to {criterion.max_score}, weight {criterion.weight.normalize()})",
                min_value=0, max_value=criterion.max_score, initial=given.get(criterion.pk))


class AssetForm(GovukModelForm):
    lease_end = GovukDateField(label="Lease end date", required=False)

    class Meta:
        model = Asset
        fields = ["name", "asset_code", "uprn", "address", "postcode", "use", "tenure", "holding_type",
                  "gross_internal_area", "land_area", "occupancy", "status", "lease_end", "is_published"]
        labels = {"is_published": "Published (the public sees it)"}

    def clean_uprn(self):
        uprn = self.cleaned_data.get("uprn", "")
        if uprn and not uprn.isdigit():
            raise ValidationError("Enter the UPRN as digits only, keeping any leading zeros")
        return uprn
