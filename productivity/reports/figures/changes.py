"""What changed since the previous published report of the same scope: figures, new and closed projects, RAG."""

from decimal import Decimal

from productivity.reports.models import Report

COMPARED = (
    "headline.projects",
    "headline.councils",
    "headline.funding",
    "headline.savings.expected",
    "headline.savings.forecast",
    "headline.savings.realised",
)


def previous_report(report):
    """The latest published report of the same scope and restriction, dated no later than ``report``."""
    if report.is_published:
        return report.previous
    # A superseded paper was replaced by its correction, which is the one to compare with.
    candidates = Report.objects.current().of_scope(
        report.scope, report.workstream_id, report.initiative_id, report.organisation_id
    ).filter(is_restricted=report.is_restricted, as_at__lte=report.as_at)
    if report.pk:
        candidates = candidates.exclude(pk=report.pk)
    if report.corrects_id:
        # A correction is compared with what the paper it corrects was compared with.
        return report.corrects.previous
    return candidates.order_by("-as_at", "-published_at", "-pk").first()


def compare(current: dict, previous, selection=None) -> dict | None:
    """Each compared figure with its previous value and the difference; new and closed projects; RAG changes;
    and, given the report's ``selection``, the records withdrawn since the previous report's date."""
    if previous is None or not previous.snapshot:
        return None
    before = previous.snapshot
    figures = []
    for key in COMPARED:
        now, then = current["figures"].get(key), before.get("figures", {}).get(key)
        if now is None or then is None or now["value"] is None or then["value"] is None:
            continue
        figures.append({
            "key": key, "label": now["label"], "unit": now["unit"], "value": now["value"],
            "previous": then["value"], "difference": f"{Decimal(now['value']) - Decimal(then['value']):f}",
        })
    earlier = {project["id"]: project for project in before.get("projects", [])}
    new, closed, rag = [], [], []
    for project in current["projects"]:
        old = earlier.get(project["id"])
        summary = {"reference": project["reference"], "title": project["title"], "initiative": project["initiative"]}
        if old is None:
            new.append(summary)
        if project["closed"] and not (old or {}).get("closed"):
            closed.append(summary)
        if old is not None and old.get("rag", "") != project["rag"]:
            rag.append({**summary, "from": old.get("rag", ""), "to": project["rag"]})
    return {
        "previous": {"id": previous.pk, "title": previous.title, "as_at": previous.as_at.isoformat(),
                     "published_at": previous.published_at.isoformat() if previous.published_at else None},
        "figures": figures,
        "new_projects": new,
        "closed_projects": closed,
        "rag_changes": rag,
        "withdrawn": selection.withdrawn_since(previous.as_at) if selection is not None else [],
    }
