"""The supplier register's decisions: merging suppliers found to be one, rejecting proposed matches, classing a
supplier by its size figures under each definition, and placing it in a region from its postcode.

A merge keeps the merged supplier: its lines go to the supplier it is merged into, and a ``SupplierMerge``
records when, by whom and why (the audit trail keeps the rest of its history). A rejected proposal is kept,
and the pair is never proposed again (matching.py reads them).
"""

import csv
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F, OuterRef, Subquery, Window
from django.db.models.functions import FirstValue
from django.utils import timezone

from productivity.procurement import summaries
from productivity.procurement.models import (
    Definition,
    MatchProposal,
    Size,
    Source,
    SpendLine,
    Supplier,
    SupplierClassification,
    SupplierMerge,
)

REGIONS_FILE = Path(settings.BASE_DIR) / "data" / "procurement" / "postcode_area_regions.csv"
SME_STAFF_SEEDS = 250  # the seed papers: 250 employees or fewer
SME_STAFF_ACT = 250  # the Procurement Act 2023: fewer than 250 staff...
SME_TURNOVER_ACT = Decimal("44000000")  # ...and turnover of £44m or less
SME_BALANCE_SHEET_ACT = Decimal("38000000")  # ...or a balance sheet total of £38m or less
_AREA = re.compile(r"^([A-Z]{1,2})[0-9]")
IDENTIFIERS = ("companies_house_number", "vat_number", "charity_number")


class Refused(Exception):
    """A decision that cannot be made as asked (the proposal was already decided); the message says why."""


# ---- merging and rejecting -------------------------------------------------------------------------------------

@transaction.atomic
def merge(proposal: MatchProposal, user, reason: str = "") -> SupplierMerge:
    """Confirm ``proposal``: its supplier becomes its candidate (lines re-pointed, missing identifiers and classes
    carried over); the merged supplier is kept, linked to the one it became."""
    proposal = MatchProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != MatchProposal.Status.PENDING:
        raise Refused(f"This proposal was already decided: {proposal.get_status_display().lower()}")
    merged, into = proposal.supplier, proposal.candidate
    if SupplierMerge.objects.filter(supplier__in=[merged, into]).exists():
        raise Refused("One of these suppliers has since been merged into another: the proposal no longer applies")
    moved = SpendLine.objects.filter(supplier=merged).update(supplier=into)
    missing = {field: getattr(merged, field) for field in IDENTIFIERS
               if getattr(merged, field) and not getattr(into, field)}
    if missing:
        for field, value in missing.items():
            setattr(into, field, value)
        into.save(update_fields=list(missing))
    if not into.region and merged.region:
        into.region = merged.region
        into.save(update_fields=["region"])
    for classification in merged.classifications.all():
        SupplierClassification.objects.get_or_create(
            supplier=into, source=classification.source, organisation=classification.organisation,
            detail=classification.detail,
            defaults={"size": classification.size, "definition": classification.definition,
                      "recorded_on": classification.recorded_on})
    now = timezone.now()
    proposal.status, proposal.decided_by, proposal.decided_at, proposal.reason = (
        MatchProposal.Status.CONFIRMED, user, now, reason)
    proposal.save()
    record = SupplierMerge.objects.create(supplier=merged, into=into, proposal=proposal, lines_moved=moved,
                                          merged_by=user, merged_at=now, reason=reason)
    # Other proposals about the merged supplier no longer apply: they are kept, marked so.
    (MatchProposal.objects.pending().filter(supplier=merged) | MatchProposal.objects.pending().filter(
        candidate=merged)).update(status=MatchProposal.Status.SUPERSEDED, decided_at=now)
    # The spend summaries class each line by its supplier: the months both were paid in are counted again.
    summaries.refresh_for_suppliers([merged.pk, into.pk])
    return record


@transaction.atomic
def reject(proposal: MatchProposal, user, reason: str = "") -> MatchProposal:
    """The two are different suppliers: remembered, never proposed again."""
    proposal = MatchProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != MatchProposal.Status.PENDING:
        raise Refused(f"This proposal was already decided: {proposal.get_status_display().lower()}")
    proposal.status, proposal.decided_by, proposal.decided_at, proposal.reason = (
        MatchProposal.Status.REJECTED, user, timezone.now(), reason)
    proposal.save()
    return proposal


def current(supplier: Supplier) -> Supplier:
    """The supplier ``supplier`` now is: itself, or the one it was (perhaps in turn) merged into."""
    seen = {supplier.pk}
    while True:
        link = SupplierMerge.objects.filter(supplier=supplier).select_related("into").first()
        if link is None or link.into_id in seen:
            return supplier
        supplier = link.into
        seen.add(supplier.pk)


# ---- classes -----------------------------------------------------------------------------------------------------

def size_under(definition: str, employees: int | None, turnover: Decimal | None,
               balance_sheet: Decimal | None) -> str | None:
    """SME or large under ``definition`` from a supplier's figures; None when the figures do not decide it."""
    if definition == Definition.SEEDS:
        if employees is None:
            return None
        return Size.SME if employees <= SME_STAFF_SEEDS else Size.LARGE
    if employees is not None and employees >= SME_STAFF_ACT:
        return Size.LARGE
    small_money = ((turnover is not None and turnover <= SME_TURNOVER_ACT)
                   or (balance_sheet is not None and balance_sheet <= SME_BALANCE_SHEET_ACT))
    big_money = (turnover is not None and turnover > SME_TURNOVER_ACT
                 and balance_sheet is not None and balance_sheet > SME_BALANCE_SHEET_ACT)
    if big_money:
        return Size.LARGE
    if employees is not None and small_money:
        return Size.SME
    return None


_NEWEST_FIRST = ("-recorded_on", "-pk")  # which of a supplier's classes is its latest


def _size_classes(definition: str):
    """The classes that are sizes under ``definition`` (a size recorded under 'any' counts for every one)."""
    return SupplierClassification.objects.filter(definition__in=[definition, Definition.ANY]).exclude(size="")


def latest_size(definition: str = Definition.SEEDS, supplier: str = "supplier"):
    """A subquery of a supplier's latest class under ``definition`` (or a class that is not a matter of size);
    annotate lines with ``size=latest_size(d)`` for the payments and share roll-ups (suppliers: ``supplier="pk"``)."""
    return Subquery(_size_classes(definition).filter(supplier=OuterRef(supplier))
                    .order_by(*_NEWEST_FIRST).values("size")[:1])


def history(supplier: Supplier):
    """Every class a supplier has been given, newest first, with its source and definition."""
    return supplier.classifications.select_related("organisation").order_by("-recorded_on", "-pk")


@transaction.atomic
def classify_manually(supplier: Supplier, size: str, definition: str, detail: str, on=None):
    classification, made = SupplierClassification.objects.get_or_create(
        supplier=supplier, source=Source.MANUAL, organisation=None, detail=detail,
        defaults={"size": size, "definition": definition, "recorded_on": on or timezone.localdate()})
    if made:
        summaries.refresh_for_suppliers([supplier.pk])
    return classification


# ---- regions -----------------------------------------------------------------------------------------------------

@cache
def postcode_regions() -> dict[str, str]:
    """{postcode area: region}, from data/procurement/postcode_area_regions.csv (see its SOURCE.md)."""
    with REGIONS_FILE.open(encoding="utf-8") as handle:
        return {row["postcode_area"]: row["region"] for row in csv.DictReader(handle)}


def postcode_area(postcode: str) -> str:
    found = _AREA.match(postcode.upper().strip())
    return found.group(1) if found else ""


def region_of_postcode(postcode: str) -> str:
    """The region where most of ``postcode``'s area lies ('' when it is not a UK postcode we know)."""
    return postcode_regions().get(postcode_area(postcode), "")


def regions() -> list[str]:
    return sorted(set(postcode_regions().values()))


def _sizes(definition: str):
    """``_size_classes``, each with its supplier's latest size (``latest``, as ``latest_size`` finds it)."""
    newest_first = [F(name[1:]).desc() for name in _NEWEST_FIRST]
    return _size_classes(definition).annotate(
        latest=Window(FirstValue("size"), partition_by=[F("supplier")], order_by=newest_first))


def latest_sizes(definition: str = Definition.SEEDS, supplier_ids=None) -> dict[int, str]:
    """{supplier id: its latest size under ``definition``} of the suppliers in ``supplier_ids`` (every classed
    supplier: None); a supplier never given a size has none."""
    rows = _sizes(definition)
    if supplier_ids is not None:
        rows = rows.filter(supplier__in=supplier_ids)
    return dict(rows.order_by().values_list("supplier", "latest"))


def classification_filter(rows, value: str, definition: str = Definition.SEEDS):
    """Suppliers whose latest class (under ``definition``) is ``value``; "unclassified": those with none.

    One pass over the classes (a window over each supplier's, newest first), not a look-up per supplier: a
    register of 50,000 suppliers filtered to its SMEs and sorted by net spend is otherwise slow to page."""
    if value == UNCLASSIFIED:
        return rows.exclude(pk__in=_sizes(definition).values("supplier"))
    return rows.filter(pk__in=_sizes(definition).filter(latest=value).values("supplier"))


UNCLASSIFIED = "unclassified"
CLASS_CHOICES = [*Size.choices, (UNCLASSIFIED, "Not classed")]
