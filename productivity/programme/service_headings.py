"""The services a saving is claimed against: the headings councils report their spending under.

They are the service headings of the revenue outturn (RO) returns councils make to the ministry each
year. Claiming savings against one list of headings, rather than free text, is what lets two projects'
claims on the same council's same service be found: "Property & Assets" and "Property and assets"
are one service. Each heading has the other names people give it in files.
"""

import re

# Heading -> other names for it (compared ignoring case, punctuation and "services").
SERVICE_HEADINGS: dict[str, tuple[str, ...]] = {
    "Education": ("schools", "education and schools", "learning"),
    "Highways and transport": ("highways", "transport", "roads", "highways and roads", "highway maintenance",
                               "transport and highways"),
    "Children's social care": ("children's services", "children and families", "children's social services",
                               "children social care", "looked after children"),
    "Adult social care": ("adult social services", "adults' services", "adult services", "social care for adults",
                          "adult care"),
    "Public health": ("health",),
    "Housing (GF)": ("housing", "housing general fund", "housing gf", "homelessness"),
    "Cultural and related": ("culture", "leisure", "libraries", "culture and leisure", "cultural",
                             "culture leisure and libraries"),
    "Environmental and regulatory": ("waste", "waste collection", "waste disposal", "environment",
                                     "environmental", "regulatory", "environmental services", "street cleaning"),
    "Planning and development": ("planning", "economic development", "regeneration", "development",
                                 "construction", "building control"),
    "Police": ("policing",),
    "Fire and rescue": ("fire",),
    "Central services": ("property and assets", "property", "assets", "asset management", "estates",
                         "corporate property", "ict", "it", "information technology", "human resources", "hr",
                         "procurement", "procurement and contracts", "finance", "energy", "back office",
                         "corporate services", "central"),
    "Other": ("all services", "cross-cutting", "several services", "other services"),
}


def _key(name: str) -> str:
    # "Property & Assets", "property and assets" and "Property and Assets services" are one name.
    text = name.casefold().replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^a-z0-9']+", " ", text)
    words = [word for word in text.split() if word not in {"service", "services"}] or text.split()
    return " ".join(words)


_BY_KEY: dict[str, str] = {}
for _heading, _aliases in SERVICE_HEADINGS.items():
    for _name in (_heading, *_aliases):
        _BY_KEY[_key(_name)] = _heading

SERVICES_ACCEPTED = "one of " + ", ".join(SERVICE_HEADINGS)


def service_heading(name: str) -> str | None:
    """The heading ``name`` is (or is another name for), or None if it is not a service on the list."""
    return _BY_KEY.get(_key(name or ""))


def service_key(name: str) -> str:
    """What two savings' services are compared by: their heading, or (off the list) the name itself."""
    return service_heading(name) or _key(name or "")


def parse_service(name: str) -> str:
    """The heading a saving is claimed against, from its name or another name for it; ValueError, naming the
    headings accepted, if it is not on the list. Pages, the API and the importer all decide by this."""
    raw = " ".join(str(name or "").split())
    if not raw:
        raise ValueError(f"Choose the service the saving is claimed against: {SERVICES_ACCEPTED}")
    heading = service_heading(raw)
    if heading is None:
        raise ValueError(f"'{raw}' is not a service heading on the list: use {SERVICES_ACCEPTED}")
    return heading
