"""Importing projects and savings from a file: the upload page, the result page and the templates.

Anyone who may change something (the programme team, council editors) may upload; what each row
may change is decided row by row by the importer. A result is seen by its uploader and the
programme team; others get 404.
"""

import csv
import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from productivity.accounts.roles import can_write_anything
from productivity.core.access import get_for_user
from productivity.core.exports import download_response
from productivity.core.forms import GovukForm
from productivity.core.tables import Column, build_table
from productivity.programme.import_runs import ImportRun
from productivity.programme.importers import IMPORTERS
from productivity.programme.importers.runs import inline_row_limit
from productivity.programme.models import Initiative
from productivity.programme.tasks import start_import

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
PROBLEM_COLUMNS = (
    Column("row", "Row", lambda p: p["row"]),
    Column("column", "Column", lambda p: p["column"]),
    Column("message", "Problem", lambda p: p["message"]),
)
KIND_HINTS = {
    "projects": "One row per project. New projects are created; existing ones are matched by reference.",
    "savings": "One row per saving amount (financial year and kind). Savings are matched by project, council "
               "and title.",
}


class ImportForm(GovukForm):
    kind = forms.ChoiceField(label="What does the file contain?", widget=forms.RadioSelect,
                             choices=ImportRun.Kind.choices)
    file = forms.FileField(label="Upload a file", help_text="A CSV file or an Excel workbook (.xlsx), up to 50MB")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["required"] = "Select what the file contains"
        self.fields["kind"].error_messages["invalid_choice"] = "Select what the file contains"
        self.fields["file"].error_messages.update({
            "required": "Select a CSV or Excel file",
            "missing": "Select a CSV or Excel file",
            "invalid": "The selected file could not be uploaded: try again",
            "empty": "The selected file is empty. Use the template: a header row, then one row per record",
        })

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 50MB: split it into several files")
        return upload


def _may_import(user) -> None:
    if not can_write_anything(user):
        raise PermissionDenied("Only editors and the programme team can import files.")


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    _may_import(request.user)
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") in IMPORTERS else {}
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None, initial=initial)
    if posted and form.is_valid():
        run = start_import(request.user, form.cleaned_data["kind"], form.cleaned_data["file"])
        return redirect("programme:import-result", run_id=run.pk)
    return render(request, "programme/imports/upload.html", {
        "title": "Import projects or savings", "form": form, "form_has_errors": bool(form.errors),
        "importers": list(IMPORTERS.values()), "hints": KIND_HINTS, "inline_limit": inline_row_limit(),
        "initiatives": Initiative.objects.visible_to(request.user).select_related("workstream"),
        "recent": ImportRun.objects.visible_to(request.user).filter(uploaded_by=request.user)[:10],
        "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Projects", "href": "/programme/projects/"}],
    })


@login_required
@require_http_methods(["GET"])
def result(request, run_id):
    run = get_for_user(ImportRun.objects.select_related("uploaded_by"), request.user, pk=run_id)
    fmt = request.GET.get("format")
    if fmt in {"csv", "xlsx"} and run.problems:
        return download_response(fmt, f"{run.original_name} problems", PROBLEM_COLUMNS, run.problems)
    table = build_table(request, run.problems, PROBLEM_COLUMNS, per_page=100) if run.problems else None
    return render(request, "programme/imports/result.html", {
        "title": _result_title(run), "run": run, "table": table, "form_has_errors": bool(run.problems),
        "importer": IMPORTERS.get(run.kind), "counts": run.outcome.get("counts", []),
        "changed": run.outcome.get("changed", []),
        "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Import a file", "href": "/programme/import/"}],
    })


def _result_title(run: ImportRun) -> str:
    if not run.is_finished:
        return "Checking your file"
    if run.status == ImportRun.Status.FAILED:
        return "The import could not be completed"
    if run.problems:
        count = len(run.problems)
        return f"Your file has {count} {'problem' if count == 1 else 'problems'}: nothing was imported"
    return "Import complete"


@require_http_methods(["GET"])
def template(request, kind):
    """A CSV template with the importer's columns and example rows, saved so that Excel shows £ signs."""
    importer = IMPORTERS.get(kind)
    if importer is None:
        raise Http404("No such import")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(importer.template_rows())
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-import-template.csv"'
    return response


urlpatterns = [
    path("import/", upload, name="import"),
    path("import/template/<slug:kind>/", template, name="import-template"),
    path("import/<uuid:run_id>/", result, name="import-result"),
]
