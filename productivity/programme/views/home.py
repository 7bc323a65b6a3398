from django.shortcuts import render

from productivity.programme import rollups
from productivity.programme.models import Initiative, Project, Workstream


def home(request):
    """The programme at a glance, with headline figures computed from the records the visitor may see."""
    basis = rollups.Basis.from_params(request.GET)
    projects = Project.objects.visible_to(request.user)
    initiatives = Initiative.objects.visible_to(request.user).select_related("workstream")
    savings = rollups.savings_by(rollups.amounts_for(projects), "initiative", basis)
    project_counts = rollups.project_counts_by(projects, "initiative")
    council_counts = rollups.council_counts_by(projects, "initiative")
    workstreams = []
    for workstream in Workstream.objects.all():
        rows = [
            {
                "initiative": initiative,
                "projects": project_counts.get(initiative.pk, 0),
                "councils": council_counts.get(initiative.pk, 0),
                "savings": savings.get(initiative.pk, rollups.SavingsFigures()),
            }
            for initiative in initiatives
            if initiative.workstream_id == workstream.pk
        ]
        workstreams.append({"workstream": workstream, "initiatives": rows})
    return render(request, "programme/home.html", {
        "title": "Local government productivity programme",
        "headline": rollups.headline(projects, basis),
        "basis": basis,
        "workstreams": workstreams,
    })
