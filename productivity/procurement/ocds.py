"""A pipeline as an OCDS 1.1 release package, validated offline against the bundled 1.1.5 schema.

One planning release per planned procurement: tag ``planning``; ``tender.status`` ``planned`` while it is
planned (``active`` in procurement, ``complete`` awarded, ``withdrawn`` withdrawn, the reason appended to
``tender.description``, 1.1 having no field for it); ``planning.budget`` holds the
estimated value and, in the budget breakdown extension's shape, one ``budgetBreakdown`` entry per financial year
of the spend profile, each with its ``period``; ``tender.suitability`` says whether it suits SMEs and VCSEs
(the suitability extension the UK's notices use); a range of values is ``tender.minValue`` to ``tender.value``.

Every package is validated before it leaves: ``package_or_refusal`` gives the reasons instead of the package
when it does not validate. The package schema's reference to the release schema resolves to the local copy in
data/ocds/1.1.5; nothing is fetched.
"""

import datetime as dt
import functools
import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from productivity.core.fiscal import financial_year_bounds, financial_year_label
from productivity.procurement.models import PlanStatus

SCHEMA_DIR = Path(settings.BASE_DIR) / "data" / "ocds" / "1.1.5"
EXTENSIONS = [
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_budget_breakdown_extension/master/"
    "extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_suitability_extension/master/"
    "extension.json",
]
LICENCE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
# An ocid prefix is registered with the Open Contracting Partnership; set OCDS_OCID_PREFIX to the operator's.
DEFAULT_PREFIX = "ocds-pp0000"
TENDER_STATUS = {PlanStatus.PLANNED: "planned", PlanStatus.IN_PROCUREMENT: "active",
                 PlanStatus.AWARDED: "complete", PlanStatus.WITHDRAWN: "withdrawn"}


class ExportRefused(Exception):
    """The package would not validate against the OCDS schema: it is not published, and these are the reasons."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@functools.cache
def _validator() -> Draft4Validator:
    release = json.loads((SCHEMA_DIR / "release-schema.json").read_text())
    package = json.loads((SCHEMA_DIR / "release-package-schema.json").read_text())
    registry = Registry().with_resources([
        (release["id"], Resource.from_contents(release, default_specification=DRAFT4)),
        (package["id"], Resource.from_contents(package, default_specification=DRAFT4)),
    ])
    # A Registry with no retrieve function refuses any reference it does not hold: validation stays offline.
    return Draft4Validator(package, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def problems(package: dict) -> list[str]:
    """Every way ``package`` breaks the OCDS 1.1.5 release-package schema, each naming where (empty: valid)."""
    found = []
    for error in sorted(_validator().iter_errors(package), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(the package)"
        found.append(f"{where}: {error.message}")
    return found


def _prefix() -> str:
    return getattr(settings, "OCDS_OCID_PREFIX", DEFAULT_PREFIX)


def _stamp(moment: dt.datetime) -> str:
    return timezone.localtime(moment, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _day(day: dt.date | None) -> str | None:
    return None if day is None else f"{day.isoformat()}T00:00:00Z"


def _amount(value: Decimal) -> dict:
    # At most 14 digits: a float holds every such value exactly as written.
    number = int(value) if value == value.to_integral_value() else float(value)
    return {"amount": number, "currency": "GBP"}


def party_id(organisation) -> str:
    if organisation.registry_code:
        return f"GB-LAE-{organisation.registry_code}"
    return f"GB-GSS-{organisation.gss_code or organisation.slug}"


def _party(organisation) -> dict:
    party = {"id": party_id(organisation), "name": organisation.name, "roles": ["buyer", "procuringEntity"]}
    if organisation.registry_code:
        party["identifier"] = {"scheme": "GB-LAE", "id": organisation.registry_code,
                               "legalName": organisation.official_name or organisation.name}
    return party


def ocid(organisation, plan) -> str:
    return f"{_prefix()}-{organisation.gss_code or organisation.slug}-{plan.reference}"


def _breakdown(plan) -> list[dict]:
    rows = []
    for line in plan.spend.all():
        start, end = financial_year_bounds(line.financial_year)
        label = financial_year_label(line.financial_year)
        rows.append({"id": label, "description": f"Planned spend in financial year {label}",
                     "amount": _amount(line.amount),
                     "period": {"startDate": _day(start), "endDate": f"{end.isoformat()}T23:59:59Z"}})
    return rows


def _milestones(plan) -> list[dict]:
    dates = [("market-engagement", "engagement", "Market engagement", plan.market_engagement_on),
             ("tender", "preProcurement", "Tender notice", plan.tender_on),
             ("award", "approval", "Contract award", plan.award_on)]
    return [{"id": key, "type": kind, "title": title, "dueDate": _day(day), "status": "scheduled"}
            for key, kind, title, day in dates if day is not None]


def _contract_period(plan) -> dict | None:
    period = {}
    if plan.contract_start_on:
        period["startDate"] = _day(plan.contract_start_on)
    if plan.duration_months:
        period["durationInDays"] = round(plan.duration_months * 365.25 / 12)
    return period or None


def release(plan, organisation) -> dict:
    """One planned procurement as an OCDS planning release."""
    process = ocid(organisation, plan)
    buyer = {"id": party_id(organisation), "name": organisation.name}
    budget = {"id": f"{plan.reference}-budget", "description": "Estimated value and planned spend by financial year",
              "amount": _amount(plan.value_high)}
    breakdown = _breakdown(plan)
    if breakdown:
        budget["budgetBreakdown"] = breakdown
    description = plan.description
    if plan.status == PlanStatus.WITHDRAWN:
        description = f"{description}\n\nWithdrawn: {plan.withdrawal_reason}".strip()
    tender = {"id": plan.reference, "title": plan.title, "description": description,
              "status": TENDER_STATUS[plan.status], "value": _amount(plan.value_high),
              "suitability": {"sme": plan.suitable_for_sme, "vcse": plan.suitable_for_vcse},
              "procuringEntity": buyer}
    if plan.is_range:
        tender["minValue"] = _amount(plan.value_low)
    if plan.category or plan.proclass_code:
        classification = {"scheme": "PROCLASS", "id": plan.proclass_code or plan.category,
                          "description": plan.category}
        tender["items"] = [{"id": "1", "description": plan.title, "classification": classification}]
    if plan.tender_on:
        tender["tenderPeriod"] = {"startDate": _day(plan.tender_on)}
    if plan.award_on:
        tender["awardPeriod"] = {"startDate": _day(plan.award_on)}
    contract_period = _contract_period(plan)
    if contract_period:
        tender["contractPeriod"] = contract_period
    milestones = _milestones(plan)
    if milestones:
        tender["milestones"] = milestones
    return {
        "ocid": process, "id": f"{process}-planning-{plan.updated_at:%Y%m%dT%H%M%S}", "date": _stamp(plan.updated_at),
        "language": "en", "tag": ["planning"], "initiationType": "tender",
        "parties": [_party(organisation)], "buyer": buyer,
        "planning": {"budget": budget, "rationale": f"Confidence in this plan: {plan.get_confidence_display()}"},
        "tender": tender,
    }


def package(organisation, plans, *, uri: str) -> dict:
    """The release package of ``plans`` (a council's planned procurements), not yet validated."""
    plans = list(plans)
    latest = max((plan.updated_at for plan in plans), default=timezone.now())
    return {
        "uri": uri, "version": "1.1", "extensions": EXTENSIONS, "publishedDate": _stamp(latest),
        "publisher": {"name": organisation.name, "scheme": "GB-LAE" if organisation.registry_code else None,
                      "uid": organisation.registry_code or None},
        "license": LICENCE, "publicationPolicy": f"{settings.SITE_URL}/about/",
        "releases": [release(plan, organisation) for plan in plans],
    }


def validated(built: dict) -> dict:
    """``built`` when it validates; ExportRefused with the reasons when it does not."""
    reasons = problems(built)
    if reasons:
        raise ExportRefused(reasons)
    return built


def dumps(built: dict) -> str:
    return json.dumps(built, indent=2, ensure_ascii=False)
