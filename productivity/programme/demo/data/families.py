"""Children, Adults and Families (workstream 2).

The Adult Social Care Efficiency Programme reproduces the 2012 paper's totals exactly: 45 projects,
£1,125,000 allocated (over £1m) of which £300,000 from the Department of Health, and £51m expected
savings (at least £50m). Children's commissioning adds £2.5m. Councils and per-project figures are
illustrative.
"""

import datetime as dt
from dataclasses import dataclass

from productivity.programme.demo.data import councils
from productivity.programme.demo.specs import (
    Award,
    Baseline,
    InitiativeSpec,
    MilestoneSpec,
    ProjectSpec,
    RiskSpec,
    SavingSpec,
    expected,
    forecast,
    gbp,
    realised,
)


@dataclass(frozen=True)
class Theme:
    title: str
    strategy: str  # the 2011 workshop's intervention strategy it follows
    saving: str
    measure: str
    benefit_class: str = "cashable"


# The nine kinds of project, taken in turn: each of the 2011 workshop's six strategies appears.
THEMES = (
    Theme("Reablement for people leaving hospital", "Reducing demand for services",
          "Fewer long-term home care packages", "Long-term home care hours commissioned a week"),
    Theme("Telecare and assistive technology", "Diverting people away from social care",
          "Care visits avoided through telecare", "Care visits avoided, valued at the unit cost of a visit",
          "non_cashable"),
    Theme("Extra care housing instead of residential care", "Diverting people away from social care",
          "Fewer permanent residential care placements", "Permanent admissions to residential care per 100,000 "
          "people aged 65 and over"),
    Theme("Joint commissioning with the NHS", "Partnership working", "Commissioning costs shared with the NHS",
          "Commissioning team and contract management costs"),
    Theme("Integrated hospital discharge team", "Partnership working", "Fewer short-term placements after discharge",
          "Short-term residential placements following a hospital stay"),
    Theme("Self-directed support process redesign", "Better management", "Lower assessment and review costs",
          "Social work hours per completed assessment"),
    Theme("Home care brokerage and market management", "Driving down costs", "Lower home care prices",
          "Average price paid per hour of home care"),
    Theme("Charging and financial assessment review", "Raising monies", "Higher income from fairer charging",
          "Client contributions collected against assessed charges"),
    Theme("Think Family support for carers", "Reducing demand for services", "Fewer emergency placements after "
          "carer breakdown", "Emergency respite placements", "non_cashable"),
)


@dataclass(frozen=True)
class Tier:
    grant: int
    savings: int  # expected over 2012/13 (40%) and 2013/14 (60%)


# Projects cycle small, medium, large: 15 of each, so 15 x (£650k + £1.1m + £1.65m) = £51m expected
# and 15 x (£20k + £25k + £30k) = £1,125,000 allocated.
TIERS = (Tier(20_000, 650_000), Tier(25_000, 1_100_000), Tier(30_000, 1_650_000))
# The Department of Health's £300,000 funds the first 12 medium projects (12 x £25,000).
DH_FUNDED = 12
FORECAST_PERCENT = (100, 95, 90, 105)  # this year's forecast against expected, taken in turn
COMPLETE_EVERY = 11  # projects 1, 12, 23, 34 and 45 (Hampshire) have finished
VERIFICATION = {0: "audited", 11: "verified", 22: "verified", 33: "unverified", 44: "unverified"}
# Allocated by the time of the 2012 paper ("Over £1m has now been allocated"), before the projects start.
ASC_FUNDED_AT = dt.date(2012, 2, 15)


def _status(index: int) -> str:
    if index % COMPLETE_EVERY == 0:
        return "complete"
    if index % COMPLETE_EVERY == 5:
        return "funded"  # selected and funded, not yet started
    return "implementing"


def _rag(index: int, status: str) -> str:
    if status == "complete":
        return "green"
    if status == "funded" or index % 4 == 2:
        return "amber"
    return "red" if index % 13 == 7 else "green"


def _asc_project(index: int, code: str, name: str) -> ProjectSpec:
    theme = THEMES[index % len(THEMES)]
    tier = TIERS[index % len(TIERS)]
    status = _status(index)
    first_year = tier.savings * 2 // 5
    funder = "dh" if index % 3 == 1 and index // 3 < DH_FUNDED else "lga"
    amounts = [expected(2012, first_year, cost=tier.grant), expected(2013, tier.savings - first_year)]
    in_delivery = status != "funded"
    if in_delivery:
        on_course = first_year * FORECAST_PERCENT[index % len(FORECAST_PERCENT)] // 100
        amounts.append(forecast(2012, on_course))
        if status == "complete":
            amounts.append(realised(
                2012, on_course, verification=VERIFICATION[index],
                evidence=f"2012/13 outturn for {theme.measure.lower()} against the 2010/11 baseline, signed off by "
                         "the finance business partner (illustrative)"))
    savings = [
        SavingSpec(
            council=code, title=theme.saving, service="Adult social care", measure=theme.measure,
            owner="Director of adult social services", benefit_class=theme.benefit_class,
            baseline=Baseline(gbp(tier.savings * 8), dt.date(2011, 3, 31),
                              "2010/11 net spend on the services affected (illustrative)"),
            amounts=tuple(amounts),
        )
    ]
    if index == 2:  # Blackpool: people kept out of residential care need more home care
        savings.append(SavingSpec(
            council=code, title="More home care for people who would have gone into residential care",
            service="Adult social care", measure="Home care hours for people in extra care housing",
            owner="Director of adult social services", is_disbenefit=True,
            description="A dis-benefit of the project, recorded so that net figures are honest.",
            amounts=(expected(2012, 40_000), expected(2013, 60_000)),
        ))
    return ProjectSpec(
        reference=f"ASC-{index + 1:03d}",
        title=f"{theme.title}: {name}",
        summary=f"{theme.title} in {name}, one of the 45 projects of the Adult Social Care Efficiency Programme "
                f"(intervention: {theme.strategy.lower()}). Illustrative: the 2012 paper gives only the number of "
                "projects and the programme's totals, so this council, its grant and its savings are chosen for the "
                "demo.",
        status=status,
        rag=_rag(index, status),
        start=dt.date(2012, 4, 2),
        end=dt.date(2013, 3, 31),
        lead=code,
        funding=(Award(funder, gbp(tier.grant), ASC_FUNDED_AT,
                       notes="Department of Health funding through the LGA" if funder == "dh" else ""),),
        milestones=(
            MilestoneSpec("Project plan agreed with the LGA", dt.date(2012, 5, 31),
                          dt.date(2012, 5, 25) if in_delivery else None),
            MilestoneSpec("Mid-year progress report", dt.date(2012, 10, 31),
                          dt.date(2012, 10, 26) if in_delivery else None),
            MilestoneSpec("Final evaluation report", dt.date(2013, 4, 30),
                          dt.date(2013, 4, 19) if status == "complete" else None),
        ),
        risks=(
            (RiskSpec("Demand rises faster than planned", "medium", "high", "Director of adult social services",
                      "Monthly tracking of referrals; contingency in the savings plan"),)
            if index % 3 == 0 else ()
        ),
        savings=tuple(savings),
    )


ADULT_SOCIAL_CARE = tuple(
    _asc_project(index, code, name) for index, (code, name) in enumerate(councils.ADULT_SOCIAL_CARE)
)

CHILDRENS_COMMISSIONING = ProjectSpec(
    reference="CCP-01",
    title="Children's commissioning and productivity",
    summary="Developed and commissioned by the productivity programme for and on behalf of the Children's "
            "Improvement Board, where it is taken forward. A delivery partner has been identified and is starting "
            "to work with councils' children's services. Illustrative: the councils and figures are chosen for the "
            "demo.",
    status="funded",
    rag="amber",
    start=dt.date(2012, 1, 9),
    end=dt.date(2013, 3, 31),
    lead="childrens-improvement-board",
    partners=councils.CHILDRENS_COMMISSIONING,
    funding=(Award("lga", gbp(150_000), dt.date(2012, 1, 9), notes="Commissioned by the productivity programme "
                   "(illustrative)"),),
    milestones=(
        MilestoneSpec("Delivery partner appointed", dt.date(2012, 2, 29), dt.date(2012, 2, 20)),
        MilestoneSpec("Engagement with councils' children's services begins", dt.date(2012, 4, 30)),
    ),
    risks=(
        RiskSpec("Councils' children's services lack capacity to engage", "medium", "medium",
                 "Children's Improvement Board programme lead", "Regional events; delivery partner works on site"),
    ),
    savings=tuple(
        SavingSpec(
            council=code, title="Lower unit costs of commissioned children's placements",
            service="Children's social care", measure="Average weekly cost of commissioned placements",
            owner="Director of children's services",
            baseline=Baseline(gbp(6_000_000), dt.date(2011, 3, 31),
                              "2010/11 spend on commissioned placements (illustrative)"),
            amounts=(expected(2012, 250_000), expected(2013, 375_000)),
        )
        for code in councils.CHILDRENS_COMMISSIONING
    ),
)

TROUBLED_FAMILIES = ProjectSpec(
    reference="TF-01",
    title="Troubled families: learning from local service redesign (2012/13 proposal)",
    summary="An estimated £9bn a year is spent on 120,000 troubled families in England (£8bn reacting to their "
            "problems, £1bn on targeted help). The Government's programme distributes £448m pro rata to councils' "
            "shares of troubled families, mostly by payment by results in arrears, with an initial £29,000 per "
            "council for a co-ordinator and an up-front attachment fee. This proposal works with a small number of "
            "district and county councils to learn which local redesigns of key services work best, measured by "
            "the headline goals: parents in work, children in school, less crime and anti-social behaviour. A full "
            "proposal identifying savings to councils will follow. Illustrative: the councils are chosen for the demo.",
    status="proposed",
    rag="",
    start=dt.date(2012, 4, 2),
    end=dt.date(2013, 3, 31),
    lead="lga",
    partners=(*councils.TROUBLED_FAMILIES, "dclg"),
    milestones=(
        MilestoneSpec("Conversations with consultancies and councils with strong practice", dt.date(2012, 3, 30)),
        MilestoneSpec("Full proposal identifying savings to councils", dt.date(2012, 6, 29)),
    ),
)

INITIATIVES = (
    InitiativeSpec(
        slug="adult-social-care-efficiency",
        name="Adult Social Care Efficiency Programme",
        summary="Forty five projects selected and funded by the LGA. Over £1m allocated to councils, including "
                "£300,000 Department of Health funding; the programme is expected to help councils save at least "
                "£50m. Illustrative: the paper gives only these totals, so each project's council, grant and savings "
                "are chosen for the demo (and add up to the paper's totals).",
        projects=ADULT_SOCIAL_CARE,
    ),
    InitiativeSpec(
        slug="childrens-commissioning",
        name="Children's Commissioning and Productivity",
        summary="Commissioned for and on behalf of the Children's Improvement Board; a delivery partner has been "
                "identified.",
        projects=(CHILDRENS_COMMISSIONING,),
    ),
    InitiativeSpec(
        slug="troubled-families",
        name="Troubled Families Support",
        summary="A 2012/13 proposal to support councils working with families with complex needs, alongside the "
                "DCLG Troubled Families Unit and the national payment by results programme.",
        projects=(TROUBLED_FAMILIES,),
    ),
)
