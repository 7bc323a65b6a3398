"""The forms of the co-location finder and of business cases, scenarios and actions (GOV.UK, plain errors)."""

from decimal import Decimal

from django import forms

from productivity.core.forms import GovukForm, GovukModelForm, MoneyField
from productivity.estate import colocation
from productivity.estate.case_models import Action, BusinessCase, Scenario


class FinderForm(GovukForm):
    distance = forms.IntegerField(label="Distance between assets (metres)", initial=colocation.DEFAULT_DISTANCE,
                                  min_value=colocation.MIN_DISTANCE, max_value=colocation.MAX_DISTANCE,
                                  help_text="Assets within this distance of each other form a group")
    lease_years = forms.IntegerField(label="Leases ending within (years)", initial=colocation.DEFAULT_LEASE_YEARS,
                                     min_value=0, max_value=colocation.MAX_LEASE_YEARS)
    place = forms.ChoiceField(label="Place", required=False,
                              help_text="A council's area, or the whole estate you can see")

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [("", "The whole estate you can see"), *places]
        for name in ("distance", "lease_years"):
            field = self.fields[name]
            label = field.label.lower()
            field.error_messages.update({
                "invalid": f"Enter the {label} as a whole number",
                "min_value": f"The {label} must be {field.min_value} or more",
                "max_value": f"The {label} must be {field.max_value} or less"})


class CaseStartForm(GovukModelForm):
    class Meta:
        model = BusinessCase
        fields = ["title", "kind", "organisation", "start_year"]

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None


class CaseForm(GovukModelForm):
    discount_rate = forms.DecimalField(label="Discount rate (% real)", min_value=Decimal(0), max_value=Decimal(20),
                                       decimal_places=2, help_text="The Green Book's 3.5 unless there is a reason "
                                                                   "to differ")

    class Meta:
        model = BusinessCase
        fields = ["title", "kind", "start_year", "discount_rate", "strategic", "economic", "commercial",
                  "financial", "management"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["discount_rate"] = (self.instance.discount_rate * 100).normalize()

    def clean_discount_rate(self):
        return self.cleaned_data["discount_rate"] / 100


class ScenarioForm(GovukModelForm):
    class Meta:
        model = Scenario
        fields = ["name", "description"]


def _signed_money(label: str, **kwargs) -> MoneyField:
    return MoneyField(label=label, min_value=None, required=False, **kwargs)


class ActionForm(GovukModelForm):
    capital_cost = MoneyField(label="Capital cost", required=False, help_text="Before optimism bias")
    capital_receipt = MoneyField(label="Capital receipt", required=False)
    running_cost_change = _signed_money("Change in running costs per year", help_text="Negative for a saving")

    class Meta:
        model = Action
        fields = ["kind", "asset", "into", "description", "year", "project_type", "capital_cost",
                  "capital_receipt", "running_cost_change", "floor_area_change", "carbon_change"]

    def __init__(self, *args, assets=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("asset", "into"):
            self.fields[name].queryset = assets
            self.fields[name].empty_label = "None"
        self.fields["year"].error_messages["max_value"] = "The year must be between 0 and 9"
        for name in ("floor_area_change", "carbon_change"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        for name in ("capital_cost", "capital_receipt", "running_cost_change", "floor_area_change",
                     "carbon_change"):
            if data.get(name) is None and name not in self.errors:
                data[name] = Decimal(0)
        if data.get("kind") == "co_locate" and not (data.get("asset") and data.get("into")):
            self.add_error("into", "Choose the asset moving (A) and the asset it moves into (B)")
        if data.get("asset") and data.get("asset") == data.get("into"):
            self.add_error("into", "An asset cannot move into itself: choose another asset")
        return data


class ReasonForm(GovukForm):
    reason = forms.CharField(label="Why is the case being withdrawn?", widget=forms.Textarea, max_length=2000)


class ConfirmForm(GovukForm):
    """Nothing to type: delete, submit and publish pages."""
