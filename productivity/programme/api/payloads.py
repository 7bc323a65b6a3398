"""What the programme API accepts. Related records are named by slug or reference, never by database id,
except for the records that have no other name (savings, amounts, awards, milestones, risks)."""

from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, WithJsonSchema

from productivity.core.api.fields import Date, money, text
from productivity.core.fiscal import parse_financial_year
from productivity.core.text import clean_text
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
from productivity.programme.service_headings import SERVICE_HEADINGS, parse_service

MoneyIn = money(description="Pounds and pence, as a string or a number: £0 or more")
# Text as the models hold it: names and titles must not be blank; every string is cleaned (core.text).
Name = text(blank=False, max_length=250)
Code = text(blank=False, max_length=150)
Notes = text()
Line = text(max_length=250)


def _financial_year(value):
    """Accept 2012, "2012" or "2012/13"; the error says which form is wanted."""
    if isinstance(value, bool):
        raise ValueError("Give the financial year as 2012/13 or as the year it starts in, 2012")
    if isinstance(value, int) or str(value).strip().isdigit():
        return int(value)  # the API's documented form: the year it starts in (files must give both years)
    return parse_financial_year(str(value))


FinancialYear = Annotated[
    int,
    BeforeValidator(_financial_year),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1990, "maximum": 2100},
                              {"type": "string", "pattern": r"^(FY\s*)?\d{4}\s*[/\-–]\s*(\d{2}|\d{4})$"}],
                    "examples": [2012, "2012/13"],
                    "description": "The financial year (April to March): 2012/13, 2012-13, 2012-2013 or FY2012/13, "
                                   "or the year it starts in as a number, 2012"},
                   mode="validation"),
]


# The pages' and the importer's rule (service_headings.parse_service): a heading on the list, or another name
# for one ("Property and assets" is Central services), stored as the heading.
ServiceHeading = Annotated[
    str,
    BeforeValidator(clean_text),
    AfterValidator(parse_service),
    WithJsonSchema({"type": "string", "enum": list(SERVICE_HEADINGS), "examples": ["Adult social care"],
                    "description": "The service heading the saving is claimed against (the revenue outturn "
                                   "headings). Other names for a heading, such as 'Property and assets' for "
                                   "Central services, are accepted and stored as the heading"},
                   mode="validation"),
]


class Payload(Schema):
    """A request body. A field the endpoint does not take is refused, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class InitiativeIn(Payload):
    workstream: Code = Field(..., description="The workstream's slug")
    name: Name
    slug: Code | None = Field(None, description="Made from the name when left out")
    summary: Notes = ""
    is_published: bool = True


class InitiativeChange(Payload):
    workstream: Code = Field(..., description="The workstream's slug")
    name: Name
    summary: Notes
    is_published: bool


class ProjectChange(Payload):
    initiative: Code = Field(..., description="The initiative's slug")
    title: Name
    summary: Notes = ""
    status: ProjectStatusChoice = ProjectStatusChoice("proposed")
    rag: RagRating | None = Field(None, description="The RAG rating; null when not rated")
    start_date: Date | None = None
    end_date: Date | None = None
    is_published: bool = False
    is_illustrative: bool = False


class ProjectIn(ProjectChange):
    reference: text(blank=False, max_length=30) = Field(
        ..., description="For example ASC-046: letters, numbers, hyphens, full stops and underscores, unique "
        "ignoring case", examples=["ASC-046"], json_schema_extra={"pattern": r"^\s*[A-Za-z0-9][A-Za-z0-9_.-]*\s*$"})
    lead_organisation: Code = Field(..., description="The lead organisation's slug or ONS GSS code")


class ParticipantIn(Payload):
    organisation: Code = Field(..., description="The organisation's slug or ONS GSS code")
    role: ParticipantRole = ParticipantRole("partner")


class ParticipantChange(Payload):
    role: ParticipantRole = Field(..., description="Making an organisation the lead makes the old lead a partner")


class FundingAwardIn(Payload):
    funder: Code = Field(..., description="The funder's slug or ONS GSS code")
    amount: money("0.01", description="Pounds and pence, as a string or a number: £0.01 or more")
    awarded_on: Date
    is_match_funding: bool = Field(False, description="Funding the participants put in to match the programme's")
    notes: Notes = ""


class MilestoneIn(Payload):
    title: Name
    due_on: Date
    completed_on: Date | None = None
    notes: Notes = ""


class RiskIn(Payload):
    title: Name
    description: Notes = ""
    likelihood: RiskLevel = RiskLevel("medium")
    impact: RiskLevel = RiskLevel("medium")
    owner: text(max_length=150) = ""
    mitigation: Notes = ""
    status: RiskStatus = RiskStatus("open")


class SavingIn(Payload):
    organisation: Code = Field(..., description="The slug or ONS GSS code of the council the saving accrues to")
    title: Name
    description: Notes = ""
    service: ServiceHeading
    measure: Name = Field(..., description="How the saving is measured")
    owner: Code = Field(..., description="The named person accountable for realising it")
    benefit_class: BenefitClass = BenefitClass("cashable")
    recurrence: Recurrence = Recurrence("recurring")
    is_disbenefit: bool = False
    baseline_value: MoneyIn | None = Field(None, description="Needed, with its date, before a realised amount")
    baseline_date: Date | None = None
    baseline_description: Line = ""


class AmountIn(Payload):
    financial_year: FinancialYear
    kind: AmountKindChoice = Field(..., description="Expected (at approval), forecast (now) or realised")
    amount: MoneyIn
    delivery_cost: MoneyIn = Field(Decimal("0"), description="The cost of delivering it, netted off in net figures")
    evidence_notes: Notes = Field("", description="Required for a realised amount")


class BasisQuery(Schema):
    """How savings are counted: the same choices as the pages' gross/net and verified-only switches."""

    basis: Literal["gross", "net"] = Field("gross", description="Net takes off dis-benefits and delivery costs")
    verification: Literal["all", "verified"] = Field(
        "all", description="`verified` counts realised amounts only once verified or audited"
    )


class WithdrawalIn(Payload):
    reason: text(blank=False, max_length=2000) = Field(
        ..., description="Why the record is withdrawn: shown beside it, and in the next board paper's changes")


class DecisionIn(Payload):
    note: Notes = Field("", description="For a refusal, why the record is kept (required)")
