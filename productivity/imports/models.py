"""An uploaded file's life (checked, confirmed, imported), the column mappings people made, rejected rows.

Nothing here knows a domain: the kind of import names an importer in the registry.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from productivity.imports.queries import ColumnMappingQuerySet, ImportRunQuerySet


class BackgroundJob(models.Model):
    """What any long job shows while the background worker runs it: its phase, rows done of the total, and a
    heartbeat (``imports.heartbeat.Heartbeat``), so its page can show progress and a stopped job is noticed.

    A domain's own long jobs inherit it, set ``WORKING`` to their working statuses and use the heartbeat and
    ``imports/_progress.html`` as imports do.
    """

    WORKING: tuple[str, ...] = ()  # statuses in which the job is waiting for the worker or running
    WAITING: tuple[str, ...] = ()  # of those, the ones waiting for a worker to pick the job up

    phase = models.CharField(max_length=100, blank=True)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_working(self) -> bool:
        return self.status in self.WORKING

    @property
    def last_sign_of_life(self):
        return self.heartbeat_at or self.started_at or self.created_at

    def is_stale(self, now=None) -> bool:
        """Working, but no sign of life for longer than a heartbeat allows (or, waiting, than a worker takes)."""
        if not self.is_working:
            return False
        now = now or timezone.now()
        waiting = self.status in self.WAITING
        allowed = settings.IMPORT_QUEUED_STALE_SECONDS if waiting else settings.IMPORT_STALE_SECONDS
        return now - self.last_sign_of_life > dt.timedelta(seconds=allowed)


class ImportRun(BackgroundJob):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be checked"
        CHECKING = "checking", "Checking"
        NEEDS_MAPPING = "needs_mapping", "Columns to match"
        CHECKED = "checked", "Checked: waiting for you to import it"
        CONFIRMED = "confirmed", "Waiting to be imported"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        NOT_IMPORTED = "not_imported", "Not imported: the file has problems"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    ENDED = (Status.DONE, Status.NOT_IMPORTED, Status.FAILED, Status.CANCELLED)
    WORKING = (Status.QUEUED, Status.CHECKING, Status.CONFIRMED, Status.IMPORTING)
    WAITING = (Status.QUEUED, Status.CONFIRMED)

    # A UUID, so the address of someone's import cannot be guessed from another's.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=50, help_text="The registered importer that reads the file")
    publisher = models.ForeignKey("organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="import_runs", help_text="Whose file it is")
    original_name = models.CharField(max_length=250)
    file = models.FileField(upload_to="imports/", blank=True, help_text="Removed once the run has ended")
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="import_runs")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    in_background = models.BooleanField(default=False)
    mapping = models.ForeignKey("imports.ColumnMapping", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="runs")
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    phase_started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # What the check found, then what the import did.
    notes = models.JSONField(default=list, blank=True, help_text="How the file was read")
    problems = models.JSONField(default=list, blank=True, help_text="[{row, column, message}], the first ones")
    problems_total = models.PositiveIntegerField(default=0)
    headings = models.JSONField(default=list, blank=True, help_text="The file's header row")
    preview = models.JSONField(default=dict, blank=True, help_text="{headings, rows}: the first rows as saved")
    checked = models.JSONField(default=dict, blank=True, help_text="The counts the check expects")
    outcome = models.JSONField(default=dict, blank=True, help_text="{counts: [[label, n]], changed: [...]}")
    rows_in_file = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)
    # Accounted-for imports save in batches: the last data row whose batch was committed, to resume after.
    checkpoint_row = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"Import of {self.original_name}"

    @property
    def uploaded_at(self):
        return timezone.localtime(self.created_at)

    @property
    def is_finished(self) -> bool:
        return self.status in self.ENDED

    @property
    def succeeded(self) -> bool:
        return self.status == self.Status.DONE


class ColumnMapping(models.Model):
    """Which column of one publisher's header layout holds each field of one kind of import."""

    kind = models.CharField(max_length=50)
    publisher = models.ForeignKey("organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="column_mappings")
    # Without a publisher, a mapping is remembered for the person who made it.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="column_mappings")
    signature = models.CharField(max_length=64)
    headings = models.JSONField(default=list, help_text="The header row it was made for")
    columns = models.JSONField(default=dict, help_text="{field key: column heading, or '' for not in the file}")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ColumnMappingQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "publisher__name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "publisher", "signature"], name="one_mapping_per_layout",
                                    condition=models.Q(publisher__isnull=False)),
            models.UniqueConstraint(fields=["kind", "owner", "signature"], name="one_own_mapping_per_layout",
                                    condition=models.Q(publisher__isnull=True)),
        ]

    def __str__(self) -> str:
        whose = self.publisher.name if self.publisher_id else "your own files"
        return f"Column mapping for {self.kind} ({whose})"

    def as_importer_mapping(self) -> dict[str, str]:
        """What an importer takes: each field's heading, and the layout's signature to find the header row."""
        return {"__signature__": self.signature, **self.columns}


class RejectedRow(models.Model):
    """A row an accounted-for import did not save, kept with its reasons so it can be downloaded and fixed."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="rejected_rows")
    row = models.PositiveIntegerField()
    values = models.JSONField(default=list, help_text="The row's cells as text")
    reasons = models.JSONField(default=list, help_text="[{column, message}]")

    class Meta:
        ordering = ["run", "row"]
        constraints = [models.UniqueConstraint(fields=["run", "row"], name="one_rejection_per_row")]

    def __str__(self) -> str:
        return f"Row {self.row} of {self.run.original_name}"
