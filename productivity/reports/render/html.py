"""The paper as HTML: on the report's page (figures link to their records) and as a print-ready document.

The same Jinja partial renders both; the print-ready document carries its own small stylesheet so it
can be saved, printed or handed to WeasyPrint for the PDF.
"""

from collections.abc import Callable
from pathlib import Path

from django.template.loader import get_template
from markupsafe import Markup, escape

from productivity.reports import paper
from productivity.reports.charts import layout, svg
from productivity.reports.render.format import day, figure_text, moment, suffix_for

PRINT_CSS = Path(__file__).with_name("print.css")
STATUS_LABELS = {"draft": "Draft", "submitted": "Submitted for clearance", "cleared": "Cleared for publication",
                 "published": "Published"}


class PaperView:
    """A snapshot ready for a template: blocks in order and helpers that turn figures into marked-up text."""

    def __init__(self, snapshot: dict, *, link: Callable[[str], str] | None = None, status: str = "draft",
                 superseded: dict | None = None):
        self.snapshot = snapshot
        self.figures = snapshot["figures"]
        self.link = link
        self.status = status
        # A published paper replaced by its correction: {"title", "published", "href"}; it is never re-rendered
        # from a changed snapshot, so the mark comes from outside it.
        self.superseded = superseded
        self.blocks = paper.build(snapshot)
        # Notes are numbered in the order a reader meets them, not the order the figures were computed.
        used = paper.used_notes(snapshot, self.blocks)
        self.number = {number: position for position, number in enumerate(used, start=1)}
        by_number = {note["number"]: note for note in snapshot["notes"]}
        self.notes = [{**by_number[number], "number": self.number[number]} for number in used]

    # Figures ---------------------------------------------------------------------------------------------
    def marks(self, numbers: list[int]) -> Markup:
        """Note references as superscript links. A thin space keeps them apart from the figure in copied text."""
        if not numbers:
            return Markup("")
        shown = sorted({self.number[n] for n in numbers if n in self.number})
        if not shown:
            return Markup("")
        links = Markup(",").join(
            Markup('<a class="govuk-link" href="#note-{0}" aria-label="Note {0}">{0}</a>').format(n) for n in shown)
        return Markup('\u2009<sup class="pp-note">{}</sup>').format(links)

    def mark(self, number: int | None) -> Markup:
        return self.marks([] if number is None else [number])

    def _figure(self, key: str, style: str, suffix: str = "") -> Markup:
        figure = self.figures.get(key)
        shown = escape(figure_text(figure, style) + suffix)
        if self.link is None or figure is None or not figure.get("records"):
            return Markup('<span class="pp-value">{}</span>').format(shown)
        return Markup('<a class="govuk-link pp-value" href="{}">{}<span class="govuk-visually-hidden">: the '
                      'records behind {}</span></a>').format(self.link(key), shown, figure["label"].lower())

    def parts(self, parts: list[dict]) -> Markup:
        out = []
        for part in parts:
            if "figure" in part:
                figure = self.figures.get(part["figure"])
                out.append(self._figure(part["figure"], part.get("style", "short"), suffix_for(part, figure)))
                out.append(self.mark(figure["note"] if figure else None))
            else:
                out.append(escape(part["text"]))
        return Markup("").join(out)

    def cell(self, cell: dict) -> Markup:
        if "figure" in cell:
            return self._figure(cell["figure"], "full")
        return escape(cell.get("text", ""))

    # Tables, charts, narrative, notes ---------------------------------------------------------------------
    def table(self, name: str) -> dict | None:
        table = self.snapshot["tables"].get(name)
        if table is None:
            return None
        columns = []
        for index, column in enumerate(table["columns"]):
            numbers = sorted({self.figures[row[index]["figure"]]["note"]
                              for row in [*table["rows"], table.get("footer") or []]
                              if index < len(row) and "figure" in row[index] and row[index]["figure"] in self.figures})
            columns.append({**column, "notes": numbers})
        return {**table, "columns": columns}

    def chart(self, name: str) -> Markup:
        drawing = layout.from_snapshot(self.snapshot["charts"][name], self.figures)
        return svg.render(drawing, f"chart-{name.replace('_', '-')}")

    def chart_title(self, name: str) -> str:
        return self.snapshot["charts"][name]["title"]

    def narrative(self, key: str) -> list[tuple[str, object]]:
        return paper.narrative_blocks(self.snapshot["narrative"].get(key, ""))

    def note_text(self, note: dict) -> str:
        """What a figure counts, in plain words (the reporting date is stated once, above the notes)."""
        return note["text"]

    def notes_preamble(self) -> str:
        """The one statement of when the figures are from and when they were taken."""
        taken = moment(self.snapshot["taken_at"])
        when = (f"They were frozen when the paper was published on {taken}." if self.status == "published"
                else f"This draft was computed from the live records on {taken}; its figures may change until it "
                     "is published.")
        return (f"Every figure in this paper is as the platform's records stood at the end of {self.as_at}. "
                f"{when} Each note says what the figures marked with its number count.")

    @property
    def details(self) -> dict:
        """The paper's meeting, status, marking and contact officer (older snapshots have none: defaults)."""
        return self.snapshot.get("paper") or {"meeting": "", "meeting_date": None, "agenda_item": "",
                                              "status": "", "status_label": "", "marking": "OFFICIAL",
                                              "contact": {}, "corrects": None, "correction": ""}

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, "Draft")

    @property
    def marking(self) -> str:
        return self.details.get("marking") or "OFFICIAL"

    def header_lines(self) -> list[str]:
        """The paper's running header: meeting and date; agenda item and status."""
        details = self.details
        meeting = ", ".join(filter(None, [details.get("meeting"), day(details.get("meeting_date"))]))
        item = f"Agenda item {details['agenda_item']}" if details.get("agenda_item") else ""
        return [line for line in (meeting, " · ".join(filter(None, [item, details.get("status_label")]))) if line]

    @property
    def as_at(self) -> str:
        return day(self.snapshot["as_at"])

    @property
    def taken_at(self) -> str:
        return moment(self.snapshot["taken_at"])


def print_css() -> str:
    return PRINT_CSS.read_text(encoding="utf-8")


def paper_author(snapshot: dict) -> str:
    """Who the paper is by, for its metadata: its contact officer, else the programme team."""
    contact = (snapshot.get("paper") or {}).get("contact") or {}
    return contact.get("name") or "The programme team"


def render_document(snapshot: dict, *, status: str, link: Callable[[str], str] | None = None,
                    for_pdf: bool = False, superseded: dict | None = None) -> str:
    """The whole paper as one self-contained, print-ready HTML document."""
    view = PaperView(snapshot, link=link, status=status, superseded=superseded)
    return get_template("reports/document.html").render({
        "view": view, "snapshot": snapshot, "status": status, "css": Markup(print_css()), "for_pdf": for_pdf,
        "layout_name": paper.get_layout(snapshot["template"]).name, "author": paper_author(snapshot),
    })
