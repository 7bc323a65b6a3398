"""What the programme API returns. Money is a string of pounds and pence, never a float."""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from django.urls import reverse
from ninja import Field, Schema
from pydantic import PlainSerializer, WithJsonSchema

from productivity.accounts.roles import public_name
from productivity.core.fiscal import financial_year_label, financial_year_of
from productivity.programme.api.choices import (
    AmountKindChoice,
    BenefitClass,
    ParticipantRole,
    ProjectStatusChoice,
    RagRating,
    Recurrence,
    RiskLevel,
    RiskStatus,
    VerificationState,
)


def _pounds(value: Decimal) -> str:
    return f"{value:.2f}"


Money = Annotated[
    Decimal,
    PlainSerializer(_pounds, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^-?\d+\.\d{2}$", "examples": ["300000.00"],
                    "description": "Pounds and pence"}, mode="serialization"),
]


class WorkstreamOut(Schema):
    slug: str
    name: str
    description: str
    position: int


class InitiativeOut(Schema):
    slug: str
    name: str
    workstream: str = Field(..., alias="workstream.slug", description="The workstream's slug")
    summary: str
    is_published: bool


class ProjectOut(Schema):
    reference: str
    title: str
    summary: str
    initiative: str = Field(..., alias="initiative.slug", description="The initiative's slug")
    workstream: str = Field(..., alias="initiative.workstream.slug", description="The workstream's slug")
    status: ProjectStatusChoice
    rag: RagRating | None = Field(..., description="The RAG rating, or null when not rated")
    start_date: dt.date | None
    end_date: dt.date | None
    is_published: bool
    is_illustrative: bool = Field(..., description="Demo record whose councils or figures are illustrative")
    lead: str | None = Field(..., description="The lead organisation's slug")
    withdrawn_at: dt.datetime | None = Field(..., description="When it was withdrawn (no longer counted); or null")
    withdrawal_reason: str = Field(..., description="Why it was withdrawn")

    @staticmethod
    def resolve_rag(obj) -> str | None:
        return obj.rag or None

    @staticmethod
    def resolve_lead(obj) -> str | None:
        lead = obj.lead
        return lead.slug if lead else None


class ParticipantOut(Schema):
    organisation: str = Field(..., alias="organisation.slug", description="The organisation's slug")
    organisation_name: str = Field(..., alias="organisation.name")
    role: ParticipantRole


class FundingAwardOut(Schema):
    id: int
    project: str = Field(..., alias="project.reference", description="The project's reference")
    funder: str = Field(..., alias="funder.slug", description="The funder's slug")
    funder_name: str = Field(..., alias="funder.name")
    amount: Money
    awarded_on: dt.date
    financial_year: str = Field(..., description="The financial year of the award, for example 2012/13")
    is_match_funding: bool
    notes: str
    withdrawn_at: dt.datetime | None = Field(..., description="When it was withdrawn (no longer counted); or null")
    withdrawal_reason: str = Field(..., description="Why it was withdrawn")

    @staticmethod
    def resolve_financial_year(obj) -> str:
        return financial_year_label(financial_year_of(obj.awarded_on))


class MilestoneOut(Schema):
    id: int
    project: str = Field(..., alias="project.reference", description="The project's reference")
    title: str
    due_on: dt.date
    completed_on: dt.date | None
    notes: str
    is_overdue: bool


class RiskOut(Schema):
    id: int
    project: str = Field(..., alias="project.reference", description="The project's reference")
    title: str
    description: str
    likelihood: RiskLevel
    impact: RiskLevel
    owner: str
    mitigation: str
    status: RiskStatus


class SavingOut(Schema):
    id: int
    reference: str = Field(..., description="The saving's stable reference, for example ASC-001-S01, as in the "
                           "benefits register's download and the savings import")
    project: str = Field(..., alias="project.reference", description="The project's reference")
    organisation: str = Field(
        ..., alias="organisation.slug", description="The slug of the council the saving accrues to"
    )
    organisation_name: str = Field(..., alias="organisation.name")
    title: str
    description: str
    service: str
    measure: str
    owner: str
    benefit_class: BenefitClass
    recurrence: Recurrence
    is_disbenefit: bool
    baseline_value: Money | None
    baseline_date: dt.date | None
    baseline_description: str
    withdrawn_at: dt.datetime | None = Field(..., description="When it was withdrawn (no longer counted); or null")
    withdrawal_reason: str = Field(..., description="Why it was withdrawn")


class EvidenceOut(Schema):
    id: int
    name: str = Field(..., alias="original_name")
    description: str
    uploaded_at: dt.datetime
    download_url: str = Field(..., description="The file, for anyone who may see the project (signed in on the site)")

    @staticmethod
    def resolve_download_url(obj) -> str:
        return reverse("programme:evidence-download", args=[obj.amount.saving.project.reference, obj.pk])


def _person(user, context) -> str | None:
    """A person's name for signed-in callers; for the public, only the organisations they act for."""
    if user is None:
        return None
    caller = getattr(context["request"], "api_user", None)
    if caller is not None and caller.is_authenticated:
        return str(user)
    return public_name(user)


class AmountOut(Schema):
    id: int
    saving: int = Field(..., alias="saving_id", description="The saving's id")
    project: str = Field(..., alias="saving.project.reference", description="The project's reference")
    financial_year: int = Field(..., description="The year the financial year starts in: 2012 for 2012/13")
    financial_year_label: str = Field(..., alias="year_label", description="For example 2012/13")
    kind: AmountKindChoice
    amount: Money
    delivery_cost: Money
    net_amount: Money = Field(..., description="The amount (negative for a dis-benefit) less its delivery cost")
    verification: VerificationState | None = Field(..., description="For realised amounts; null otherwise")
    evidence_notes: str
    evidence: list[EvidenceOut]
    entered_by: str | None
    verified_by: str | None
    verified_at: dt.datetime | None
    audited_by: str | None
    audited_at: dt.datetime | None
    verification_note: str = Field(..., description="Why it was last sent back to unverified, if it was")
    withdrawn_at: dt.datetime | None = Field(..., description="When it was withdrawn (no longer counted); or null")
    withdrawal_reason: str = Field(..., description="Why it was withdrawn")

    @staticmethod
    def resolve_verification(obj) -> str | None:
        return obj.verification or None

    @staticmethod
    def resolve_evidence(obj):
        return obj.evidence.all()

    @staticmethod
    def resolve_entered_by(obj, context) -> str | None:
        return _person(obj.entered_by, context)

    @staticmethod
    def resolve_verified_by(obj, context) -> str | None:
        return _person(obj.verified_by, context)

    @staticmethod
    def resolve_audited_by(obj, context) -> str | None:
        return _person(obj.audited_by, context)


class SavingsFiguresOut(Schema):
    expected: Money
    forecast: Money
    realised: Money


class BasisOut(Schema):
    basis: Literal["gross", "net"]
    verification: Literal["all", "verified"]


class SavingRefOut(Schema):
    id: int
    reference: str
    title: str
    project: str = Field(..., alias="project.reference", description="The project's reference")
    organisation: str = Field(..., alias="organisation.slug", description="The council's slug")
    service: str


class SavingDetailOut(SavingOut):
    amounts: list[AmountOut]
    possible_double_counts: list[SavingRefOut] = Field(
        ..., description="Savings another project claims for the same council, service and financial year"
    )

    @staticmethod
    def resolve_amounts(obj):
        return obj.amounts_list


class ProjectDetailOut(ProjectOut):
    participants: list[ParticipantOut]
    funding_awards: list[FundingAwardOut]
    milestones: list[MilestoneOut]
    risks: list[RiskOut]
    savings: list[SavingOut]
    figures: SavingsFiguresOut = Field(..., description="The project's savings on the requested basis")
    basis: BasisOut

