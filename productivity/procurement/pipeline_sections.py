"""The pipeline's section of a council's page, with its six-monthly review reminder for the council's editors."""

from productivity.accounts.roles import editor_organisation_ids, is_programme_team
from productivity.core import sections
from productivity.procurement import pipelines
from productivity.procurement.models import Pipeline, PlannedProcurement, PlannedSpend


def council_section(request, organisation):
    """The council's pipeline as the visitor may see it, or nothing when it has none they may see."""
    pipeline = Pipeline.objects.visible_to(request.user).filter(organisation=organisation).first()
    if pipeline is None:
        return None
    editable = is_programme_team(request.user) or organisation.pk in editor_organisation_ids(request.user)
    spend = PlannedSpend.objects.filter(procurement__pipeline=pipeline)
    return sections.Section("procurement/_pipeline_section.html", {
        "organisation": organisation, "pipeline": pipeline, "review": pipelines.review(pipeline),
        "editable": editable, "five_years": pipelines.year_view(spend, pipelines.window()),
        "live": PlannedProcurement.objects.filter(pipeline=pipeline).live().count(),
    })


sections.register("council", "procurement-pipeline", council_section)
