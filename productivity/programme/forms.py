"""GOV.UK forms for creating and changing the programme portfolio.

Forms parse and check what people type and offer only the choices their role allows; the views
fetch objects through core.access and write through services.
"""

from decimal import Decimal
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.text import slugify

from productivity.accounts.roles import editor_organisation_ids, is_programme_team
from productivity.core.fiscal import financial_year_label
from productivity.core.forms import GovukDateField, GovukForm, GovukModelForm, MoneyField
from productivity.organisations.models import Organisation
from productivity.programme.models import (
    REFERENCE_REFUSED,
    AmountKind,
    FundingAward,
    Initiative,
    Milestone,
    Participant,
    Project,
    Rag,
    Risk,
    Saving,
    SavingAmount,
)
from productivity.programme.queries import CHECKED
from productivity.programme.rules import (  # noqa: F401  (re-exported for the importers)
    EVIDENCE_MAX_BYTES,
    EVIDENCE_TYPES,
    FIRST_YEAR,
    LAST_YEAR,
    RESERVED_REFERENCES,
    match_funders,
    may_change_award,
    reference_format,
)
from productivity.programme.service_headings import SERVICE_HEADINGS, parse_service, service_heading
from productivity.programme.services import MEANING


def _money(label: str, *, required: bool = True, minimum: str = "0", help_text: str = "") -> MoneyField:
    field = MoneyField(label=label, required=required, min_value=Decimal(minimum), help_text=help_text)
    lowest = "more than £0" if Decimal(minimum) > 0 else "£0 or more"
    field.error_messages["required"] = f"Enter the {label.lower()}"
    field.error_messages["min_value"] = f"The {label.lower()} must be {lowest}"
    field.error_messages["max_digits"] = f"The {label.lower()} must be less than £1,000,000,000,000"
    field.error_messages["max_whole_digits"] = field.error_messages["max_digits"]
    return field


class OrganisationChoiceField(forms.ModelChoiceField):
    """Organisations by name; abolished councils say when they ended, as several did after 2011."""

    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} (until {obj.end_date.year})" if obj.end_date else obj.name


def _plain_messages(form: forms.BaseForm) -> None:
    """GOV.UK wording for the errors Django words for developers: unlisted choices, text that is too long."""
    for field in form.fields.values():
        label = (field.label or "option").lower()
        if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            article = "an" if label[:1] in "aeiou" else "a"
            field.error_messages["invalid_choice"] = f"Choose {article} {label} from the list"
        if getattr(field, "max_length", None):
            for validator in field.validators:
                if isinstance(validator, MaxLengthValidator):
                    validator.message = f"The {label} must be {field.max_length} characters or fewer"


# Initiatives -------------------------------------------------------------------------------------------------------


class InitiativeForm(GovukModelForm):
    class Meta:
        model = Initiative
        fields = ["workstream", "name", "slug", "summary", "is_published"]
        labels = {"name": "Initiative name", "slug": "Web address name", "is_published": "Publish this initiative"}
        help_texts = {
            "slug": "Lower-case letters, numbers and hyphens, used in the page's web address. "
            "Leave it empty to make one from the name.",
            "is_published": "Published initiatives are shown to everyone; councils can add projects to them.",
        }
        error_messages = {
            "name": {"unique": "There is already an initiative with this name"},
            "slug": {"unique": "Another initiative already uses this web address name: choose another"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].error_messages["invalid"] = (
            "The web address name must contain only letters, numbers, hyphens and underscores"
        )
        _plain_messages(self)

    def clean_slug(self) -> str:
        slug = (self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("name", ""))[:80]).lower()
        if not slug and "name" in self.cleaned_data:
            raise ValidationError("Enter a web address name using letters or numbers")
        return slug


# Projects ----------------------------------------------------------------------------------------------------------



class ProjectForm(GovukModelForm):
    """A project's own details. Only the programme team publishes projects or marks them illustrative."""

    start_date = GovukDateField(label="Start date", required=False)
    end_date = GovukDateField(label="End date", required=False)

    class Meta:
        model = Project
        fields = ["initiative", "reference", "title", "summary", "status", "rag", "start_date", "end_date",
                  "is_published", "is_illustrative"]
        labels = {"title": "Project title", "is_published": "Publish this project",
                  "is_illustrative": "Illustrative demo record"}
        help_texts = {"reference": "A short code that identifies the project, for example ASC-001",
                      "is_published": "Published projects in published initiatives are shown to everyone"}
        error_messages = {"reference": {"unique": REFERENCE_REFUSED}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        initiatives = Initiative.objects.visible_to(user)
        if self.instance.pk:
            # A council may keep its project in an initiative that has since been unpublished.
            initiatives = initiatives | Initiative.objects.filter(pk=self.instance.initiative_id)
        self.fields["initiative"].queryset = initiatives.select_related("workstream").distinct()
        self.fields["initiative"].empty_label = "Choose an initiative"
        self.fields["reference"].validators.append(reference_format)
        self.fields["rag"].choices = [("", "Not rated"), *Rag.choices]
        if not is_programme_team(user):
            del self.fields["is_published"]
            del self.fields["is_illustrative"]
        _plain_messages(self)

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip()
        if reference.lower() in RESERVED_REFERENCES:
            raise ValidationError(f"‘{reference}’ cannot be used as a reference: choose another")
        return reference


class ProjectCreateForm(ProjectForm):
    """A new project and the organisation that leads it: the programme team picks any, council editors
    their own council (and choose only if they edit for several)."""

    lead = OrganisationChoiceField(queryset=Organisation.objects.none(), label="Lead organisation",
                                   empty_label="Choose the lead organisation")

    field_order = ["initiative", "lead"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fixed_lead = None
        if is_programme_team(user):
            self.fields["lead"].queryset = Organisation.objects.all()
        else:
            own = list(Organisation.objects.filter(pk__in=editor_organisation_ids(user)))
            self.fields["lead"].queryset = Organisation.objects.filter(pk__in=[org.pk for org in own])
            if len(own) == 1:
                self.fixed_lead = own[0]
                del self.fields["lead"]
        _plain_messages(self)

    @property
    def lead_organisation(self) -> Organisation:
        return self.fixed_lead or self.cleaned_data["lead"]


# Participants ------------------------------------------------------------------------------------------------------


class ParticipantForm(GovukForm):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label="Organisation",
                                           empty_label="Choose an organisation")
    role = forms.ChoiceField(label="Role in the project", choices=Participant.Role.choices, widget=forms.RadioSelect,
                             help_text="Making an organisation the lead makes the current lead a partner")

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(participations__project=project)
        _plain_messages(self)


class ParticipantRoleForm(GovukForm):
    role = forms.ChoiceField(label="Role in the project", choices=Participant.Role.choices, widget=forms.RadioSelect,
                             help_text="Making an organisation the lead makes the current lead a partner")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_messages(self)


# Funding -----------------------------------------------------------------------------------------------------------


class FundingAwardForm(GovukModelForm):
    awarded_on = GovukDateField(label="Date awarded")

    class Meta:
        model = FundingAward
        fields = ["funder", "amount", "awarded_on", "is_match_funding", "notes"]
        labels = {"funder": "Funder", "is_match_funding": "This is match funding"}
        field_classes = {"funder": OrganisationChoiceField}

    def __init__(self, *args, user, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["amount"] = _money("Amount", minimum="0.01")
        if is_programme_team(user):
            self.fields["funder"].queryset = Organisation.objects.all()
        else:
            # Councils record only the match funding they put in themselves.
            self.instance.is_match_funding = True
            del self.fields["is_match_funding"]
            self.fields["funder"].queryset = match_funders(user, project)
            self.fields["funder"].help_text = "Councils record the match funding they put into the project"
        self.fields["funder"].empty_label = "Choose the funder"
        _plain_messages(self)


# Milestones and risks ----------------------------------------------------------------------------------------------


class MilestoneForm(GovukModelForm):
    due_on = GovukDateField(label="Due date")
    completed_on = GovukDateField(label="Date completed", required=False,
                                  help_text="Leave empty until the milestone is met. For example, 27 3 2012")

    class Meta:
        model = Milestone
        fields = ["title", "due_on", "completed_on", "notes"]
        labels = {"title": "Milestone"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_messages(self)


class RiskForm(GovukModelForm):
    class Meta:
        model = Risk
        fields = ["title", "description", "likelihood", "impact", "owner", "mitigation", "status"]
        labels = {"title": "Risk", "owner": "Risk owner"}
        widgets = {"likelihood": forms.RadioSelect, "impact": forms.RadioSelect, "status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_messages(self)


# Savings -----------------------------------------------------------------------------------------------------------


class ServiceField(forms.ChoiceField):
    """A select of the service headings. What arrives is checked by the one rule (service_headings.parse_service,
    in the form's clean_service), so another name for a heading is taken as the heading, as in files and the API."""

    def valid_value(self, value) -> bool:
        return True


class SavingForm(GovukModelForm):
    """One entry in the benefits register. Its baseline must be recorded before any realised amount."""

    baseline_date = GovukDateField(label="Baseline date", required=False,
                                   help_text="When the baseline was measured. For example, 31 3 2011")

    class Meta:
        model = Saving
        fields = ["organisation", "title", "description", "service", "measure", "owner", "benefit_class",
                  "recurrence", "is_disbenefit", "baseline_value", "baseline_date", "baseline_description"]
        labels = {"organisation": "Council", "title": "Saving", "benefit_class": "Class of benefit",
                  "recurrence": "Recurrence", "is_disbenefit": "This is a dis-benefit (a cost the project causes)",
                  "baseline_description": "What the baseline measures"}
        field_classes = {"organisation": OrganisationChoiceField}
        widgets = {"benefit_class": forms.RadioSelect, "recurrence": forms.RadioSelect}

    def __init__(self, *args, project: Project, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["baseline_value"] = _money(
            "Baseline value", required=False, help_text="The annual cost before the project, in pounds"
        )
        checked = self.instance.pk and self.instance.amounts.filter(verification__in=CHECKED).exists()
        if checked and user is not None and not is_programme_team(user):
            # What a verified amount means is the programme team's to change: offer nothing that would be refused.
            for name in MEANING:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = ("Only the programme team changes this: the saving has verified "
                                                   "or audited amounts")
        councils = Organisation.objects.filter(participations__project=project)
        if self.instance.pk:
            councils = councils | Organisation.objects.filter(pk=self.instance.organisation_id)
        self.fields["organisation"].queryset = councils.distinct()
        self.fields["organisation"].empty_label = "Choose the council"
        self.fields["organisation"].help_text = "The participating organisation the saving accrues to"
        self._service_choices()
        _plain_messages(self)
        self.fields["service"].error_messages["required"] = "Select the service the saving is claimed against"

    def _service_choices(self) -> None:
        """The service headings, as the importer and the API accept them; a recorded name off the list is shown
        as it is, to be replaced by a heading."""
        current = self.instance.service if self.instance.pk else ""
        heading = service_heading(current) if current else None
        choices = [("", "Choose the service"), *((name, name) for name in SERVICE_HEADINGS)]
        if current and heading is None:
            choices.append((current, f"{current} (not a heading on the list: choose one)"))
        self.fields["service"] = ServiceField(
            label="Service", choices=choices, help_text="The heading councils report the spending under, as in "
            "the revenue outturn returns: savings claimed for one council's service in the same year by two "
            "projects are shown as possible double counting")
        self.initial["service"] = heading or current

    def clean_service(self):
        value = self.cleaned_data.get("service", "")
        try:
            return parse_service(value)
        except ValueError as error:
            raise ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        removing_baseline = cleaned.get("baseline_value") is None and cleaned.get("baseline_date") is None
        if removing_baseline and self.instance.pk and self.instance.amounts.filter(kind=AmountKind.REALISED).exists():
            raise ValidationError("This saving has realised amounts, so it must keep its baseline value and date")
        return cleaned


def financial_year_choices(also: int | None = None) -> list[tuple[str, str]]:
    years = set(range(FIRST_YEAR, LAST_YEAR + 1)) | ({also} if also is not None else set())
    return [("", "Choose a financial year"), *((str(y), financial_year_label(y)) for y in sorted(years))]


class AmountForm(GovukForm):
    """A saving's amount for one financial year, with the evidence for a realised amount."""

    financial_year = forms.TypedChoiceField(label="Financial year", coerce=int, choices=())
    kind = forms.ChoiceField(
        label="Kind of amount", choices=AmountKind.choices, widget=forms.RadioSelect,
        help_text="Expected at approval, forecast now, or realised. A realised amount needs the saving's "
        "baseline and evidence, and is then verified by someone other than you.",
    )
    evidence_notes = forms.CharField(
        label="Evidence", required=False, widget=forms.Textarea,
        help_text="Needed for a realised amount: what shows the saving was made, for example budget "
        "monitoring reports or placement records",
    )
    evidence_file = forms.FileField(
        label="Evidence file (optional)", required=False,
        help_text="PDF, Word, Excel, OpenDocument, CSV, text or image files up to 10MB",
    )

    field_order = ["financial_year", "kind", "amount", "delivery_cost", "evidence_notes", "evidence_file"]

    def __init__(self, *args, saving: Saving, instance: SavingAmount | None = None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", {
                "financial_year": instance.financial_year, "kind": instance.kind, "amount": instance.amount,
                "delivery_cost": instance.delivery_cost, "evidence_notes": instance.evidence_notes,
            })
        super().__init__(*args, **kwargs)
        self.saving = saving
        self.instance = instance
        self.fields["amount"] = _money("Amount")
        self.fields["delivery_cost"] = _money(
            "Delivery cost", required=False,
            help_text="What it cost to deliver this year's amount; net figures take it off",
        )
        self.order_fields(self.field_order)
        self.fields["financial_year"].choices = financial_year_choices(instance.financial_year if instance else None)
        self.fields["evidence_file"].error_messages["empty"] = "The selected evidence file is empty"
        _plain_messages(self)
        self.fields["financial_year"].error_messages["required"] = "Select a financial year"
        self.fields["kind"].error_messages["required"] = "Select the kind of amount"

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload is None:
            return None
        if Path(upload.name).suffix.lower() not in EVIDENCE_TYPES:
            raise ValidationError("The evidence file must be a PDF, Word, Excel, OpenDocument, CSV, text or image file")
        if upload.size > EVIDENCE_MAX_BYTES:
            raise ValidationError("The evidence file must be smaller than 10MB")
        return upload

    def clean_delivery_cost(self) -> Decimal:
        return self.cleaned_data.get("delivery_cost") or Decimal("0")

    def clean(self):
        cleaned = super().clean()
        year, kind = cleaned.get("financial_year"), cleaned.get("kind")
        if year is not None and kind:
            existing = SavingAmount.objects.filter(saving=self.saving, financial_year=year, kind=kind)
            if self.instance is not None:
                existing = existing.exclude(pk=self.instance.pk)
            if existing.exists():
                label = dict(AmountKind.choices)[kind].lower()
                article = "an" if label[:1] in "aeiou" else "a"
                self.add_error("financial_year", f"This saving already has {article} {label} amount for "
                               f"{financial_year_label(year)}: change that amount instead")
        return cleaned


class ConfirmForm(GovukForm):
    """A confirmation with nothing to type: delete, verify and audit pages. Errors come from services."""



# Withdrawals -------------------------------------------------------------------------------------------------------


class WithdrawForm(GovukForm):
    """Why a record is withdrawn: shown beside it and in the next board paper's changes."""

    reason = forms.CharField(label="Reason for withdrawing it", widget=forms.Textarea, max_length=2000,
                             help_text="Shown beside the record and in the next board paper. For example: "
                                       "entered twice, the saving is recorded on ASC-004")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_messages(self)
        self.fields["reason"].error_messages["required"] = "Enter the reason for withdrawing it"


class DecisionForm(GovukForm):
    """The programme team's answer to a council's request to withdraw a record."""

    decision = forms.ChoiceField(label="Decision", widget=forms.RadioSelect, choices=[
        ("approve", "Approve: withdraw it with the council's reason"), ("refuse", "Refuse: keep it as it is")])
    note = forms.CharField(label="Note for the person who asked", widget=forms.Textarea, required=False,
                           help_text="Needed when you refuse: say why the record is kept")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_messages(self)
        self.fields["decision"].error_messages["required"] = "Select approve or refuse"
