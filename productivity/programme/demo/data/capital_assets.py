"""Capital & Assets: the 11 pathfinders, CAP Wave 2 and the 2012/13 proposal (workstream 1).

Expected savings here: £17.5m from the pathfinders (illustrative figures: the papers give none per area).
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

# --- Capital & Assets Pathfinders (2011 paper, paragraphs 16-18) -------------------------------------

PATHFINDER_NOTE = (
    "The councils are those the 2011 board paper names for this pathfinder area; the funding and "
    "savings figures are illustrative, chosen for the demo."
)


def _running_costs(council: str, place: str, total: int) -> SavingSpec:
    """A pathfinder's recurring cut in property running costs, 40% in 2012/13 and the rest in 2013/14."""
    first = total * 2 // 5
    return SavingSpec(
        council=council,
        title=f"Lower running costs of the public estate in {place}",
        service="Property and assets",
        measure="Running costs of the operational estate (premises, energy, facilities management)",
        owner="Head of property services",
        description="Shared buildings and disposals from the pathfinder's 10-year strategy (c.10-20% lower "
                    "running costs predicted).",
        baseline=Baseline(gbp(total * 5), dt.date(2010, 3, 31), "2009/10 running costs of the estate (illustrative)"),
        amounts=(expected(2012, first), forecast(2012, first), expected(2013, total - first)),
    )


def _pathfinder(number: int, area: str, lead: str, partners: tuple[str, ...], description: str,
                savings: tuple[SavingSpec, ...], rag: str = "green") -> ProjectSpec:
    return ProjectSpec(
        reference=f"CAP-{number:02d}",
        title=f"Capital & Assets pathfinder: {area}",
        summary=f"{description} Partners mapped all public sector land and property and customer service needs, "
                f"and produced business cases and a 10-year strategy. {PATHFINDER_NOTE}",
        status="implementing",
        rag=rag,
        start=dt.date(2011, 1, 10),
        end=dt.date(2013, 3, 31),
        lead=lead,
        partners=partners,
        funding=(Award("dclg", gbp(100_000), dt.date(2011, 1, 10), notes="Pathfinder support (illustrative)"),),
        milestones=(
            MilestoneSpec("Map all public sector land and property", dt.date(2011, 3, 31), dt.date(2011, 3, 25)),
            MilestoneSpec("Map customer service needs", dt.date(2011, 3, 31), dt.date(2011, 3, 31)),
            MilestoneSpec("Business cases and 10-year strategy agreed by partners", dt.date(2011, 6, 30),
                          dt.date(2011, 7, 14)),
            MilestoneSpec("First business case in delivery", dt.date(2012, 3, 31),
                          None if rag == "red" else dt.date(2012, 3, 20)),
        ),
        risks=(
            RiskSpec("Partners' estate plans diverge", "medium", "high", "Pathfinder board chair",
                     "Quarterly asset board with all public sector partners; shared 10-year strategy"),
        ),
        savings=savings,
    )


PATHFINDERS = (
    _pathfinder(1, "Cambridgeshire", "E10000003", (), "Cambridgeshire's public sector partners, led by the "
                "county council.", (_running_costs("E10000003", "Cambridgeshire", 1_800_000),)),
    _pathfinder(2, "Durham", "E06000047", (), "County Durham and its public sector partners.",
                (_running_costs("E06000047", "County Durham", 1_600_000),)),
    _pathfinder(3, "Hackney", "E09000012", (), "Hackney's public sector partners: customer access points "
                "shared across agencies.", (
                    _running_costs("E09000012", "Hackney", 1_200_000),
                    SavingSpec(
                        council="E09000012", title="Double running costs while services move buildings",
                        service="Property and assets", measure="Rent and service charges paid on vacated buildings",
                        owner="Head of property services", recurrence="one_off", is_disbenefit=True,
                        description="A dis-benefit: both old and new buildings are paid for during moves.",
                        amounts=(expected(2012, 150_000),),
                    ),
                ), rag="amber"),
    _pathfinder(4, "Hampshire", "E10000014", (), "Hampshire's public sector partners, led by the county council: "
                "joint fire and police stations among the business cases.", (
                    _running_costs("E10000014", "Hampshire", 2_000_000),
                    SavingSpec(
                        council="E10000014", title="Capital receipts from surplus sites", service="Property and assets",
                        measure="Sale proceeds of sites released by co-location", owner="County surveyor",
                        recurrence="one_off",
                        baseline=Baseline(gbp(800_000), dt.date(2011, 3, 31),
                                          "Book value of the surplus sites, 31 March 2011 (illustrative)"),
                        amounts=(
                            expected(2012, 800_000), forecast(2012, 850_000),
                            realised(2012, 850_000, verification="audited", evidence=(
                                "Completion statements for the three sites sold; capital receipts ledger 2012/13 "
                                "(illustrative)")),
                        ),
                    ),
                )),
    _pathfinder(5, "Hull", "E06000010", (), "Kingston upon Hull and its public sector partners.",
                (_running_costs("E06000010", "Hull", 1_300_000),)),
    _pathfinder(6, "Leeds City Region", "E08000035",
                ("E08000032", "E08000033", "E08000034", "E08000036", "E06000014", "E08000016", "E07000163",
                 "E07000165", "E07000169", "E10000023"),
                "The Leeds City Region partnership, led by Leeds with Bradford, Calderdale, Kirklees, Wakefield, "
                "York, Barnsley, Craven, Harrogate, Selby and North Yorkshire.", (
                    _running_costs("E08000035", "Leeds", 1_400_000),
                    _running_costs("E08000032", "Bradford", 1_000_000),
                )),
    _pathfinder(7, "Leicester/shire", "E06000016", ("E10000018",), "Leicester and Leicestershire: city and "
                "county working together.", (
                    SavingSpec(
                        council="E06000016", title="Lower running costs of the public estate in Leicester",
                        service="Property and assets",
                        measure="Running costs of the operational estate (premises, energy, facilities management)",
                        owner="Head of property services",
                        baseline=Baseline(gbp(4_500_000), dt.date(2010, 3, 31),
                                          "2009/10 running costs of the estate (illustrative)"),
                        amounts=(
                            expected(2012, 360_000), forecast(2012, 360_000), expected(2013, 540_000),
                            realised(2012, 372_000, verification="verified", evidence=(
                                "Premises cost centres 2012/13 outturn against 2009/10; lease surrender for "
                                "two buildings (illustrative)")),
                        ),
                    ),
                    _running_costs("E10000018", "Leicestershire", 600_000),
                )),
    _pathfinder(8, "Solihull", "E08000029", (), "Solihull and its public sector partners.",
                (_running_costs("E08000029", "Solihull", 900_000),)),
    _pathfinder(9, "Swindon", "E06000030", (), "Swindon and its public sector partners: town centre "
                "regeneration.", (_running_costs("E06000030", "Swindon", 1_000_000),), rag="red"),
    _pathfinder(10, "Wigan", "E08000010", (), "Wigan and its public sector partners.", (
        SavingSpec(
            council="E08000010", title="Lower running costs of the public estate in Wigan",
            service="Property and assets",
            measure="Running costs of the operational estate (premises, energy, facilities management)",
            owner="Head of property services",
            baseline=Baseline(gbp(5_500_000), dt.date(2010, 3, 31), "2009/10 running costs of the estate "
                              "(illustrative)"),
            amounts=(
                expected(2012, 440_000), forecast(2012, 420_000), expected(2013, 660_000),
                realised(2012, 410_000, evidence="Facilities management contract variation and 2012/13 premises "
                         "outturn (illustrative)"),
            ),
        ),
    )),
    _pathfinder(11, "Worcestershire", "E10000034", (), "Worcestershire's public sector partners, led by the "
                "county council.", (_running_costs("E10000034", "Worcestershire", 1_900_000),)),
)

# --- CAP Wave 2 (2011 paper, paragraph 19; 2012 paper, Appendix 1 paragraph 7) ---------------------------


def _wave_2(number: int, county: str, members: tuple[str, ...], plan_savings: int, rag: str) -> ProjectSpec:
    lead, *partners = members
    return ProjectSpec(
        reference=f"CAPW2-{number:02d}",
        title=f"CAP Wave 2: {county} and districts",
        summary=f"{county} county council and some of its districts, one of the wave 2 pilots rolling the Capital & "
                "Assets Programme out to the wider sector. Detailed business plan submitted and under evaluation; "
                "savings are the business plan's forecast until the plan is approved. Illustrative: the papers do "
                "not name the wave 2 councils, and the figures are chosen for the demo.",
        status="selected",
        rag=rag,
        start=dt.date(2011, 10, 3),
        end=dt.date(2013, 3, 31),
        lead=lead,
        partners=tuple(partners),
        funding=(
            Award("lga", gbp(60_000), dt.date(2011, 10, 3), notes="LGA seed funding (illustrative)"),
            Award(lead, gbp(60_000), dt.date(2011, 10, 3), is_match_funding=True,
                  notes="The county's match funding (illustrative)"),
        ),
        milestones=(
            MilestoneSpec("Detailed business plan submitted", dt.date(2012, 1, 31), dt.date(2012, 1, 27)),
            MilestoneSpec("Business plan evaluated by the LGA and Local Partnerships", dt.date(2012, 4, 30)),
        ),
        risks=(
            RiskSpec("Business plan needs more intensive support to deliver its savings", "medium", "medium",
                     "Programme manager, LGA", "Local Partnerships adviser assigned to the pilot"),
        ),
        savings=(
            SavingSpec(
                council=lead, title=f"Lower running costs of the public estate in {county} (business plan)",
                service="Property and assets", measure="Running costs of the operational estate",
                owner="Head of property services",
                amounts=(forecast(2013, plan_savings),),
            ),
        ),
    )


WAVE_2 = (
    _wave_2(1, "Devon", councils.CAP_WAVE_2_DEVON, 700_000, "green"),
    _wave_2(2, "Lancashire", councils.CAP_WAVE_2_LANCASHIRE, 550_000, "amber"),
)

# --- Capital assets and economic growth, 2012/13 (2012 paper, paragraphs 4-6) ------------------------------

# Unpublished on purpose: Hampshire's own people (the demo accounts) see it; the public does not.
HAMPSHIRE_GROWTH_APPLICATION = ProjectSpec(
    reference="CAPG-01",
    title="Capital assets and economic growth: Hampshire's draft application",
    summary="A draft application to the 2012/13 Capital and Assets Programme, which will select 10 to 15 councils "
            "that can match fund the LGA's initial investment, measured by jobs created, housing built or "
            "refurbished, redundant public space reused for employment, lower spending on public capital assets "
            "and carbon reduction. Not yet published. Illustrative: the papers do not name applicants.",
    status="proposed",
    rag="",
    start=dt.date(2012, 4, 2),
    end=dt.date(2013, 3, 31),
    lead="E10000014",
    published=False,
    milestones=(MilestoneSpec("Draft application reviewed with the LGA", dt.date(2012, 5, 15)),),
    risks=(
        RiskSpec("Match funding not agreed in time", "medium", "high", "Director of culture, communities and "
                 "business services", "Early decision on match funding at cabinet"),
    ),
)

INITIATIVES = (
    InitiativeSpec(
        slug="capital-assets-pathfinders",
        name="Capital and Assets Pathfinders",
        summary="The Capital & Assets Programme (CAP), established by the sector with the Department for Communities "
                "and Local Government, worked with 11 pathfinder areas to show that local areas working together to "
                "rationalise their land and property achieve greater efficiencies than agencies working alone. Their "
                "long-term strategies predict c.20% less operating footprint, 10-20% lower running costs, 20%+ lower "
                "carbon and, in some cases, significant capital receipts; one larger county estimated its 20% cut in "
                "running costs at £280m net present value over 10 years. Councils as named in the 2011 paper; "
                "funding and savings figures illustrative.",
        projects=PATHFINDERS,
    ),
    InitiativeSpec(
        slug="cap-wave-2",
        name="Capital Assets Pathfinders (CAP): Wave 2",
        summary="Rolling the programme out to the wider sector, starting with two counties and a number of their "
                "districts. Pilot councils have submitted detailed business plans, which are being evaluated: most "
                "are of high quality; some will need more intensive support to deliver the savings. Councils and "
                "figures illustrative.",
        projects=WAVE_2,
    ),
    InitiativeSpec(
        slug="capital-assets-economic-growth",
        name="Capital Assets and Economic Growth 2012/13",
        summary="The 2012/13 Capital and Assets Programme will reduce expenditure and promote economic growth through "
                "realised and retained assets, using the Localism Act and the Government's Cities programme. Subject "
                "to resources, 10 to 15 councils will be selected that can match fund the LGA's initial investment.",
        projects=(HAMPSHIRE_GROWTH_APPLICATION,),
    ),
)
