"""The ledger: the records behind a report's figures, one row each, kept in the snapshot when published.

A figure's record filter (book.records) selects rows of one ledger table; the rows it selects add up
to the figure (tests check that they do), so a reader can follow any figure to its records, with their
evidence and verification state as they stood on the reporting date.

The papers' savings are gross: benefit amounts only, dis-benefits and delivery costs not subtracted. So
the ledger lists benefit amounts only, and every listed amount counts in full in the figures it is behind.
"""

from collections import defaultdict
from decimal import Decimal

from productivity.core.fiscal import financial_year_label
from productivity.programme import rollups, rollups_as_at
from productivity.programme.models import Evidence, Participant
from productivity.reports.figures.book import as_text
from productivity.reports.figures.progress import leads

TABLES = ("projects", "participants", "funding", "amounts", "track_record", "adjustments")
GROSS_RULE = ("Savings figures are gross: they add up benefit amounts only, so dis-benefits and delivery costs, "
              "which are not subtracted, are not listed.")


def build(ctx) -> dict[str, list[dict]]:
    """Every ledger table for the report's selection."""
    return {
        "projects": _projects(ctx),
        "participants": _participants(ctx),
        "funding": _funding(ctx),
        "amounts": amount_rows(ctx.amounts, ctx.as_at, ctx.closed_ids),
        "track_record": amount_rows(
            ctx.selection.amounts(ctx.pool.filter(pk__in=ctx.closed_ids)).filter(kind__in=["forecast", "realised"]),
            ctx.as_at, ctx.closed_ids),
        "adjustments": ctx.adjustments,
    }


def _projects(ctx) -> list[dict]:
    lead_names = leads(ctx.projects)
    rows = ctx.projects.order_by("reference").values(
        "pk", "reference", "title", "initiative_id", "initiative__name", "initiative__workstream_id")
    return [
        {
            "id": row["pk"], "project_id": row["pk"], "project": row["reference"], "title": row["title"],
            "initiative": row["initiative__name"], "initiative_id": row["initiative_id"],
            "workstream_id": row["initiative__workstream_id"], "lead": lead_names.get(row["pk"], ""),
            "status": ctx.states.get(row["pk"], {}).get("status", ""),
            "rag": ctx.states.get(row["pk"], {}).get("rag", ""),
            "open": row["pk"] not in ctx.closed_ids,
        }
        for row in rows
    ]


def _participants(ctx) -> list[dict]:
    rows = Participant.objects.filter(project__in=ctx.projects).order_by("project__reference", "pk").values(
        "project_id", "project__reference", "organisation_id", "organisation__name", "organisation__kind",
        "organisation__authority_type", "role", "project__initiative_id", "project__initiative__workstream_id")
    return [
        {
            "project_id": row["project_id"], "project": row["project__reference"],
            "organisation_id": row["organisation_id"], "organisation": row["organisation__name"],
            "role": row["role"], "is_council": row["organisation__kind"] == "council",
            "council_type": row["organisation__authority_type"], "initiative_id": row["project__initiative_id"],
            "workstream_id": row["project__initiative__workstream_id"],
            "open": row["project_id"] not in ctx.closed_ids,
        }
        for row in rows
    ]


def _funding(ctx) -> list[dict]:
    rows = rollups.awards_for(ctx.projects, ctx.as_at).order_by("project__reference", "awarded_on", "pk").values(
        "pk", "project_id", "project__reference", "funder_id", "funder__name", "amount", "awarded_on",
        "is_match_funding", "notes", "project__initiative_id", "project__initiative__workstream_id")
    return [
        {
            "id": row["pk"], "project_id": row["project_id"], "project": row["project__reference"],
            "funder_id": row["funder_id"], "funder": row["funder__name"], "amount": as_text(row["amount"]),
            "awarded_on": row["awarded_on"].isoformat(), "match": row["is_match_funding"], "notes": row["notes"],
            "initiative_id": row["project__initiative_id"], "workstream_id": row["project__initiative__workstream_id"],
        }
        for row in rows
    ]


def amount_rows(amounts, as_at, closed_ids: set[int]) -> list[dict]:
    """Benefit amounts with their saving, council, evidence and their verification state on ``as_at``."""
    amounts = amounts.filter(saving__is_disbenefit=False)
    states = {row["pk"]: row for row in rollups_as_at.evidence_states(amounts, as_at)}
    files: dict[int, list[str]] = defaultdict(list)
    for amount_id, name in Evidence.objects.filter(amount__in=amounts).order_by("uploaded_at").values_list(
            "amount_id", "original_name"):
        files[amount_id].append(name)
    rows = amounts.order_by("saving__project__reference", "saving_id", "financial_year", "kind").values(
        "pk", "saving_id", "saving__reference", "saving__title", "saving__service", "saving__project_id",
        "saving__project__reference", "saving__project__title", "saving__project__initiative_id",
        "saving__project__initiative__workstream_id", "saving__organisation__name",
        "saving__organisation__authority_type", "financial_year", "kind", "amount", "evidence_notes")
    last_year = rollups_as_at.last_ended_year(as_at)
    result = []
    for row in rows:
        state = states[row["pk"]]
        verification = ""
        if row["kind"] == "realised":
            verification = rollups_as_at.verification_state(state["verification"], state["verified_at"],
                                                       state["audited_at"], as_at)
        result.append({
            "id": row["pk"], "project_id": row["saving__project_id"], "project": row["saving__project__reference"],
            "project_title": row["saving__project__title"], "initiative_id": row["saving__project__initiative_id"],
            "workstream_id": row["saving__project__initiative__workstream_id"],
            "council": row["saving__organisation__name"], "council_type": row["saving__organisation__authority_type"],
            "saving_id": row["saving_id"], "saving_reference": row["saving__reference"],
            "saving": row["saving__title"], "service": row["saving__service"],
            "financial_year": row["financial_year"], "year": financial_year_label(row["financial_year"]),
            "kind": row["kind"], "amount": as_text(row["amount"]),
            "verification": verification, "state": state["state"], "evidence": row["evidence_notes"],
            "files": files.get(row["pk"], []), "open": row["saving__project_id"] not in closed_ids,
            "year_ended": row["financial_year"] <= last_year,
        })
    return result


def select(ledger: dict, spec: dict | None) -> list[dict]:
    """The ledger rows a figure's record filter selects."""
    if not spec:
        return []
    rows = ledger.get(spec["table"], [])
    where = spec.get("where", {})

    def matches(row: dict) -> bool:
        for key, wanted in where.items():
            value = row.get(key)
            if isinstance(wanted, list):
                if value not in wanted:
                    return False
            elif value != wanted:
                return False
        return True

    return [row for row in rows if matches(row)]


def total(rows: list[dict], spec: dict) -> Decimal | int | None:
    """What the selected rows add up to, as the figure should: a sum, a count or a count of councils."""
    how = spec.get("total")
    if how == "count":
        return len(rows)
    if how == "distinct":
        return len({row["organisation_id"] for row in rows})
    if how == "sum":
        return sum((Decimal(row["amount"]) for row in rows), Decimal("0"))
    return None
