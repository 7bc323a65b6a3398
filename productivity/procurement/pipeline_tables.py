"""The tables of the pipelines, UK1, timeliness, pledge and contracts pages: each drives its page, CSV and XLSX.

A pipeline's download has the pipeline importer's headings, so that a downloaded pipeline imports again as is.
"""

from django.urls import reverse
from markupsafe import Markup

from productivity.core.fiscal import financial_year_label
from productivity.core.tables import Column
from productivity.procurement import pipelines, pledge, timeliness
from productivity.procurement.importers.pipeline import profile_text


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


def _suits(plan) -> str:
    kinds = [name for name, suits in (("SMEs", plan.suitable_for_sme), ("VCSEs", plan.suitable_for_vcse)) if suits]
    return " and ".join(kinds) or "Neither named"


def _status_text(plan) -> str:
    if plan.status == "withdrawn":
        return f"Withdrawn: {plan.withdrawal_reason}"
    return plan.get_status_display()


def _plan_link(plan) -> str:
    return reverse("procurement:plan-edit", args=[plan.pipeline.organisation.slug, plan.pk])


PLAN_COLUMNS = [
    Column("reference", "Reference", lambda p: p.reference, order_by="reference"),
    Column("title", "Title", lambda p: p.title, order_by="title"),
    Column("description", "Description", lambda p: p.description, on_page=False),
    Column("category", "Category", lambda p: p.category, order_by="category"),
    Column("proclass_code", "ProClass code", lambda p: p.proclass_code, on_page=False),
    Column("value_text", "Estimated value", lambda p: pipelines.value_text(p), in_download=False,
           order_by="value_high"),
    Column("value_low", "Estimated value", lambda p: p.value_low, kind="money", on_page=False),
    Column("value_high", "Estimated value, top of range", lambda p: p.value_high, kind="money", on_page=False),
    Column("spend_profile", "Spend profile", lambda p: profile_text(pipelines.spend_profile(p)), on_page=False),
    Column("market_engagement_on", "Market engagement date", lambda p: p.market_engagement_on, kind="date",
           on_page=False),
    Column("tender_on", "Tender date", lambda p: p.tender_on, kind="date", order_by="tender_on"),
    Column("award_on", "Award date", lambda p: p.award_on, kind="date", order_by="award_on"),
    Column("contract_start_on", "Contract start date", lambda p: p.contract_start_on, kind="date", on_page=False),
    Column("duration_months", "Contract duration (months)", lambda p: p.duration_months, kind="number",
           on_page=False),
    Column("confidence", "Confidence", lambda p: p.get_confidence_display(), order_by="confidence"),
    Column("suitable_for_sme", "Suitable for SMEs", lambda p: _yes(p.suitable_for_sme), on_page=False),
    Column("suitable_for_vcse", "Suitable for VCSEs", lambda p: _yes(p.suitable_for_vcse), on_page=False),
    Column("suits", "Suits", lambda p: _suits(p), in_download=False),
    Column("status", "Status", lambda p: p.get_status_display(), order_by="status", on_page=False),
    Column("status_page", "Status", _status_text, order_by="status", in_download=False),
    Column("withdrawal_reason", "Withdrawal reason", lambda p: p.withdrawal_reason, on_page=False),
]


def plan_columns(editable: bool) -> list[Column]:
    """The plan table; for those who change the pipeline, each reference links to its change page."""
    if not editable:
        return PLAN_COLUMNS
    first = Column("reference", "Reference", lambda p: p.reference, order_by="reference", link=_plan_link)
    withdraw = Column("withdraw", "Withdraw", lambda p: "", in_download=False, html=_withdraw_link)
    return [first, *PLAN_COLUMNS[1:], withdraw]


def _withdraw_link(plan) -> Markup:
    if plan.status == "withdrawn":
        return Markup("")
    href = reverse("procurement:plan-withdraw", args=[plan.pipeline.organisation.slug, plan.pk])
    # An aria-label, not a visually hidden span: an absolutely placed span escapes the table's scrolling box.
    return Markup('<a class="govuk-link" href="{}" aria-label="Withdraw {}">Withdraw</a>').format(href, plan.reference)


def year_columns(years: list[int], name=lambda r: r[0].name, link=None) -> list[Column]:
    """A row per council (or the total): planned spend in each of the five financial years, and their sum."""
    columns = [Column("council", "Council", name, link=link)]
    for index, year in enumerate(years):
        columns.append(Column(f"fy{year}", financial_year_label(year),
                              lambda r, i=index: r[1].amounts()[i], kind="money"))
    columns.append(Column("total", "Five years", lambda r: r[1].total, kind="money"))
    return columns


def pipeline_list_columns(years: list[int]) -> list[Column]:
    def link(row):
        return reverse("procurement:pipeline", args=[row[0].slug])

    return [*year_columns(years, link=link),
            Column("plans", "Live plans", lambda r: r[2], kind="number"),
            Column("reviewed", "Last reviewed", lambda r: r[3].last_reviewed_on, kind="date"),
            Column("review", "Review", lambda r: "Overdue" if r[3].stale else "Up to date")]


UK1_COLUMNS = [
    Column("reference", "Reference", lambda v: v.plan.reference),
    Column("title", "Title", lambda v: v.plan.title),
    Column("value_text", "Estimated value", lambda v: pipelines.value_text(v.plan), in_download=False),
    Column("value_low", "Estimated value", lambda v: v.plan.value_low, kind="money", on_page=False),
    Column("value_high", "Estimated value, top of range", lambda v: v.plan.value_high, kind="money",
           on_page=False),
    Column("tender_on", "Tender date", lambda v: v.plan.tender_on, kind="date"),
    Column("award_on", "Award date", lambda v: v.plan.award_on, kind="date", on_page=False),
    Column("contract_start_on", "Contract start date", lambda v: v.plan.contract_start_on, kind="date",
           on_page=False),
    Column("outcome", "In the notice?", lambda v: v.outcome.capitalize()),
    Column("reason", "Why", lambda v: v.reason),
]


def _days(row) -> int:
    return row[1].days


PROCESS_COLUMNS = [
    Column("council", "Council", lambda r: r[0].organisation.name),
    Column("reference", "Reference", lambda r: r[0].reference, order_by="reference",
           link=lambda r: reverse("procurement:process-edit", args=[r[0].pk]) if r[2] else None),
    Column("title", "Title", lambda r: r[0].title),
    Column("procedure", "Procedure", lambda r: r[0].get_procedure_type_display()),
    Column("notice_on", "Notice date", lambda r: r[0].notice_on, kind="date"),
    Column("awarded_on", "Award date", lambda r: r[0].awarded_on, kind="date"),
    Column("days", "Working days", _days, kind="number"),
    Column("state", "Against 120 working days", lambda r: r[1].state),
    Column("dialogue", "Competitive dialogue", lambda r: "Not justified" if r[1].dialogue_flagged else
           ("Justified" if r[0].procedure_type == "competitive_dialogue" else "")),
    Column("justification", "Justification", lambda r: r[0].justification, on_page=False),
    Column("illustrative", "Illustrative", lambda r: "Yes" if r[0].is_illustrative else "", on_page=False),
]


def compliance_columns(name=lambda r: r[0].name) -> list[Column]:
    return [
        Column("council", "Council", name),
        Column("processes", "Processes", lambda r: r[1].processes, kind="number"),
        Column("awarded", "Awarded", lambda r: r[1].awarded, kind="number"),
        Column("running", "Running, under 120 days so far", lambda r: r[1].running, kind="number"),
        Column("within", "Within 120 working days", lambda r: r[1].within, kind="number"),
        Column("share", "Share within 120 (of those decided)", lambda r: r[1].share_within, kind="percent"),
        Column("average", "Average working days to award", lambda r: r[1].average_days, kind="number"),
        Column("dialogue", "Unjustified competitive dialogue", lambda r: r[1].dialogue_flagged, kind="number"),
    ]


STANCE_COLUMNS = [
    Column("organisation", "Organisation", lambda r: r.organisation.name,
           link=lambda r: reverse("procurement:pledge-council", args=[r.organisation.slug])),
    Column("stance", "Pledge", lambda r: r.get_stance_display()),
    Column("decided_on", "Date", lambda r: r.decided_on, kind="date"),
    Column("met", f"Commitments met (of {len(pledge.COMMITMENTS)})", lambda r: pledge.met_count(r), kind="number"),
    Column("illustrative", "Illustrative", lambda r: "Yes" if r.is_illustrative else ""),
]

CHECKLIST_COLUMNS = [
    Column("heading", "Pledge commitment", lambda line: line.commitment.heading),
    Column("commitment", "What it asks", lambda line: line.commitment.text),
    Column("status", "Status", lambda line: line.status_label),
    Column("evidence", "Evidence", lambda line: line.evidence),
    Column("url", "Link to evidence", lambda line: line.url,
           html=lambda line: Markup('<a class="govuk-link" href="{}">Evidence</a>').format(line.url)
           if line.url else Markup("")),
]

CONTRACT_COLUMNS = [
    Column("council", "Council", lambda c: c.publisher.name,
           link=lambda c: reverse("procurement:contracts-council", args=[c.publisher.slug])),
    Column("reference", "Reference number", lambda c: c.reference, order_by="reference"),
    Column("title", "Title of agreement", lambda c: c.title, order_by="title"),
    Column("department", "Department responsible", lambda c: c.department),
    Column("description", "Description of the goods and/or services", lambda c: c.description, on_page=False),
    Column("supplier_name", "Supplier name", lambda c: c.supplier_name, order_by="supplier_name"),
    Column("supplier_registration", "Supplier registration number", lambda c: c.supplier_registration,
           on_page=False),
    Column("value", "Value of agreement", lambda c: c.value, kind="money", order_by="value"),
    Column("irrecoverable_vat", "Irrecoverable VAT", lambda c: c.irrecoverable_vat, kind="money", on_page=False),
    Column("start_on", "Start date", lambda c: c.start_on, kind="date", order_by="start_on"),
    Column("end_on", "End date", lambda c: c.end_on, kind="date", order_by="end_on"),
    Column("review_on", "Review date", lambda c: c.review_on, kind="date", on_page=False),
    Column("route", "Procurement route", lambda c: c.get_route_display() if c.route else ""),
    Column("supplier_kind", "SME or VCSE", lambda c: c.supplier_kind),
    Column("illustrative", "Illustrative", lambda c: "Yes" if c.is_illustrative else "", on_page=False),
]


def process_rows(processes, editable_ids: set[int], today=None) -> list[tuple]:
    return [(process, timeliness.timing(process, today), process.organisation_id in editable_ids)
            for process in processes]
