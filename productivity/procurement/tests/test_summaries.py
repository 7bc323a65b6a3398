"""The summaries the analysis pages read hold exactly what the spend lines say, whatever has happened since."""

import datetime as dt
import io
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command

from productivity.procurement import summaries
from productivity.procurement.models import (
    Definition,
    Size,
    Source,
    SpendCategorySummary,
    SpendLine,
    SpendSummary,
    Supplier,
    SupplierClassification,
)
from productivity.procurement.tests.conftest import DEVON_FILE
from productivity.procurement.tests.factories import make_devon, make_trafford

pytestmark = pytest.mark.django_db


def from_lines() -> dict:
    """The category summary worked out here from every line, one by one."""
    classes = summaries.supplier_classes(SpendLine.objects.values_list("supplier", flat=True))
    expected = defaultdict(lambda: [Decimal("0.00"), 0])
    for line in SpendLine.objects.select_related("publisher"):
        kind = classes[line.supplier_id]
        local = bool(kind.region) and kind.region == line.publisher.region
        for definition, size in kind.sizes.items():
            found = expected[(line.publisher_id, line.payment_date.replace(day=1), line.proclass_code, definition,
                              size, local)]
            found[0] += line.amount
            found[1] += 1
    return {key: tuple(value) for key, value in expected.items()}


def held() -> tuple[dict, dict]:
    category = {(row.publisher_id, row.month, row.category, row.definition, row.size, row.local):
                (row.total, row.lines) for row in SpendCategorySummary.objects.all() if row.lines}
    compact = {(row.publisher_id, row.month, row.definition, row.size, row.local): (row.total, row.lines)
               for row in SpendSummary.objects.all() if row.lines}
    return category, compact


def assert_summaries_match_the_lines():
    expected = from_lines()
    category, compact = held()
    assert category == expected
    folded = defaultdict(lambda: [Decimal("0.00"), 0])
    for (publisher, month, _, definition, size, local), (total, lines) in expected.items():
        folded[(publisher, month, definition, size, local)][0] += total
        folded[(publisher, month, definition, size, local)][1] += lines
    assert compact == {key: tuple(value) for key, value in folded.items()}
    for definition in summaries.definitions():
        assert sum(total for (_, _, d, _, _), (total, _) in compact.items() if d == definition) == sum(
            SpendLine.objects.values_list("amount", flat=True))


def run(path, publisher):
    call_command("import_spend", str(path), publisher=publisher, stdout=io.StringIO(), stderr=io.StringIO())


MIXED = ("Date,Transaction number,Amount,Supplier name,ProClass code,Expense area\n"
         "02/03/2026,A1,100.00,Small Firm Ltd,321014,Care\n"
         "02/03/2026,A1,100.00,Small Firm Ltd,321014,Care\n"  # the same again: a second payment
         "15/04/2026,A2,-40.00,Small Firm Ltd,321014,Care\n"
         "16/04/2026,A3,900.00,Big Firm PLC,191400,Buildings\n"
         "17/04/2026,A4,25.00,REDACTED,,Care\n"
         "18/04/2026,A5,not money,Big Firm PLC,191400,Buildings\n")


def test_after_import_reimport_rejected_import_and_reclassification(tmp_path, trafford_file):
    devon = make_devon()
    make_trafford()
    run(DEVON_FILE, "E10000008")
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(MIXED, encoding="utf-8")
    run(mixed, "E10000008")
    run(trafford_file, "E08000009")
    assert_summaries_match_the_lines()
    assert SpendSummary.objects.filter(publisher=devon, size=Size.INDIVIDUAL).exists()  # the redacted line

    before = held()
    run(mixed, "E10000008")  # again: every line a duplicate
    run(DEVON_FILE, "E10000008")
    assert held() == before

    refused = tmp_path / "refused.csv"
    refused.write_text("Date,Amount\n02/03/2026,10.00\n", encoding="utf-8")  # no supplier column: nothing saved
    with pytest.raises(Exception, match="Nothing was imported"):
        run(refused, "E10000008")
    assert held() == before

    small = Supplier.objects.get(normalised_name="small firm")
    SupplierClassification.objects.create(supplier=small, size=Size.SME, definition=Definition.SEEDS,
                                          source=Source.MANUAL)
    Supplier.objects.filter(pk=small.pk).update(region="South West")
    summaries.refresh_for_suppliers([small.pk])
    assert_summaries_match_the_lines()
    sme = SpendSummary.objects.get(publisher=devon, month=dt.date(2026, 3, 1), definition=Definition.SEEDS,
                                   size=Size.SME, local=True)
    assert (sme.total, sme.lines) == (Decimal("200.00"), 2)


def test_a_rebuild_from_scratch_gives_the_summaries_the_imports_kept(tmp_path):
    make_devon()
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(MIXED, encoding="utf-8")
    run(mixed, "E10000008")
    kept = held()
    summaries.rebuild()
    assert held() == kept


def test_merging_suppliers_and_classing_one_by_hand_keep_the_summaries_equal_to_the_lines(roles):
    world = roles
    from productivity.procurement import suppliers
    from productivity.procurement.models import MatchProposal
    from productivity.procurement.tests.factories import make_line, make_supplier

    small = make_supplier("Hampshire Meals on Wheels", size=Size.SME)
    other = make_supplier("Hampshire Meals On Wheel")
    make_line(world.council_a, small, "120.00")
    make_line(world.council_a, other, "80.00", day=dt.date(2026, 4, 3))
    assert_summaries_match_the_lines()
    proposal = MatchProposal.objects.create(supplier=other, candidate=small, score=Decimal("91.0"))
    suppliers.merge(proposal, world.programme, reason="Same charity")
    assert_summaries_match_the_lines()
    april_sme = SpendSummary.objects.get(publisher=world.council_a, month=dt.date(2026, 4, 1),
                                         definition=Definition.SEEDS, size=Size.SME, local=False)
    assert (april_sme.total, april_sme.lines) == (Decimal("80.00"), 1)

    big = make_supplier("Big Firm PLC")
    make_line(world.council_a, big, "500.00")
    suppliers.classify_manually(big, Size.LARGE, Definition.SEEDS, "Annual report")
    assert_summaries_match_the_lines()
