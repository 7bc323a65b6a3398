"""Compute a report's figures and tables from the records, once, through the programme's roll-ups.

The result is a plain dictionary (the snapshot's body): figures as strings, tables and charts that
refer to figures by key, the scope's projects with their status and RAG rating on the reporting date,
and, when asked for, the ledger of records behind every figure.
"""

import datetime as dt
from dataclasses import dataclass, field

from productivity.core.fiscal import financial_year_label
from productivity.programme import rollups, rollups_as_at
from productivity.reports.figures import analysis, ledger, progress
from productivity.reports.figures.book import FigureBook, cell, column, records
from productivity.reports.scope import Selection

SNAPSHOT_VERSION = 1
KIND_LABELS = {"expected": "Expected savings", "forecast": "Forecast savings", "realised": "Realised savings"}
STATE_LABELS = {"verified": "realised and verified", "unverified": "realised, not yet verified",
                "forecast": "not yet realised (forecast)"}


@dataclass
class Context:
    """What every part of the computation shares: the selection, the figure book and the base querysets."""

    selection: Selection
    layout_slug: str
    book: FigureBook = field(default_factory=FigureBook)
    tables: dict = field(default_factory=dict)
    charts: dict = field(default_factory=dict)
    adjustments: list = field(default_factory=list)

    def __post_init__(self):
        self.as_at: dt.date = self.selection.as_at
        self.pool = self.selection.pool()
        self.projects = self.selection.projects()
        self.amounts = self.selection.amounts(self.projects)
        # Status and RAG as they stood on the reporting date, for every project the report may count.
        self.states = rollups_as_at.project_states_as_at(self.pool, self.as_at)
        self.closed_ids = {pk for pk, state in self.states.items() if state["status"] in rollups_as_at.CLOSED_STATUSES}
        self.initiatives = list(self.selection.initiatives())
        self.workstreams = list(self.selection.workstreams())
        # Charts compare workstreams when the report spans them, otherwise initiatives.
        self.group = "workstream" if self.selection.scope in {"programme", "council"} else "initiative"

    @property
    def groups(self) -> list:
        return self.workstreams if self.group == "workstream" else self.initiatives

    def closed(self, projects=None):
        return (self.projects if projects is None else projects).filter(pk__in=self.closed_ids)

    def open(self, projects=None):
        return (self.projects if projects is None else projects).exclude(pk__in=self.closed_ids)

    def year_label(self, year: int) -> str:
        return financial_year_label(year)


def compute(selection: Selection, layout_slug: str, with_ledger: bool = False) -> dict:
    """Every figure, table and chart of a report on ``selection``; with the ledger if ``with_ledger``."""
    ctx = Context(selection, layout_slug)
    headline_keys = headline(ctx)
    funders(ctx)
    tree = progress.programme_tree(ctx)
    if layout_slug == "initiative-progress":
        progress.projects_table(ctx)
    analysis.savings_by_year(ctx)
    analysis.funding_against_savings(ctx)
    analysis.forecast_accuracy(ctx)
    analysis.optimism(ctx, per="project" if layout_slug == "initiative-progress" else "initiative")
    body = {
        "version": SNAPSHOT_VERSION,
        "scope": selection.describe(),
        "as_at": selection.as_at.isoformat(),
        "restricted": selection.restricted,
        "headline": headline_keys,
        "figures": ctx.book.figures,
        "notes": ctx.book.notes,
        "tree": tree,
        "tables": ctx.tables,
        "charts": ctx.charts,
        "projects": progress.project_list(ctx),
    }
    if with_ledger:
        body["ledger"] = ledger.build(ctx)
    return body


def headline(ctx: Context) -> list[str]:
    """The headline figures: projects, councils, funding and savings, each savings figure split by evidence."""
    book, as_at = ctx.book, ctx.as_at
    keys = []
    note = book.note("projects", "rollups_as_at.projects_as_at",
                     "Projects in the report's scope that had been recorded, had started or had been awarded "
                     "funding by the reporting date.")
    keys.append(book.count("headline.projects", ctx.projects.count(), "Projects", note, records("projects", "count")))
    note = book.note("councils", "rollups.participating_councils",
                     "Councils taking part in those projects as lead or partner, each counted once.")
    keys.append(book.count("headline.councils", rollups.participating_councils(ctx.projects).count(),
                           "Participating councils", note, records("participants", "distinct", is_council=True)))
    funding = rollups.funding_totals(ctx.projects, as_at)
    note = book.note("funding", "rollups.funding_totals",
                     "Funding awarded to those projects on or before the reporting date. Match funding is what "
                     "participants put in beside the programme's funding.")
    keys.append(book.money("headline.funding", funding["all"], "Funding allocated", note, records("funding")))
    book.money("headline.funding.programme", funding["programme"], "Programme funding", note,
               records("funding", match=False))
    book.money("headline.funding.match", funding["match"], "Match funding", note, records("funding", match=True))
    totals = rollups.savings_totals(ctx.amounts)
    note = book.note("savings", "rollups.savings_totals",
                     "Gross savings of those projects: benefits only, before dis-benefits and delivery costs; "
                     "realised amounts counted whether verified or not.")
    for kind, label in KIND_LABELS.items():
        keys.append(book.money(f"headline.savings.{kind}", totals.get(kind), label, note,
                               records("amounts", kind=kind)))
    split = rollups_as_at.evidence_split(ctx.amounts, as_at=as_at)
    note = book.note("split", "rollups_as_at.evidence_split",
                     "How much of each savings figure is realised and verified (or audited), realised but not yet "
                     "verified, or not yet realised. An expected or forecast amount takes the state of the realised "
                     "amount recorded for the same saving and year; verification after the reporting date does "
                     "not count.")
    for kind, label in KIND_LABELS.items():
        for state, state_label in STATE_LABELS.items():
            book.money(f"headline.split.{kind}.{state}", getattr(split[kind], state), f"{label}: {state_label}",
                       note, records("amounts", kind=kind, state=state))
    return keys


def funders(ctx: Context) -> None:
    book = ctx.book
    note = book.note("funders", "rollups.funding_by_funder",
                     "Funding per funder awarded to the scope's projects on or before the reporting date.")
    rows = []
    for funder in rollups.funding_by_funder(ctx.projects, ctx.as_at):
        prefix = f"funder.{funder.funder_id}"
        rows.append([
            cell(text=funder.funder_name),
            cell(book.money(f"{prefix}.programme", funder.programme, f"Programme funding from {funder.funder_name}",
                            note, records("funding", funder_id=funder.funder_id, match=False))),
            cell(book.money(f"{prefix}.match", funder.match, f"Match funding from {funder.funder_name}", note,
                            records("funding", funder_id=funder.funder_id, match=True))),
            cell(book.money(f"{prefix}.total", funder.total, f"Funding from {funder.funder_name}", note,
                            records("funding", funder_id=funder.funder_id))),
        ])
    ctx.tables["funders"] = {
        "caption": "Funding allocated by funder",
        "columns": [column("Funder"), column("Programme funding", True), column("Match funding", True),
                    column("Total", True)],
        "rows": rows,
        "footer": [cell(text="Total"), cell("headline.funding.programme"), cell("headline.funding.match"),
                   cell("headline.funding")],
        "empty": "No funding had been awarded by the reporting date.",
    }
