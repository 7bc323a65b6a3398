"""Business cases as tables: the list, the baseline estate, the scenarios compared and each year's cash flow.

One definition drives each page table and its CSV and XLSX download.
"""

from dataclasses import dataclass

from django.urls import reverse

from productivity.core.tables import Column
from productivity.estate import cases
from productivity.estate.greenbook import TARGETS

RAG_LABELS = {"green": "Green", "amber": "Amber", "red": "Red", "grey": "No baseline"}

CASE_COLUMNS = [
    Column("title", "Title", lambda c: c.title, order_by="title", link=lambda c: reverse("estate:case", args=[c.pk])),
    Column("organisation", "Lead organisation", lambda c: c.organisation.name, order_by="organisation__name"),
    Column("kind", "Kind", lambda c: c.get_kind_display(), order_by="kind"),
    Column("status", "Status", lambda c: c.get_status_display(), order_by="status"),
    Column("start_year", "First year", lambda c: c.start_year, order_by="start_year"),
]

BASELINE_COLUMNS = [
    Column("name", "Asset", lambda a: a.name, link=lambda a: reverse("estate:asset", args=[a.pk])),
    Column("owner", "Owner", lambda a: a.owner.name),
    Column("floor_area", "Floor area (m²)", lambda a: a.gross_internal_area, kind="number"),
    Column("running_cost", "Running costs per year", lambda a: cases.running_cost(a), kind="money"),
    Column("carbon", "Carbon (tCO2e per year)", lambda a: a.carbon_tco2e, kind="number"),
    Column("status", "Status", lambda a: a.get_status_display()),
    Column("lease_end", "Lease end", lambda a: a.lease_end, kind="date"),
]


def baseline_rows(case):
    return list(case.assets.select_related("owner").order_by("owner__name", "name"))


def _outcome(key: str, what: str):
    def value(item):
        outcome = item.figures.outcome(key)
        return outcome.percent if what == "percent" else RAG_LABELS[outcome.rag]
    return value


COMPARISON_COLUMNS = [
    Column("scenario", "Scenario", lambda i: i.scenario.name),
    Column("npv", "Net present value", lambda i: i.figures.npv, kind="money"),
    Column("carbon_npv", "Present value of carbon saved", lambda i: i.figures.carbon_npv, kind="money"),
    Column("npv_with_carbon", "Net present value with carbon", lambda i: i.figures.npv_with_carbon, kind="money"),
    Column("receipts", "Capital receipts", lambda i: i.figures.capital_receipts, kind="money"),
    Column("capital_costs", "Capital costs with optimism bias", lambda i: i.figures.capital_costs, kind="money"),
    Column("optimism_uplift", "of which optimism bias", lambda i: i.figures.optimism_uplift, kind="money"),
    Column("payback", "Payback year", lambda i: i.figures.payback_year, kind="number"),
    *[column for key, target in TARGETS.items() for column in (
        Column(f"{key}_percent", f"Change in {target.label.lower()} (%)", _outcome(key, "percent"), kind="number"),
        Column(f"{key}_rag", f"{target.label}: against the {target.green}% target", _outcome(key, "rag")))],
]


@dataclass
class Comparison:
    columns: list
    rows: list

    def measures(self):
        """The comparison turned on its side for the page: a row per measure, a column per scenario."""
        return [(column, [column.cell_text(row) for row in self.rows]) for column in self.columns[1:]]


def comparison(appraised) -> Comparison:
    return Comparison(COMPARISON_COLUMNS, list(appraised))


def year_columns() -> list[Column]:
    return [
        Column("year", "Year", lambda r: r.year, kind="number"),
        Column("calendar_year", "Calendar year", lambda r: r.calendar_year),
        Column("capital", "Capital costs", lambda r: r.capital, kind="money"),
        Column("uplift", "Optimism bias", lambda r: r.uplift, kind="money"),
        Column("receipts", "Receipts", lambda r: r.receipts, kind="money"),
        Column("running_change", "Change in running costs", lambda r: r.running_change, kind="money"),
        Column("net", "Net cash flow", lambda r: r.net, kind="money"),
        Column("discount_factor", "Discount factor", lambda r: r.discount_factor, kind="number"),
        Column("present_value", "Present value", lambda r: r.present_value, kind="money"),
        Column("cumulative", "Cumulative present value", lambda r: r.cumulative, kind="money"),
        Column("carbon_change", "Change in carbon (tCO2e)", lambda r: r.carbon_change, kind="number"),
        Column("carbon_price", "Carbon value (£/tCO2e, 2020 prices)", lambda r: r.carbon_price, kind="money"),
        Column("carbon_value", "Value of carbon saved", lambda r: r.carbon_value, kind="money"),
        Column("carbon_present_value", "Present value of carbon saved", lambda r: r.carbon_present_value,
               kind="money"),
    ]
