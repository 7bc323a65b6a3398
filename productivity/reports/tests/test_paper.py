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


def test_notes_are_numbered_in_reading_order_and_read_as_plain_english(world):
    view = PaperView(compute_snapshot(draft(world)), status="draft")
    assert [note["number"] for note in view.notes] == list(range(1, len(view.notes) + 1))
    assert view.note_text(view.notes[0]).startswith("Projects in the report's scope that had been recorded")
    # The source query is kept for the API, never shown: no code names, and the date is stated once, not per note.
    assert view.notes[0]["source"] == "rollups_as_at.projects_as_at"
    for note in view.notes:
        text = view.note_text(note)
        assert "rollups" not in text and "productivity." not in text and "_" not in text
        assert "as at" not in text.lower()
    assert "as the platform's records stood at the end of" in view.notes_preamble()


def test_seed_paper_sections_in_order(world):
    view = PaperView(compute_snapshot(draft(world)), status="draft")
    headings = [block["text"] for block in view.blocks if block["type"] == "heading" and block["level"] == 2]
    # No earlier paper to compare with, so no "Changes since" section; the contact officer is the author.
    assert headings == ["Purpose of report", "Summary", "Recommendations", "Contact officer", "Headline figures",
                        "Progress by workstream and initiative", "Forecast accuracy and optimism",
                        "Financial implications", "Appendix 1 – Progress made on the current work programme",
                        "Notes on the figures"]
