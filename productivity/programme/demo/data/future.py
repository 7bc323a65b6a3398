"""Future Ways of Working (workstream 3).

Expected savings here: the productivity experts' £1m a year (two years) and £500,000 in 2012/13, as
the 2012 paper gives them, and £500,000 from the waste pilot (illustrative).
"""

import datetime as dt

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

FIRST_SUMMIT = ProjectSpec(
    reference="FWW-01",
    title="Future Summit: The Productive Council of the Future: 2021",
    summary="The first Future Summit brought together leading councillors, top managers from the public, private and "
            "third sectors and expert commentators to design robust working arrangements for a productive council "
            "able to meet the challenges of the next five to ten years. A Member Design Group selected the "
            "invitations and shaped the summits; further summits followed during 2011.",
    status="complete",
    rag="green",
    start=dt.date(2011, 4, 1),
    end=dt.date(2011, 7, 31),
    lead="lga",
    illustrative=False,
    milestones=(
        MilestoneSpec("Member Design Group selects the invitation list", dt.date(2011, 4, 8), dt.date(2011, 4, 8),
                      notes="The paper says early April 2011; the day is not given."),
        MilestoneSpec("First Future Summit", dt.date(2011, 5, 23), dt.date(2011, 5, 23)),
        MilestoneSpec("Outcomes and proposals for the remaining summits reported to the Improvement Programme Board",
                      dt.date(2011, 7, 31), dt.date(2011, 7, 20)),
    ),
)


def _cluster(number: int, members: tuple[str, ...], names: str, published: bool) -> ProjectSpec:
    lead, *partners = members
    return ProjectSpec(
        reference=f"SST-{number:02d}",
        title=f"Fundamental transformation cluster: {names}",
        summary=f"{names}, councils already sharing a chief executive and services, asking 'what should we do next?': "
                "practical, bottom-up radical approaches that build on, not duplicate, the 2010 Future Ways of "
                "Working workstream and the 2011 Future Summits. Illustrative: the paper seeks 3 to 4 clusters "
                "without naming them.",
        status="proposed",
        rag="",
        start=dt.date(2012, 4, 2),
        end=dt.date(2013, 3, 31),
        lead=lead,
        partners=tuple(partners),
        published=published,
        milestones=(MilestoneSpec("Cluster agreed with the Local Government Delivery Council", dt.date(2012, 6, 29)),),
    )


CLUSTER_NAMES = ("Adur and Worthing", "South Holland and Breckland", "Babergh and Mid Suffolk")
# The third cluster is still being agreed, so it is not published: only its councils' people see it.
CLUSTERS = tuple(
    _cluster(number, members, names, published=number < 3)
    for number, (members, names) in enumerate(zip(councils.SHARED_SERVICES_CLUSTERS, CLUSTER_NAMES, strict=True),
                                              start=1)
)

CONTRACTS_EXPERT = ProjectSpec(
    reference="PEX-01",
    title="Contracts negotiating expert: renegotiating a district council's four largest contracts",
    summary="A productivity expert renegotiates the council's four largest contracts for an efficiency saving of £1m a "
            "year, and trains officers in the tactics and knowledge complex renegotiation needs. The £1m a year is "
            "the 2012 paper's figure; the paper does not name the district, so the council is illustrative.",
    status="complete",
    rag="green",
    start=dt.date(2011, 11, 1),
    end=dt.date(2012, 9, 28),
    lead=councils.CONTRACTS_EXPERT_DISTRICT,
    funding=(Award("lga", gbp(30_000), dt.date(2011, 11, 1), notes="Productivity expert seed funding (illustrative)"),),
    milestones=(
        MilestoneSpec("Four largest contracts renegotiated", dt.date(2012, 3, 30), dt.date(2012, 3, 23)),
        MilestoneSpec("Officers trained in contract renegotiation", dt.date(2012, 9, 28), dt.date(2012, 9, 21)),
    ),
    savings=(
        SavingSpec(
            council=councils.CONTRACTS_EXPERT_DISTRICT, title="Renegotiated prices in the four largest contracts",
            service="Procurement and contracts", measure="Annual contract payments against pre-renegotiation prices",
            owner="Head of finance",
            baseline=Baseline(gbp(9_000_000), dt.date(2011, 10, 31),
                              "Annual value of the four contracts before renegotiation (illustrative)"),
            amounts=(
                expected(2012, 1_000_000, cost=45_000), forecast(2012, 1_000_000), expected(2013, 1_000_000),
                realised(2012, 1_000_000, verification="audited", cost=45_000, evidence=(
                    "Signed contract variations for the four contracts and 2012/13 payments ledger "
                    "(illustrative)")),
            ),
        ),
    ),
)

SYSTEMS_THINKING = ProjectSpec(
    reference="PEX-02",
    title="Systems thinking across all services, with an expert from another council in the region",
    summary="An expert from another council in the region helps the council implement systems thinking across all "
            "services, to achieve £500,000 of savings in 2012/13 (the 2012 paper's figure; the councils are "
            "illustrative).",
    status="implementing",
    rag="green",
    start=dt.date(2012, 1, 9),
    end=dt.date(2013, 3, 29),
    lead=councils.SYSTEMS_THINKING_COUNCIL,
    partners=(councils.SYSTEMS_THINKING_EXPERT_FROM,),
    funding=(Award("lga", gbp(20_000), dt.date(2012, 1, 9), notes="Productivity expert seed funding (illustrative)"),),
    milestones=(MilestoneSpec("All services redesigned", dt.date(2013, 3, 29)),),
    risks=(
        RiskSpec("Savings depend on staff adopting the new ways of working", "medium", "medium", "Chief executive",
                 "Managers lead the redesign of their own services"),
    ),
    savings=(
        SavingSpec(
            council=councils.SYSTEMS_THINKING_COUNCIL, title="Systems thinking redesign of all services",
            service="All services", measure="Staff and running costs of redesigned services",
            owner="Chief executive",
            baseline=Baseline(gbp(12_000_000), dt.date(2011, 3, 31), "2010/11 net service costs (illustrative)"),
            amounts=(
                expected(2012, 500_000), forecast(2012, 480_000),
                realised(2012, 310_000, verification="verified", evidence=(
                    "Budget monitoring at month 9: posts deleted and running costs reduced (illustrative)")),
            ),
        ),
    ),
)

MASTERCLASSES = ProjectSpec(
    reference="PEX-03",
    title="Productivity masterclasses",
    summary="Masterclasses for councillors and officers alongside the productivity experts, with particular interest "
            "in procurement and contracting. Illustrative: dates chosen for the demo.",
    status="implementing",
    rag="green",
    start=dt.date(2011, 9, 1),
    end=dt.date(2013, 3, 29),
    lead="lga",
    milestones=(MilestoneSpec("Procurement and contracting masterclass", dt.date(2012, 2, 16), dt.date(2012, 2, 16)),),
)

FOOD_WASTE_PILOT = ProjectSpec(
    reference="WMP-01",
    title="Food waste macerators in new housing: pilot with a water authority",
    summary="Research is complete and a water authority provisionally identified. New housing developments are "
            "being identified for a trial of macerators that let food waste go through the foul water system, and "
            "local partners' final agreement sought. Illustrative: the councils and figures are chosen for the demo.",
    status="selected",
    rag="amber",
    start=dt.date(2011, 10, 3),
    end=dt.date(2013, 3, 29),
    lead=councils.WASTE_PILOT[0],
    partners=councils.WASTE_PILOT[1:],
    funding=(Award("lga", gbp(40_000), dt.date(2011, 10, 3), notes="Pilot funding (illustrative)"),),
    milestones=(
        MilestoneSpec("Background research complete", dt.date(2011, 12, 16), dt.date(2011, 12, 16)),
        MilestoneSpec("Water authority and housing developments agreed", dt.date(2012, 6, 29)),
    ),
    risks=(
        RiskSpec("Local partners do not reach final agreement", "medium", "high", "Head of waste services",
                 "Agreement drafted with the water authority early"),
    ),
    savings=(
        SavingSpec(
            council=councils.WASTE_PILOT[1], title="Less food waste collected and sent for disposal",
            service="Waste", measure="Tonnes of food waste collected from the pilot developments",
            owner="Head of waste services",
            baseline=Baseline(gbp(2_500_000), dt.date(2011, 3, 31), "2010/11 food waste disposal costs (illustrative)"),
            amounts=(expected(2012, 200_000), expected(2013, 300_000)),
        ),
    ),
)

WEEKLY_COLLECTION_GUIDANCE = ProjectSpec(
    reference="WMP-02",
    title="Guidance for bids to DCLG's £250m Weekly Collection Support Scheme",
    summary="A guidance document for councils considering a bid to the Weekly Collection Support Scheme; roadshows "
            "giving more tailored support are being discussed with DCLG.",
    status="complete",
    rag="green",
    start=dt.date(2011, 10, 3),
    end=dt.date(2012, 3, 30),
    lead="lga",
    partners=("dclg",),
    illustrative=False,
    milestones=(MilestoneSpec("Guidance document published", dt.date(2012, 2, 29), dt.date(2012, 2, 24),
                              notes="The paper gives no date; this one is illustrative."),),
)

INITIATIVES = (
    InitiativeSpec(
        slug="future-summits",
        name="Future Summits",
        summary="The scale of spending cuts is too great for efficiency savings alone to bridge the gap: a series of "
                "Future Summits develops new and radical ways of working.",
        projects=(FIRST_SUMMIT,),
    ),
    InitiativeSpec(
        slug="shared-services-transformation",
        name="Shared Services and Fundamental Transformation",
        summary="Over 220 councils share services, with efficiency savings of £165m (the on-line shared services "
                "map). For councils that have shared services and management, applied systems thinking and LEAN and "
                "improved procurement, the LGA will work with, and where appropriate fund, 3 to 4 clusters of "
                "councils trying radical approaches.",
        projects=CLUSTERS,
    ),
    InitiativeSpec(
        slug="productivity-experts",
        name="Productivity Experts and Masterclasses",
        summary="Take-up of productivity experts is increasing steadily, especially in procurement and contracting, "
                "where seed funding is leading to significant efficiency savings.",
        projects=(CONTRACTS_EXPERT, SYSTEMS_THINKING, MASTERCLASSES),
    ),
    InitiativeSpec(
        slug="waste-management-pilots",
        name="Waste Management Pilots",
        summary="Pilots of new ways to deal with waste, and support for councils bidding to DCLG's £250m Weekly "
                "Collection Support Scheme.",
        projects=(FOOD_WASTE_PILOT, WEEKLY_COLLECTION_GUIDANCE),
    ),
)
