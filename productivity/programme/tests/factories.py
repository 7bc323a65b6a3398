"""The programme's records for tests: one function per model, and the sample portfolio the page tests share.

Each function makes a valid record with unique defaults; keyword arguments override any field.
"""

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile

from productivity.accounts.tests.factories import Roles
from productivity.organisations.models import Organisation
from productivity.organisations.tests.factories import make_body, make_council
from productivity.programme.models import (
    AmountKind,
    Evidence,
    FundingAward,
    Initiative,
    Participant,
    Project,
    Saving,
    SavingAmount,
    Verification,
    Workstream,
)

_serial = itertools.count(1)


def make_workstream(name: str | None = None, **fields) -> Workstream:
    number = next(_serial)
    fields.setdefault("slug", f"workstream-{number}")
    fields.setdefault("position", number)
    return Workstream.objects.create(name=name or f"Workstream {number}", **fields)


def make_initiative(workstream: Workstream | None = None, name: str | None = None, **fields) -> Initiative:
    number = next(_serial)
    fields.setdefault("slug", f"initiative-{number}")
    return Initiative.objects.create(workstream=workstream or make_workstream(), name=name or f"Initiative {number}",
                                     **fields)


def make_project(initiative: Initiative | None = None, *, lead: Organisation | None = None,
                 partners: tuple[Organisation, ...] = (), **fields) -> Project:
    """A project led by ``lead`` (a new council unless given), with ``partners`` taking part beside it."""
    number = next(_serial)
    fields.setdefault("reference", f"TST-{number:03d}")
    fields.setdefault("title", f"Project {number}")
    project = Project.objects.create(initiative=initiative or make_initiative(), **fields)
    Participant.objects.create(project=project, organisation=lead or make_council(), role=Participant.Role.LEAD)
    for partner in partners:
        Participant.objects.create(project=project, organisation=partner, role=Participant.Role.PARTNER)
    return project


def make_funding(project: Project, funder: Organisation | None = None, amount: Decimal | str = "100000",
                 **fields) -> FundingAward:
    fields.setdefault("awarded_on", dt.date(2012, 1, 15))
    return FundingAward.objects.create(project=project, funder=funder or make_body(), amount=Decimal(amount),
                                       **fields)


def make_saving(project: Project, organisation: Organisation | None = None, **fields) -> Saving:
    """A cashable, recurring saving to ``organisation`` (the project's lead unless given), with a baseline."""
    number = next(_serial)
    values = {
        "title": f"Saving {number}",
        "service": "Adult social care",
        "measure": "Cost per placement",
        "owner": "Head of service",
        "baseline_value": Decimal("1000000"),
        "baseline_date": dt.date(2011, 3, 31),
        **fields,
    }
    return Saving.objects.create(project=project, organisation=organisation or project.lead, **values)


def make_amount(saving: Saving, financial_year: int = 2012, kind: str = AmountKind.EXPECTED,
                amount: Decimal | str = "100000", **fields) -> SavingAmount:
    """One year's amount; a realised amount starts unverified with a line of evidence, as the rules require."""
    if kind == AmountKind.REALISED:
        fields.setdefault("verification", Verification.UNVERIFIED)
        fields.setdefault("evidence_notes", "Finance system report")
    return SavingAmount.objects.create(saving=saving, financial_year=financial_year, kind=kind,
                                       amount=Decimal(amount), **fields)


def make_evidence(amount: SavingAmount, name: str = "evidence.pdf", content: bytes = b"%PDF-1.4 evidence",
                  **fields) -> Evidence:
    """An uploaded evidence file (written under MEDIA_ROOT, a temporary folder in tests)."""
    evidence = Evidence(amount=amount, original_name=name, **fields)
    evidence.file.save(name, ContentFile(content), save=False)
    evidence.save()
    return evidence


@dataclass
class Portfolio:
    """The sample programme: council A's published and unpublished projects, council B's unpublished one."""

    dh: Organisation
    workstream: Workstream
    initiative: Initiative
    published: Project
    unpublished: Project
    project_b: Project
    saving: Saving
    realised: SavingAmount
    secret_saving: Saving


def make_portfolio(roles: Roles) -> Portfolio:
    """The fixed portfolio the page tests and permission matrices name (ASC-001, ASC-002, ASC-003)."""
    dh = make_body("Department of Health", slug="dh")
    workstream = make_workstream("Children, Adults and Families", slug="children-adults-families", position=2)
    initiative = make_initiative(workstream, "Adult Social Care Efficiency Programme",
                                 slug="adult-social-care-efficiency", is_published=True)
    published = make_project(initiative, lead=roles.council_a, reference="ASC-001", title="Reablement at home",
                             status="funded", rag="green", is_published=True)
    unpublished = make_project(initiative, lead=roles.council_a, reference="ASC-002", title="Secret draft project",
                               status="proposed", is_published=False)
    project_b = make_project(initiative, lead=roles.council_b, reference="ASC-003", title="Swindon telecare",
                             status="implementing", rag="amber", is_published=False)
    make_funding(published, dh, "300000.00")
    make_funding(published, roles.lga, "25000.00")
    saving = make_saving(published, roles.council_a, title="Fewer residential placements",
                         measure="Placements per 10,000 over-65s", owner="Head of adult services",
                         baseline_value=Decimal("4000000"))
    make_amount(saving, 2012, AmountKind.EXPECTED, "500000")
    realised = make_amount(saving, 2012, AmountKind.REALISED, "420000", evidence_notes="Placement records Q1-Q4",
                           entered_by=roles.editor_a)
    secret_saving = make_saving(unpublished, roles.council_a, title="Secret saving", measure="Cost", owner="Officer",
                                baseline_value=None, baseline_date=None)
    make_amount(secret_saving, 2013, AmountKind.EXPECTED, "999999")
    return Portfolio(dh, workstream, initiative, published, unpublished, project_b, saving, realised, secret_saving)
