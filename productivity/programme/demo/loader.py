"""Write the declared demo programme through programme.services, so the audit trail records it.

Loading creates what is missing and changes nothing that exists: workstreams and initiatives are
found by slug and projects by reference, and a project that already exists is left exactly as it is,
with everything under it (people may have changed it through the app). Running it twice therefore
changes nothing and adds no audit entries.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from productivity.accounts.services import ensure_member
from productivity.audit.context import acting_as
from productivity.organisations.models import Organisation
from productivity.programme import services
from productivity.programme.demo.data import RECORD_KEEPERS, WORKSTREAMS
from productivity.programme.demo.specs import (
    InitiativeSpec,
    ProjectSpec,
    RecordKeeper,
    SavingSpec,
    WorkstreamSpec,
)
from productivity.programme.models import (
    FundingAward,
    Initiative,
    Milestone,
    Participant,
    Project,
    Risk,
    Saving,
    Verification,
    Workstream,
)

ACTOR_LABEL = "load_demo"


class MissingOrganisations(Exception):
    """The register lacks organisations the demo names: import_organisations has not been run."""

    def __init__(self, slugs: list[str]):
        self.slugs = slugs
        super().__init__(
            f"{len(slugs)} organisation(s) the demo programme names are not in the register "
            f"({', '.join(slugs[:5])}{' ...' if len(slugs) > 5 else ''}). Run `manage.py import_organisations` first."
        )


@dataclass
class LoadResult:
    created: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.created.values())


def organisation_slugs(workstreams: tuple[WorkstreamSpec, ...]) -> set[str]:
    """Every organisation the declared programme names: leads, partners, funders and saving councils."""
    slugs: set[str] = set()
    for workstream in workstreams:
        for initiative in workstream.initiatives:
            for project in initiative.projects:
                slugs.update(project.organisations)
                slugs.update(award.funder for award in project.funding)
                slugs.update(saving.council for saving in project.savings)
    return slugs


def load_demo_programme(workstreams: tuple[WorkstreamSpec, ...] = WORKSTREAMS,
                        keepers: dict[str, RecordKeeper] = RECORD_KEEPERS) -> LoadResult:
    """Create every declared record that does not exist yet, in one transaction; re-running changes nothing."""
    wanted = organisation_slugs(workstreams) | {keeper.organisation for keeper in keepers.values()}
    organisations = {org.slug: org for org in Organisation.objects.filter(slug__in=wanted)}
    missing = sorted(wanted - organisations.keys())
    if missing:
        raise MissingOrganisations(missing)
    with transaction.atomic(), acting_as(None, ACTOR_LABEL):
        people = {
            role: ensure_member(keeper.email, organisations[keeper.organisation], keeper.role, full_name=keeper.name)
            for role, keeper in keepers.items()
        }
        loader = _Loader(organisations, people)
        for workstream in workstreams:
            loader.workstream(workstream)
    return loader.result


class _Loader:
    def __init__(self, organisations: dict[str, Organisation], people: dict):
        self.organisations = organisations
        self.people = people
        self.result = LoadResult()

    def _save(self, instance):
        services.save(instance)
        self.result.created[type(instance).__name__] += 1
        return instance

    def workstream(self, spec: WorkstreamSpec) -> None:
        # Slug and name are both unique: someone may have created the same workstream by hand.
        found = Workstream.objects.filter(Q(slug=spec.slug) | Q(name=spec.name)).first()
        workstream = found or self._save(
            Workstream(slug=spec.slug, name=spec.name, description=spec.description, position=spec.position)
        )
        for initiative in spec.initiatives:
            self.initiative(initiative, workstream)

    def initiative(self, spec: InitiativeSpec, workstream: Workstream) -> None:
        found = Initiative.objects.filter(Q(slug=spec.slug) | Q(name=spec.name)).first()
        initiative = found or self._save(
            Initiative(workstream=workstream, slug=spec.slug, name=spec.name, summary=spec.summary)
        )
        existing = set(Project.objects.filter(reference__in=[p.reference for p in spec.projects])
                       .values_list("reference", flat=True))
        for project in spec.projects:
            if project.reference not in existing:
                self.project(project, initiative)

    def project(self, spec: ProjectSpec, initiative: Initiative) -> None:
        org = self.organisations
        project = services.create_project(
            Project(initiative=initiative, reference=spec.reference, title=spec.title, summary=spec.summary,
                    status=spec.status, rag=spec.rag, start_date=spec.start, end_date=spec.end,
                    is_published=spec.published, is_illustrative=spec.illustrative),
            org[spec.lead],
        )
        self.result.created.update(Project=1, Participant=1)
        for partner in spec.partners:
            services.set_participant(project, org[partner], Participant.Role.PARTNER)
            self.result.created["Participant"] += 1
        for award in spec.funding:
            self._save(FundingAward(project=project, funder=org[award.funder], amount=award.amount,
                                    awarded_on=award.on, is_match_funding=award.is_match_funding, notes=award.notes))
        for milestone in spec.milestones:
            self._save(Milestone(project=project, title=milestone.title, due_on=milestone.due_on,
                                 completed_on=milestone.completed_on, notes=milestone.notes))
        for risk in spec.risks:
            self._save(Risk(project=project, title=risk.title, description=risk.description,
                            likelihood=risk.likelihood, impact=risk.impact, owner=risk.owner,
                            mitigation=risk.mitigation, status=risk.status))
        for saving in spec.savings:
            self.saving(saving, project)

    def saving(self, spec: SavingSpec, project: Project) -> None:
        baseline = spec.baseline
        saving = self._save(Saving(
            project=project, organisation=self.organisations[spec.council], title=spec.title,
            description=spec.description, service=spec.service, measure=spec.measure, owner=spec.owner,
            benefit_class=spec.benefit_class, recurrence=spec.recurrence, is_disbenefit=spec.is_disbenefit,
            baseline_value=baseline.value if baseline else None, baseline_date=baseline.on if baseline else None,
            baseline_description=baseline.description if baseline else "", created_by=self.people["officer"],
        ))
        for spec_amount in spec.amounts:
            amount = services.record_amount(
                saving, financial_year=spec_amount.year, kind=spec_amount.kind, amount=spec_amount.amount,
                delivery_cost=spec_amount.delivery_cost, evidence_notes=spec_amount.evidence,
                user=self.people["officer"],
            )
            self.result.created["SavingAmount"] += 1
            # Checking follows the register's order: verified by someone other than the author, then audited.
            if spec_amount.verification in (Verification.VERIFIED, Verification.AUDITED):
                services.verify_amount(amount, self.people["verifier"])
            if spec_amount.verification == Verification.AUDITED:
                services.audit_amount(amount, self.people["auditor"])
