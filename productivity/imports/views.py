"""The import pages: upload, check, match columns, confirm, watch progress, see the result, retry.

Anyone who may change something (the programme team, council editors) may upload; what each row
may change is decided by the importer. A run is seen by its uploader and the programme team;
others get 404.
"""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST
from markupsafe import Markup

from productivity.accounts.roles import can_write_anything, editor_organisation_ids, is_programme_team
from productivity.core.access import get_for_user
from productivity.core.exports import csv_safe, table_or_download
from productivity.core.formatting import number
from productivity.core.tables import Column
from productivity.imports import mappings, registry, runs, tasks
from productivity.imports.forms import MappingForm, UploadForm
from productivity.imports.models import ColumnMapping, ImportRun
from productivity.imports.progress import duration, progress_of

app_name = "imports"

PROBLEM_COLUMNS = (
    Column("row", "Row", lambda p: p["row"]),
    Column("column", "Column", lambda p: p["column"]),
    Column("message", "Problem", lambda p: p["message"]),
)
RUN_COLUMNS = (
    Column("file", "File", lambda r: r.original_name, link=lambda r: reverse("imports:run", args=[r.pk])),
    Column("kind", "Contains", lambda r: _title(r.kind)),
    Column("publisher", "Whose file", lambda r: r.publisher.name if r.publisher_id else ""),
    Column("uploaded", "Uploaded", lambda r: r.uploaded_at.date(), kind="date"),
    Column("status", "Status", lambda r: r.get_status_display()),
    Column("rows", "Rows", lambda r: _rows(r), kind="number", html=lambda r: _rows_html(r)),
    Column("imported", "Imported", lambda r: r.imported, kind="number"),
    Column("rejected", "Rejected", lambda r: r.rejected, kind="number"),
)
BREADCRUMBS = [{"text": "Home", "href": "/"}, {"text": "Import a file", "href": "/imports/"}]


def _rows(run: ImportRun) -> int | None:
    """The rows in the file; None while its columns are still to match (they are counted once they are)."""
    counted = run.rows_in_file or run.rows_total
    if not counted and run.status == ImportRun.Status.NEEDS_MAPPING:
        return None
    return counted or 0


def _rows_html(run: ImportRun) -> Markup:
    rows = _rows(run)
    return Markup("columns to match") if rows is None else Markup("{}").format(number(rows))


def _title(kind: str) -> str:
    try:
        return registry.get(kind).title
    except KeyError:
        return kind


def _may_import(user) -> None:
    if not can_write_anything(user):
        raise PermissionDenied("Only editors and the programme team can import files.")


def _run_for(request, run_id, *, write: bool = False) -> ImportRun:
    run = get_for_user(ImportRun.objects.select_related("uploaded_by", "publisher", "mapping"), request.user,
                       write=write, pk=run_id)
    if run.is_stale():
        runs.fail_stale_runs([run])
        run.refresh_from_db()
    return run


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    _may_import(request.user)
    posted = request.method == "POST"
    initial = {}
    if request.GET.get("kind") in registry.kinds():
        initial["kind"] = request.GET["kind"]
    editing = sorted(editor_organisation_ids(request.user))
    if len(editing) == 1 and not is_programme_team(request.user):
        from productivity.organisations.models import Organisation

        own = Organisation.objects.filter(pk=editing[0]).first()
        initial["publisher"] = own.gss_code or own.slug if own else ""
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None, initial=initial,
                      user=request.user)
    if posted and form.is_valid():
        runs.purge_old_uploads()
        run = runs.create_run(request.user, form.cleaned_data["kind"], form.cleaned_data["file"],
                              publisher=form.cleaned_data["publisher"])
        tasks.start_check(run)
        return redirect("imports:run", run_id=run.pk)
    return render(request, "imports/upload.html", {
        "title": "Import a file", "form": form, "form_has_errors": bool(form.errors),
        "entries": registry.everything(), "inline_limit": runs.inline_row_limit(),
        "recent": ImportRun.objects.visible_to(request.user).filter(uploaded_by=request.user)
        .select_related("publisher")[:10],
        "breadcrumbs": [{"text": "Home", "href": "/"}],
    })


@login_required
@require_http_methods(["GET"])
def run_page(request, run_id):
    run = _run_for(request, run_id)
    table, download = table_or_download(request, run.problems, PROBLEM_COLUMNS, f"{run.original_name} problems",
                                        per_page=100)
    if download:
        return download
    entry = _entry(run)
    outcome = run.outcome or (run.checked or {}).get("outcome") or {}
    changed = [(reference, entry.changed_link(reference) if entry else None)
               for reference in outcome.get("changed", [])[:200]]
    return render(request, "imports/run.html", {
        "title": _run_title(run), "run": run, "entry": entry, "table": table,
        "progress": progress_of(run), "duration": duration, "counts": outcome.get("counts", []),
        "changed": changed, "changed_total": len(outcome.get("changed", [])),
        "warnings": outcome.get("warnings", []),
        "may_change": ImportRun.objects.editable_by(request.user).filter(pk=run.pk).exists(),
        "results_url": entry.results(run) if entry and run.succeeded else None,
        "form_has_errors": bool(run.problems) and not run.is_working,
        "breadcrumbs": BREADCRUMBS,
    })


def _entry(run: ImportRun):
    try:
        return registry.get(run.kind)
    except KeyError:
        return None


def _run_title(run: ImportRun) -> str:
    status = ImportRun.Status
    if run.status in (status.QUEUED, status.CHECKING):
        return "Checking your file"
    if run.status in (status.CONFIRMED, status.IMPORTING):
        return "Importing your file"
    if run.status == status.NEEDS_MAPPING:
        return "Match the file's columns"
    if run.status == status.CHECKED:
        return "Check what will be imported"
    if run.status == status.FAILED:
        return "The import could not be completed"
    if run.status == status.CANCELLED:
        return "Import cancelled"
    if run.status == status.NOT_IMPORTED:
        count = run.problems_total
        return f"Your file has {count:,} {'problem' if count == 1 else 'problems'}: nothing was imported"
    return "Import complete"


@login_required
@require_http_methods(["GET"])
def run_status(request, run_id):
    """The run's progress as JSON, for the page to refresh its progress bar without reloading."""
    run = _run_for(request, run_id)
    return JsonResponse(progress_of(run).as_dict())


def _action(step, doc: str):
    """A posted button on a run's page: ``step`` is done by someone who may act on the run, then back to it."""

    @login_required
    @require_POST
    def view(request, run_id):
        run = _run_for(request, run_id, write=True)
        step(run)
        return redirect("imports:run", run_id=run.pk)

    view.__doc__ = doc
    return view


confirm = _action(tasks.start_import, "Import a checked file (if it is still waiting to be imported).")
cancel = _action(runs.cancel_run, "Stop a run waiting for its columns, for confirmation, or after failing.")
retry = _action(tasks.start_retry, "Try a failed run again from where it stopped.")


@login_required
@require_http_methods(["GET", "POST"])
def columns(request, run_id):
    """Match the columns of a layout the importer does not recognise; remembered for the next file."""
    run = _run_for(request, run_id, write=True)
    if run.status != ImportRun.Status.NEEDS_MAPPING:
        return redirect("imports:run", run_id=run.pk)
    entry = registry.get(run.kind)
    importer = entry.importer
    headings = run.headings
    posted = request.method == "POST"
    guessed = _guess(importer, headings)
    form = MappingForm(request.POST if posted else None, importer=importer, headings=headings,
                       initial_columns=guessed)
    if posted and form.is_valid():
        mappings.remember(run, headings, form.columns(), request.user)
        run.refresh_from_db()
        tasks.start_check(run)
        return redirect("imports:run", run_id=run.pk)
    return render(request, "imports/columns.html", {
        "title": "Match the file's columns", "run": run, "form": form, "entry": entry,
        "form_has_errors": bool(form.errors), "headings": headings,
        "breadcrumbs": [*BREADCRUMBS, {"text": run.original_name, "href": reverse("imports:run", args=[run.pk])}],
    })


def _guess(importer, headings: list[str]) -> dict[str, str]:
    from productivity.imports.headers import field_for

    found = {}
    for heading in headings:
        match = field_for(importer.fields, heading)
        if match is not None and match.key not in found:
            found[match.key] = heading
    return found


@login_required
@require_http_methods(["GET"])
def rejected_rows(request, run_id):
    """Every rejected row as the file had it, with its reasons: fix them and import the file again."""
    run = _run_for(request, run_id)
    header = ["Row", *run.headings, "Problems"]

    def lines():
        writer = csv.writer(_Echo())
        yield "\ufeff"
        yield writer.writerow(header)
        for rejected in run.rejected_rows.order_by("row").iterator(chunk_size=2000):
            reasons = "; ".join(f"{r['column']}: {r['message']}" if r["column"] else r["message"]
                                for r in rejected.reasons)
            yield writer.writerow([rejected.row, *[csv_safe(v) for v in rejected.values], csv_safe(reasons)])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(run.original_name)}-rejected-rows.csv"'
    return response


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_http_methods(["GET"])
def template(request, kind):
    """A CSV template with the importer's columns and example rows, saved so that Excel shows £ signs."""
    try:
        importer = registry.get(kind).importer
    except KeyError as error:
        raise Http404("No such import") from error
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    body = "".join(writer.writerow(row) for row in importer.template_rows())
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-import-template.csv"'
    return response


@login_required
@require_http_methods(["GET"])
def run_list(request):
    """Your imports (the programme team: everyone's), newest first, with where each has got."""
    visible = ImportRun.objects.visible_to(request.user).select_related("publisher")
    if not is_programme_team(request.user):
        visible = visible.filter(uploaded_by=request.user)
    runs.fail_stale_runs(list(visible.working()))
    table, download = table_or_download(request, visible, RUN_COLUMNS, "imports", per_page=50)
    if download:
        return download
    return render(request, "imports/runs.html", {
        "title": "Imports", "table": table,
        "breadcrumbs": BREADCRUMBS,
    })


@login_required
@require_http_methods(["GET"])
def mapping_list(request):
    found = ColumnMapping.objects.visible_to(request.user).select_related("publisher", "created_by")
    return render(request, "imports/mappings.html", {
        "title": "Column mappings", "mappings": found, "titles": {e.kind: e.title for e in registry.everything()},
        "breadcrumbs": BREADCRUMBS,
    })


@login_required
@require_http_methods(["GET", "POST"])
def mapping_page(request, mapping_id):
    """Review a remembered mapping, change it, or forget it."""
    mapping = get_for_user(ColumnMapping.objects.select_related("publisher"), request.user, pk=mapping_id)
    entry = registry.get(mapping.kind) if mapping.kind in registry.kinds() else None
    if entry is None:
        raise Http404("No such import")
    posted = request.method == "POST"
    if posted and request.POST.get("action") == "forget":
        get_for_user(ColumnMapping.objects, request.user, write=True, pk=mapping.pk).delete()
        return redirect("imports:mappings")
    form = MappingForm(request.POST if posted else None, importer=entry.importer, headings=mapping.headings,
                       initial_columns=mapping.columns)
    if posted and form.is_valid():
        get_for_user(ColumnMapping.objects, request.user, write=True, pk=mapping.pk)
        mapping.columns = form.columns()
        mapping.save(update_fields=["columns", "updated_at"])
        return redirect("imports:mappings")
    return render(request, "imports/mapping.html", {
        "title": f"{entry.title} columns for {mapping.publisher.name if mapping.publisher_id else 'your files'}",
        "mapping": mapping, "form": form, "entry": entry, "form_has_errors": bool(form.errors),
        "may_change": ColumnMapping.objects.editable_by(request.user).filter(pk=mapping.pk).exists(),
        "breadcrumbs": [*BREADCRUMBS, {"text": "Column mappings", "href": reverse("imports:mappings")}],
    })


urlpatterns = [
    path("", upload, name="upload"),
    path("runs/", run_list, name="runs"),
    path("template/<slug:kind>/", template, name="template"),
    path("mappings/", mapping_list, name="mappings"),
    path("mappings/<int:mapping_id>/", mapping_page, name="mapping"),
    path("<uuid:run_id>/", run_page, name="run"),
    path("<uuid:run_id>/status/", run_status, name="status"),
    path("<uuid:run_id>/columns/", columns, name="columns"),
    path("<uuid:run_id>/confirm/", confirm, name="confirm"),
    path("<uuid:run_id>/cancel/", cancel, name="cancel"),
    path("<uuid:run_id>/retry/", retry, name="retry"),
    path("<uuid:run_id>/rejected.csv", rejected_rows, name="rejected"),
]
