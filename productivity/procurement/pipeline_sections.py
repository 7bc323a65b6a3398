"""Procurement's second section of a council's page: its pipeline, with the six-monthly review reminder for the
council's editors, and links to its contracts register, pledge checklist and procurement timeliness."""

from productivity.accounts.roles import editor_organisation_ids, is_programme_team
from productivity.core import sections
from productivity.procurement import pipelines
from productivity.procurement.models import (
    ContractRecord,
    Pipeline,
    PlannedProcurement,
    PlannedSpend,
    PledgeRecord,
    ProcurementProcess,
)


def council_section(request, organisation):
    """The council's pipeline as the visitor may see it and its other procurement records; nothing without any."""
    pipeline = Pipeline.objects.visible_to(request.user).filter(organisation=organisation).first()
    others = {
        "contracts": ContractRecord.objects.visible_to(request.user).for_council(organisation).exists(),
        "pledge": PledgeRecord.objects.visible_to(request.user).filter(organisation=organisation).exists(),
        "processes": ProcurementProcess.objects.visible_to(request.user).for_council(organisation).exists(),
    }
    if pipeline is None and not any(others.values()):
        return None
    context = {"organisation": organisation, "pipeline": pipeline, **others,
               "editable": is_programme_team(request.user) or organisation.pk in editor_organisation_ids(request.user)}
    if pipeline is not None:
        spend = PlannedSpend.objects.filter(procurement__pipeline=pipeline)
        context.update(review=pipelines.review(pipeline), five_years=pipelines.year_view(spend, pipelines.window()),
                       live=PlannedProcurement.objects.filter(pipeline=pipeline).live().count())
    return sections.Section("procurement/_pipeline_section.html", context)


sections.register("council", "procurement-pipeline", council_section)
