"""Forms to start a report and to write its narrative."""

from django import forms
from django.utils import timezone

from productivity.accounts.roles import editor_organisation_ids, is_programme_team
from productivity.core.forms import GovukDateField, GovukForm
from productivity.organisations.models import Organisation
from productivity.programme.models import Initiative, Workstream
from productivity.reports.layouts import LAYOUTS
from productivity.reports.models import ScopeKind

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

    def __init__(self, *args, report, **kwargs):
        initial = {"title": report.title, "as_at": report.as_at, "restricted": report.is_restricted,
                   **{f"section_{key}": text for key, text in report.narrative().items()}}
        super().__init__(*args, initial=initial, **kwargs)
        self.report = report
        for section in report.layout.sections:
            self.fields[f"section_{section.key}"] = forms.CharField(
                label=section.heading, help_text=section.hint, required=False, widget=forms.Textarea)

    def narrative(self) -> dict[str, str]:
        return {section.key: self.cleaned_data.get(f"section_{section.key}", "")
                for section in self.report.layout.sections}
