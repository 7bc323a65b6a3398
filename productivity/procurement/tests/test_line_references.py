"""Spend lines and summaries name their council and import without a constraint in the database (an import
saves them faster so): what the constraints kept is still kept, by Django and by the importer."""

import pytest
from django.db.models import ProtectedError

from productivity.imports.models import ImportRun
from productivity.organisations.models import Organisation
from productivity.procurement.models import SpendLine, SpendSummary, SpendSupplierSummary, Supplier
from productivity.procurement.tests.factories import make_devon
from productivity.procurement.tests.test_summaries import MIXED, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path):
    devon = make_devon()
    path = tmp_path / "mixed.csv"
    path.write_text(MIXED, encoding="utf-8")
    run(path, "E10000008")
    return devon


def test_a_council_that_has_published_spend_cannot_be_deleted(imported):
    with pytest.raises(ProtectedError) as refused:
        Organisation.objects.get(pk=imported.pk).delete()
    assert {type(found) for found in refused.value.protected_objects} >= {SpendLine}
    assert SpendLine.objects.filter(publisher=imported).count() == 5


def test_every_line_names_its_council_and_the_import_that_saved_it(imported):
    runs = set(ImportRun.objects.filter(publisher=imported).values_list("pk", flat=True))
    assert len(runs) == 1
    assert set(SpendLine.objects.values_list("publisher_id", flat=True)) == {imported.pk}
    assert set(SpendLine.objects.values_list("run_id", flat=True)) == runs


def test_an_import_run_deleted_leaves_its_lines_with_no_run(imported):
    ImportRun.objects.filter(publisher=imported).get().delete()
    assert SpendLine.objects.count() == 5
    assert set(SpendLine.objects.values_list("run_id", flat=True)) == {None}


def test_a_supplier_never_paid_deleted_takes_its_summaries_with_it(imported):
    paid = Supplier.objects.get(normalised_name__startswith="small firm")
    with pytest.raises(ProtectedError) as refused:  # its lines protect it
        paid.delete()
    assert {type(found) for found in refused.value.protected_objects} == {SpendLine}
    unpaid = Supplier.objects.create(name="Nobody Ltd", normalised_name="nobody")
    SpendSupplierSummary.objects.create(publisher=imported, year=2025, supplier=unpaid, definition="seeds",
                                        size="", local=False, total=0, lines=0)
    unpaid.delete()
    assert not SpendSupplierSummary.objects.filter(supplier_id=unpaid.pk).exists()
    assert SpendSummary.objects.filter(publisher=imported).exists()
