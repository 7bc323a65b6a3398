"""Programme figures: the headline and the roll-ups, exactly as the pages show them.

Every number comes from programme.rollups over the projects the caller may see; nothing is summed here.
"""

from typing import Literal

from ninja import Field, Query, Router, Schema

from productivity.accounts.api_auth import caller
from productivity.core.fiscal import financial_year_label
from productivity.organisations.models import Organisation
from productivity.programme import rollups
from productivity.programme.api.choices import ProjectStatusChoice
from productivity.programme.api.payloads import BasisQuery
from productivity.programme.api.schemas import BasisOut, Money, SavingsFiguresOut
from productivity.programme.models import Initiative, Project, Workstream

router = Router(tags=["Figures"])

SavingsGroup = Literal["workstream", "initiative", "council", "financial_year", "project"]
FundingGroup = Literal["workstream", "initiative", "financial_year", "project"]


class FigureFilters(Schema):
    workstream: str | None = Field(None, description="Only this workstream's projects (its slug)")
    initiative: str | None = Field(None, description="Only this initiative's projects (its slug)")
    council: str | None = Field(None, description="Only projects this organisation takes part in (its slug)")
    status: ProjectStatusChoice | None = None


class FundingTotalsOut(Schema):
    programme: Money = Field(..., description="Funding from the programme and its funders")
    match: Money = Field(..., description="Match funding from the participants")
    all: Money


class FunderOut(Schema):
    funder: str = Field(..., alias="funder_slug", description="The funder's slug")
    name: str = Field(..., alias="funder_name")
    programme: Money
    match: Money
    total: Money
    awards: int


class VerificationOut(Schema):
    unverified: Money
    verified: Money
    audited: Money


class HeadlineOut(Schema):
    basis: BasisOut
    projects: int
    councils: int = Field(..., description="Councils taking part, as lead or partner")
    funding: FundingTotalsOut
    funders: list[FunderOut]
    savings: SavingsFiguresOut
    verification: VerificationOut = Field(..., description="Realised savings by verification state")


class SavingsRowOut(SavingsFiguresOut):
    key: str = Field(..., description="The slug, reference, or starting year of the group")
    name: str


class SavingsByOut(Schema):
    group: SavingsGroup
    basis: BasisOut
    rows: list[SavingsRowOut]


class FundingRowOut(Schema):
    key: str = Field(..., description="The slug, reference, or starting year of the group")
    name: str
    total: Money = Field(..., description="Programme and match funding together")


class FundingByOut(Schema):
    group: FundingGroup
    rows: list[FundingRowOut]


def _projects(request, filters: FigureFilters):
    projects = Project.objects.visible_to(caller(request))
    if filters.workstream:
        projects = projects.filter(initiative__workstream__slug=filters.workstream)
    if filters.initiative:
        projects = projects.filter(initiative__slug=filters.initiative)
    if filters.council:
        council = Organisation.objects.filter(slug=filters.council).first()
        projects = projects.for_organisation(council) if council else projects.none()
    if filters.status:
        projects = projects.filter(status=filters.status)
    return projects


def _names(group: str, keys) -> list[tuple[object, str, str]]:
    """(key, public key, name) for each group key, in the order people expect to read them."""
    if group == "financial_year":
        return [(year, str(year), financial_year_label(year)) for year in sorted(keys)]
    model, key_field, name_field = {
        "workstream": (Workstream, "slug", "name"),
        "initiative": (Initiative, "slug", "name"),
        "council": (Organisation, "slug", "name"),
        "funder": (Organisation, "slug", "name"),
        "project": (Project, "reference", "title"),
    }[group]
    return [(obj.pk, getattr(obj, key_field), getattr(obj, name_field)) for obj in model.objects.filter(pk__in=keys)]


@router.get("/figures/headline", response=HeadlineOut, summary="Headline figures")
def headline(request, filters: Query[FigureFilters], basis: Query[BasisQuery]):
    """Projects, councils, funding by funder, savings (expected, forecast, realised) and how much is verified."""
    figures = rollups.headline(_projects(request, filters), rollups.Basis.from_params(basis.dict()))
    figures.basis = basis.dict()
    return figures


@router.get("/figures/savings/{group}", response=SavingsByOut, summary="Savings by workstream, council, year...")
def savings_by(request, group: SavingsGroup, filters: Query[FigureFilters], basis: Query[BasisQuery]):
    """Expected, forecast and realised savings per workstream, initiative, council, financial year or project."""
    amounts = rollups.amounts_for(_projects(request, filters))
    totals = rollups.savings_by(amounts, group, rollups.Basis.from_params(basis.dict()))
    rows = [
        {"key": key, "name": name, **vars(totals[pk])}
        for pk, key, name in _names(group, totals.keys())
    ]
    return {"group": group, "basis": basis.dict(), "rows": rows}


@router.get("/figures/funders", response=list[FunderOut], summary="Funding by funder")
def funders(request, filters: Query[FigureFilters]):
    """Programme and match funding per funder, largest first."""
    return rollups.funding_by_funder(_projects(request, filters))


@router.get("/figures/funding/{group}", response=FundingByOut, summary="Funding by workstream, year...")
def funding_by(request, group: FundingGroup, filters: Query[FigureFilters]):
    """Funding awarded per workstream, initiative, financial year (of the award) or project."""
    totals = rollups.funding_by(_projects(request, filters), group)
    rows = [{"key": key, "name": name, "total": totals[pk]} for pk, key, name in _names(group, totals.keys())]
    return {"group": group, "rows": rows}
