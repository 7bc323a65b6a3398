"""The shapes the demo programme is declared in: plain, frozen records with no database access.

Organisations are named by their register slug (a council's GSS code, or ``lga``, ``dh`` ...).
Money is Decimal; ``gbp`` turns a whole number of pounds into one so the data reads like a paper.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


def gbp(pounds: int) -> Decimal:
    """A whole number of pounds as money: gbp(1_000_000) is £1,000,000.00."""
    return Decimal(pounds).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Amount:
    """One financial year's expected, forecast or realised amount of a saving."""

    year: int
    kind: str
    amount: Decimal
    delivery_cost: Decimal = Decimal("0")
    evidence: str = ""
    # Realised amounts only: how far checking has gone (unverified, verified or audited).
    verification: str = ""


def expected(year: int, pounds: int, *, cost: int = 0) -> Amount:
    return Amount(year, "expected", gbp(pounds), gbp(cost))


def forecast(year: int, pounds: int, *, cost: int = 0) -> Amount:
    return Amount(year, "forecast", gbp(pounds), gbp(cost))


def realised(year: int, pounds: int, *, evidence: str, verification: str = "unverified", cost: int = 0) -> Amount:
    return Amount(year, "realised", gbp(pounds), gbp(cost), evidence=evidence, verification=verification)


@dataclass(frozen=True)
class Baseline:
    value: Decimal
    on: dt.date
    description: str


@dataclass(frozen=True)
class SavingSpec:
    council: str
    title: str
    service: str
    measure: str
    owner: str
    amounts: tuple[Amount, ...]
    baseline: Baseline | None = None
    description: str = ""
    benefit_class: str = "cashable"
    recurrence: str = "recurring"
    is_disbenefit: bool = False


@dataclass(frozen=True)
class Award:
    funder: str
    amount: Decimal
    on: dt.date
    is_match_funding: bool = False
    notes: str = ""


@dataclass(frozen=True)
class MilestoneSpec:
    title: str
    due_on: dt.date
    completed_on: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class RiskSpec:
    title: str
    likelihood: str
    impact: str
    owner: str
    mitigation: str
    status: str = "open"
    description: str = ""


@dataclass(frozen=True)
class ProjectSpec:
    reference: str
    title: str
    summary: str
    status: str
    rag: str
    start: dt.date
    end: dt.date
    lead: str
    partners: tuple[str, ...] = ()
    published: bool = True
    illustrative: bool = True
    funding: tuple[Award, ...] = ()
    milestones: tuple[MilestoneSpec, ...] = ()
    risks: tuple[RiskSpec, ...] = ()
    savings: tuple[SavingSpec, ...] = ()

    @property
    def organisations(self) -> tuple[str, ...]:
        return (self.lead, *self.partners)


@dataclass(frozen=True)
class InitiativeSpec:
    slug: str
    name: str
    summary: str
    projects: tuple[ProjectSpec, ...] = ()


@dataclass(frozen=True)
class WorkstreamSpec:
    slug: str
    name: str
    description: str
    position: int
    initiatives: tuple[InitiativeSpec, ...] = ()


@dataclass(frozen=True)
class RecordKeeper:
    """A named person the demo's realised amounts are entered, verified or audited by.

    They have no password, so nobody signs in as them; they exist so that verification by
    someone other than the author, and audit by the programme team, are shown truthfully.
    """

    email: str
    name: str
    organisation: str
    role: str
