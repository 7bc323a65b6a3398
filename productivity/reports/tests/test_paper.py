"""The paper's outline: narrative text becomes paragraphs and lists; notes are numbered as a reader meets them."""

from productivity.reports.paper import narrative_blocks
from productivity.reports.render.html import PaperView
from productivity.reports.snapshot import compute_snapshot
from productivity.reports.tests.support import draft


def test_narrative_text_becomes_paragraphs_and_lists():
    text = "The Board is asked to:\n1. note the outcomes\n2. agree the next steps\n\nBackground.\n- one\n- two"
    assert narrative_blocks(text) == [
        ("p", "The Board is asked to:"), ("ol", ["note the outcomes", "agree the next steps"]),
        ("p", "Background."), ("ul", ["one", "two"])]
    assert narrative_blocks("  ") == []


def test_notes_are_numbered_in_reading_order_and_each_names_its_source(world):
    view = PaperView(compute_snapshot(draft(world)), status="draft")
    assert [note["number"] for note in view.notes] == list(range(1, len(view.notes) + 1))
    assert view.notes[0]["source"] == "rollups_as_at.projects_as_at"
    assert "draft snapshot computed" in view.note_text(view.notes[0])
    sources = {note["source"] for note in view.notes}
    assert {"rollups.savings_totals", "rollups_as_at.evidence_split", "rollups.funding_by_funder"} <= sources


def test_seed_paper_sections_in_order(world):
    view = PaperView(compute_snapshot(draft(world)), status="draft")
    headings = [block["text"] for block in view.blocks if block["type"] == "heading" and block["level"] == 2]
    assert headings == ["Purpose of report", "Summary", "Recommendations", "Headline figures",
                        "Changes since the previous report", "Progress by workstream and initiative",
                        "Forecast accuracy and optimism", "Financial implications",
                        "Appendix 1 – Progress made on the current work programme", "Notes on the figures"]
