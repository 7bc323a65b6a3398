"""Every write to a board report: create, change, the clearance (submit, clear, publish), corrections.

A paper goes draft → submitted → cleared → published. Its writers submit it; a member of the programme
team who neither wrote nor submitted it clears it; its writers then publish it, which freezes it. A
published paper is never changed or deleted: a correction is a new paper that says what was corrected
and, once published, supersedes it (both link to each other). Each step sends a signal (signals.py).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from productivity.accounts.roles import editor_organisation_ids, is_programme_team
from productivity.core.formatting import govuk_date
from productivity.reports.figures.changes import previous_report
from productivity.reports.layouts import get_layout
from productivity.reports.models import PublishedReportError, Report, ReportSection
from productivity.reports.signals import (
    paper_cleared,
    paper_published,
    paper_returned,
    paper_submitted,
    send_on_commit,
)
from productivity.reports.snapshot import compute_snapshot, for_storage

SCOPE_FIELDS = {"workstream": "workstream", "initiative": "initiative", "council": "organisation"}
# What a paper says about its meeting and contact officer: changed with the narrative while it is a draft.
PAPER_FIELDS = ("meeting", "meeting_date", "agenda_item", "paper_status", "marking", "contact_name",
                "contact_position", "contact_phone", "contact_email", "correction")
# Carried into the next paper of the same scope (the meeting's date and agenda item are the next meeting's own).
CARRIED_FIELDS = ("meeting", "paper_status", "marking", "contact_name", "contact_position", "contact_phone",
                  "contact_email")


class ClearanceError(Exception):
    """A step of the clearance taken out of turn (publishing an uncleared paper, clearing a draft...)."""


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
    if author is not None:
        # The author is the contact officer until someone says otherwise.
        report.contact_name = getattr(author, "full_name", "") or ""
        report.contact_email = getattr(author, "email", "") or ""
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
                  restricted: bool = False, narrative: dict[str, str] | None = None, **paper_fields) -> Report:
    """A new draft with every narrative section of its template; PermissionDenied unless ``user`` may write it."""
    if not can_write_scope(user, scope, target):
        raise PermissionDenied("You can only write reports about a council you edit for")
    report = build_report(template=template, scope=scope, target=target, as_at=as_at, title=title,
                          restricted=restricted, author=user)
    _check_sections(report, narrative)
    for name, value in paper_fields.items():
        if name not in PAPER_FIELDS:
            raise TypeError(f"A report has no field {name}")
        setattr(report, name, value)
    report.full_clean()
    report.save()
    texts = narrative or {}
    for section in report.layout.sections:
        ReportSection.objects.create(report=report, key=section.key, text=texts.get(section.key, section.default))
    return report


@transaction.atomic
def update_report(report: Report, *, title: str | None = None, as_at: dt.date | None = None,
                  restricted: bool | None = None, narrative: dict[str, str] | None = None,
                  **paper_fields) -> Report:
    """Change a draft's title, date, restriction, meeting, contact officer or narrative.

    A published report raises PublishedReportError; one submitted or cleared raises ClearanceError (return
    it to draft first, so that what was cleared is what is published)."""
    if report.is_published:
        raise PublishedReportError()
    if not report.is_draft:
        raise ClearanceError("This paper has been submitted for clearance. Return it to draft to change it.")
    _check_sections(report, narrative)
    unknown = set(paper_fields) - set(PAPER_FIELDS)
    if unknown:
        raise TypeError(f"A report has no field {', '.join(sorted(unknown))}")
    changed = False
    values = [("title", title), ("as_at", as_at), ("is_restricted", restricted), *paper_fields.items()]
    for name, value in values:
        # A meeting date can be removed; any other field left out (None) stays as it is.
        given = value is not None or (name == "meeting_date" and name in paper_fields)
        if given and getattr(report, name) != value:
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


def may_write(user, report: Report) -> bool:
    return Report.objects.editable_by(user).filter(pk=report.pk).exists()


def why_not_clear(user, report: Report) -> str | None:
    """Why ``user`` may not clear ``report`` (a sentence for the page), or None if they may."""
    if report.status != Report.Status.SUBMITTED:
        return "Only a paper submitted for clearance can be cleared."
    if not is_programme_team(user):
        return "A paper is cleared by a member of the programme team."
    if user.pk in {report.author_id, report.submitted_by_id}:
        return ("You wrote or submitted this paper, so another member of the programme team must clear it: "
                "a paper is never cleared by its author.")
    return None


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def submit_report(report: Report, *, user) -> Report:
    """Send a draft for clearance; its writers only. It cannot be changed while it waits."""
    report = _locked(report)
    if not report.is_draft:
        raise ClearanceError("Only a draft can be submitted for clearance.")
    if not may_write(user, report):
        raise PermissionDenied("Only the paper's writers can submit it.")
    if report.corrects_id and not report.correction.strip():
        raise ValidationError({"correction": "Say what this version corrects"})
    report.status, report.submitted_at, report.submitted_by = Report.Status.SUBMITTED, timezone.now(), user
    report.save()
    send_on_commit(paper_submitted, report, by=user)
    return report


@transaction.atomic
def clear_report(report: Report, *, user) -> Report:
    """Clear a submitted paper for publication: a programme-team member other than its author and submitter."""
    report = _locked(report)
    reason = why_not_clear(user, report)
    if not is_programme_team(user):
        raise PermissionDenied("A paper is cleared by a member of the programme team.")
    if report.status != Report.Status.SUBMITTED:
        raise ClearanceError(reason)
    if reason is not None:
        raise PermissionDenied(reason)
    report.status, report.cleared_at, report.cleared_by = Report.Status.CLEARED, timezone.now(), user
    report.save()
    send_on_commit(paper_cleared, report, by=user)
    return report


@transaction.atomic
def return_to_draft(report: Report, *, user, reason: str = "") -> Report:
    """Take a submitted or cleared paper back to draft (its clearance is lost): its writers or a clearer."""
    report = _locked(report)
    if not (may_write(user, report) or is_programme_team(user)):
        raise PermissionDenied("Only the paper's writers and the programme team can return it to draft.")
    if report.status not in {Report.Status.SUBMITTED, Report.Status.CLEARED}:
        raise ClearanceError("Only a paper submitted or cleared can be returned to draft.")
    report.status = Report.Status.DRAFT
    report.submitted_at = report.submitted_by = report.cleared_at = report.cleared_by = None
    report.save()
    send_on_commit(paper_returned, report, by=user, reason=reason.strip())
    return report


@transaction.atomic
def publish_report(report: Report, *, user) -> Report:
    """Freeze every figure, table and record behind a cleared paper into it; later changes cannot alter it.

    A correction supersedes the paper it corrects, which is kept as it was published."""
    report = _locked(report)
    if report.is_published:
        raise PublishedReportError("This report has already been published.")
    if report.status != Report.Status.CLEARED:
        raise ClearanceError("A paper is published once it has been cleared by a second member of the programme "
                             "team.")
    if not may_write(user, report):
        raise PermissionDenied("Only the paper's writers can publish it.")
    if report.corrects_id and report.corrects.superseded_by is not None:
        raise ClearanceError("The paper this corrects has already been superseded by another correction.")
    now = timezone.now()
    report.previous = previous_report(report)
    report.snapshot = for_storage(compute_snapshot(report, with_ledger=True, taken_at=now))
    report.status = Report.Status.PUBLISHED
    report.published_at = now
    report.published_by = user
    report.save()
    send_on_commit(paper_published, report, by=user, supersedes=report.corrects)
    return report


@transaction.atomic
def start_correction(report: Report, *, user, correction: str) -> Report:
    """A draft correcting a published paper: the same paper recomputed from the corrected records, saying what
    was corrected. Once cleared and published it supersedes the original, which is kept."""
    if not report.is_published:
        raise ClearanceError("Only a published paper can be corrected; change the draft instead.")
    if not correction.strip():
        raise ValidationError({"correction": "Say what the corrected version corrects, for example which figure "
                                             "was wrong and why"})
    if report.superseded_by is not None:
        raise ClearanceError("This paper has already been superseded; correct the version that replaced it.")
    pending = report.corrections.exclude(status=Report.Status.PUBLISHED).first()
    if pending is not None:
        raise ClearanceError(f"A correction of this paper is already being prepared: “{pending.title}”.")
    carried = {name: getattr(report, name) for name in (*CARRIED_FIELDS, "meeting_date", "agenda_item")}
    draft = create_report(user=user, template=report.template, scope=report.scope, target=report.scope_object,
                          as_at=report.as_at, restricted=report.is_restricted, narrative=report.narrative(),
                          title=f"{report.title} (corrected)"[:250], **carried)
    draft.corrects, draft.correction = report, correction.strip()
    draft.save()
    return draft


@transaction.atomic
def new_draft_from(report: Report, *, user, as_at: dt.date | None = None) -> Report:
    """A new draft of the same template and scope, its narrative copied, dated today unless told otherwise."""
    day = as_at or timezone.localdate()
    return create_report(user=user, template=report.template, scope=report.scope, target=report.scope_object,
                         as_at=day, restricted=report.is_restricted, narrative=report.narrative(),
                         title=default_title(report.template, report.scope_name, day),
                         **{name: getattr(report, name) for name in CARRIED_FIELDS})
