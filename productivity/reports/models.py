"""Board reports: a paper's template, scope, reporting date and narrative, and when published a
frozen snapshot of every figure and table it showed.

Figures are never stored on a draft: a draft is computed from the records each time it is shown.
Publishing stores the snapshot (figures as strings) and makes the report and its sections read-only.
"""

from django.conf import settings
from django.db import models

from productivity.organisations.models import Organisation
from productivity.programme.models import Initiative, Workstream
from productivity.reports.layouts import LAYOUT_CHOICES, get_layout
from productivity.reports.queries import ReportQuerySet


class PublishedReportError(Exception):
    """A published report is frozen: start a new draft instead of changing it."""

    def __init__(self, message: str = "A published report cannot be changed. Start a new draft from it instead."):
        super().__init__(message)


class ScopeKind(models.TextChoices):
    PROGRAMME = "programme", "Whole programme"
    WORKSTREAM = "workstream", "One workstream"
    INITIATIVE = "initiative", "One initiative"
    COUNCIL = "council", "One council"


class PaperStatus(models.TextChoices):
    """What the meeting is asked to do with the paper, as committee papers say under their title."""

    DECISION = "decision", "For decision"
    DISCUSSION = "discussion", "For discussion"
    INFORMATION = "information", "For information"


class Marking(models.TextChoices):
    """Government Security Classifications: the platform holds nothing above OFFICIAL-SENSITIVE."""

    OFFICIAL = "OFFICIAL", "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"


DEFAULT_MEETING = "Improvement Programme Board"


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for clearance"
        CLEARED = "cleared", "Cleared for publication"
        PUBLISHED = "published", "Published"

    template = models.CharField(max_length=40, choices=LAYOUT_CHOICES)
    title = models.CharField(max_length=250)
    scope = models.CharField(max_length=12, choices=ScopeKind.choices, default=ScopeKind.PROGRAMME)
    workstream = models.ForeignKey(Workstream, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(Initiative, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="reports",
        help_text="The council a council-scoped report is about",
    )
    as_at = models.DateField("Reporting date", help_text="Figures as they stood at the end of this day")
    is_restricted = models.BooleanField(
        "Restricted", default=False,
        help_text="Counts unpublished records too, and is never shown to the public",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The meeting the paper goes to, printed in its header on every page.
    meeting = models.CharField("Meeting", max_length=200, default=DEFAULT_MEETING, blank=True)
    meeting_date = models.DateField("Date of meeting", null=True, blank=True)
    agenda_item = models.CharField("Agenda item", max_length=20, blank=True, help_text="For example, 4 or 4a")
    paper_status = models.CharField("Paper status", max_length=12, choices=PaperStatus.choices,
                                    default=PaperStatus.DISCUSSION)
    marking = models.CharField("Security marking", max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    # The contact officer, filled from the author's profile when the report is started and editable after.
    contact_name = models.CharField("Contact officer", max_length=150, blank=True)
    contact_position = models.CharField("Position", max_length=150, blank=True)
    contact_phone = models.CharField("Phone", max_length=40, blank=True)
    contact_email = models.EmailField("Email", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections",
        help_text="The published paper this one corrects; it is superseded once this one is published",
    )
    correction = models.TextField("What was corrected", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="reports")
    snapshot = models.JSONField(null=True, blank=True, help_text="Every figure and table, frozen when published")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The published report of the same scope this one was compared with",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-as_at", "-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="report_scope_names_one_object",
                condition=(
                    models.Q(scope="programme", workstream__isnull=True, initiative__isnull=True,
                             organisation__isnull=True)
                    | models.Q(scope="workstream", workstream__isnull=False, initiative__isnull=True,
                               organisation__isnull=True)
                    | models.Q(scope="initiative", workstream__isnull=True, initiative__isnull=False,
                               organisation__isnull=True)
                    | models.Q(scope="council", workstream__isnull=True, initiative__isnull=True,
                               organisation__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="published_report_has_snapshot",
                condition=models.Q(status__in=["draft", "submitted", "cleared"], snapshot__isnull=True)
                | models.Q(status="published", snapshot__isnull=False, published_at__isnull=False),
            ),
            models.CheckConstraint(
                name="cleared_report_names_its_clearer",
                condition=~models.Q(status="cleared") | models.Q(cleared_at__isnull=False),
            ),
            models.CheckConstraint(
                name="correction_says_what_was_corrected",
                condition=models.Q(corrects__isnull=True) | ~models.Q(correction=""),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self._stored_status() == self.Status.PUBLISHED:
            raise PublishedReportError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_status() == self.Status.PUBLISHED:
            raise PublishedReportError("A published report cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def layout(self):
        return get_layout(self.template)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def superseded_by(self) -> "Report | None":
        """The published correction that replaced this paper, if any (the paper itself is kept)."""
        if not self.is_published or self.pk is None:
            return None
        return self.corrections.published().order_by("published_at").first()

    @property
    def scope_object(self):
        return {"workstream": self.workstream, "initiative": self.initiative, "council": self.organisation}.get(
            self.scope)

    @property
    def scope_name(self) -> str:
        target = self.scope_object
        return str(target) if target is not None else "Whole programme"

    def narrative(self) -> dict[str, str]:
        """Section key -> text, with every section of the template present."""
        stored = {section.key: section.text for section in self.sections.all()} if self.pk else {}
        return {section.key: stored.get(section.key, section.default) for section in self.layout.sections}

    def _stored_status(self) -> str | None:
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()


class ReportSection(models.Model):
    """One narrative section of a report (purpose, recommendations, discussion ...)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=40)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="one_section_per_key")]

    def __str__(self) -> str:
        try:
            return self.report.layout.section(self.key).heading
        except (KeyError, StopIteration):
            return self.key

    def save(self, *args, **kwargs):
        if self.report._stored_status() == Report.Status.PUBLISHED:
            raise PublishedReportError()
        super().save(*args, **kwargs)

    def audit_parent(self):
        return self.report
