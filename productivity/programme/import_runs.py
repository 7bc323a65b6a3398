"""A record of each uploaded import: its file while it waits, then what happened.

Kept apart from models.py because it is bookkeeping for the import pages and the background
worker, not part of the portfolio. The programme app loads it with its models (see apps.py).
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from productivity.accounts.roles import is_programme_team, is_signed_in

# Imports of the largest files take minutes; an hour means something has stopped.
STALLED_AFTER = dt.timedelta(hours=1)


class ImportRunQuerySet(models.QuerySet):
    def visible_to(self, user):
        """People see their own imports; the programme team sees everyone's."""
        if is_programme_team(user):
            return self
        if not is_signed_in(user):
            return self.none()
        return self.filter(uploaded_by=user)

    def editable_by(self, user):
        return self.visible_to(user)


class ImportRun(models.Model):
    class Kind(models.TextChoices):
        PROJECTS = "projects", "Projects"
        SAVINGS = "savings", "Savings"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    # A UUID, so the address of someone's import result cannot be guessed from another's.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    original_name = models.CharField(max_length=250)
    file = models.FileField(upload_to="imports/", blank=True, help_text="Removed once the import has run")
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="import_runs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    in_background = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_read = models.PositiveIntegerField(default=0)
    notes = models.JSONField(default=list, blank=True, help_text="How the file was read")
    problems = models.JSONField(default=list, blank=True, help_text="[{row, column, message}]")
    outcome = models.JSONField(default=dict, blank=True, help_text="{counts: [[label, n]], changed: [reference]}")
    error = models.TextField(blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        app_label = "programme"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import of {self.original_name}"

    @property
    def uploaded_at(self):
        """When it was uploaded, in the platform's time zone (as people read times)."""
        return timezone.localtime(self.created_at)

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def is_stalled(self) -> bool:
        """Waiting or running for far longer than any import takes: the worker has probably stopped.

        The whole import is one transaction, so a run that stopped part way saved nothing.
        """
        if self.is_finished:
            return False
        since = self.started_at or self.created_at
        return timezone.now() - since > STALLED_AFTER

    @property
    def imported(self) -> bool:
        """Finished, with every row saved."""
        return self.status == self.Status.DONE and not self.problems
