"""Real councils chosen deterministically where the papers give only counts, with the rule for each.

The papers name the councils of the Capital & Assets pathfinders (see procurement.py) but give only counts
for the adult social care projects and the procurement pilots. The councils below were picked from
the organisation register by the rules stated here, once, and written out so that the demo does not
shift if the register is refreshed. Every project using them is marked illustrative.
"""

# Adult Social Care Efficiency Programme (45 projects): every third social-care authority (county,
# unitary, metropolitan district, London borough, City of London) existing on 1 April 2012, in GSS
# code order, starting with the third. Hampshire, home of the demo accounts, falls in this list.
ADULT_SOCIAL_CARE = (
    ("E06000003", "Redcar and Cleveland"),
    ("E06000006", "Halton"),
    ("E06000009", "Blackpool"),
    ("E06000012", "North East Lincolnshire"),
    ("E06000015", "Derby"),
    ("E06000018", "Nottingham"),
    ("E06000021", "Stoke-on-Trent"),
    ("E06000024", "North Somerset"),
    ("E06000027", "Torbay"),
    ("E06000030", "Swindon"),
    ("E06000033", "Southend-on-Sea"),
    ("E06000036", "Bracknell Forest"),
    ("E06000039", "Slough"),
    ("E06000042", "Milton Keynes"),
    ("E06000045", "Southampton"),
    ("E06000049", "Cheshire East"),
    ("E06000052", "Cornwall"),
    ("E06000055", "Bedford"),
    ("E08000001", "Bolton"),
    ("E08000004", "Oldham"),
    ("E08000007", "Stockport"),
    ("E08000010", "Wigan"),
    ("E08000013", "St Helens"),
    ("E08000016", "Barnsley"),
    ("E08000019", "Sheffield"),
    ("E08000023", "South Tyneside"),
    ("E08000026", "Coventry"),
    ("E08000029", "Solihull"),
    ("E08000032", "Bradford"),
    ("E08000035", "Leeds"),
    ("E09000001", "City of London"),
    ("E09000004", "Bexley"),
    ("E09000007", "Camden"),
    ("E09000010", "Enfield"),
    ("E09000013", "Hammersmith and Fulham"),
    ("E09000016", "Havering"),
    ("E09000019", "Islington"),
    ("E09000022", "Lambeth"),
    ("E09000025", "Newham"),
    ("E09000028", "Southwark"),
    ("E09000031", "Waltham Forest"),
    ("E10000002", "Buckinghamshire"),
    ("E10000007", "Derbyshire"),
    ("E10000011", "East Sussex"),
    ("E10000014", "Hampshire"),
)

# Procurement Category Management Pilots (8 pilots, 72 distinct councils). Each pilot draws from one
# region's councils existing on 1 April 2012, leaving out the adult social care councils above, spread
# evenly through GSS code order (the care and children's pilots take social-care authorities only).
# The lead is listed first. The care pilot's eight picks are joined by Stockport, an adult social care
# council, on purpose: both projects claim a saving on its adult social care, so the double-counting
# flag shows.
PROCUREMENT_CARE_NORTH_WEST = (
    "E10000006",  # Cumbria (lead)
    "E06000007",  # Warrington
    "E06000008",  # Blackburn with Darwen
    "E08000002",  # Bury
    "E08000005",  # Rochdale
    "E08000007",  # Stockport (also in the adult social care programme: deliberate)
    "E08000008",  # Tameside
    "E08000011",  # Knowsley
    "E08000014",  # Sefton
)
PROCUREMENT_CHILDREN_WEST_MIDLANDS = (
    "E10000028",  # Staffordshire (lead)
    "E06000019",  # Herefordshire
    "E06000020",  # Telford and Wrekin
    "E06000051",  # Shropshire
    "E08000027",  # Dudley
    "E08000028",  # Sandwell
    "E08000030",  # Walsall
    "E10000031",  # Warwickshire
)
PROCUREMENT_HIGHWAYS_SOUTH_WEST = (
    "E06000054",  # Wiltshire (lead)
    "E06000022",  # Bath and North East Somerset
    "E06000025",  # South Gloucestershire
    "E07000042",  # Mid Devon
    "E07000045",  # Teignbridge
    "E07000053",  # Weymouth and Portland
    "E07000079",  # Cotswold
    "E07000082",  # Stroud
    "E07000188",  # Sedgemoor
    "E10000009",  # Dorset County
)
PROCUREMENT_ENERGY_EAST = (
    "E10000012",  # Essex (lead)
    "E06000031",  # Peterborough
    "E06000056",  # Central Bedfordshire
    "E07000011",  # Huntingdonshire
    "E07000068",  # Brentwood
    "E07000072",  # Epping Forest
    "E07000076",  # Tendring
    "E07000098",  # Hertsmere
    "E07000103",  # Watford
    "E07000146",  # King's Lynn and West Norfolk
    "E07000200",  # Babergh
    "E07000241",  # Welwyn Hatfield
)
PROCUREMENT_ICT_NORTH_EAST = (
    "E06000047",  # County Durham (lead)
    "E06000001",  # Hartlepool
    "E06000002",  # Middlesbrough
    "E06000004",  # Stockton-on-Tees
    "E06000057",  # Northumberland
    "E08000022",  # North Tyneside
    "E08000024",  # Sunderland
)
PROCUREMENT_AGENCY_STAFF_LONDON = (
    "E09000008",  # Croydon (lead)
    "E09000002",  # Barking and Dagenham
    "E09000005",  # Brent
    "E09000011",  # Greenwich
    "E09000014",  # Haringey
    "E09000017",  # Hillingdon
    "E09000020",  # Kensington and Chelsea
    "E09000023",  # Lewisham
    "E09000026",  # Redbridge
    "E09000029",  # Sutton
    "E09000032",  # Wandsworth
)
PROCUREMENT_WASTE_EAST_MIDLANDS = (
    "E06000016",  # Leicester (lead)
    "E07000036",  # Erewash
    "E07000132",  # Hinckley and Bosworth
    "E07000139",  # North Kesteven
    "E07000152",  # East Northamptonshire
    "E07000173",  # Gedling
)
PROCUREMENT_CONSTRUCTION_SOUTH_EAST = (
    "E06000035",  # Medway (lead)
    "E06000046",  # Isle of Wight
    "E07000063",  # Lewes
    "E07000089",  # Hart
    "E07000106",  # Canterbury
    "E07000114",  # Thanet
    "E07000181",  # West Oxfordshire
    "E07000214",  # Surrey Heath
    "E07000226",  # Crawley
)

# Smaller illustrative choices, made by hand: councils of the right kind for what the paper describes.
CHILDRENS_COMMISSIONING = (
    "E10000016",  # Kent
    "E10000020",  # Norfolk
    "E08000018",  # Rotherham
    "E06000026",  # Plymouth
)
# "a small number of district and county councils" (2012 paper, paragraph 19)
TROUBLED_FAMILIES = (
    "E10000024",  # Nottinghamshire
    "E07000174",  # Mansfield
    "E07000171",  # Bassetlaw
)
# "two counties and a number of their districts" (2011 paper, paragraph 19)
CAP_WAVE_2_DEVON = (
    "E10000008",  # Devon (lead)
    "E07000041",  # Exeter
    "E07000040",  # East Devon
    "E07000044",  # South Hams
)
CAP_WAVE_2_LANCASHIRE = (
    "E10000017",  # Lancashire (lead)
    "E07000123",  # Preston
    "E07000121",  # Lancaster
    "E07000118",  # Chorley
)
# "3 to 4 potential clusters of councils" (2012 paper, paragraph 24): councils sharing a chief executive.
SHARED_SERVICES_CLUSTERS = (
    ("E07000223", "E07000229"),  # Adur and Worthing
    ("E07000140", "E07000143"),  # South Holland and Breckland
    ("E07000200", "E07000203"),  # Babergh and Mid Suffolk
)
CONTRACTS_EXPERT_DISTRICT = "E07000083"  # Tewkesbury: "a district council" (2012 paper, Appendix 1)
SYSTEMS_THINKING_COUNCIL = "E07000080"  # Forest of Dean
SYSTEMS_THINKING_EXPERT_FROM = "E07000078"  # Cheltenham: "another council in the region"
WASTE_PILOT = (
    "E07000177",  # Cherwell (lead): new housing developments
    "E10000025",  # Oxfordshire: waste disposal authority
)
