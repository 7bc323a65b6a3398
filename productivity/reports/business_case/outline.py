"""A business case document's outline under the Five Case Model headings, built from the case's records.

The HM Treasury Five Case Model (Green Book, 2022): strategic, economic, commercial, financial and management
cases. The figures come from ``estate.cases.appraise_case`` (the one computation the case's pages use); the
narrative under each heading is the case's own text. Every format (HTML, PDF, Word) renders these blocks.
"""

from productivity.core import formatting
from productivity.estate import cases
from productivity.estate.case_tables import BASELINE_COLUMNS, baseline_rows, comparison, year_columns
from productivity.estate.greenbook import OPTIMISM_BIAS_SOURCE, TARGETS
from productivity.reports.paper import narrative_blocks

FIVE_CASES = (
    ("strategic", "1. Strategic case", "The case for change: the estate today and what the partners want to achieve."),
    ("economic", "2. Economic case", "The options appraised and the one that offers the best public value."),
    ("commercial", "3. Commercial case", "How the option will be procured and what the deal will look like."),
    ("financial", "4. Financial case", "Affordability: the capital needed, the receipts and the effect on budgets."),
    ("management", "5. Management case", "How the option will be delivered: governance, timetable and risks."),
)
NOT_WRITTEN = "Not yet written."
NO_PAYBACK = "Not within 10 years"


def heading(text: str, level: int = 2) -> dict:
    return {"type": "heading", "level": level, "text": text}


def paragraph(text: str) -> dict:
    return {"type": "paragraph", "text": text}


def table(caption: str, columns: list, rows: list, numeric: list[bool]) -> dict:
    return {"type": "table", "caption": caption, "columns": columns, "rows": rows, "numeric": numeric}


def _narrative(value: str) -> list[dict]:
    blocks = []
    for kind, content in narrative_blocks(value):
        blocks.append(paragraph(content) if kind == "p" else {"type": "list", "ordered": kind == "ol",
                                                              "items": content})
    return blocks or [paragraph(NOT_WRITTEN)]


def _shown(column, values: list[str]) -> list[str]:
    """A comparison row as the case page shows it: a scenario without payback says so, not a blank."""
    return [value or NO_PAYBACK for value in values] if column.key == "payback" else values


def _column_table(caption: str, columns, rows) -> dict:
    return table(caption, [c.heading for c in columns], [[c.cell_text(r) for c in columns] for r in rows],
                 [c.numeric for c in columns])


def build(case) -> dict:
    """The document: its title, standing and blocks in order."""
    appraised = cases.appraise_case(case)
    base = cases.baseline(case)
    blocks: list[dict] = []
    money = formatting.money
    for key, title, purpose in FIVE_CASES:
        blocks.append(heading(title))
        blocks.append({"type": "hint", "text": purpose})
        blocks += _narrative(getattr(case, key))
        if key == "strategic":
            blocks.append(paragraph(
                f"The baseline estate is {len(baseline_rows(case))} assets with "
                f"{formatting.number(base.floor_area)} m² "
                f"of floor area, running costs of {money(base.running_cost)} a year and "
                f"{formatting.number(base.carbon)} tonnes CO2e a year. The strategy targets are "
                + "; ".join(f"{t.label.lower()} {t.green}% lower" for t in TARGETS.values()) + "."))
            blocks.append(_column_table("The baseline estate", BASELINE_COLUMNS, baseline_rows(case)))
        if key == "economic" and appraised:
            compared = comparison(appraised)
            blocks.append(paragraph(
                f"Each scenario's cash flows over ten years from {case.start_year} are discounted at "
                f"{(case.discount_rate * 100).normalize()}% a year real, as the Green Book requires; year 0 is not "
                "discounted. Capital costs are uplifted for optimism bias by project type "
                f"({OPTIMISM_BIAS_SOURCE}). {cases.carbon_note(case)} Carbon is shown beside the cash "
                "figures, not added to them."))
            blocks.append(table("Scenarios compared", ["Measure", *[i.scenario.name for i in appraised]],
                                [[column.heading, *_shown(column, values)] for column, values in compared.measures()],
                                [False, *[True] * len(appraised)]))
            best = max(appraised, key=lambda i: i.figures.npv)
            blocks.append(paragraph(f"The scenario with the highest net present value is {best.scenario.name}: "
                                    f"{money(best.figures.npv, pence=True)}."))
            for item in appraised:
                columns = [c for c in year_columns() if c.key in ("year", "calendar_year", "capital", "uplift",
                                                                    "receipts", "running_change", "net",
                                                                    "discount_factor", "present_value")]
                blocks.append(_column_table(f"Cash flows: {item.scenario.name}", columns, item.figures.years))
        if key == "financial" and appraised:
            blocks.append(table(
                "Capital and receipts by scenario",
                ["Scenario", "Capital costs", "of which optimism bias", "Capital receipts", "Payback year"],
                [[i.scenario.name, money(i.figures.capital_costs, pence=True),
                  money(i.figures.optimism_uplift, pence=True), money(i.figures.capital_receipts, pence=True),
                  str(i.figures.payback_year) if i.figures.payback_year is not None else NO_PAYBACK]
                 for i in appraised], [False, True, True, True, True]))
        if key == "management" and appraised:
            rows = [[item.scenario.name, str(action.year), str(case.start_year + action.year),
                     action.get_kind_display() + (f": {action.asset.name}" if action.asset else "")
                     + (f" into {action.into.name}" if action.into else "")]
                    for item in appraised for action in item.scenario.actions.all()]
            if rows:
                blocks.append(table("Timetable of actions", ["Scenario", "Year", "Calendar year", "Action"], rows,
                                    [False, True, True, False]))
    blocks.append(heading("Notes on the figures"))
    blocks.append(paragraph("Carbon values: data/estate/carbon_values.csv, each year marked published, interpolated "
                            "or held; check it against the current published table before relying on it. "
                            "Money is rounded to the penny in each "
                            "year, and each net present value is the sum of its years' present values."))
    return {"title": case.title, "organisation": case.organisation.name, "kind": case.get_kind_display(),
            "status": case.get_status_display(), "withdrawn": case.withdrawn_reason, "blocks": blocks}
