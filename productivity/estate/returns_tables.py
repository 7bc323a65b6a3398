"""The columns of the partnerships', returns' and selection rounds' tables (page, CSV and XLSX alike)."""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from markupsafe import Markup, escape

from productivity.core import formatting
from productivity.core.tables import Column
from productivity.estate.return_rollups import MEASURES, Accuracy, Output
from productivity.estate.returns_models import MONEY_MEASURES, UNITS, Measure
from productivity.estate.selection import Ranked


def _partnership_link(partnership) -> str:
    return reverse("estate:partnership", args=[partnership.slug])


PARTNERSHIP_COLUMNS = [
    Column("name", "Partnership", lambda p: p.name, order_by="name", link=_partnership_link),
    Column("lead", "Lead council", lambda p: p.lead.name, order_by="lead__name"),
    Column("members", "Members", lambda p: p.members.count(), kind="number"),
    Column("programme_project", "Programme project",
           lambda p: p.programme_project.reference if p.programme_project else ""),
    Column("illustrative", "Illustrative", lambda p: "Yes" if p.is_illustrative else "No"),
]


@dataclass
class OutputRow:
    group: str
    measure: Measure
    output: Output

    @property
    def unit(self) -> str:
        return UNITS[self.measure]

    def value(self, name: str):
        return plain(getattr(self.output, name))

    def shown(self, name: str) -> Markup:
        amount = getattr(self.output, name)
        if self.measure in MONEY_MEASURES:
            return Markup(escape(formatting.money(amount)))
        return Markup(escape(formatting.number(plain(amount))))


def plain(amount: Decimal | None) -> Decimal | None:
    """A quantity without the zeros after its point (12 jobs, 2.5 hectares), never in exponent form."""
    if amount is None:
        return None
    return amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.normalize()


def output_rows(by_group: dict, label) -> list[OutputRow]:
    """One row per group and output, groups in the order given."""
    return [OutputRow(label(key), measure, outputs[measure]) for key, outputs in by_group.items()
            for measure in MEASURES]


def _kind(row: OutputRow) -> str:
    return "money" if row.measure in MONEY_MEASURES else "number"


def _figure(name: str, heading: str) -> Column:
    return Column(name, heading, lambda r: r.value(name), kind="number", html=lambda r: r.shown(name))


def output_columns(group_heading: str | None) -> list[Column]:
    """The outputs table's columns; without ``group_heading`` (one partnership's page) no group column shows."""
    return [
        Column("group", group_heading or "Partnership", lambda r: r.group, on_page=group_heading is not None),
        Column("measure", "Output", lambda r: r.measure.label),
        Column("unit", "Unit", lambda r: r.unit),
        _figure("forecast", "Forecast"),
        _figure("achieved", "Achieved (verified)"),
        _figure("awaiting", "Achieved, awaiting verification"),
        Column("share", "Achieved as a share of forecast", lambda r: r.output.achieved_share, kind="percent"),
    ]


ACCURACY_COLUMNS = [
    Column("partnership", "Partnership", lambda a: a.project.partnership.name),
    Column("project", "Project", lambda a: f"{a.project.reference}: {a.project.title}"),
    Column("measure", "Output", lambda a: a.measure.label),
    Column("unit", "Unit", lambda a: a.unit),
    Column("first_period", "First forecast made", lambda a: a.first_period),
    Column("first_forecast", "First forecast", lambda a: plain(a.first_forecast), kind="number"),
    Column("latest_forecast", "Latest forecast", lambda a: plain(a.latest_forecast), kind="number"),
    Column("achieved", "Achieved (verified)", lambda a: plain(a.achieved), kind="number"),
    Column("against_first", "Achieved as a share of the first forecast", lambda a: a.against_first, kind="percent"),
    Column("over_optimistic", "First forecast over-optimistic", lambda a: "Yes" if a.over_optimistic else "No"),
]


def _return_link(quarterly_return) -> str:
    return reverse("estate:return", args=[quarterly_return.pk])


RETURN_COLUMNS = [
    Column("period", "Quarter", lambda r: r.period, link=_return_link),
    Column("overall", "Overall", lambda r: r.get_overall_rag_display()),
    Column("delivery", "Project delivery and outputs", lambda r: r.get_delivery_rag_display()),
    Column("governance", "Governance", lambda r: r.get_governance_rag_display()),
    Column("status", "Status", lambda r: "Withdrawn" if r.is_withdrawn else r.get_status_display()),
]

FIGURE_COLUMNS = [
    Column("project", "Project", lambda f: f.project.reference),
    Column("measure", "Output", lambda f: f.get_measure_display()),
    Column("unit", "Unit", lambda f: f.unit),
    Column("forecast", "Forecast", lambda f: plain(f.forecast), kind="number"),
    Column("achieved", "Achieved this quarter", lambda f: plain(f.achieved), kind="number"),
    Column("verification", "Verification", lambda f: f.get_verification_display() if f.achieved is not None
           else ""),
    Column("evidence", "Evidence", lambda f: f.evidence_notes),
]


def _application_council(item: Ranked) -> str:
    return item.application.council.name


RANKING_COLUMNS = [
    Column("rank", "Rank", lambda r: r.rank, kind="number"),
    Column("council", "Council", _application_council),
    Column("score", "Score (out of 100)", lambda r: r.score, kind="number"),
    Column("match_funding", "Match funding", lambda r: r.application.match_funding, kind="money"),
    Column("shortlisted", "Shortlisted", lambda r: "Yes" if r.shortlisted else "No"),
    Column("why_not", "Why not shortlisted", lambda r: r.why_not),
]

__all__ = ["Accuracy"]
