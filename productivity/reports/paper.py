"""The outline of a board paper: the blocks every format (HTML, PDF, Word) renders, in order.

Built from a snapshot alone, so a published paper renders the same today as on the day it was
published. Sentences that state figures are made of parts; a figure part names a figure by key, and
each renderer shows it with its note number (and, on the web, a link to its records).
"""

import re
from decimal import Decimal

from productivity.programme.models import Rag
from productivity.reports.layouts import get_layout
from productivity.reports.render.format import day, figure_text, signed_difference

SCOPE_PHRASES = {"programme": "The programme", "workstream": "The workstream", "initiative": "The initiative",
                 "council": "The council's part in the programme"}
RAG = {value: label.lower() for value, label in Rag.choices}
LIST_ITEM = re.compile(r"^\s*(?:[-*•]|(\d+(?:\.\d+)*)[.)])\s+(.*)$")


def text(value: str) -> dict:
    return {"text": value}


def fig(key: str, style: str = "short", suffix: str = "", singular: str | None = None) -> dict:
    """A figure in a sentence; ``suffix`` is the words it goes with, so the note mark follows them
    (``singular`` replaces it when the figure is 1)."""
    part = {"figure": key, "style": style, "suffix": suffix}
    if singular is not None:
        part["singular"] = singular
    return part


def counted(key: str, noun: str) -> dict:
    """A count and its noun: '45 projects', '1 project'."""
    return fig(key, suffix=f" {noun}s", singular=f" {noun}")


def heading(value: str, level: int = 2, anchor: str = "") -> dict:
    return {"type": "heading", "level": level, "text": value, "id": anchor}


def paragraph(*parts: dict) -> dict:
    return {"type": "paragraph", "parts": list(parts)}


def _value(snapshot: dict, key: str) -> Decimal:
    figure = snapshot["figures"].get(key)
    return Decimal(figure["value"]) if figure and figure["value"] is not None else Decimal(0)


def narrative_blocks(value: str) -> list[tuple[str, object]]:
    """Plain text as paragraphs and lists: lines starting '- ' make a bulleted list, '1. ' a numbered one."""
    blocks: list[tuple[str, object]] = []
    for chunk in re.split(r"\n\s*\n", (value or "").strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        paragraph_lines: list[str] = []
        for line in lines:
            match = LIST_ITEM.match(line)
            if match:
                if paragraph_lines:
                    blocks.append(("p", " ".join(paragraph_lines)))
                    paragraph_lines = []
                kind = "ol" if match.group(1) else "ul"
                if blocks and blocks[-1][0] == kind:
                    blocks[-1][1].append(match.group(2).strip())
                else:
                    blocks.append((kind, [match.group(2).strip()]))
            else:
                paragraph_lines.append(line.strip())
        if paragraph_lines:
            blocks.append(("p", " ".join(paragraph_lines)))
    return blocks


def projects_and_councils(snapshot: dict, projects: str, councils: str) -> list[dict]:
    """'45 projects involving 72 councils', '1 project, with 1 council taking part', or '1 project' alone
    when no council takes part (never 'involving 0 councils')."""
    parts = [counted(projects, "project")]
    how_many = _value(snapshot, councils)
    if how_many == 1 and _value(snapshot, projects) == 1:
        parts += [text(", with "), fig(councils, suffix=" council taking part")]
    elif how_many:
        parts += [text(" involving "), counted(councils, "council")]
    return parts


def summary_sentence(snapshot: dict) -> dict:
    """The computed summary: the scope's projects, councils, funding and savings in one paragraph."""
    scope = snapshot["scope"]["kind"]
    if scope == "council":
        parts = [text(f"{snapshot['scope']['name']} was taking part in "), counted("headline.projects", "project"),
                 text(" on the reporting date")]
        councils = _value(snapshot, "headline.councils")
        if councils > 1:
            parts += [text(", involving "), counted("headline.councils", "council"), text(" in all")]
        elif councils == 1 and _value(snapshot, "headline.projects"):
            parts += [text(", on its own")]
        parts.append(text(". "))
    else:
        parts = [text(f"{SCOPE_PHRASES[scope]} had "),
                 *projects_and_councils(snapshot, "headline.projects", "headline.councils"),
                 text(" on the reporting date. ")]
    if _value(snapshot, "headline.funding"):
        parts += [fig("headline.funding", suffix=" has been allocated"), text(". ")]
    parts += [text("It is estimated to be helping to drive savings of "),
              fig("headline.savings.expected", suffix=" (expected)")]
    if _value(snapshot, "headline.savings.realised"):
        parts += [text("; "), fig("headline.savings.realised", suffix=" has been realised"), text(", of which "),
                  fig("headline.split.realised.verified", suffix=" is verified")]
    parts.append(text("."))
    return paragraph(*parts)


def initiative_paragraphs(snapshot: dict, initiative: dict) -> list[dict]:
    """An initiative's progress in the words of the papers' appendix, every number a figure."""
    keys = initiative["figures"]
    blocks = []
    blocks.append(paragraph(*projects_and_councils(snapshot, keys["projects"], keys["councils"]), text(".")))
    if _value(snapshot, keys["funding"]):
        parts = [fig(keys["funding"], suffix=" has been allocated")]
        funders = initiative["funders"]
        for index, funder in enumerate(funders):
            joiner = ": " if index == 0 else (" and " if index == len(funders) - 1 else ", ")
            parts += [text(joiner), fig(funder["figure"], suffix=f" from {funder['name']}")]
        parts.append(text("."))
        blocks.append(paragraph(*parts))
    if _value(snapshot, keys["expected"]) or _value(snapshot, keys["forecast"]):
        if _value(snapshot, keys["expected"]):
            parts = [text("It is expected to save "), fig(keys["expected"], suffix=" (expected savings)")]
        else:
            parts = [text("No expected savings are recorded")]
        if _value(snapshot, keys["forecast"]):
            parts += [text("; the current forecast is "), fig(keys["forecast"])]
        if _value(snapshot, keys["realised"]):
            parts += [text("; "), fig(keys["realised"], suffix=" has been realised")]
        parts.append(text("."))
        blocks.append(paragraph(*parts))
    if initiative.get("summary"):
        blocks.append({"type": "plain", "text": initiative["summary"]})
    return blocks


def _narrative(snapshot: dict, key: str, title: str | None = None, level: int = 2) -> list[dict]:
    value = snapshot["narrative"].get(key, "")
    if not value.strip():
        return []
    section = get_layout(snapshot["template"]).section(key)
    return [heading(title or section.heading, level, key.replace("_", "-")), {"type": "narrative", "key": key}]


def has_rows(snapshot: dict, name: str) -> bool:
    return bool(snapshot["tables"].get(name, {}).get("rows"))


def _table(snapshot: dict, name: str) -> list[dict]:
    """A table, or nothing when it has no rows (the text around it says why)."""
    return [{"type": "table", "name": name}] if has_rows(snapshot, name) else []


def _charts(snapshot: dict, names: list[str]) -> list[dict]:
    blocks = []
    for name in names:
        chart = snapshot["charts"].get(name)
        if chart is None or not has_rows(snapshot, chart["table"]):
            continue
        if chart["categories"]:
            blocks.append({"type": "chart", "name": name})
        # The table follows its chart, with the same figures.
        blocks.append({"type": "table", "name": chart["table"]})
    return blocks


def _appendix(snapshot: dict) -> list[dict]:
    blocks = [heading("Appendix 1 – Progress made on the current work programme", 2, "appendix-1")]
    for workstream in snapshot["tree"]:
        # An initiative with no projects by the reporting date has no progress to report.
        initiatives = [i for i in workstream["initiatives"] if _value(snapshot, i["figures"]["projects"])]
        if not initiatives:
            continue
        blocks.append(heading(workstream["name"], 3, f"appendix-{workstream['slug']}"))
        for initiative in initiatives:
            blocks.append(heading(initiative["name"], 4, f"initiative-{initiative['slug']}"))
            blocks += initiative_paragraphs(snapshot, initiative)
    return blocks if len(blocks) > 1 else []


def contact_blocks(snapshot: dict) -> list[dict]:
    """The contact officer: the report's contact fields, or (papers published before them) the narrative's text."""
    details = snapshot.get("paper")
    if details is None:
        return _narrative_text(snapshot, "contact", "Contact officer")
    contact = details["contact"]
    lines = [value for value in (contact["name"], contact["position"], contact["phone"], contact["email"]) if value]
    if not lines:
        return []
    return [heading("Contact officer", 2, "contact"), {"type": "contact", "lines": lines}]


def _narrative_text(snapshot: dict, key: str, title: str) -> list[dict]:
    if not snapshot["narrative"].get(key, "").strip():
        return []
    return [heading(title, 2, key), {"type": "narrative", "key": key}]


def _common_opening(snapshot: dict) -> list[dict]:
    blocks = [*_narrative(snapshot, "purpose", "Purpose of report"), heading("Summary", 2, "summary"),
              summary_sentence(snapshot), {"type": "narrative", "key": "summary"}]
    blocks += _narrative(snapshot, "recommendations") + contact_blocks(snapshot)
    return blocks


def correction_blocks(snapshot: dict) -> list[dict]:
    """A corrected version says, first, what it corrects."""
    details = snapshot.get("paper") or {}
    if not details.get("corrects"):
        return []
    original = details["corrects"]
    return [{"type": "correction", "text": details.get("correction", ""), "title": original["title"],
             "id": original["id"], "published": day((original.get("published_at") or "")[:10] or None)}]


def _change_text(snapshot: dict, key: str) -> str:
    changes = snapshot.get("changes")
    if not changes:
        return ""
    for item in changes["figures"]:
        if item["key"] == key:
            return f", {signed_difference(item['unit'], item['difference'])} since {day(changes['previous']['as_at'])}"
    return ""


def _split(kind: str) -> list[dict]:
    prefix = f"headline.split.{kind}"
    if kind == "realised":
        # Realised savings are realised by definition: only their verification is in question.
        return [text(". Of this, "), fig(f"{prefix}.verified", suffix=" has been verified"), text(" and "),
                fig(f"{prefix}.unverified", suffix=" is not yet verified")]
    # A plan takes the state of the realised amount for the same saving and year.
    return [text(". Of this, "), fig(f"{prefix}.verified", suffix=" is for years realised and verified"),
            text(", "), fig(f"{prefix}.unverified", suffix=" for years realised but not yet verified"),
            text(" and "), fig(f"{prefix}.forecast", suffix=" not yet realised")]


def optimism_parts(snapshot: dict) -> list[dict]:
    """The open forecasts and, beside them, the optimism adjustment, saying plainly what was not adjusted."""
    if not _value(snapshot, "headline.open_forecast"):
        return [text("No open project had a forecast on the reporting date, so there is nothing to adjust for "
                     "optimism.")]
    parts = [text("Open forecasts total "), fig("headline.open_forecast"), text(". ")]
    if "headline.adjustable_forecast" not in snapshot["figures"]:
        # Snapshots published before the adjustable share was recorded.
        return parts + [text("Adjusted for optimism by the programme's track record: "),
                        fig("headline.adjusted_forecast", suffix=" (an adjustment, not a forecast)"), text(".")]
    if not _value(snapshot, "headline.adjustable_forecast"):
        return parts + [text("None of them can yet be adjusted for optimism: no comparable projects with a "
                             "forecast had closed by the reporting date.")]
    if _value(snapshot, "headline.unadjusted_forecast"):
        parts += [text("Adjusted for optimism by the track record of comparable closed projects, the "),
                  fig("headline.adjustable_forecast"), text(" that has one would be "),
                  fig("headline.adjusted_forecast", suffix=" (an adjustment, not a forecast)"), text("; the other "),
                  fig("headline.unadjusted_forecast"),
                  text(" has no comparable closed projects yet and is not adjusted.")]
    else:
        parts += [text("Adjusted for optimism by the track record of comparable closed projects, they would be "),
                  fig("headline.adjusted_forecast", suffix=" (an adjustment, not a forecast)"), text(".")]
    return parts


def headline_list(snapshot: dict) -> dict:
    """The headline figures, each with its change since the previous report and, for savings, its evidence."""
    items = [
        [counted("headline.projects", "project"), text(_change_text(snapshot, "headline.projects"))],
        [counted("headline.councils", "participating council"),
         text(_change_text(snapshot, "headline.councils"))],
        [fig("headline.funding", suffix=" funding allocated"), text(_change_text(snapshot, "headline.funding")),
         text(": "), fig("headline.funding.programme", suffix=" programme funding"), text(" and "),
         fig("headline.funding.match", suffix=" match funding")],
    ]
    for kind in ("expected", "forecast", "realised"):
        key = f"headline.savings.{kind}"
        item = [fig(key, suffix=f" {kind} savings"), text(_change_text(snapshot, key))]
        if _value(snapshot, key):
            item += _split(kind)
        item.append(text("."))
        if kind == "forecast":
            item += [text(" "), *optimism_parts(snapshot)]
        items.append(item)
    return {"type": "list", "items": items}


def changes_blocks(snapshot: dict) -> list[dict]:
    """What changed since the previous published report of the same scope."""
    changes = snapshot.get("changes")
    if not changes:
        return []
    previous = changes["previous"]
    since = day(previous["as_at"])
    blocks = [paragraph(text(f"Compared with the previous published report, “{previous['title']}” "
                             f"(figures as at {since}):"))]
    blocks.append({"type": "list", "items": [
        [text(f"{item['label']}: "), fig(item["key"]), text(f", {_change_from(item, since)}")]
        for item in changes["figures"]
    ]})

    def project_items(rows, describe):
        return {"type": "list", "items": [[text(describe(row))] for row in rows]}

    for title, rows, describe in (
        ("New projects", changes["new_projects"], lambda r: f"{r['reference']}: {r['title']} ({r['initiative']})"),
        ("Projects closed", changes["closed_projects"], lambda r: f"{r['reference']}: {r['title']}"),
        ("RAG rating changes", changes["rag_changes"],
         lambda r: f"{r['reference']}: {r['title']}, {RAG.get(r['from'], 'not rated')} to "
                   f"{RAG.get(r['to'], 'not rated')}"),
        ("Withdrawn", changes.get("withdrawn", []),
         lambda r: f"{r['kind']} {r['label']} ({r['project']}), withdrawn on {day(r['withdrawn_on'])}: {r['reason']}"),
    ):
        if rows:
            blocks += [heading(title, 3), project_items(rows, describe)]
    return blocks


def _change_from(item: dict, since: str) -> str:
    """'up £12m from £90m on 1 March 2012', or 'unchanged since 1 March 2012'."""
    change = signed_difference(item["unit"], item["difference"])
    if change == "unchanged":
        return f"unchanged since {since}"
    previous = figure_text({"value": item["previous"], "unit": item["unit"]}, "short")
    return f"{change} from {previous} on {since}"


def _figures_and_changes(snapshot: dict) -> list[dict]:
    blocks = [heading("Headline figures", 2, "headline-figures"), headline_list(snapshot)]
    changes = changes_blocks(snapshot)
    if changes:
        blocks += [heading("Changes since the previous report", 2, "changes"), *changes]
    return blocks


def _optimism(snapshot: dict) -> list[dict]:
    accuracy = _charts(snapshot, ["accuracy_by_initiative", "accuracy_by_council_type"])
    if accuracy:
        opening = text("For projects closed by the reporting date, the charts below show realised savings as a "
                       "share of forecast, in financial years that had ended. Each open forecast is shown beside "
                       "the same forecast adjusted by that track record: the adjustment is a caution, not a "
                       "forecast. ")
    else:
        opening = text("No project with a forecast had closed by the reporting date, so there is no track record "
                       "of forecasts against what was realised yet. ")
    return [heading("Forecast accuracy and optimism", 2, "optimism"), paragraph(opening, *optimism_parts(snapshot)),
            *accuracy, *_table(snapshot, "optimism")]


def build(snapshot: dict) -> list[dict]:
    """The blocks of the paper, in reading order."""
    blocks = correction_blocks(snapshot)
    if snapshot["template"] == "initiative-progress":
        blocks += _common_opening(snapshot) + _figures_and_changes(snapshot)
        blocks += _headed("Projects", "projects", _table(snapshot, "projects"))
        blocks += _headed("Savings and funding", "savings",
                          _charts(snapshot, ["savings_by_year", "funding_against_savings"]))
        blocks += _optimism(snapshot)
        blocks += _narrative(snapshot, "discussion")
        blocks += _headed("Funding", "funding", _table(snapshot, "funders"))
    else:
        blocks += _common_opening(snapshot) + _narrative(snapshot, "background") + _figures_and_changes(snapshot)
        blocks += _headed("Progress by workstream and initiative", "progress",
                          [*_table(snapshot, "workstreams"), *_table(snapshot, "initiatives")])
        blocks += _charts(snapshot, ["savings_by_year", "funding_against_savings"])
        blocks += _optimism(snapshot)
        blocks += _narrative(snapshot, "discussion")
        financial = _table(snapshot, "funders")
        if snapshot["narrative"].get("financial_implications", "").strip():
            financial.insert(0, {"type": "narrative", "key": "financial_implications"})
        blocks += _headed("Financial implications", "financial-implications", financial)
        blocks += _appendix(snapshot)
    blocks += [heading("Notes on the figures", 2, "notes"), {"type": "notes"}]
    return blocks


def _headed(title: str, anchor: str, body: list[dict]) -> list[dict]:
    """A section under its heading, or nothing at all when it has nothing to say."""
    return [heading(title, 2, anchor), *body] if body else []


def used_notes(snapshot: dict, blocks: list[dict]) -> list[int]:
    """The snapshot's note numbers that the paper refers to, in the order a reader meets them."""
    keys: list[str] = []
    for block in blocks:
        if block["type"] == "paragraph":
            keys += [part["figure"] for part in block["parts"] if "figure" in part]
        elif block["type"] == "table":
            table = snapshot["tables"].get(block["name"], {})
            for row in [*table.get("rows", []), table.get("footer") or []]:
                keys += [c["figure"] for c in row if "figure" in c]
        elif block["type"] == "list":
            keys += [part["figure"] for item in block["items"] for part in item if "figure" in part]
    numbers: list[int] = []
    for key in keys:
        number = snapshot["figures"][key]["note"] if key in snapshot["figures"] else None
        if number is not None and number not in numbers:
            numbers.append(number)
    return numbers
