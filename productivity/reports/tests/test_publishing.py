"""Publishing freezes a report; the next draft shows what changed since."""

from decimal import Decimal

import pytest

from productivity.programme.models import Project, SavingAmount
from productivity.reports import services
from productivity.reports.models import PublishedReportError, Report, ReportSection
from productivity.reports.snapshot import compute_snapshot, snapshot_for
from productivity.reports.tests.support import draft, publish


def _value(snapshot, key):
    return Decimal(snapshot["figures"][key]["value"])


def test_published_figures_do_not_change_when_the_records_do(world):
    report = publish(draft(world), user=world.programme)
    frozen = Report.objects.get(pk=report.pk)
    assert _value(snapshot_for(frozen), "headline.savings.expected") == Decimal("500000")

    SavingAmount.objects.filter(saving=world.saving, kind="expected").update(amount=Decimal("900000"))
    world.published.rag = "red"
    world.published.save()

    again = Report.objects.get(pk=report.pk)
    assert _value(snapshot_for(again), "headline.savings.expected") == Decimal("500000")
    assert snapshot_for(again)["projects"][0]["rag"] == "green"
    assert again.snapshot == frozen.snapshot

    nxt = services.new_draft_from(again, user=world.programme)
    current = snapshot_for(nxt)
    assert _value(current, "headline.savings.expected") == Decimal("900000")
    expected = next(item for item in current["changes"]["figures"] if item["key"] == "headline.savings.expected")
    assert (expected["previous"], expected["difference"]) == ("500000.00", "400000.00")
    assert current["changes"]["rag_changes"] == [
        {"reference": "ASC-001", "title": "Reablement at home", "initiative": "Adult Social Care Efficiency Programme",
         "from": "green", "to": "red"}]


def test_a_published_report_and_its_narrative_refuse_changes(world):
    report = publish(draft(world), user=world.programme)
    report.title = "Rewritten"
    with pytest.raises(PublishedReportError):
        report.save()
    section = ReportSection.objects.get(report=report, key="purpose")
    section.text = "Rewritten"
    with pytest.raises(PublishedReportError):
        section.save()
    with pytest.raises(PublishedReportError):
        services.update_report(Report.objects.get(pk=report.pk), narrative={"purpose": "x"})
    with pytest.raises(PublishedReportError):
        services.publish_report(report, user=world.programme)
    with pytest.raises(services.ClearanceError):
        services.submit_report(report, user=world.programme)
    with pytest.raises(PublishedReportError):
        Report.objects.get(pk=report.pk).delete()


def test_new_and_closed_projects_since_the_previous_report(world):
    first = publish(draft(world, restricted=True), user=world.programme)
    Project.objects.filter(pk=world.project_b.pk).update(status="closed")
    newcomer = Project.objects.create(initiative=world.initiative, reference="ASC-004", title="New one",
                                      status="selected")
    second = draft(world, restricted=True)
    changes = compute_snapshot(second)["changes"]
    assert changes["previous"]["id"] == first.pk
    assert [p["reference"] for p in changes["new_projects"]] == [newcomer.reference]
    assert [p["reference"] for p in changes["closed_projects"]] == ["ASC-003"]
    projects = next(item for item in changes["figures"] if item["key"] == "headline.projects")
    assert projects["difference"] == "1"


def test_reports_of_another_scope_or_restriction_are_not_compared(world):
    publish(draft(world, restricted=True), user=world.programme)
    publish(draft(world, scope="council", target=world.council_a), user=world.programme)
    assert compute_snapshot(draft(world))["changes"] is None


def test_publishing_records_who_and_when_in_the_audit_trail(world):
    from productivity.audit.queries import history_for

    report = draft(world)
    services.update_report(report, narrative={"recommendations": "1. note the progress"})
    publish(report, user=world.programme)
    entries = list(history_for(report))
    assert {entry.action for entry in entries} == {"create", "update"}
    steps = [e.changes["status"] for e in reversed(entries) if e.action == "update" and "status" in e.changes]
    assert steps == [["Draft", "Submitted for clearance"], ["Submitted for clearance", "Cleared for publication"],
                     ["Cleared for publication", "Published"]]
    assert any(e.changes.get("text") == ["The Board is asked to:\n1. note the progress made in the delivery of the "
                                         "programme.", "1. note the progress"] for e in entries)
