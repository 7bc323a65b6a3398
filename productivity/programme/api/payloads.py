"""What the programme API accepts. Related records are named by slug or reference, never by database id,
except for the records that have no other name (savings, amounts, awards, milestones, risks)."""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, WithJsonSchema

from productivity.core.fiscal import parse_financial_year
from productivity.programme.api.choices import (
    AmountKindChoice,
    BenefitClass,
    ParticipantRole,
    ProjectStatusChoice,
    RagRating,
    Recurrence,
    RiskLevel,
    RiskStatus,
)

MoneyIn = Annotated[
    Decimal,
    Field(ge=0, max_digits=14, decimal_places=2, description="Pounds and pence, as a string or a number",
          examples=["25000.00"]),
]


def _financial_year(value):
    """Accept 2012, "2012" or "2012/13"; the error says which form is wanted."""
    if isinstance(value, bool):
        raise ValueError("Give the financial year as 2012/13 or as the year it starts in, 2012")
    return parse_financial_year(str(value))


FinancialYear = Annotated[
    int,
    BeforeValidator(_financial_year),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string"}], "examples": [2012, "2012/13"],
                    "description": "The financial year (April to March), as 2012/13 or the year it starts in"},
                   mode="validation"),
]


class Payload(Schema):
    """A request body. A field the endpoint does not take is refused, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class InitiativeIn(Payload):
    workstream: str = Field(..., description="The workstream's slug")
    name: str
    slug: str | None = Field(None, description="Made from the name when left out")
    summary: str = ""
    is_published: bool = True


class InitiativeChange(Payload):
    workstream: str = Field(..., description="The workstream's slug")
    name: str
    summary: str
    is_published: bool


class ProjectChange(Payload):
    initiative: str = Field(..., description="The initiative's slug")
    title: str
    summary: str = ""
    status: ProjectStatusChoice = ProjectStatusChoice("proposed")
    rag: RagRating | None = Field(None, description="The RAG rating; null when not rated")
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    is_published: bool = False
    is_illustrative: bool = False


class ProjectIn(ProjectChange):
    reference: str = Field(..., description="For example ASC-046", examples=["ASC-046"])
    lead_organisation: str = Field(..., description="The lead organisation's slug or ONS GSS code")


class ParticipantIn(Payload):
    organisation: str = Field(..., description="The organisation's slug or ONS GSS code")
    role: ParticipantRole = ParticipantRole("partner")


class ParticipantChange(Payload):
    role: ParticipantRole = Field(..., description="Making an organisation the lead makes the old lead a partner")


class FundingAwardIn(Payload):
    funder: str = Field(..., description="The funder's slug or ONS GSS code")
    amount: MoneyIn
    awarded_on: dt.date
    is_match_funding: bool = Field(False, description="Funding the participants put in to match the programme's")
    notes: str = ""


class MilestoneIn(Payload):
    title: str
    due_on: dt.date
    completed_on: dt.date | None = None
    notes: str = ""


class RiskIn(Payload):
    title: str
    description: str = ""
    likelihood: RiskLevel = RiskLevel("medium")
    impact: RiskLevel = RiskLevel("medium")
    owner: str = ""
    mitigation: str = ""
    status: RiskStatus = RiskStatus("open")


class SavingIn(Payload):
    organisation: str = Field(..., description="The slug or ONS GSS code of the council the saving accrues to")
    title: str
    description: str = ""
    service: str = Field(..., description="The service area, for example Adult social care")
    measure: str = Field(..., description="How the saving is measured")
    owner: str = Field(..., description="The named person accountable for realising it")
    benefit_class: BenefitClass = BenefitClass("cashable")
    recurrence: Recurrence = Recurrence("recurring")
    is_disbenefit: bool = False
    baseline_value: MoneyIn | None = Field(None, description="Needed, with its date, before a realised amount")
    baseline_date: dt.date | None = None
    baseline_description: str = ""


class AmountIn(Payload):
    financial_year: FinancialYear
    kind: AmountKindChoice = Field(..., description="Expected (at approval), forecast (now) or realised")
    amount: MoneyIn
    delivery_cost: MoneyIn = Field(Decimal("0"), description="The cost of delivering it, netted off in net figures")
    evidence_notes: str = Field("", description="Required for a realised amount")


class BasisQuery(Schema):
    """How savings are counted: the same choices as the pages' gross/net and verified-only switches."""

    basis: Literal["gross", "net"] = Field("gross", description="Net takes off dis-benefits and delivery costs")
    verification: Literal["all", "verified"] = Field(
        "all", description="`verified` counts realised amounts only once verified or audited"
    )
