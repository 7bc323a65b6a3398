"""Import projects: one row per project, matched to existing projects by reference.

A blank cell keeps what is recorded; a filled cell replaces it. Partners listed are added to the
project; partners not listed are left alone (removing one is a decision to take on its page).
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from productivity.core.dates import ACCEPTED as DATE_ACCEPTS
from productivity.core.dates import parse_date
from productivity.core.formatting import govuk_date
from productivity.imports import cells
from productivity.imports.all_or_nothing import AllOrNothingImporter
from productivity.imports.base import Outcome, SourceRow
from productivity.imports.headers import Field
from productivity.organisations.models import Organisation
from productivity.programme import services
from productivity.programme.importers.lookups import CODE_ACCEPTS, Lookups
from productivity.programme.models import Participant, Project, ProjectStatus, Rag
from productivity.programme.rules import RESERVED_REFERENCES, reference_format

STATUSES = cells.choice_map(ProjectStatus)
STATUS_ACCEPTS = "one of " + ", ".join(label for _, label in ProjectStatus.choices)
RAGS = cells.choice_map(Rag, {"R": "red", "A": "amber", "G": "green"})
RAG_ACCEPTS = "Red, Amber or Green (or R, A, G)"

# Model field -> the column that sets it, so a refusal from the services names the right column.
MODEL_COLUMNS = {"reference": "reference", "title": "title", "initiative": "initiative", "status": "status",
                 "rag": "rag", "start_date": "start_date", "end_date": "end_date", "is_published": "published",
                 "summary": "summary"}


@dataclass
class ProjectRecord:
    row: int
    reference: str
    existing: Project | None
    values: dict[str, Any]
    lead: Organisation | None
    partners: list[Organisation] = field(default_factory=list)


class ProjectImporter(AllOrNothingImporter):
    kind = "projects"
    title = "Projects"
    noun = "project"
    fields = (
        Field("reference", "Reference", "the project's reference, for example ASC-010", required=True,
              aliases=("project reference", "ref", "project ref", "project id")),
        Field("title", "Title", "the project's name", required=True,
              aliases=("project title", "name", "project name")),
        Field("initiative", "Initiative", "the initiative's name or short name, for example "
              "adult-social-care-efficiency", required=True, aliases=("initiative slug", "initiative name")),
        Field("lead", "Lead organisation code", CODE_ACCEPTS, required=True,
              aliases=("lead organisation", "lead council", "lead council code", "lead code", "lead gss code",
                       "lead")),
        Field("partners", "Partner codes", "codes of the partner organisations separated by ; (semicolons)",
              aliases=("partners", "partner organisation codes", "partner councils", "partner council codes",
                       "partner organisations")),
        Field("status", "Status", STATUS_ACCEPTS, aliases=("project status", "lifecycle status")),
        Field("rag", "RAG", RAG_ACCEPTS, aliases=("rag rating", "rag status")),
        Field("start_date", "Start date", DATE_ACCEPTS, aliases=("start", "starts")),
        Field("end_date", "End date", DATE_ACCEPTS, aliases=("end", "ends", "finish date")),
        Field("published", "Published", "Yes or No (No for new projects when blank)",
              aliases=("is published", "publish")),
        Field("summary", "Summary", "a short description", aliases=("description", "project summary")),
    )
    examples = (
        ("ASC-101", "Telecare for people leaving hospital", "adult-social-care-efficiency", "E10000014",
         "E06000030", "Funded", "Green", "01/04/2012", "31/03/2013", "No",
         "Two councils share one telecare response service."),
        ("ASC-102", "Reablement review", "adult-social-care-efficiency", "E06000030", "", "Proposed", "",
         "2012-06-01", "", "No", ""),
    )

    def shown(self, key: str, value: object) -> str:
        labels = {"status": dict(ProjectStatus.choices), "rag": dict(Rag.choices)}.get(key)
        return str(labels.get(value, value)) if labels and value else super().shown(key, value)

    def __init__(self, user: Any, **options: Any):
        super().__init__(user, **options)
        self.lookups = Lookups(user, programme_wide=self.programme_wide)

    def parse_row(self, row: SourceRow) -> ProjectRecord | None:
        reference = row.text("reference", max_length=Project._meta.get_field("reference").max_length)
        if not reference:
            if row.ok:
                row.problem("reference", "Enter the project's reference, for example ASC-010")
            return None
        existing = self.lookups.project(reference)
        if existing is not None:
            self._check_may_change(row, existing)
        values = {
            "title": row.text("title", max_length=Project._meta.get_field("title").max_length),
            "initiative": row.parse("initiative", self.lookups.initiative),
            "status": row.parse("status", cells.choice, STATUSES, STATUS_ACCEPTS),
            "rag": row.parse("rag", cells.choice, RAGS, RAG_ACCEPTS),
            "start_date": row.parse("start_date", parse_date),
            "end_date": row.parse("end_date", parse_date),
            "is_published": row.parse("published", cells.boolean),
            "summary": row.text("summary"),
        }
        # A blank cell keeps what is recorded: only the values given are written.
        values = {name: value for name, value in values.items() if value not in (None, "")}
        lead = row.parse("lead", self.lookups.organisation)
        partners = row.parse("partners", self.lookups.organisations) or []
        if existing is None:
            self._check_new(row, reference, lead)
        self._check_publishing(row, values, existing)
        self._check_dates(row, values, existing)
        self._check_partners(row, existing, lead, partners)
        return ProjectRecord(row.number, existing.reference if existing else reference, existing, values, lead,
                             partners)

    def _check_may_change(self, row: SourceRow, project: Project) -> None:
        if not self.lookups.can_see(project):
            row.problem("reference", f"The reference {row.text('reference')} is already used by another project: "
                                     "choose a different reference for a new project")
        elif not self.lookups.can_change(project):
            row.problem("reference", f"You can see project {project.reference} but cannot change it: only editors "
                                     "of the councils taking part, and the programme team, can")

    def _check_new(self, row: SourceRow, reference: str, lead: Organisation | None) -> None:
        if not _valid_reference(reference):
            row.problem("reference", f"'{reference}' cannot be a new project's reference. {reference_format.message}")
        for key, name in (("title", "title"), ("initiative", "initiative"), ("lead", "lead organisation code")):
            if not row.given(key):
                row.problem(key, f"Enter the {name} of the new project {row.text('reference')}: "
                                 f"{self.field(key).accepts}")
        if lead is not None and not self.lookups.can_lead(lead):
            row.problem("lead", f"You can create projects only with your own council as the lead, not {lead.name}. "
                                "Ask the programme team to create it, or make your council the lead")

    def _check_publishing(self, row: SourceRow, values: dict[str, Any], existing: Project | None) -> None:
        """As on the project pages, only the programme team publishes or unpublishes projects."""
        wanted = values.get("is_published")
        current = existing.is_published if existing else False
        if wanted is not None and wanted != current and not self.programme_wide:
            row.problem("published", "Only the programme team publishes or unpublishes projects: leave this cell "
                                     "blank, or ask the programme team")

    def _check_dates(self, row: SourceRow, values: dict[str, Any], existing: Project | None) -> None:
        start = values.get("start_date") or (existing.start_date if existing else None)
        end = values.get("end_date") or (existing.end_date if existing else None)
        if start and end and end < start:
            row.problem("end_date", f"The end date ({govuk_date(end)}) is before the start date "
                                    f"({govuk_date(start)}): it must be the same day or later")

    def _check_partners(self, row: SourceRow, existing: Project | None, lead: Organisation | None,
                        partners: list[Organisation]) -> None:
        effective_lead = lead or (existing.lead if existing else None)
        if effective_lead is not None and effective_lead in partners:
            row.problem("partners", f"{effective_lead.name} leads this project, so it cannot also be a partner: "
                                    "remove its code from the partner codes")

    def check(self, records: list[ProjectRecord]) -> None:
        first_rows: dict[str, int] = {}
        for record in records:
            seen = first_rows.setdefault(record.reference.upper(), record.row)
            if seen != record.row:
                self.problem(record.row, "reference", f"Project {record.reference} is also in row {seen}: "
                                                      "give each project one row")

    def save(self, records: list[ProjectRecord], outcome: Outcome) -> None:
        for label in ("Projects created", "Projects updated", "Projects unchanged"):
            outcome.count(label, 0)
        for record in records:
            try:
                if record.existing is None:
                    self._create(record)
                    outcome.count("Projects created")
                    outcome.touched(record.reference)
                elif self._update(record):
                    outcome.count("Projects updated")
                    outcome.touched(record.reference)
                else:
                    outcome.count("Projects unchanged")
                    outcome.unchanged_rows += 1
            except ValidationError as error:
                raise self.refused(record.row, error, MODEL_COLUMNS) from error

    def _create(self, record: ProjectRecord) -> None:
        project = Project(reference=record.reference, **record.values)
        services.create_project(project, record.lead)
        for partner in record.partners:
            services.set_participant(project, partner, Participant.Role.PARTNER)

    def plan(self, records: list[ProjectRecord], outcome: Outcome) -> None:
        """What save would do, without saving: created, updated or unchanged, by the same comparison."""
        for label in ("Projects created", "Projects updated", "Projects unchanged"):
            outcome.count(label, 0)
        for record in records:
            if record.existing is None:
                outcome.count("Projects created")
                outcome.touched(record.reference)
            elif self._changes(record) or self._new_participants(record):
                outcome.count("Projects updated")
                outcome.touched(record.reference)
            else:
                outcome.count("Projects unchanged")
                outcome.unchanged_rows += 1

    @staticmethod
    def _changes(record: ProjectRecord) -> dict[str, Any]:
        """The values the row gives that differ from what is recorded."""
        project = record.existing
        return {name: value for name, value in record.values.items() if getattr(project, name) != value}

    @staticmethod
    def _new_participants(record: ProjectRecord) -> list[tuple[Organisation, str]]:
        """The lead and partners the row adds to the project."""
        roles = {p.organisation_id: p.role for p in record.existing.participants.all()}
        added = []
        if record.lead is not None and roles.get(record.lead.pk) != Participant.Role.LEAD:
            added.append((record.lead, Participant.Role.LEAD))
        added += [(partner, Participant.Role.PARTNER) for partner in record.partners if partner.pk not in roles]
        return added

    def _update(self, record: ProjectRecord) -> bool:
        """Apply the row to its project; True if anything changed."""
        project = record.existing
        changes = self._changes(record)
        added = self._new_participants(record)
        for name, value in changes.items():
            setattr(project, name, value)
        if changes:
            services.save(project)
        for organisation, role in added:
            services.set_participant(project, organisation, role)
        return bool(changes or added)


def _valid_reference(reference: str) -> bool:
    if reference.lower() in RESERVED_REFERENCES:
        return False
    try:
        reference_format(reference)
    except ValidationError:
        return False
    return True
