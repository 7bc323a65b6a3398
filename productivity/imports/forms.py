"""The import pages' forms: what the file is and whose, and which column holds which field."""

from django import forms

from productivity.accounts.roles import editor_organisation_ids, is_programme_team
from productivity.core.forms import GovukForm
from productivity.imports import registry
from productivity.imports.limits import Limits, megabytes
from productivity.organisations.models import Organisation

NOT_IN_FILE = "__none__"


class UploadForm(GovukForm):
    kind = forms.ChoiceField(label="What does the file contain?", widget=forms.RadioSelect)
    publisher = forms.CharField(
        label="Whose file is it?", required=False,
        help_text="The organisation that published the file: its ONS GSS code (such as E08000009) or its name. "
                  "Leave it blank for programme records, whose rows name their councils.")
    file = forms.FileField(label="Upload a file")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.limits = Limits.from_settings()
        self.fields["kind"].choices = [(entry.kind, entry.title) for entry in registry.everything()]
        self.fields["kind"].error_messages.update({"required": "Select what the file contains",
                                                   "invalid_choice": "Select what the file contains"})
        self.fields["file"].help_text = (f"A CSV file or an Excel workbook (.xlsx), up to "
                                         f"{megabytes(self.limits.upload_bytes)}")
        self.fields["file"].error_messages.update({
            "required": "Select a CSV or Excel file",
            "missing": "Select a CSV or Excel file",
            "invalid": "The selected file could not be uploaded: try again",
            "empty": "The selected file is empty. Use the template: a header row, then one row per record",
        })

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.limits.upload_bytes:
            raise forms.ValidationError(f"The selected file must be smaller than "
                                        f"{megabytes(self.limits.upload_bytes)} (IMPORT_MAX_UPLOAD_BYTES): split it "
                                        "into several files")
        return upload

    def clean_publisher(self):
        raw = self.cleaned_data.get("publisher", "").strip()
        if not raw:
            return None
        organisation = Organisation.objects.resolve(raw) or _by_name(raw)
        if organisation is None:
            raise forms.ValidationError(f"No organisation has the code or name '{raw}': enter its ONS GSS code, "
                                        "such as E08000009, or its name as the Councils page shows it")
        if not (is_programme_team(self.user) or organisation.pk in editor_organisation_ids(self.user)):
            raise forms.ValidationError(f"You can import files only for organisations you edit for, not "
                                        f"{organisation.name}")
        return organisation

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind and registry.get(kind).importer.needs_publisher and not cleaned.get("publisher") \
                and "publisher" not in self.errors:
            self.add_error("publisher", "Enter whose file it is: this kind of file belongs to one organisation")
        return cleaned


def _by_name(raw: str):
    matches = list(Organisation.objects.filter(name__iexact=raw)[:2])
    return matches[0] if len(matches) == 1 else None


class MappingForm(GovukForm):
    """One select per field: which of the file's columns holds it, or 'not in this file'."""

    def __init__(self, *args, importer, headings: list[str], initial_columns: dict[str, str] | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.importer = importer
        self.headings = headings
        choices = [("", "Choose a column"), (NOT_IN_FILE, "Not in this file")]
        choices += [(heading, heading) for heading in headings if heading]
        initial_columns = initial_columns or {}
        for fld in importer.fields:
            initial = initial_columns.get(fld.key)
            if initial is None and not fld.required and fld.key not in initial_columns:
                initial = ""  # an optional field nobody recognised: not in this file, unless chosen
            name = f"field_{fld.key}"
            self.fields[name] = forms.ChoiceField(
                label=fld.header + ("" if fld.required else " (optional)"), choices=choices, required=True,
                help_text=f"It takes {fld.accepts}", initial=(NOT_IN_FILE if initial == "" else initial))
            message = (f"Choose the column that holds the {fld.header.lower()}" if fld.required else
                       f"Choose the column that holds the {fld.header.lower()}, or 'Not in this file'")
            self.fields[name].error_messages.update({"required": message, "invalid_choice": message})

    def clean(self):
        cleaned = super().clean()
        used: dict[str, str] = {}
        for fld in self.importer.fields:
            value = cleaned.get(f"field_{fld.key}")
            if value == NOT_IN_FILE and fld.required:
                self.add_error(f"field_{fld.key}", f"The {fld.header.lower()} is needed: choose the column that "
                                                   "holds it. If the file has none, add one and upload it again")
            elif value and value != NOT_IN_FILE:
                if value in used:
                    self.add_error(f"field_{fld.key}", f"The column '{value}' is already chosen for the "
                                                       f"{used[value].lower()}: choose a different column")
                used.setdefault(value, fld.header)
        return cleaned

    def columns(self) -> dict[str, str]:
        """{field key: heading, or '' for not in the file}."""
        found = {}
        for fld in self.importer.fields:
            value = self.cleaned_data.get(f"field_{fld.key}")
            found[fld.key] = "" if value == NOT_IN_FILE else value
        return found
