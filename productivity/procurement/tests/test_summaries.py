"""The summaries the analysis pages read hold exactly what the spend lines say, whatever has happened since."""

import datetime as dt
import io
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command

from productivity.core.fiscal import financial_year_of
from productivity.procurement import proclass, rollups, summaries
from productivity.procurement.models import (
    Definition,
    Size,
    Source,
    SpendCategorySummary,
    SpendLine,
    SpendSummary,
    SpendSupplierSummary,
    SpendSupplierTotal,
    SpendYearHeadingSummary,
    SpendYearSummary,
    Supplier,
    SupplierClassification,
)
from productivity.procurement.rollups import Scope
from productivity.procurement.tests.conftest import DEVON_FILE
from productivity.procurement.tests.factories import make_devon, make_trafford

pytestmark = pytest.mark.django_db


def from_lines() -> dict:
    """Every grain of summary worked out here from every line, one by one: {grain: {key: (total, lines)}}."""
    classes = summaries.supplier_classes(SpendLine.objects.values_list("supplier", flat=True))
    expected = {grain: defaultdict(lambda: [Decimal("0.00"), 0]) for grain in GRAINS}
    for line in SpendLine.objects.select_related("publisher"):
        kind = classes[line.supplier_id]
        local = bool(kind.region) and kind.region == line.publisher.region
        month, year = line.payment_date.replace(day=1), financial_year_of(line.payment_date)
        heading = proclass.level1(line.proclass_code).key
        for definition, size in kind.sizes.items():
            for grain, key in (("month", (month,)), ("category", (month, line.proclass_code)), ("year", (year,)),
                               ("heading", (year, heading)), ("supplier", (year, line.supplier_id))):
                found = expected[grain][(line.publisher_id, *key, definition, size, local)]
                found[0] += line.amount
                found[1] += 1
    return {grain: {key: tuple(value) for key, value in rows.items()} for grain, rows in expected.items()}


GRAINS = {"month": (SpendSummary, ("month",)), "category": (SpendCategorySummary, ("month", "category")),
          "year": (SpendYearSummary, ("year",)), "heading": (SpendYearHeadingSummary, ("year", "heading")),
          "supplier": (SpendSupplierSummary, ("year", "supplier_id"))}


def held() -> dict:
    """Every grain of summary as held: {grain: {key: (total, lines)}}."""
    found = {}
    for grain, (model, fields) in GRAINS.items():
        found[grain] = {(row.publisher_id, *(getattr(row, name) for name in fields), row.definition, row.size,
                         row.local): (row.total, row.lines) for row in model.objects.all() if row.lines}
    return found


def assert_summaries_match_the_lines():
    expected = from_lines()
    assert held() == expected
    assert supplier_totals_held() == supplier_totals_from_lines()
    every_line = sum(SpendLine.objects.values_list("amount", flat=True))
    for grain, rows in expected.items():
        for definition in summaries.definitions():
            assert sum(total for key, (total, _) in rows.items() if key[-3] == definition) == every_line, grain


def supplier_totals_from_lines() -> dict:
    """The register's figures worked out from every line: {(supplier, definition): (total, lines, councils)}."""
    found: dict = defaultdict(lambda: [Decimal("0.00"), 0, set()])
    for line in SpendLine.objects.all():
        for definition in summaries.definitions():
            row = found[(line.supplier_id, definition)]
            row[0] += line.amount
            row[1] += 1
            row[2].add(line.publisher_id)
    return {key: (total, lines, len(councils)) for key, (total, lines, councils) in found.items()}


def supplier_totals_held() -> dict:
    return {(row.supplier_id, row.definition): (row.total, row.lines, row.councils)
            for row in SpendSupplierTotal.objects.all()}


def from_the_lines(scope: Scope, by: tuple) -> dict:
    """``rollup``'s figures worked out from the lines (asking by supplier too makes it read them), folded."""
    folded = defaultdict(lambda: rollups.Shares(rollups.definition_of(scope.definition)))
    for key, shares in rollups.rollup(scope, (*by, "supplier")).items():
        part = folded[key[:-1]]
        for size, amount in shares.by_size.items():
            part.add(size, False, amount, 0)
        part.lines += shares.lines
        part.local += shares.local
    return dict(folded)


def assert_rollups_match_the_lines():
    """Whichever grain of summary answers, the figures are the lines' own."""
    year = financial_year_of(SpendLine.objects.earliest("payment_date").payment_date)
    part_year = Scope(first=dt.date(year, 5, 1), last=dt.date(year + 1, 1, 1))
    for scope in (Scope(), Scope.for_year(year), Scope(category="32"), Scope.for_year(year, category="19"),
                  Scope(category="321014"), part_year, Scope(definition=Definition.PROCUREMENT_ACT)):
        for by in (("council",), ("council", "financial_year"), ("category",), ("council", "category", "month"),
                   ("financial_year", "category2")):
            assert rollups.rollup(scope, by) == from_the_lines(scope, by), (scope, by)
        for by in (("supplier",), ("supplier", "council"), ("council", "financial_year", "supplier")):
            assert rollups.rollup(scope, by) == by_supplier_from_the_lines(scope, by), (scope, by)


def by_supplier_from_the_lines(scope: Scope, by: tuple) -> dict:
    """``rollup``'s figures by supplier worked out from the lines (asking by service area too makes it read
    them), folded."""
    folded = defaultdict(lambda: rollups.Shares(rollups.definition_of(scope.definition)))
    for key, shares in rollups.rollup(scope, (*by, "service_area")).items():
        part = folded[key[:-1]]
        for size, amount in shares.by_size.items():
            part.add(size, False, amount, 0)
        part.lines += shares.lines
        part.local += shares.local
    return dict(folded)


def run(path, publisher):
    call_command("import_spend", str(path), publisher=publisher, stdout=io.StringIO(), stderr=io.StringIO())


MIXED = ("Date,Transaction number,Amount,Supplier name,ProClass code,Expense area\n"
         "02/03/2026,A1,100.00,Small Firm Ltd,321014,Care\n"
         "02/03/2026,A1,100.00,Small Firm Ltd,321014,Care\n"  # the same again: a second payment
         "15/04/2026,A2,-40.00,Small Firm Ltd,321014,Care\n"
         "16/04/2026,A3,900.00,Big Firm PLC,191400,Buildings\n"
         "17/04/2026,A4,25.00,REDACTED,,Care\n"
         "18/04/2026,A5,not money,Big Firm PLC,191400,Buildings\n")


def import_mixed(tmp_path) -> None:
    """Devon, and the MIXED file imported as its spend."""
    make_devon()
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(MIXED, encoding="utf-8")
    run(mixed, "E10000008")


def test_after_import_reimport_rejected_import_and_reclassification(tmp_path, trafford_file):
    devon = make_devon()
    make_trafford()
    run(DEVON_FILE, "E10000008")
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(MIXED, encoding="utf-8")
    run(mixed, "E10000008")
    run(trafford_file, "E08000009")
    assert_summaries_match_the_lines()
    assert_rollups_match_the_lines()
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
    assert_rollups_match_the_lines()
    sme = SpendSummary.objects.get(publisher=devon, month=dt.date(2026, 3, 1), definition=Definition.SEEDS,
                                   size=Size.SME, local=True)
    assert (sme.total, sme.lines) == (Decimal("200.00"), 2)


def test_a_rebuild_from_scratch_gives_the_summaries_the_imports_kept(tmp_path):
    devon = make_devon()
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(MIXED, encoding="utf-8")
    run(mixed, "E10000008")
    kept = held()
    summaries.rebuild()
    assert held() == kept
    assert supplier_totals_held() == supplier_totals_from_lines() != {}
    summaries.rebuild([devon.pk], [dt.date(2026, 3, 1)])  # one council's month: its suppliers' figures redone
    assert held() == kept
    assert supplier_totals_held() == supplier_totals_from_lines()


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
    assert_rollups_match_the_lines()
    april_sme = SpendSummary.objects.get(publisher=world.council_a, month=dt.date(2026, 4, 1),
                                         definition=Definition.SEEDS, size=Size.SME, local=False)
    assert (april_sme.total, april_sme.lines) == (Decimal("80.00"), 1)

    big = make_supplier("Big Firm PLC")
    make_line(world.council_a, big, "500.00")
    suppliers.classify_manually(big, Size.LARGE, Definition.SEEDS, "Annual report")
    assert_summaries_match_the_lines()


def test_the_pages_across_councils_and_years_read_the_yearly_summaries_and_finer_questions_the_monthly():
    whole_years = [(Scope(), ("council",)), (Scope.for_year(2025, category="32"), ("council",)),
                   (Scope(councils=(1,)), ("financial_year",)), (Scope(), ("category",))]
    finer = [(Scope(), ("month",)), (Scope(), ("quarter",)), (Scope(), ("category2",)),
             (Scope(category="3210"), ()), (Scope(first=dt.date(2025, 5, 1)), ()),
             (Scope(last=dt.date(2026, 1, 1)), ())]
    assert all(rollups.by_years(scope, by) for scope, by in whole_years)
    assert not any(rollups.by_years(scope, by) for scope, by in finer)


def test_a_financial_year_s_figures_add_up_across_its_months_and_headings(roles):
    from productivity.procurement.tests.factories import make_line, make_supplier

    council = roles.council_a
    small = make_supplier("Small Firm Ltd", size=Size.SME)
    make_line(council, small, "100.00", dt.date(2026, 3, 31), proclass_code="321014")  # 2025/26
    make_line(council, small, "40.00", dt.date(2026, 4, 1), proclass_code="321014")  # 2026/27
    make_line(council, small, "7.00", dt.date(2026, 4, 2), proclass_code="ZZ1")  # not a ProClass code
    make_line(council, small, "3.00", dt.date(2026, 4, 3))  # no code
    by_heading = rollups.rollup(Scope(councils=(council.pk,)), ("financial_year", "category"))
    assert {(year, heading.label): shares.total for (year, heading), shares in by_heading.items()} == {
        (2025, "Social care"): Decimal("100.00"), (2026, "Social care"): Decimal("40.00"),
        (2026, "Code ZZ1 (not a ProClass code)"): Decimal("7.00"),
        (2026, proclass.UNCLASSIFIED_LABEL): Decimal("3.00")}
    assert_summaries_match_the_lines()
    assert_rollups_match_the_lines()


def test_the_migration_builds_the_yearly_summaries_of_spend_already_summarised(tmp_path):
    import importlib

    from django.apps import apps

    import_mixed(tmp_path)
    kept = held()
    SpendYearSummary.objects.all().delete()
    SpendYearHeadingSummary.objects.all().delete()
    migration = importlib.import_module("productivity.procurement.migrations.0005_yearly_spend_summaries")
    migration.build_yearly(apps, None)
    assert held() == kept and kept["heading"]


def test_figures_by_supplier_read_the_supplier_summary_and_finer_ones_the_lines():
    from_summary = [(Scope(), ("supplier",)), (Scope(), ("supplier", "council")),
                    (Scope.for_year(2025, councils=(1,)), ("financial_year", "supplier"))]
    from_lines = [(Scope(), ("supplier", "month")), (Scope(), ("supplier", "category")),
                  (Scope(), ("supplier", "service_area")), (Scope(category="32"), ("supplier",)),
                  (Scope(first=dt.date(2025, 5, 1)), ("supplier",)), (Scope(), ("council",))]
    assert all(rollups.by_supplier_years(scope, by) for scope, by in from_summary)
    assert not any(rollups.by_supplier_years(scope, by) for scope, by in from_lines)


def test_the_migration_builds_the_supplier_summary_of_the_lines_already_held(tmp_path):
    import importlib

    from django.apps import apps

    import_mixed(tmp_path)
    small = Supplier.objects.get(normalised_name="small firm")
    SupplierClassification.objects.create(supplier=small, size=Size.SME, definition=Definition.SEEDS,
                                          source=Source.MANUAL)
    summaries.refresh_for_suppliers([small.pk])
    kept = held()
    SpendSupplierSummary.objects.all().delete()
    migration = importlib.import_module("productivity.procurement.migrations.0006_supplier_spend_summaries")
    migration.build_by_supplier(apps, None)
    assert held() == kept and kept["supplier"]
    assert SpendSupplierSummary.objects.filter(supplier=small, definition=Definition.SEEDS, size=Size.SME).exists()


def test_the_migration_adds_up_the_register_figures_of_the_spend_already_summarised(tmp_path):
    import importlib

    from django.apps import apps
    from django.db import connection

    import_mixed(tmp_path)
    kept = supplier_totals_held()
    SpendSupplierTotal.objects.all().delete()
    migration = importlib.import_module("productivity.procurement.migrations.0010_supplier_totals")
    migration.add_up(apps, type("Editor", (), {"connection": connection})())  # all it uses of the schema editor
    assert supplier_totals_held() == kept == supplier_totals_from_lines() != {}
