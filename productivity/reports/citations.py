"""Tell the programme which projects a published paper cites, so that they are withdrawn, never deleted."""

from productivity.programme import citations
from productivity.reports.models import Report


def cited_by_a_published_paper(project_id: int) -> bool:
    """Whether any published paper's snapshot lists the project."""
    snapshots = Report.objects.published().exclude(snapshot=None).values_list("snapshot", flat=True)
    for snapshot in snapshots.iterator():
        if any(row.get("id") == project_id for row in (snapshot or {}).get("projects", [])):
            return True
    return False


def register() -> None:
    citations.register(cited_by_a_published_paper)
