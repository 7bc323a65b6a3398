"""Procurement's section of a council's page (see core/sections.py): its spend and SME share."""

from productivity.core import sections
from productivity.procurement import rollups


def council_section(request, organisation):
    """A council's net spend and shares, or nothing when it has no spend imported."""
    definition = rollups.definition_of(request.GET.get("definition"))
    figures = rollups.shares(rollups.Scope(councils=(organisation.pk,), definition=definition))
    if not figures.lines:
        return None
    return sections.Section("procurement/_council_section.html", {
        "organisation": organisation, "shares": figures, "aspiration": rollups.ASPIRATION,
    })


sections.register("council", "procurement", council_section)


# The pipeline's section (the pipelines work), registered by its own module.
from productivity.procurement import pipeline_sections  # noqa: E402, F401
