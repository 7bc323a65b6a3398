"""Import savings and their amounts: one row per amount (or per saving, with the amount columns blank).

A saving is matched by its saving reference when the file gives one (the benefits register's
download does: ASC-001-S01; a download from before references, which gave the saving's number,
still matches by that number), otherwise by (project, council, title); an amount by (saving,
financial year, kind).
The saving's details may be repeated on each of its rows or given once: rows that give different
values are reported. Services come from the controlled list of service headings, so that savings
two projects claim for the same council's service in the same year are found and reported.
Amounts go through services.record_amount, so realised amounts keep their rules (baseline first,
evidence, back to unverified when changed).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from productivity.core.dates import ACCEPTED as DATE_ACCEPTS
from productivity.core.dates import parse_date
from productivity.core.fiscal import ACCEPTED as YEAR_ACCEPTS
from productivity.core.fiscal import financial_year_label, parse_financial_year
from productivity.imports import cells
from productivity.imports.all_or_nothing import AllOrNothingImporter
from productivity.imports.base import Outcome, SourceRow
from productivity.imports.headers import Field
from productivity.organisations.models import Organisation
from productivity.programme import services
from productivity.programme.importers.lookups import CODE_ACCEPTS, Lookups
from productivity.programme.models import AmountKind, Evidence, Project, Saving, SavingAmount
from productivity.programme.rules import FIRST_YEAR, LAST_YEAR
from productivity.programme.service_headings import SERVICES_ACCEPTED, parse_service, service_heading, service_key

CLASSES = cells.choice_map(Saving.BenefitClass)
RECURRENCES = cells.choice_map(Saving.Recurrence, {"annual": "recurring", "one time": "one_off", "once": "one_off"})
KINDS = cells.choice_map(AmountKind)
SAVING_FIELDS = ("description", "service", "measure", "owner", "benefit_class", "recurrence", "is_disbenefit",
                 "baseline_value", "baseline_date", "baseline_description")
# Model field -> column, so a refusal from the services names the right column.
SAVING_COLUMNS = {name: name for name in SAVING_FIELDS} | {"is_disbenefit": "disbenefit", "title": "title",
                                                            "organisation": "council", "project": "project"}
AMOUNT_COLUMNS = {"financial_year": "financial_year", "kind": "kind", "amount": "amount",
                  "delivery_cost": "delivery_cost", "evidence_notes": "evidence_notes", "__all__": "kind"}


@dataclass
class AmountLine:
    row: int
    financial_year: int
    kind: str
    amount: Decimal
    delivery_cost: Decimal | None  # None: keep what is recorded (nothing for a new amount)
    evidence_notes: str | None


@dataclass
class SavingRecord:
    row: int
    project: Project
    organisation: Organisation
    title: str
    values: dict[str, Any]
    amount: AmountLine | None
    saving_id: int | str | None = None  # a reference (casefolded), or the number an older download gave
    unreadable: set[str] = field(default_factory=set)  # cells given that could not be read


@dataclass
class SavingGroup:
    """Every row of one saving, merged."""

    first_row: int
    project: Project
    organisation: Organisation
    title: str
    values: dict[str, Any] = field(default_factory=dict)
    given_in: dict[str, int] = field(default_factory=dict)
    amounts: dict[tuple[int, str], AmountLine] = field(default_factory=dict)
    existing: Saving | None = None
    rows: list[int] = field(default_factory=list)
    saving_id: int | str | None = None
    unreadable: set[str] = field(default_factory=set)

    @property
    def named_as(self) -> str:
        return (f"the reference {self.saving_id.upper()}" if isinstance(self.saving_id, str)
                else f"the number {self.saving_id}")


def _year(value: object) -> int | None:
    raw = cells.text(value)
    if not raw:
        return None
    year = parse_financial_year(raw)
    # The same years the pages and the API accept.
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"'{raw}' is outside the programme: use a financial year from "
                         f"{financial_year_label(FIRST_YEAR)} to {financial_year_label(LAST_YEAR)}")
    return year


def _service(value: object) -> str | None:
    raw = cells.text(value)
    return parse_service(raw) if raw else None


SAVING_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*-S\d+$", re.IGNORECASE)


def _saving_id(value: object) -> int | str | None:
    """A saving's reference (compared ignoring case); the plain number of a download made before references."""
    raw = cells.text(value)
    if not raw:
        return None
    if raw.isdigit():
        return int(raw)
    if not SAVING_REFERENCE.match(raw):
        raise ValueError(f"'{raw}' is not a saving reference: use the reference the benefits register's download "
                         "gives, for example ASC-001-S01, or leave it blank for a new saving")
    return raw.casefold()


class SavingsImporter(AllOrNothingImporter):
    kind = "savings"
    title = "Savings"
    noun = "saving amount"
    fields = (
        Field("project", "Project reference", "the reference of a project you can change, for example ASC-001",
              required=True, aliases=("project", "project ref", "reference")),
        Field("council", "Council code", f"the council the saving accrues to: {CODE_ACCEPTS}", required=True,
              aliases=("council", "council gss code", "organisation code", "organisation", "council code gss")),
        Field("title", "Saving title", "a short name for the saving", required=True,
              aliases=("saving", "saving name", "title", "benefit", "benefit title")),
        Field("description", "Description", "what the saving is", aliases=("saving description",)),
        Field("service", "Service", f"the service heading the saving is claimed against: {SERVICES_ACCEPTED}",
              aliases=("service area", "service heading")),
        Field("measure", "Measure", "how the saving is measured", aliases=("how measured",)),
        Field("owner", "Owner", "the person accountable for realising it", aliases=("saving owner", "benefit owner")),
        Field("benefit_class", "Class", "Cashable or Non-cashable", aliases=("benefit class", "cashable")),
        Field("recurrence", "Recurrence", "Recurring (annual) or One-off", aliases=("recurring", "one off")),
        Field("disbenefit", "Dis-benefit", "Yes or No (No when blank)", aliases=("is disbenefit",)),
        Field("baseline_value", "Baseline value", "the baseline in pounds, for example £4,000,000",
              aliases=("baseline", "baseline amount")),
        Field("baseline_date", "Baseline date", f"the date the baseline was measured: {DATE_ACCEPTS}"),
        Field("baseline_description", "Baseline description", "what the baseline measured"),
        Field("financial_year", "Financial year", f"a financial year written as {YEAR_ACCEPTS}",
              aliases=("year", "fy", "financial year starting")),
        Field("kind", "Kind", "Expected, Forecast or Realised", aliases=("amount kind", "type", "amount type")),
        Field("amount", "Amount", cells.MONEY_ACCEPTS, aliases=("value", "saving amount")),
        Field("delivery_cost", "Delivery cost", f"the cost of delivering the amount: {cells.MONEY_ACCEPTS}",
              aliases=("cost", "cost of delivery", "delivery costs")),
        Field("evidence_notes", "Evidence notes", "the evidence that a realised amount was realised",
              aliases=("evidence",)),
        Field("saving_id", "Saving reference", "the saving's reference from the benefits register's download, for "
              "example ASC-001-S01 (blank for a new saving)",
              aliases=("saving id", "saving number", "saving ref", "benefit id", "benefit reference")),
    )
    together = (("financial_year", "kind", "amount"),)
    examples = (
        ("ASC-001", "E10000014", "Fewer residential placements", "More people supported at home",
         "Adult social care", "Placements per 10,000 over-65s", "Head of adult services", "Cashable",
         "Recurring", "No", "£4,000,000", "31/03/2011", "Spend on placements 2010/11", "2012/13", "Expected",
         "£500,000.00", "£25,000", "", ""),
        ("ASC-001", "E10000014", "Fewer residential placements", "", "", "", "", "", "", "", "", "", "",
         "2012/13", "Realised", "£420,000", "£25,000", "Placement records, April 2012 to March 2013", ""),
    )

    def __init__(self, user: Any, **options: Any):
        super().__init__(user, **options)
        self.lookups = Lookups(user, programme_wide=self.programme_wide)
        self.groups: list[SavingGroup] = []

    # ---- one row ---------------------------------------------------------------------------------

    def parse_row(self, row: SourceRow) -> SavingRecord | None:
        project = self._project(row)
        organisation = row.parse("council", self.lookups.organisation)
        if not row.given("council"):
            row.problem("council", f"Enter the code of the council the saving accrues to: {CODE_ACCEPTS}")
        if project is not None and organisation is not None and not _takes_part(project, organisation):
            row.problem("council", f"{organisation.name} does not take part in project {project.reference}: "
                                   "add it to the project first, or use the code of a council that takes part")
        title = row.text("title", max_length=Saving._meta.get_field("title").max_length)
        if not row.given("title"):
            row.problem("title", "Enter the saving's title, for example Fewer residential placements")
        saving_id = row.parse("saving_id", _saving_id)
        values = self._saving_values(row)
        line = self._amount_line(row)
        if project is None or organisation is None or not title:
            return None
        # A cell given but unreadable already has its problem: checks that need its value are not made.
        unreadable = {name for name in SAVING_FIELDS if row.given(SAVING_COLUMNS[name]) and name not in values}
        return SavingRecord(row.number, project, organisation, title, values, line, saving_id, unreadable)

    def _project(self, row: SourceRow) -> Project | None:
        reference = row.text("project")
        if not reference:
            row.problem("project", "Enter the reference of the project the saving belongs to, for example ASC-001")
            return None
        project = self.lookups.project(reference)
        if project is None or not self.lookups.can_see(project):
            row.problem("project", f"No project you can change has the reference '{reference}': check the "
                                   "reference on the Projects page")
            return None
        if not self.lookups.can_change(project):
            row.problem("project", f"You can see project {project.reference} but cannot change it: only editors of "
                                   "the councils taking part, and the programme team, can import its savings")
            return None
        return project

    def _saving_values(self, row: SourceRow) -> dict[str, Any]:
        def limited(key: str) -> str:
            return row.text(key, max_length=Saving._meta.get_field(key).max_length)

        values = {
            "description": row.text("description"),
            "service": row.parse("service", _service),
            "measure": limited("measure"),
            "owner": limited("owner"),
            "benefit_class": row.parse("benefit_class", cells.choice, CLASSES, self.field("benefit_class").accepts),
            "recurrence": row.parse("recurrence", cells.choice, RECURRENCES, self.field("recurrence").accepts),
            "is_disbenefit": row.parse("disbenefit", cells.boolean),
            "baseline_value": row.parse("baseline_value", cells.money),
            "baseline_date": row.parse("baseline_date", parse_date),
            "baseline_description": limited("baseline_description"),
        }
        # A blank cell says nothing: the saving's other rows, or what is recorded, give the value.
        return {name: value for name, value in values.items() if value not in (None, "")}

    def _amount_line(self, row: SourceRow) -> AmountLine | None:
        if not any(row.given(key) for key in ("financial_year", "kind", "amount")):
            for key in ("delivery_cost", "evidence_notes"):
                if row.given(key):
                    row.problem(key, "This belongs to an amount: fill in the financial year, kind and amount too, "
                                     "or leave it blank")
            return None
        year = row.parse("financial_year", _year)
        kind = row.parse("kind", cells.choice, KINDS, self.field("kind").accepts)
        amount = row.parse("amount", cells.money)
        for key, value in (("financial_year", year), ("kind", kind), ("amount", amount)):
            if value is None and not row.given(key):
                row.problem(key, f"Enter the {self.field(key).header.lower()} of this amount: "
                                 f"{self.field(key).accepts}")
        delivery_cost = row.parse("delivery_cost", cells.money)
        notes = row.text("evidence_notes") if row.given("evidence_notes") else None
        if None in (year, kind, amount):
            return None
        return AmountLine(row.number, year, kind, amount, delivery_cost, notes)

    # ---- across rows -----------------------------------------------------------------------------

    def check(self, records: list[SavingRecord]) -> None:
        by_key: dict[tuple, SavingGroup] = {}
        for record in records:
            group_key = (("id", record.saving_id) if record.saving_id is not None else
                         (record.project.pk, record.organisation.pk, record.title.casefold()))
            group = by_key.get(group_key)
            if group is None:
                group = SavingGroup(record.row, record.project, record.organisation, record.title,
                                    saving_id=record.saving_id)
                by_key[group_key] = group
                self.groups.append(group)
            self._merge(group, record)
        existing = self._existing_savings({group.project.pk for group in self.groups})
        by_id = {saving.pk: saving for matches in existing.values() for saving in matches}
        by_id |= {saving.reference.casefold(): saving for matches in existing.values() for saving in matches}
        for group in self.groups:
            if group.saving_id is not None:
                group.existing = by_id.get(group.saving_id)
                if group.existing is None or group.existing.project_id != group.project.pk:
                    self.problem(group.first_row, "saving_id", f"Project {group.project.reference} has no saving "
                                                               f"with {group.named_as}: check the reference, or "
                                                               "leave it blank to add a new saving")
                    continue
                self._check_group(group)
                continue
            matches = existing.get((group.project.pk, group.organisation.pk, group.title.casefold()), [])
            if len(matches) > 1:
                self.problem(group.first_row, "title", f"Project {group.project.reference} has more than one saving "
                                                       f"called '{group.title}' for {group.organisation.name}: "
                                                       "rename one on the project's page first")
                continue
            group.existing = matches[0] if matches else None
            self._check_group(group)

    def _merge(self, group: SavingGroup, record: SavingRecord) -> None:
        group.rows.append(record.row)
        group.unreadable |= record.unreadable
        identity = (record.project.pk, record.organisation.pk, record.title.casefold())
        if group.saving_id is not None and identity != (group.project.pk, group.organisation.pk,
                                                        group.title.casefold()):
            self.problem(record.row, "title", f"The saving with {group.named_as} is given a different project, "
                                              f"council or title in row {group.first_row}: give each saving one of "
                                              "each")
        for name, value in record.values.items():
            if name not in group.values:
                group.values[name] = value
                group.given_in[name] = record.row
            elif group.values[name] != value:
                column = SAVING_COLUMNS[name]
                self.problem(record.row, column, f"This saving's {self.field(column).header.lower()} is "
                                                 f"'{cells.text(value)}' here but '{cells.text(group.values[name])}' "
                                                 f"in row {group.given_in[name]}: give one value, or leave the cell "
                                                 "blank")
        line = record.amount
        if line is None:
            return
        earlier = group.amounts.get((line.financial_year, line.kind))
        if earlier is not None:
            self.problem(line.row, "kind", f"The {line.kind} amount for {financial_year_label(line.financial_year)} "
                                           f"of this saving is also in row {earlier.row}: give it once")
        else:
            group.amounts[(line.financial_year, line.kind)] = line

    @staticmethod
    def _existing_savings(project_ids: set[int]) -> dict[tuple[int, int, str], list[Saving]]:
        found: dict[tuple[int, int, str], list[Saving]] = {}
        for saving in Saving.objects.filter(project_id__in=project_ids).prefetch_related("amounts"):
            found.setdefault((saving.project_id, saving.organisation_id, saving.title.casefold()), []).append(saving)
        return found

    def _check_group(self, group: SavingGroup) -> None:
        saving = group.existing
        if saving is None:
            for key in ("service", "measure", "owner"):
                if key not in group.values and key not in group.unreadable:
                    self.problem(group.first_row, key, f"Enter the {key} of the new saving '{group.title}': "
                                                       f"{self.field(key).accepts}")
        value = group.values.get("baseline_value", saving.baseline_value if saving else None)
        date = group.values.get("baseline_date", saving.baseline_date if saving else None)
        # An unreadable baseline cell is the problem: saying the baseline is incomplete would be a second one.
        baseline_read = not group.unreadable & {"baseline_value", "baseline_date"}
        if baseline_read and (value is None) != (date is None):
            missing = "baseline_date" if date is None else "baseline_value"
            self.problem(group.given_in.get("baseline_value" if date is None else "baseline_date", group.first_row),
                         missing, "Give both the baseline value and the date it was measured, or neither")
        for line in group.amounts.values():
            if line.kind != AmountKind.REALISED:
                continue
            if baseline_read and (value is None or date is None):
                self.problem(line.row, "kind", "A realised amount needs the saving's baseline first: fill in the "
                                               "baseline value and baseline date (on this row or another row of the "
                                               "same saving)")
            if not self._has_evidence(saving, line):
                self.problem(line.row, "evidence_notes", "Describe the evidence that this amount was realised, for "
                                                         "example 'Finance ledger extract, March 2013'")

    @staticmethod
    def _has_evidence(saving: Saving | None, line: AmountLine) -> bool:
        if line.evidence_notes is not None:
            return bool(line.evidence_notes.strip())
        current = _current_amount(saving, line)
        if current is None:
            return False
        return bool(current.evidence_notes.strip()) or Evidence.objects.filter(amount=current).exists()

    # ---- saving ----------------------------------------------------------------------------------

    def save(self, records: list[SavingRecord], outcome: Outcome) -> None:
        self._each_group(outcome, write=True)

    def plan(self, records: list[SavingRecord], outcome: Outcome) -> None:
        """What save would do, by the same comparisons, without saving anything."""
        self._each_group(outcome, write=False)

    def _each_group(self, outcome: Outcome, *, write: bool) -> None:
        for label in ("Savings created", "Savings updated", "Savings unchanged",
                      "Amounts created", "Amounts updated", "Amounts unchanged"):
            outcome.count(label, 0)
        clashes = self._new_double_counts()  # before anything is written: what the file adds
        for group in self.groups:
            result = _saving_change(group)
            saving = self._write_saving(group, result) if write else group.existing
            outcome.count(f"Savings {result}")
            touched = result != "unchanged"
            changed_rows = set(group.rows) if touched else set()
            for line in group.amounts.values():
                amount_result, delivery_cost, notes = _amount_change(group.existing, line)
                if write and amount_result != "unchanged":
                    self._write_amount(saving, line, delivery_cost, notes)
                outcome.count(f"Amounts {amount_result}")
                if amount_result != "unchanged":
                    touched = True
                    changed_rows.add(line.row)
            outcome.unchanged_rows += len(set(group.rows) - changed_rows)
            if touched:
                outcome.touched(group.project.reference)
        if clashes:
            outcome.count("Possible double counting with another project's saving", len(clashes))
            for sentence, _years in clashes:
                outcome.warn(sentence)

    def _new_double_counts(self) -> list[tuple[str, int]]:
        """Claims the file adds on a council's service in a year that another project also claims.

        Each is (a sentence naming both savings, how many years they share). Savings of projects the
        importer may not see are left out, as on the project pages.
        """
        claims = [_Claim.after(group) for group in self.groups]
        in_file = {group.existing.pk for group in self.groups if group.existing}
        organisations = {claim.organisation.pk for claim in claims}
        recorded = (Saving.objects.filter(organisation_id__in=organisations).exclude(pk__in=in_file)
                    .select_related("project", "organisation").prefetch_related("amounts"))
        others = [*claims, *(_Claim.recorded(saving) for saving in recorded)]
        seen = None if self.programme_wide else set(Project.objects.visible_to(self.user).values_list("pk", flat=True))
        found, reported = [], set()
        for group, claim in zip(self.groups, claims, strict=True):
            before = _Claim.recorded(group.existing) if group.existing else None
            for other in others:
                if other.project.pk == claim.project.pk or (seen is not None and other.project.pk not in seen):
                    continue
                shared = claim.shared_years(other) - (before.shared_years(other) if before else set())
                pair = frozenset((id(claim), id(other)))
                if not shared or pair in reported:
                    continue
                reported.add(pair)
                years = " and ".join(financial_year_label(year) for year in sorted(shared))
                found.append((f"Possible double counting: {claim.project.reference} '{claim.title}' and "
                              f"{other.project.reference} '{other.title}' both claim {claim.service} savings for "
                              f"{claim.organisation.name} in {years}", len(shared)))
        return found

    def _write_saving(self, group: SavingGroup, result: str) -> Saving:
        saving = group.existing
        try:
            if saving is None:
                saving = Saving(project=group.project, organisation=group.organisation, title=group.title,
                                created_by=self.user if getattr(self.user, "pk", None) else None, **group.values)
                services.save(saving)
            elif result == "updated":
                for name, value in _differences(group).items():
                    setattr(saving, name, value)
                services.save(saving)
        except ValidationError as error:
            raise self.refused(group.first_row, error, SAVING_COLUMNS) from error
        return saving

    def _write_amount(self, saving: Saving, line: AmountLine, delivery_cost: Decimal, notes: str) -> None:
        try:
            services.record_amount(saving, financial_year=line.financial_year, kind=line.kind, amount=line.amount,
                                   delivery_cost=delivery_cost, evidence_notes=notes,
                                   user=self.user if getattr(self.user, "pk", None) else None)
        except ValidationError as error:
            raise self.refused(line.row, error, AMOUNT_COLUMNS) from error


@dataclass
class _Claim:
    """What one saving claims: a council's service, in some years."""

    project: Project
    organisation: Organisation
    title: str
    service: str
    years: set[int]

    @classmethod
    def recorded(cls, saving: Saving) -> "_Claim":
        years = {amount.financial_year for amount in saving.amounts.all()}
        return cls(saving.project, saving.organisation, saving.title, _heading(saving.service), years)

    @classmethod
    def after(cls, group: SavingGroup) -> "_Claim":
        """The saving as the file leaves it."""
        saving = group.existing
        service = group.values.get("service", saving.service if saving else "")
        years = {year for year, _ in group.amounts} | ({a.financial_year for a in saving.amounts.all()}
                                                      if saving else set())
        return cls(group.project, group.organisation, group.title, _heading(service), years)

    def shared_years(self, other: "_Claim") -> set[int]:
        same = (self.organisation.pk, service_key(self.service)) == (other.organisation.pk, service_key(other.service))
        return self.years & other.years if same else set()


def _heading(service: str) -> str:
    return service_heading(service) or service


def _saving_change(group: SavingGroup) -> str:
    saving = group.existing
    if saving is None:
        return "created"
    return "updated" if _differences(group) else "unchanged"


def _differences(group: SavingGroup) -> dict[str, Any]:
    """The values the file gives that differ from the saving's; a service by another name is the same service."""
    saving = group.existing
    given = {**group.values, "title": group.title, "organisation": group.organisation}
    differ = {}
    for name, value in given.items():
        current = getattr(saving, name)
        same = service_key(current) == service_key(value) if name == "service" else current == value
        if not same:
            differ[name] = value
    return differ


def _amount_change(existing: Saving | None, line: AmountLine) -> tuple[str, Decimal, str]:
    """(created | updated | unchanged, the delivery cost and evidence notes the amount would have)."""
    current = _current_amount(existing, line)
    delivery_cost = line.delivery_cost if line.delivery_cost is not None else (
        current.delivery_cost if current else Decimal("0"))
    notes = line.evidence_notes if line.evidence_notes is not None else (current.evidence_notes if current else "")
    if current is None:
        return "created", delivery_cost, notes
    same = (current.amount, current.delivery_cost, current.evidence_notes) == (line.amount, delivery_cost, notes)
    return ("unchanged" if same else "updated"), delivery_cost, notes


def _takes_part(project: Project, organisation: Organisation) -> bool:
    return any(p.organisation_id == organisation.pk for p in project.participants.all())


def _current_amount(saving: Saving | None, line: AmountLine) -> SavingAmount | None:
    if saving is None:
        return None
    return next((a for a in saving.amounts.all() if (a.financial_year, a.kind) == (line.financial_year, line.kind)),
                None)
