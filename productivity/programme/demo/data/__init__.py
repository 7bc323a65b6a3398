"""The demo programme as declared data: the three "big win" workstreams and who keeps the records.

Golden figures (the board papers', which tests/test_demo.py checks through the roll-ups):
- programme-wide expected savings £90m ("helping to drive productivity and efficiency savings of £90m"):
  adult social care £51m, pathfinders £17.5m, procurement pilots £16m, children's commissioning
  £2.5m, productivity experts £2.5m, waste pilot £0.5m;
- Adult Social Care Efficiency Programme: 45 projects, £1,125,000 allocated including £300,000
  Department of Health funding, at least £50m expected;
- Procurement Category Management Pilots: 8 projects involving 72 councils;
- Capital & Assets pathfinders: the 11 areas the 2011 paper names.
Unpublished projects carry no expected savings, so the public sees the same £90m as the programme team.
"""

from productivity.programme.demo.data import capital_assets, families, future, procurement
from productivity.programme.demo.specs import RecordKeeper, WorkstreamSpec

WORKSTREAMS = (
    WorkstreamSpec(
        slug="procurement-capital-assets",
        name="Procurement, Capital and Assets",
        position=1,
        description="Builds on phase one's procurement and capital assets workstream. At its heart is the Capital & "
                    "Assets Programme, established by the sector with the Department for Communities and Local "
                    "Government: councils lead partnerships across the public sector to map all public land, "
                    "property and customer service needs and rationalise them through shared business cases and "
                    "10-year strategies; from 2012/13 it also promotes economic growth. Procurement work funds "
                    "category management pilots on the big spend categories and answers the Government's draft "
                    "Procurement Pledge.",
        initiatives=(*capital_assets.INITIATIVES, *procurement.INITIATIVES),
    ),
    WorkstreamSpec(
        slug="children-adults-families",
        name="Children, Adults and Families",
        position=2,
        description="Services for children, adults and families are a large share of council spending: an estimated "
                    "£14bn on adult services and £6.5bn on children's services (excluding education) in 2009/10, "
                    "expected to grow by 4 per cent a year with demographic and cost pressures. Following the "
                    "'Think Family' approach, the programme looks for tried and tested ways to reduce demand, divert "
                    "people from social care, work in partnership, manage better, drive down costs and raise money.",
        initiatives=families.INITIATIVES,
    ),
    WorkstreamSpec(
        slug="future-ways-of-working",
        name="Future Ways of Working",
        position=3,
        description="The scale of spending cuts facing councils is too great for efficiency savings alone to bridge "
                    "the gap: new and radical ways of working are needed. The workstream runs the Future Summits, "
                    "works with clusters of councils on shared services and fundamental transformation, and offers "
                    "productivity experts, masterclasses and pilots of new ways to deliver services.",
        initiatives=future.INITIATIVES,
    ),
)

# Realised amounts are entered by the officer, verified by someone else and audited by the
# programme team, as the benefits register requires. None of them can sign in, and only the
# auditor has the programme-team role that recording an audit needs.
RECORD_KEEPERS = {
    "officer": RecordKeeper("savings.officer@demo.local", "Sam Savings (demo record keeper)", "lga", "viewer"),
    "verifier": RecordKeeper("savings.verifier@demo.local", "Vera Verifier (demo record keeper)", "lga", "viewer"),
    "auditor": RecordKeeper("programme.auditor@demo.local", "Audrey Audit (demo record keeper)", "lga", "editor"),
}
