"""Forms to start a report and to write its narrative."""

from django import forms
from django.utils import timezone

from productivity.accounts.roles import editor_organisation_ids, is_programme_team
from productivity.core.forms import GovukDateField, GovukForm
from productivity.organisations.models import Organisation
from productivity.programme.models import Initiative, Workstream
from productivity.reports.layouts import LAYOUTS
from productivity.reports.models import Marking, PaperStatus, ScopeKind
from productivity.reports.services import PAPER_FIELDS

SCOPE_HELP = {
    "programme": "Every workstream and initiative",
    "workstream": "One workstream and its initiatives",
    "initiative": "One initiative and its projects",
    "council": "The projects one council takes part in, and the savings that accrue to it",
}


class ReportStartForm(GovukForm):
    template = forms.ChoiceField(label="Report template", widget=forms.RadioSelect)
    scope = forms.ChoiceField(label="What the report covers", widget=forms.RadioSelect)
    workstream = forms.ModelChoiceField(Workstream.objects.all(), label="Workstream", required=False,
                                        to_field_name="slug", empty_label="Choose a workstream",
                                        help_text="For a report on one workstream")
    initiative = forms.ModelChoiceField(
        Initiative.objects.all(), label="Initiative", required=False, to_field_name="slug",
        empty_label="Choose an initiative",
        help_text="For a report on one initiative (every Initiative progress report is one)")
    council = forms.ModelChoiceField(Organisation.objects.councils(), label="Council", required=False,
                                     to_field_name="slug", empty_label="Choose a council",
                                     help_text="For a report on one council")
    as_at = GovukDateField(label="Reporting date",
                           help_text="Figures as they stood at the end of this day. For example, 1 3 2012")
    title = forms.CharField(label="Title (optional)", required=False, max_length=250,
                            help_text="Leave blank for a title made from the template, scope and date")
    restricted = forms.BooleanField(
        label="Restricted: count unpublished records too, and never show the report to the public", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["template"].choices = [(layout.slug, layout.name) for layout in LAYOUTS.values()]
        if is_programme_team(user):
            self.fields["scope"].choices = ScopeKind.choices
        else:
            # A council's editors write reports about their own council only.
            self.fields["scope"].choices = [(ScopeKind.COUNCIL.value, ScopeKind.COUNCIL.label)]
            self.fields["council"].queryset = Organisation.objects.filter(pk__in=editor_organisation_ids(user))
        self.initial.setdefault("as_at", timezone.localdate())
        self.initial.setdefault("template", "programme-update")
        self.initial.setdefault("scope", self.fields["scope"].choices[0][0])

    def clean(self):
        data = super().clean()
        template, scope = data.get("template"), data.get("scope")
        if template and scope and scope not in LAYOUTS[template].scopes:
            self.add_error("scope", f"A {LAYOUTS[template].name} report covers one initiative: choose "
                                    "'One initiative' and the initiative")
        field = {"workstream": "workstream", "initiative": "initiative", "council": "council"}.get(scope or "")
        if field and not data.get(field):
            self.add_error(field, f"Choose the {field} the report is about")
        return data

    @property
    def target(self):
        scope = self.cleaned_data.get("scope")
        return self.cleaned_data.get({"workstream": "workstream", "initiative": "initiative",
                                      "council": "council"}.get(scope, ""), None)


class ReportEditForm(GovukForm):
    title = forms.CharField(label="Title", max_length=250)
    as_at = GovukDateField(label="Reporting date", help_text="Figures as they stood at the end of this day")
    restricted = forms.BooleanField(
        label="Restricted: count unpublished records too, and never show the report to the public", required=False)

    meeting = forms.CharField(label="Meeting", max_length=200, required=False,
                              help_text="The meeting the paper goes to, for example Improvement Programme Board")
    meeting_date = GovukDateField(label="Date of meeting", required=False, help_text="For example, 12 3 2012")
    agenda_item = forms.CharField(label="Agenda item", max_length=20, required=False,
                                  help_text="For example, 4 or 4a")
    paper_status = forms.ChoiceField(label="What the meeting is asked to do", choices=PaperStatus.choices,
                                     widget=forms.RadioSelect)
    marking = forms.ChoiceField(label="Security marking", choices=Marking.choices, widget=forms.RadioSelect,
                                help_text="OFFICIAL unless the paper holds sensitive information")
    contact_name = forms.CharField(label="Name", max_length=150, required=False)
    contact_position = forms.CharField(label="Position", max_length=150, required=False)
    contact_phone = forms.CharField(label="Phone", max_length=40, required=False)
    contact_email = forms.EmailField(label="Email", required=False)
    correction = forms.CharField(label="What this version corrects", required=False, widget=forms.Textarea,
                                 help_text="Which figures or words were wrong in the original, and why")

    def __init__(self, *args, report, **kwargs):
        initial = {"title": report.title, "as_at": report.as_at, "restricted": report.is_restricted,
                   **{name: getattr(report, name) for name in PAPER_FIELDS},
                   **{f"section_{key}": text for key, text in report.narrative().items()}}
        super().__init__(*args, initial=initial, **kwargs)
        self.report = report
        if report.corrects_id is None:
            del self.fields["correction"]
        else:
            self.fields["correction"].required = True
        for section in report.layout.sections:
            self.fields[f"section_{section.key}"] = forms.CharField(
                label=section.heading, help_text=section.hint, required=False, widget=forms.Textarea)

    def narrative(self) -> dict[str, str]:
        return {section.key: self.cleaned_data.get(f"section_{section.key}", "")
                for section in self.report.layout.sections}

    def paper_fields(self) -> dict:
        """The meeting, status, marking, contact officer (and, for a correction, what it corrects)."""
        return {name: self.cleaned_data.get(name) for name in PAPER_FIELDS if name in self.fields}


class CorrectionForm(GovukForm):
    correction = forms.CharField(
        label="What does the corrected version correct?", widget=forms.Textarea,
        help_text="For example: the expected savings of the Capital and Assets Pathfinders counted a saving twice. "
                  "The corrected version says this at its start.",
        error_messages={"required": "Say what the corrected version corrects"})
