"""Procurement: the category management pilots and the Procurement Pledge (workstream 1).

Expected savings here: £16m from the 8 pilots, whose 72 councils and figures are illustrative.
"""

import datetime as dt
from dataclasses import dataclass

from productivity.programme.demo.data import councils
from productivity.programme.demo.specs import (
    Amount,
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
class Pilot:
    region: str
    category: str
    service: str
    members: tuple[str, ...]
    per_council: int  # expected saving per council over 2012/13 and 2013/14, half in each
    rag: str
    on_track: bool = True
    realised_2012: bool = False


PILOTS = (
    # Stockport's saving here and in the adult social care programme is the deliberate double-count pair.
    Pilot("North West", "residential and nursing care", "Adult social care",
          councils.PROCUREMENT_CARE_NORTH_WEST, 300_000, "green"),
    Pilot("West Midlands", "children's placements", "Children's social care",
          councils.PROCUREMENT_CHILDREN_WEST_MIDLANDS, 250_000, "amber"),
    Pilot("South West", "highways maintenance", "Highways", councils.PROCUREMENT_HIGHWAYS_SOUTH_WEST, 200_000,
          "green"),
    Pilot("East of England", "energy", "Energy", councils.PROCUREMENT_ENERGY_EAST, 150_000, "green",
          realised_2012=True),
    Pilot("North East", "ICT", "ICT", councils.PROCUREMENT_ICT_NORTH_EAST, 200_000, "red", on_track=False),
    Pilot("London", "temporary agency staff", "Human resources", councils.PROCUREMENT_AGENCY_STAFF_LONDON,
          200_000, "amber"),
    Pilot("East Midlands", "waste collection and disposal contracts", "Waste",
          councils.PROCUREMENT_WASTE_EAST_MIDLANDS, 350_000, "green"),
    Pilot("South East", "construction", "Construction", councils.PROCUREMENT_CONSTRUCTION_SOUTH_EAST, 200_000,
          "amber"),
)

PILOT_GRANT = 50_000

# Who has checked the energy pilot's first-year savings, council by council: a mix on purpose.
ENERGY_VERIFICATION = ("audited", "verified", "verified", "unverified")


def _pilot_amounts(pilot: Pilot, position: int) -> tuple[Amount, ...]:
    half = pilot.per_council // 2
    # The lead council carries the cost of running the pilot, netted off in net figures.
    cost = PILOT_GRANT if position == 0 else 0
    on_course = half if pilot.on_track else half * 4 // 5
    amounts = [expected(2012, half, cost=cost), forecast(2012, on_course), expected(2013, pilot.per_council - half)]
    if pilot.realised_2012:
        amounts.append(realised(
            2012, half, verification=ENERGY_VERIFICATION[position % len(ENERGY_VERIFICATION)],
            evidence="Supplier invoices 2012/13 under the joint energy contract compared with 2010/11 unit prices "
                     "(illustrative)"))
    return tuple(amounts)


def _pilot_project(number: int, pilot: Pilot) -> ProjectSpec:
    lead, *partners = pilot.members
    in_delivery = pilot.on_track
    return ProjectSpec(
        reference=f"PCM-{number:02d}",
        title=f"{pilot.region} category management pilot: {pilot.category}",
        summary=f"{len(pilot.members)} councils in the {pilot.region} managing their spend on {pilot.category} as one "
                "category: one of the eight pilots, involving 72 councils, funded to work on the big spend "
                "categories (2012 paper, Appendix 1). Illustrative: the paper does not name the pilots' councils, so "
                "these were chosen deterministically from the register; the funding and savings figures are chosen "
                "for the demo.",
        status="implementing",
        rag=pilot.rag,
        start=dt.date(2011, 12, 12),
        end=dt.date(2013, 3, 31),
        lead=lead,
        partners=tuple(partners),
        funding=(Award("lga", gbp(PILOT_GRANT), dt.date(2011, 12, 12), notes="Pilot funding (illustrative)"),),
        milestones=(
            MilestoneSpec("Category strategy agreed by the pilot councils", dt.date(2012, 2, 29), dt.date(2012, 2, 24)),
            MilestoneSpec("First joint contract awarded", dt.date(2012, 9, 28),
                          dt.date(2012, 9, 14) if in_delivery else None),
            MilestoneSpec("Good practice shared through the National Advisory Group", dt.date(2013, 3, 29)),
        ),
        risks=(
            RiskSpec("Councils' existing contracts end at different times", "high", "medium", "Pilot lead",
                     "Align new contracts to a common end date; allow councils to join at renewal"),
        ),
        savings=tuple(
            SavingSpec(
                council=code,
                title=f"Lower spend on {pilot.category} through joint category management",
                service=pilot.service,
                measure=f"Spend on {pilot.category} against the 2010/11 baseline, adjusted for volume",
                owner="Head of procurement",
                baseline=Baseline(gbp(pilot.per_council * 6), dt.date(2011, 3, 31),
                                  f"2010/11 spend on {pilot.category} (illustrative)"),
                amounts=_pilot_amounts(pilot, position),
            )
            for position, code in enumerate(pilot.members)
        ),
    )


PLEDGE = ProjectSpec(
    reference="PLEDGE-01",
    title="A local government version of the Procurement Pledge",
    summary="The Government's draft Procurement Pledge asks public bodies, including the LGA for local government, "
            "to sign up by April 2012: procurement pipelines of future spend, an open door to business, all but the "
            "biggest procurements completed within 120 working days from OJEU notice to contract award. Government "
            "aims for 25% of its spend with SMEs (250 employees or fewer; central government then 7%, parts of local "
            "government over 80%). The LGA proposed a local government version that recognises local procurement's "
            "strengths and its support for social enterprises and the voluntary sector; the Cabinet Office agreed "
            "to explore it.",
    status="proposed",
    rag="amber",
    start=dt.date(2011, 12, 1),
    end=dt.date(2012, 4, 30),
    lead="lga",
    partners=("cabinet-office",),
    illustrative=False,
    milestones=(
        MilestoneSpec("Procurement and Growth Round Table", dt.date(2011, 12, 15), dt.date(2011, 12, 15),
                      notes="Held in December 2011 (the paper gives no day)."),
        MilestoneSpec("Board decides whether to sign the pledge or devise a local government version",
                      dt.date(2012, 3, 31)),
        MilestoneSpec("Sign-up to the pledge sought by the Government", dt.date(2012, 4, 30)),
    ),
    risks=(
        RiskSpec("Spending pipelines add data burdens on councils", "high", "medium", "Programme manager, LGA",
                 "Use existing regional portals and Contracts Finder; argue against returns to several departments",
                 description="Pipelines updated every six months could mean returns to several departments, "
                             "against the Board's policy of reducing data burdens."),
    ),
)

INITIATIVES = (
    InitiativeSpec(
        slug="procurement-category-management",
        name="Procurement Category Management Pilots",
        summary="Eight pilots involving 72 councils, funded to work on the big spend categories. The launch generated "
                "significant interest from councils; the pilots share good practice through the National Advisory "
                "Group for Local Government Procurement. The councils and figures are illustrative: the paper gives "
                "only the counts.",
        projects=tuple(_pilot_project(number, pilot) for number, pilot in enumerate(PILOTS, start=1)),
    ),
    InitiativeSpec(
        slug="procurement-pledge",
        name="Procurement Pledge",
        summary="The Government's draft Procurement Pledge and the LGA's response (2012 paper, paragraphs 7-15 and "
                "Appendix 2).",
        projects=(PLEDGE,),
    ),
)
