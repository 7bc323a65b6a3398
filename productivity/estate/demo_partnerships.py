"""The demo's Capital & Assets partnerships: the 11 pathfinder areas of the 2011 board paper, each a lead
council with illustrative partner bodies, a synthetic estate, two projects and a few quarterly returns; and an
illustrative 2012/13 selection round. Everything here but the areas and their lead councils is ILLUSTRATIVE
(labelled so on every page): the papers give no partners, estates or outputs per area.

Idempotent: records are found by their slugs, codes and references, so running it again changes nothing.
Each partnership links to the programme demo's pathfinder project (CAP-01 ... CAP-11) when it is loaded.
"""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from productivity.estate import geography, partnerships, returns
from productivity.estate.models import (
    Application,
    Asset,
    Criterion,
    EstateProject,
    Partnership,
    QuarterlyReturn,
    Score,
    SelectionRound,
)
from productivity.organisations.models import Organisation, OrganisationKind

NOTE = ("Illustrative: the 2011 board paper names the area and its lead council; the partner bodies, estate, "
        "projects and figures were chosen for the demo.")
POLICE, FIRE, NHS = OrganisationKind.POLICE, OrganisationKind.FIRE, OrganisationKind.NHS

# (number, area, lead GSS, other councils, partner bodies (name, kind), programme saving titles to link)
AREAS = (
    (1, "Cambridgeshire", "E10000003", (), (("Cambridgeshire Constabulary", POLICE),
                                            ("Cambridgeshire Fire and Rescue Service", FIRE),
                                            ("NHS Cambridgeshire", NHS))),
    (2, "Durham", "E06000047", (), (("Durham Constabulary", POLICE),
                                    ("County Durham and Darlington Fire and Rescue Service", FIRE),
                                    ("NHS County Durham", NHS))),
    (3, "Hackney", "E09000012", (), (("Metropolitan Police Service", POLICE), ("London Fire Brigade", FIRE),
                                     ("NHS City and Hackney", NHS))),
    (4, "Hampshire", "E10000014", (), (("Hampshire Constabulary", POLICE),
                                       ("Hampshire Fire and Rescue Service", FIRE), ("NHS Hampshire", NHS))),
    (5, "Hull", "E06000010", (), (("Humberside Police", POLICE), ("Humberside Fire and Rescue Service", FIRE),
                                  ("NHS Hull", NHS))),
    (6, "Leeds City Region", "E08000035", ("E08000032",), (("West Yorkshire Police", POLICE),
                                                           ("West Yorkshire Fire and Rescue Service", FIRE),
                                                           ("NHS Leeds", NHS))),
    (7, "Leicester/shire", "E06000016", ("E10000018",), (("Leicestershire Police", POLICE),
                                                         ("Leicestershire Fire and Rescue Service", FIRE),
                                                         ("NHS Leicester City", NHS))),
    (8, "Solihull", "E08000029", (), (("West Midlands Police", POLICE), ("West Midlands Fire Service", FIRE),
                                      ("NHS Solihull", NHS))),
    (9, "Swindon", "E06000030", (), (("Wiltshire Police", POLICE), ("Wiltshire Fire and Rescue Service", FIRE),
                                     ("NHS Swindon", NHS))),
    (10, "Wigan", "E08000010", (), (("Greater Manchester Police", POLICE),
                                    ("Greater Manchester Fire and Rescue Service", FIRE),
                                    ("NHS Ashton, Leigh and Wigan", NHS))),
    (11, "Worcestershire", "E10000034", (), (("West Mercia Police", POLICE),
                                             ("Hereford and Worcester Fire and Rescue Service", FIRE),
                                             ("NHS Worcestershire", NHS))),
)
DWP = "dwp"  # Jobcentres share buildings in two of the areas
WITH_DWP = {"Hackney", "Hull"}
# Partnerships with a year of returns, and which of their projects closed (with an over-optimistic first forecast).
RETURNING = {"Hampshire", "Durham", "Worcestershire", "Wigan"}
COUNTED = {"jobs", "homes"}
EVIDENCE = "Illustrative evidence: completion statements, premises ledger and payroll extracts"
USES = {
    OrganisationKind.COUNCIL: ("office", "library", "depot", "community_centre", "customer_service_centre",
                               "leisure"),
    POLICE: ("police_station", "office"),
    FIRE: ("fire_station",),
    NHS: ("clinic", "office"),
    OrganisationKind.CENTRAL_GOVERNMENT: ("office",),
}


# Police force areas and fire and rescue authorities in the organisations register, by the demo's name for them:
# the partner is the register's body where the register has it (no second body under another name).
REGISTER_CODES = {
    "Cambridgeshire Constabulary": "E23000023", "Cambridgeshire Fire and Rescue Service": "E31000005",
    "Durham Constabulary": "E23000008", "County Durham and Darlington Fire and Rescue Service": "E31000013",
    "Metropolitan Police Service": "E23000001", "London Fire Brigade": "E31000046",
    "Hampshire Constabulary": "E23000030", "Hampshire Fire and Rescue Service": "E31000048",
    "Humberside Police": "E23000012", "Humberside Fire and Rescue Service": "E31000020",
    "West Yorkshire Police": "E23000010", "West Yorkshire Fire and Rescue Service": "E31000045",
    "Leicestershire Police": "E23000021", "Leicestershire Fire and Rescue Service": "E31000024",
    "West Midlands Police": "E23000014", "West Midlands Fire Service": "E31000044",
    "Wiltshire Police": "E23000038", "Wiltshire Fire and Rescue Service": "E31000047",
    "Greater Manchester Police": "E23000005", "Greater Manchester Fire and Rescue Service": "E31000040",
    "West Mercia Police": "E23000016", "Hereford and Worcester Fire and Rescue Service": "E31000018",
}


def _body(name: str, kind: str) -> Organisation:
    known = Organisation.objects.filter(slug=REGISTER_CODES[name]).first() if name in REGISTER_CODES else None
    if known is not None:
        return known
    organisation, _ = Organisation.objects.get_or_create(slug=slugify(name)[:40],
                                                         defaults={"name": name, "kind": kind})
    return organisation


def _programme_project(number: int):
    projects = Partnership._meta.get_field("programme_project").related_model.objects
    return projects.filter(reference=f"CAP-{number:02d}").first()


def _points(gss: str, rng: random.Random, count: int) -> list[geography.Location | None]:
    """``count`` points inside the area's shipped boundary (None when it has none)."""
    area = geography.area_of(gss)
    if area is None:
        return [None] * count
    import shapely

    west, south, east, north = area.bounds
    found = []
    while len(found) < count:
        lon, lat = rng.uniform(west, east), rng.uniform(south, north)
        if shapely.contains_xy(area, lon, lat):
            found.append(geography.locate(Decimal(f"{lon:.6f}"), Decimal(f"{lat:.6f}"), geography.WGS84))
    return found


def _estate(owner: Organisation, place_gss: str, prefix: str, rng: random.Random, count: int) -> None:
    """A synthetic estate for ``owner`` (the council's published, partner bodies' unpublished)."""
    uses = USES.get(owner.kind, ("office",))
    published = owner.kind == OrganisationKind.COUNCIL
    for index, location in enumerate(_points(place_gss, rng, count), start=1):
        code = f"{prefix}-{index:02d}"
        if Asset.objects.filter(owner=owner, asset_code=code).exists():
            continue
        use = uses[index % len(uses)]
        area = Decimal(rng.randrange(150, 6000))
        Asset.objects.create(
            owner=owner, asset_code=code, name=f"{owner.name} {use.replace('_', ' ')} {index} (illustrative)",
            address=f"Illustrative site {index}", use=use, tenure="freehold" if index % 3 else "leasehold",
            holding_type="land_and_buildings", gross_internal_area=area,
            occupancy=Decimal(rng.randrange(35, 100)), rent=Decimal(0) if index % 3 else area * 120,
            rates=area * 18, facilities_cost=area * 35, energy_cost=area * 14, energy_kwh=area * 160,
            carbon_tco2e=(area * Decimal("0.045")).quantize(Decimal("0.001")),
            status="surplus" if index % 7 == 0 else "operational",
            lease_end=dt.date(2014 + index % 8, 3, 31) if index % 3 == 0 else None,
            is_published=published,
            easting=location.easting if location else None, northing=location.northing if location else None,
            longitude=location.longitude if location else None, latitude=location.latitude if location else None,
            flags=[] if location else ["no_location"], effective_date=dt.date(2012, 3, 31))


def _saving(programme_project, words: str):
    if programme_project is None:
        return None
    return programme_project.savings.filter(title__icontains=words, baseline_value__isnull=False).first()


def _projects(partnership: Partnership, code: str, area: str, programme_project) -> list[EstateProject]:
    hub, _ = EstateProject.objects.get_or_create(
        partnership=partnership, reference=f"{code}-01",
        defaults={"title": f"{area} shared public service hub (illustrative)",
                  "description": "Council, police and NHS services moved into one refurbished building."})
    disposal, _ = EstateProject.objects.get_or_create(
        partnership=partnership, reference=f"{code}-02",
        defaults={"title": f"{area} surplus sites released for homes and jobs (illustrative)",
                  "description": "Buildings vacated by the hub sold or let for housing and employment."})
    running = _saving(programme_project, "running costs")
    if running is not None and hub.running_cost_saving_id is None:
        hub.running_cost_saving = running
        returns.save_project(hub)
    receipts = _saving(programme_project, "capital receipts")
    if receipts is not None and disposal.receipts_saving_id is None:
        disposal.receipts_saving = receipts
        returns.save_project(disposal)
    return [hub, disposal]


def _returns(partnership: Partnership, projects: list[EstateProject], rng: random.Random) -> None:
    hub, disposal = projects
    scale = Decimal(rng.randrange(8, 14)) / 10
    for quarter in (1, 2, 3, 4):
        if QuarterlyReturn.objects.filter(partnership=partnership, financial_year=2012, quarter=quarter).exists():
            continue
        rag = ("green", "amber_green", "amber", "amber_green")[quarter - 1]
        made = returns.save_return(QuarterlyReturn(
            partnership=partnership, financial_year=2012, quarter=quarter, overall_rag=rag,
            delivery_rag="amber" if quarter == 3 else "green", governance_rag="green", is_illustrative=True,
            commentary=f"Illustrative return. Quarter {quarter}: hub refurbishment and disposals on plan; "
                       "partners' asset board met monthly.",
            delivery_commentary="Disposal of two sites slipped a quarter while planning consent was sought."
            if quarter == 3 else "", governance_commentary="Asset board chaired by the lead council."))
        # The disposal project's first forecast (Q1) is higher than it later proves: visible as over-optimism.
        disposal_forecast = {"homes": 120, "land_for_homes": Decimal("4.5"), "receipts": 3_000_000,
                             "jobs": 60} if quarter == 1 else {"homes": 80, "land_for_homes": Decimal("3.2"),
                                                               "receipts": 1_900_000, "jobs": 35}
        hub_forecast = {"running_costs": 400_000, "space_reused": 2500, "carbon": 180, "capital_spend": 600_000,
                        "jobs": 25}
        achieved = {
            hub: {"running_costs": 60_000, "space_reused": 500, "carbon": 30, "capital_spend": 100_000, "jobs": 5},
            disposal: {"homes": 20, "land_for_homes": Decimal("0.8"), "receipts": 450_000, "jobs": 8},
        }
        for project, forecasts in ((hub, hub_forecast), (disposal, disposal_forecast)):
            for measure, forecast in forecasts.items():
                step = Decimal(1) if measure in COUNTED else Decimal("0.01")  # whole jobs and homes
                value = achieved[project].get(measure)
                value = (Decimal(value) * scale).quantize(step) if value is not None else None
                returns.set_figure(made, project, measure, forecast=(Decimal(forecast) * scale).quantize(step),
                                   achieved=value, evidence_notes=EVIDENCE if value is not None else "")
        returns.submit(made)
        for figure in made.figures.exclude(achieved=None):
            if quarter < 4:  # the latest quarter's figures still await verification
                returns.verify(figure, None)
    disposal.status, disposal.closed_on = EstateProject.Status.CLOSED, dt.date(2013, 3, 31)
    disposal.save()


ROUND_COUNCILS = (("E08000025", 4, 5, 4, 400_000), ("E08000003", 5, 4, 4, 350_000), ("E06000023", 4, 4, 5, 300_000),
                  ("E06000052", 3, 4, 3, 250_000), ("E10000016", 5, 5, 4, 500_000), ("E10000020", 3, 3, 4, 200_000),
                  ("E06000018", 4, 3, 3, 150_000), ("E08000019", 4, 4, 4, 300_000), ("E08000021", 5, 3, 4, 250_000),
                  ("E06000026", 3, 3, 3, 100_000), ("E10000012", 4, 5, 5, 450_000), ("E08000012", 4, 4, 3, 0),
                  ("E06000015", 2, 3, 3, 120_000), ("E10000029", 3, 4, 4, 200_000), ("E08000024", 3, 2, 3, 90_000),
                  ("E06000047", 4, 4, 4, 220_000), ("E10000003", 2, 2, 2, 60_000))
CRITERIA = (("Scale of outputs: jobs, homes and employment space", Decimal(3)),
            ("Match funding and value for money", Decimal(2)),
            ("Strength of the public sector partnership and deliverability", Decimal(2)))


def _selection_round() -> None:
    selection_round, _ = SelectionRound.objects.get_or_create(slug="capital-assets-2012-13", defaults={
        "name": "Capital assets and economic growth 2012/13 (illustrative)",
        "summary": "A call for 10 to 15 councils that can match fund the LGA's initial investment, measured by jobs "
                   "created, housing built or refurbished, redundant public space re-used for employment, lower "
                   "spending on public capital assets and carbon reduction (2012 board paper). Illustrative: the "
                   "paper names no applicants; the councils, scores and match funding were chosen for the demo.",
        "opens_on": dt.date(2012, 4, 2), "closes_on": dt.date(2012, 6, 29), "is_illustrative": True,
        "shortlist_published": True})
    criteria = [Criterion.objects.get_or_create(selection_round=selection_round, name=name,
                                                defaults={"weight": weight, "position": position})[0]
                for position, (name, weight) in enumerate(CRITERIA)]
    for gss, *scores, match in ROUND_COUNCILS:
        council = Organisation.objects.resolve(gss)
        if council is None:
            continue
        application, made = Application.objects.get_or_create(
            selection_round=selection_round, council=council,
            defaults={"summary": f"{council.name}'s proposal to release surplus public sites for homes and jobs "
                                 "(illustrative).", "match_funding": Decimal(match), "is_illustrative": True})
        if made:
            for criterion, score in zip(criteria, scores, strict=True):
                Score.objects.create(application=application, criterion=criterion, score=score)


@transaction.atomic
def load() -> dict[str, int]:
    """Load (or complete) the demo's partnerships, estates, returns and selection round; counts made."""
    before = {"partnerships": Partnership.objects.count(), "assets": Asset.objects.count(),
              "returns": QuarterlyReturn.objects.count()}
    for number, area, lead_gss, councils, bodies in AREAS:
        lead = Organisation.objects.resolve(lead_gss)
        if lead is None:
            continue
        slug = f"{slugify(area)}-pathfinder"
        programme_project = _programme_project(number)
        partnership = Partnership.objects.filter(slug=slug).first()
        if partnership is None:
            partnership = partnerships.create(Partnership(
                name=f"{area} Capital & Assets pathfinder", slug=slug, lead=lead, is_illustrative=True,
                programme_project=programme_project,
                description=f"The public bodies of {area} working on one public estate: {NOTE}"))
        elif partnership.programme_project_id is None and programme_project is not None:
            partnership.programme_project = programme_project
            partnership.save()
        members = [Organisation.objects.resolve(code) for code in councils]
        members += [_body(name, kind) for name, kind in bodies]
        if area in WITH_DWP:
            members += list(Organisation.objects.filter(slug=DWP))
        rng = random.Random(f"estate-demo-{number}")  # noqa: S311 (repeatable synthetic data, not secrets)
        code = f"P{number:02d}"
        _estate(lead, lead_gss, f"DEMO-{code}", rng, 12)
        for index, member in enumerate(member for member in members if member is not None):
            if not partnership.members.filter(organisation=member).exists():
                partnerships.add_member(partnership, member)
            if member.kind != OrganisationKind.COUNCIL:
                _estate(member, lead_gss, f"DEMO-{code}-{index}", rng, 6)
        projects = _projects(partnership, code, area, programme_project)
        if area in RETURNING:
            _returns(partnership, projects, rng)
    _selection_round()
    return {"partnerships": Partnership.objects.count() - before["partnerships"],
            "assets": Asset.objects.count() - before["assets"],
            "returns": QuarterlyReturn.objects.count() - before["returns"]}
