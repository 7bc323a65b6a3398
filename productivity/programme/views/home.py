from django.shortcuts import render

from productivity.programme import rollups
from productivity.programme.models import Initiative, Project, Workstream


def home(request):
    """The programme at a glance, with headline figures computed from the records the visitor may see."""
    basis = rollups.Basis.from_params(request.GET)
    projects = Project.objects.visible_to(request.user)
    initiatives = Initiative.objects.visible_to(request.user).select_related("workstream")
    summaries = rollups.summaries_by(projects, "initiative", basis)
    workstreams = [
        {
            "workstream": workstream,
            "initiatives": [
                {"initiative": initiative, **vars(summaries.get(initiative.pk, rollups.GroupSummary()))}
                for initiative in initiatives
                if initiative.workstream_id == workstream.pk
            ],
        }
        for workstream in Workstream.objects.all()
    ]
    return render(request, "programme/home.html", {
        "title": "Local government productivity programme",
        "headline": rollups.headline(projects, basis),
        "basis": basis,
        "workstreams": workstreams,
    })
