"""The forms of the pipelines, timeliness, pledge and contracts pages, as GOV.UK components."""

from django import forms

from productivity.core.fiscal import financial_year_label
from productivity.core.forms import GovukDateField, GovukForm, GovukModelForm, MoneyField
from productivity.procurement import pipeline_services, pipelines, pledge
from productivity.procurement.models import (
    EvidenceStatus,
    PlannedProcurement,
    PlanStatus,
    PledgeRecord,
    ProcurementProcess,
)

PLAN_FIELDS = ["reference", "title", "description", "category", "proclass_code", "value_low", "value_high",
               "market_engagement_on", "tender_on", "award_on", "contract_start_on", "duration_months",
               "confidence", "suitable_for_sme", "suitable_for_vcse", "status"]


def _spend_key(year: int) -> str:
    return f"spend_{year}"


class PlanForm(GovukModelForm):
    value_low = MoneyField(label="Estimated value", help_text="For a range, the bottom of the range")
    value_high = MoneyField(label="Estimated value: top of the range", required=False,
                            help_text="Leave empty when the estimate is one figure")
    market_engagement_on = GovukDateField(label="Market engagement date", required=False)
    tender_on = GovukDateField(label="Tender date", required=False, help_text="When the tender notice is planned. "
                                                                              "For example, 27 3 2027")
    award_on = GovukDateField(label="Award date", required=False)
    contract_start_on = GovukDateField(label="Contract start date", required=False)
    status = forms.ChoiceField(label="Status", widget=forms.RadioSelect,
                               choices=[choice for choice in PlanStatus.choices if choice[0] != PlanStatus.WITHDRAWN])

    class Meta:
        model = PlannedProcurement
        fields = PLAN_FIELDS
        labels = {"proclass_code": "ProClass code", "duration_months": "Contract duration in months",
                  "confidence": "Confidence rating", "suitable_for_sme": "Suitable for small and medium enterprises "
                  "(SMEs)", "suitable_for_vcse": "Suitable for voluntary, community and social enterprises (VCSEs)"}
        widgets = {"confidence": forms.RadioSelect}

    def __init__(self, *args, pipeline, **kwargs):
        super().__init__(*args, **kwargs)
        self.pipeline = pipeline
        self.years = pipelines.window()
        profile = pipelines.spend_profile(self.instance) if self.instance.pk else {}
        for year in self.years:
            label = f"Planned spend in {financial_year_label(year)}"
            self.fields[_spend_key(year)] = MoneyField(label=label, required=False, initial=profile.get(year))
        self.fields["confidence"].choices = [c for c in self.fields["confidence"].choices if c[0]]
        if self.instance.pk and self.instance.value_high == self.instance.value_low:
            self.initial["value_high"] = None

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        others = PlannedProcurement.objects.filter(pipeline=self.pipeline, reference__iexact=reference)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"The pipeline already has a plan with the reference {reference}")
        return reference

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("value_high") is None and cleaned.get("value_low") is not None:
            cleaned["value_high"] = cleaned["value_low"]
        return cleaned

    def profile(self) -> dict:
        return {year: self.cleaned_data.get(_spend_key(year)) for year in self.years}

    def save_plan(self) -> PlannedProcurement:
        plan = self.save(commit=False)
        plan.pipeline = self.pipeline
        return pipeline_services.save_plan(plan, self.profile())


class WithdrawPlanForm(GovukForm):
    reason = forms.CharField(label="Why is it withdrawn?", widget=forms.Textarea, max_length=2000,
                             help_text="Shown beside the plan on the pipeline page and in its exports")


class PipelineSettingsForm(GovukForm):
    is_published = forms.BooleanField(label="Publish the pipeline (anyone may see it and download it)",
                                      required=False)
    last_reviewed_on = GovukDateField(label="Date last reviewed", required=False,
                                      help_text="Review the pipeline every six months. For example, 27 3 2027")
    expected_spend = MoneyField(label="Expected spend under contracts this financial year", required=False,
                                help_text="Over £100 million and the council must publish a UK1 pipeline notice")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = pipelines.this_financial_year()
        self.fields["expected_spend"].label = (f"Expected spend under contracts in {financial_year_label(self.year)}")


class ProcessForm(GovukModelForm):
    notice_on = GovukDateField(label="Contract notice date", help_text="When the notice was published (OJEU or "
                                                                       "Find a Tender). For example, 27 3 2027")
    awarded_on = GovukDateField(label="Award date", required=False, help_text="Leave empty while it is running")

    class Meta:
        model = ProcurementProcess
        fields = ["reference", "title", "procedure_type", "notice_on", "awarded_on", "justification"]
        labels = {"procedure_type": "Procedure", "justification": "Why competitive dialogue was justified"}
        widgets = {"procedure_type": forms.RadioSelect}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["procedure_type"].choices = [c for c in self.fields["procedure_type"].choices if c[0]]

    def clean(self):
        cleaned = super().clean()
        notice, award = cleaned.get("notice_on"), cleaned.get("awarded_on")
        if notice and award and award < notice:
            self.add_error("awarded_on", "The award date must not be before the notice date")
        reference = cleaned.get("reference")
        others = ProcurementProcess.objects.filter(organisation=self.organisation, reference__iexact=reference or "")
        if reference and others.exclude(pk=self.instance.pk).exists():
            self.add_error("reference", f"There is already a process with the reference {reference}")
        return cleaned


class PledgeForm(GovukModelForm):
    decided_on = GovukDateField(label="Date signed or adopted", required=False)

    class Meta:
        model = PledgeRecord
        fields = ["stance", "decided_on", "note"]
        labels = {"stance": "Where does it stand on the pledge?", "note": "Notes"}
        widgets = {"stance": forms.RadioSelect}

    def __init__(self, *args, evidence=None, **kwargs):
        super().__init__(*args, **kwargs)
        given = {item.commitment: item for item in (evidence or [])}
        statuses = [(value, label) for value, label in EvidenceStatus.choices]
        for commitment in pledge.COMMITMENTS:
            item = given.get(commitment.key)
            self.fields[f"status_{commitment.key}"] = forms.ChoiceField(
                label=commitment.text, choices=statuses, widget=forms.RadioSelect,
                initial=item.status if item else EvidenceStatus.NOT_YET)
            self.fields[f"evidence_{commitment.key}"] = forms.CharField(
                label=f"Evidence: {commitment.text[:60]}…", widget=forms.Textarea, required=False, max_length=4000,
                initial=item.evidence if item else "")
            self.fields[f"url_{commitment.key}"] = forms.URLField(
                label="Link to the evidence (optional)", required=False, max_length=500,
                initial=item.url if item else "", assume_scheme="https")
        self.fields["stance"].choices = [c for c in self.fields["stance"].choices if c[0]]

    def evidence(self) -> dict[str, dict[str, str]]:
        data = self.cleaned_data
        return {c.key: {"status": data[f"status_{c.key}"], "evidence": data[f"evidence_{c.key}"],
                        "url": data[f"url_{c.key}"]} for c in pledge.COMMITMENTS}
