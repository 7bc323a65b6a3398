"""The estate's section of a council's page (see core/sections.py)."""

from productivity.core import sections
from productivity.estate import boundaries, council_partnerships, rollups
from productivity.estate.models import Asset


def council_section(request, organisation):
    """How many of the council's assets the visitor can see, their floor area and how many are flagged, and the
    partnerships it leads or belongs to (their latest return and achieved outputs, as the visitor may see them)."""
    assets = Asset.objects.visible_to(request.user).standing().of_owner(organisation)
    return sections.Section("estate/_council_section.html", {
        "organisation": organisation, "summary": rollups.summary(assets),
        "has_map": organisation.is_council and boundaries.has_boundary(organisation.gss_code),
        "partnerships": council_partnerships.for_council(request.user, organisation),
        "headline": council_partnerships.headline,
    })


sections.register("council", "estate", council_section)
