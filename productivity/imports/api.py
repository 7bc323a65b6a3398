"""Imports over the API: what can be imported, and where your imports have got.

The kinds are public (their templates are too); a run is seen by its uploader, its publisher's members and
the programme team, as on the pages. Uploading is done on the pages or with `manage.py import_file`.
"""

import datetime as dt
import uuid

from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from productivity.accounts.api_auth import fetch, signed_in
from productivity.core.api.errors import NOT_FOUND
from productivity.core.paging import BoundedPages
from productivity.imports import registry
from productivity.imports.models import ImportRun
from productivity.imports.progress import progress_of

router = Router(tags=["Imports"])


class FieldOut(Schema):
    key: str
    header: str = Field(description="The column heading in the template")
    accepts: str
    required: bool
    aliases: list[str] = Field(description="Other headings recognised for the column")


class KindOut(Schema):
    kind: str
    title: str
    hint: str
    domain: str
    accounted: bool = Field(description="True: good rows are saved and bad rows kept with reasons; False: any bad "
                                        "row and nothing is saved")
    needs_publisher: bool
    template: str = Field(description="Address of the CSV template")
    fields: list[FieldOut]


class TallyOut(Schema):
    rows_in_file: int
    imported: int
    unchanged: int
    duplicates: int
    rejected: int
    flagged: int


class ProgressOut(Schema):
    phase: str
    rows_done: int
    rows_total: int | None
    percent: int | None
    rows_per_second: int | None
    seconds_left: int | None


class ProblemOut(Schema):
    row: int | None
    column: str
    message: str


class RunOut(Schema):
    id: uuid.UUID
    kind: str
    file: str
    publisher: str | None = Field(None, description="Slug of the organisation whose file it is")
    status: str
    status_label: str
    uploaded_at: dt.datetime
    finished_at: dt.datetime | None
    progress: ProgressOut
    checked: dict = Field(description="The counts the check expects, before the import is confirmed")
    tally: TallyOut = Field(description="What the import did: imported + unchanged + duplicates + rejected = "
                                        "rows_in_file")
    problems: list[ProblemOut] = Field(description="The first problems found (problems_total counts them all)")
    problems_total: int
    error: str
    page: str


def _kind(entry: registry.Registered) -> dict:
    importer = entry.importer
    return {"kind": entry.kind, "title": entry.title, "hint": entry.hint, "domain": entry.domain,
            "accounted": entry.accounted, "needs_publisher": importer.needs_publisher,
            "template": reverse("imports:template", args=[entry.kind]),
            "fields": [{"key": f.key, "header": f.header, "accepts": f.accepts, "required": f.required,
                        "aliases": list(f.aliases)} for f in importer.fields]}


def _run(run: ImportRun) -> dict:
    progress = progress_of(run)
    return {"id": run.pk, "kind": run.kind, "file": run.original_name,
            "publisher": run.publisher.slug if run.publisher_id else None, "status": run.status,
            "status_label": run.get_status_display(), "uploaded_at": run.created_at, "finished_at": run.finished_at,
            "progress": progress.as_dict(), "checked": {k: v for k, v in run.checked.items() if k != "outcome"},
            "tally": {"rows_in_file": run.rows_in_file, "imported": run.imported, "unchanged": run.unchanged,
                      "duplicates": run.duplicates, "rejected": run.rejected, "flagged": run.flagged},
            "problems": run.problems, "problems_total": run.problems_total, "error": run.error,
            "page": reverse("imports:run", args=[run.pk])}


@router.get("/kinds", response=list[KindOut], summary="List what can be imported")
def list_kinds(request):
    """Every registered importer, with its columns: what each takes, and which are required."""
    return [_kind(entry) for entry in registry.everything()]


@router.get("/runs", response=list[RunOut], summary="List your imports")
@paginate(BoundedPages)
def list_runs(request):
    """Your imports, newest first (the programme team: everyone's)."""
    user = signed_in(request)
    return [_run(run) for run in ImportRun.objects.visible_to(user).select_related("publisher")]


@router.get("/runs/{run_id}", response={200: RunOut, **NOT_FOUND}, summary="Fetch an import")
def get_run(request, run_id: uuid.UUID):
    """Where an import has got: its status, progress, counts and the first problems found."""
    return _run(fetch(ImportRun.objects.select_related("publisher"), request, pk=run_id))
