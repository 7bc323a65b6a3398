"""A published paper keeps the records behind its figures packed (each column name once per table, each piece of
text once): smaller, read back exactly as computed, and papers published before packing still read."""

import json

from productivity.reports.models import Report
from productivity.reports.packing import is_packed, pack_ledger, unpack_ledger
from productivity.reports.snapshot import compute_snapshot, figure_records
from productivity.reports.tests.support import draft, publish


def test_a_published_ledger_is_packed_and_reads_back_as_it_was_computed(world):
    report = publish(draft(world, restricted=True), user=world.programme)
    stored = Report.objects.get(pk=report.pk).snapshot
    assert is_packed(stored["ledger"])
    computed = compute_snapshot(report, with_ledger=True)["ledger"]
    assert unpack_ledger(stored["ledger"]) == computed
    # Each description is stored once, however many records carry it.
    packed = json.dumps(stored["ledger"])
    assert packed.count(json.dumps("Reablement at home")) == 1
    assert json.dumps(computed).count(json.dumps("Reablement at home")) > 1
    assert len(packed) < len(json.dumps(computed))


def test_the_records_behind_a_published_figure_are_the_same_packed_or_not(world, client_for):
    report = publish(draft(world, restricted=True), user=world.programme)
    figure, _, packed_rows = figure_records(Report.objects.get(pk=report.pk), "headline.savings.expected")
    page = client_for(world.programme).get(f"/reports/{report.pk}/figures/headline.savings.expected/")
    assert page.status_code == 200 and "Fewer residential placements" in page.content.decode()
    # A paper published before packing kept its ledger as computed: it reads the same.
    old = Report.objects.get(pk=report.pk)
    unpacked = {**old.snapshot, "ledger": unpack_ledger(old.snapshot["ledger"])}
    Report.objects.filter(pk=report.pk).update(snapshot=unpacked)
    _, _, old_rows = figure_records(Report.objects.get(pk=report.pk), "headline.savings.expected")
    assert old_rows == packed_rows and sum(float(row["amount"]) for row in old_rows) == float(figure["value"])
    again = client_for(world.programme).get(f"/reports/{report.pk}/figures/headline.savings.expected/")
    assert again.content.decode().count("Fewer residential placements") == page.content.decode().count(
        "Fewer residential placements")


def test_the_api_gives_the_records_as_computed_whatever_the_storage(world, client_for):
    report = publish(draft(world), user=world.programme)
    body = client_for(None).get(f"/api/reports/{report.pk}/figures?records=true").json()
    assert [row["project"] for row in body["ledger"]["projects"]] == ["ASC-001"]
    assert "texts" not in body["ledger"]


def test_rows_of_different_shapes_and_empty_tables_round_trip():
    ledger = {"a": [{"x": "one", "n": 1}, {"n": 2, "x": "one"}], "b": [],
              "c": [{"t": None, "l": ["f.pdf"], "b": True}, {"t": "two", "l": [], "b": False}]}
    assert unpack_ledger(pack_ledger(ledger)) == ledger
    assert unpack_ledger(ledger) is ledger  # the shape published before packing
