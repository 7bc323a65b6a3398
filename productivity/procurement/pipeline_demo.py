"""Illustrative pipelines, procurement processes, pledge records and contracts for the demo (labelled so).

Every record is made or updated by its natural key, so running the demo again changes nothing. Dates are set
relative to the current financial year, so the pipelines always look forward.
"""

import datetime as dt
from decimal import Decimal

from productivity.core.formatting import counted
from productivity.organisations.models import Organisation
from productivity.procurement import pipeline_services, pipelines
from productivity.procurement.models import (
    ContractRecord,
    Pipeline,
    PlannedProcurement,
    PledgeEvidence,
    PledgeRecord,
    ProcurementProcess,
)

# (council code, months since last review, expected spend this year in £m, plans)
# plan: (reference, title, category, low £k, high £k, tender month offset, confidence, sme, vcse, profile £k by year)
COUNCILS = (
    ("E10000008", 2, 1100, (
        ("DCC-P01", "Highways maintenance term contract", "Construction", 60000, 80000, 3, "high", False, False,
         (8000, 16000, 16000, 16000, 16000)),
        ("DCC-P02", "Home to school transport", "Transport", 9000, 12000, 7, "medium", True, False,
         (2000, 3000, 3000, 3000)),
        ("DCC-P03", "Community support for adults", "Social care", 4000, 4000, 10, "medium", True, True,
         (1000, 1000, 1000, 1000)),
        ("DCC-P04", "Library books and e-books", "Culture, sport and recreation", 900, 1200, 5, "high", True, False,
         (300, 300, 300)),
        ("DCC-P05", "Electric vehicle charge points", "Utilities", 2500, 6000, 20, "low", True, False,
         (0, 1500, 2000, 2500)),
    )),
    ("E08000009", 8, 450, (
        ("TMBC-P01", "Waste collection and recycling", "Environmental services", 30000, 30000, 9, "high", False,
         False, (0, 6000, 6000, 6000, 6000)),
        ("TMBC-P02", "Leisure centre refurbishment", "Construction", 5000, 8000, 4, "medium", True, False,
         (3000, 4000)),
        ("TMBC-P03", "Early help family support", "Social care", 1500, 1500, 2, "high", True, True,
         (500, 500, 500)),
        ("TMBC-P04", "Parks grounds maintenance", "Facilities management", 700, 900, 14, "low", True, True,
         (0, 300, 300, 300)),
    )),
    ("E10000014", 4, None, (
        ("HCC-P01", "Adult social care block beds", "Social care", 20000, 25000, 6, "medium", True, True,
         (5000, 5000, 5000, 5000, 5000)),
        ("HCC-P02", "Corporate IT service desk", "Information and communication technology", 3000, 4000, 12,
         "medium", True, False, (0, 1000, 1000, 1000)),
    )),
    ("E06000030", 1, None, (
        ("SBC-P01", "Street lighting LED replacement", "Construction", 2200, 2800, 5, "high", True, False,
         (1400, 1400)),
    )),
)
# (council, reference, title, procedure, notice (years before this financial year, month, day) or None for eight
# weeks ago, working days to award or None while it runs)
PROCESSES = (
    ("E10000008", "DCC-T01", "Highways consultancy", "open", (1, 9, 1), 88),
    ("E10000008", "DCC-T02", "Waste treatment PFI variation", "competitive_dialogue", (2, 5, 3), 240),
    ("E10000008", "DCC-T03", "Temporary agency staff", "framework_call_off", (1, 12, 2), 25),
    ("E08000009", "TMBC-T01", "Housing repairs", "restricted", (1, 11, 20), 131),
    ("E08000009", "TMBC-T02", "Town centre regeneration partner", "competitive_dialogue", (2, 3, 1), 180),
    ("E08000009", "TMBC-T03", "School meals", "competitive_flexible", None, None),
)
DIALOGUE_JUSTIFIED = {"TMBC-T02": "A development partnership whose scheme the market had to shape (illustrative)"}
PLEDGE = (
    ("E10000008", "local_version", {"pipelines": "met", "120-days": "partly", "pre-procurement": "met"}),
    ("E08000009", "signed", {"pipelines": "partly", "competitive-dialogue": "met"}),
    ("E10000014", "not_signed", {}),
)
CONTRACTS = (  # (council, reference, title, department, supplier, value, route, kind)
    ("E10000008", "DCC-C-0001", "Highways term maintenance", "Highways", "Example Roads Ltd", "48000000",
     "tender", "Neither"),
    ("E10000008", "DCC-C-0002", "Interpreting services", "Communities", "Example Languages CIC", "85000",
     "tender", "VCSE"),
    ("E10000008", "DCC-C-0003", "Office furniture", "Corporate", "Example Desks Ltd", "9500", "quote", "SME"),
    ("E08000009", "TMBC-C-0001", "Grounds maintenance", "Place", "Example Green Spaces Ltd", "1250000", "tender",
     "SME"),
    ("E08000009", "TMBC-C-0002", "Youth club sessions", "Children's services", "Example Youth Trust", "42000",
     "quote", "VCSE"),
)


def _council(code: str):
    return Organisation.objects.resolve(code)


def _working_days_after(start: dt.date, days: int) -> dt.date:
    from productivity.procurement.timeliness import is_working_day

    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        counted += is_working_day(day)
    return day


def _pipelines(year: int, today: dt.date, say) -> None:
    start = dt.date(year, 4, 1)
    for code, months_since_review, expected_m, plans in COUNCILS:
        organisation = _council(code)
        if organisation is None:
            continue
        pipeline, _ = Pipeline.objects.update_or_create(organisation=organisation, defaults={
            "is_published": True, "is_illustrative": True,
            "last_reviewed_on": pipelines.months_after(today, -months_since_review),
            "expected_spend": Decimal(expected_m) * 1_000_000 if expected_m else None,
            "expected_spend_year": year if expected_m else None})
        for ref, title, category, low, high, month, confidence, sme, vcse, profile in plans:
            tender = pipelines.months_after(start, month)
            plan = PlannedProcurement.objects.filter(pipeline=pipeline, reference=ref).first() or \
                PlannedProcurement(pipeline=pipeline, reference=ref)
            values = {"title": f"{title} (illustrative)", "category": category, "confidence": confidence,
                      "description": "An illustrative plan for the demo, not the council's own.",
                      "value_low": Decimal(low) * 1000, "value_high": Decimal(high) * 1000,
                      "market_engagement_on": pipelines.months_after(tender, -2), "tender_on": tender,
                      "award_on": pipelines.months_after(tender, 4),
                      "contract_start_on": pipelines.months_after(tender, 6), "duration_months": 12 * len(profile),
                      "suitable_for_sme": sme, "suitable_for_vcse": vcse}
            amounts = {year + index: Decimal(amount) * 1000 for index, amount in enumerate(profile) if amount}
            if plan.pk and all(getattr(plan, k) == v for k, v in values.items()) and \
                    pipelines.spend_profile(plan) == amounts:
                continue
            for name, value in values.items():
                setattr(plan, name, value)
            pipeline_services.save_plan(plan, amounts)
        say(f"{organisation.name}: pipeline of {counted(len(plans), 'illustrative plan')}")


def load(stdout=None, today: dt.date | None = None) -> None:
    """Make (or leave as they are) the demo's illustrative pipelines, processes, pledge records and contracts."""
    def say(text):
        if stdout is not None:
            stdout.write(text)

    today = today or dt.date.today()
    year = pipelines.this_financial_year(today)
    _pipelines(year, today, say)
    for code, reference, title, procedure, when, days in PROCESSES:
        organisation = _council(code)
        if organisation is None:
            continue
        notice = today - dt.timedelta(weeks=8) if when is None else dt.date(year - when[0], when[1], when[2])
        awarded = _working_days_after(notice, days) if days is not None else None
        ProcurementProcess.objects.update_or_create(organisation=organisation, reference=reference, defaults={
            "title": f"{title} (illustrative)", "procedure_type": procedure, "notice_on": notice,
            "awarded_on": awarded, "justification": DIALOGUE_JUSTIFIED.get(reference, ""), "is_illustrative": True})
    for code, stance, evidence in PLEDGE:
        organisation = _council(code)
        if organisation is None:
            continue
        record, _ = PledgeRecord.objects.update_or_create(organisation=organisation, defaults={
            "stance": stance, "is_illustrative": True, "note": "Illustrative demo record.",
            "decided_on": dt.date(2012, 6, 1) if stance != "not_signed" else None})
        for key, status in evidence.items():
            PledgeEvidence.objects.update_or_create(record=record, commitment=key, defaults={
                "status": status, "evidence": "Illustrative evidence for the demo."})
    for code, reference, title, department, supplier, value, route, kind in CONTRACTS:
        organisation = _council(code)
        if organisation is None:
            continue
        ContractRecord.objects.update_or_create(publisher=organisation, reference=reference, defaults={
            "title": f"{title} (illustrative)", "department": department, "supplier_name": supplier,
            "value": Decimal(value), "start_on": dt.date(year, 4, 1), "end_on": dt.date(year + 3, 3, 31),
            "review_on": dt.date(year + 2, 9, 30), "route": route, "supplier_kind": kind, "is_illustrative": True})
    say("Illustrative procurement processes, pledge records and contracts loaded")
