"""Every write to a board report: create, change the narrative, publish (freeze) and start a new draft."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from productivity.accounts.roles import editor_organisation_ids, is_programme_team
from productivity.core.formatting import govuk_date
from productivity.reports.figures.changes import previous_report
from productivity.reports.layouts import get_layout
from productivity.reports.models import PublishedReportError, Report, ReportSection
from productivity.reports.snapshot import compute_snapshot

SCOPE_FIELDS = {"workstream": "workstream", "initiative": "initiative", "council": "organisation"}


def can_write_scope(user, scope: str, target) -> bool:
    """The programme team writes reports of any scope; a council's editors write reports about their council."""
    if is_programme_team(user):
        return True
    return scope == "council" and target is not None and target.pk in editor_organisation_ids(user)


def can_create_reports(user) -> bool:
    return is_programme_team(user) or bool(editor_organisation_ids(user))


def default_title(template: str, scope_name: str, as_at: dt.date) -> str:
    return f"{get_layout(template).name}: {scope_name}, {govuk_date(as_at)}"


def _check(template: str, scope: str, target) -> None:
    try:
        layout = get_layout(template)
    except KeyError as exc:
        raise ValidationError({"template": "Choose a report template"}) from exc
    if scope not in layout.scopes:
        allowed = " or ".join(layout.scopes)
        raise ValidationError({"scope": f"A {layout.name} report covers {allowed}, not {scope}"})
    if scope != "programme" and target is None:
        raise ValidationError({"scope": f"Choose the {scope} the report is about"})


def build_report(*, template: str, scope: str, target, as_at: dt.date, title: str = "", restricted: bool = False,
                 author=None) -> Report:
    """An unsaved report (the command line renders one without storing it)."""
    _check(template, scope, target)
    report = Report(template=template, scope=scope, as_at=as_at, is_restricted=restricted, author=author)
    if scope in SCOPE_FIELDS:
        setattr(report, SCOPE_FIELDS[scope], target)
    report.title = title.strip() or default_title(template, report.scope_name, as_at)
    return report


def _check_sections(report: Report, narrative: dict[str, str] | None) -> None:
    unknown = set(narrative or {}) - set(report.layout.section_keys)
    if unknown:
        raise ValidationError({"narrative": f"{report.layout.name} has no section {', '.join(sorted(unknown))}. "
                                            f"Its sections are {', '.join(report.layout.section_keys)}"})


@transaction.atomic
def create_report(*, user, template: str, scope: str, target, as_at: dt.date, title: str = "",
                  restricted: bool = False, narrative: dict[str, str] | None = None) -> Report:
    """A new draft with every narrative section of its template; PermissionDenied unless ``user`` may write it."""
    if not can_write_scope(user, scope, target):
        raise PermissionDenied("You can only write reports about a council you edit for")
    report = build_report(template=template, scope=scope, target=target, as_at=as_at, title=title,
                          restricted=restricted, author=user)
    _check_sections(report, narrative)
    report.full_clean()
    report.save()
    texts = narrative or {}
    for section in report.layout.sections:
        ReportSection.objects.create(report=report, key=section.key, text=texts.get(section.key, section.default))
    return report


@transaction.atomic
def update_report(report: Report, *, title: str | None = None, as_at: dt.date | None = None,
                  restricted: bool | None = None, narrative: dict[str, str] | None = None) -> Report:
    """Change a draft's title, date, restriction or narrative; a published report raises PublishedReportError."""
    if report.is_published:
        raise PublishedReportError()
    _check_sections(report, narrative)
    changed = False
    for name, value in (("title", title), ("as_at", as_at), ("is_restricted", restricted)):
        if value is not None and getattr(report, name) != value:
            setattr(report, name, value.strip() if isinstance(value, str) else value)
            changed = True
    if changed:
        if not report.title:
            raise ValidationError({"title": "Enter a title"})
        report.full_clean()
        report.save()
    existing = {section.key: section for section in report.sections.all()}
    for key, value in (narrative or {}).items():
        section = existing.get(key) or ReportSection(report=report, key=key)
        if section.pk is None or section.text != value:
            section.text = value
            section.save()
    return report


@transaction.atomic
def publish_report(report: Report, *, user) -> Report:
    """Freeze every figure, table and record behind them into the report; later changes cannot alter it."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise PublishedReportError("This report has already been published.")
    now = timezone.now()
    report.previous = previous_report(report)
    report.snapshot = compute_snapshot(report, with_ledger=True, taken_at=now)
    report.status = Report.Status.PUBLISHED
    report.published_at = now
    report.published_by = user
    report.save()
    return report


@transaction.atomic
def new_draft_from(report: Report, *, user, as_at: dt.date | None = None) -> Report:
    """A new draft of the same template and scope, its narrative copied, dated today unless told otherwise."""
    day = as_at or timezone.localdate()
    return create_report(user=user, template=report.template, scope=report.scope, target=report.scope_object,
                         as_at=day, restricted=report.is_restricted, narrative=report.narrative(),
                         title=default_title(report.template, report.scope_name, day))
