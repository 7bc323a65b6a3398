"""Importing councils' spend files: the real ones, and the mess that real files contain."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from productivity.procurement.importers.spend import SpendImporter
from productivity.procurement.models import Size, Source, SpendLine, Supplier, SupplierClassification
from productivity.procurement.tests.conftest import DEVON_FILE
from productivity.procurement.tests.factories import make_devon, make_supplier, make_trafford
from productivity.procurement.tests.test_summaries import assert_summaries_match_the_lines

pytestmark = pytest.mark.django_db


def imported(path, publisher="E10000008", **options) -> dict:
    """Import ``path`` from the command line; the last line's counts, checked to add up."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_spend", str(path), publisher=publisher, stdout=out, stderr=err, **options)
    last = out.getvalue().strip().splitlines()[-1]
    assert re.fullmatch(r"imported=\d+ duplicates=\d+ rejected=\d+ total=\d+", last), last
    counts = {name: int(value) for name, value in (part.split("=") for part in last.split())}
    assert counts["imported"] + counts["duplicates"] + counts["rejected"] == counts["total"]
    counts["errors"] = err.getvalue()
    return counts


def written(tmp_path, text: str, name="spend.csv", encoding="utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


OLD_LAYOUT = ("Body,Date,Transaction number,Amount,Supplier name,Expense area,Expense type\n"
              "Devon County Council,02/03/2026,T1,100.00,Acme Services Ltd,Highways,Works\n")


def test_devons_real_file_is_read_whole_and_adds_up_to_its_total_row():
    devon = make_devon()
    counts = imported(DEVON_FILE)
    # The last row is the file's own total: no date or supplier, so it is rejected with its reasons.
    assert counts | {"errors": ""} == {"imported": 3545, "duplicates": 0, "rejected": 1, "total": 3546, "errors": ""}
    assert "row 3547, column 'Date (column C)': Enter the payment date" in counts["errors"]
    assert "row 3547, column 'Amount (column E)': This row has an amount but no payment date or supplier" in (
        counts["errors"])
    lines = SpendLine.objects.filter(publisher=devon)
    assert sum(lines.values_list("amount", flat=True)) == Decimal("57492900.67")  # the total row's figure
    first = lines.get(transaction_reference="22074502")
    assert (first.payment_date, first.amount, first.supplier_name, first.service_area, first.expense_type) == (
        dt.date(2026, 3, 2), Decimal("519.89"), "TRIP COMMUNITY TRANSPORT ASSOCIATION",
        "P-Ledger - Separate Legal Entity", "Equipment (Care)")
    assert first.supplier.vat_number == "989488523"
    flag = SupplierClassification.objects.get(supplier=first.supplier)
    assert (flag.source, flag.detail, flag.organisation, flag.size) == (
        Source.COUNCIL_FLAG, "DCC Business Entities (Sole Trade, Partnership, Ltd)", devon, "")


@pytest.mark.parametrize("payments", [2, 30])  # the total among the rows previewed, and after them
def test_a_row_of_the_files_total_is_said_to_look_like_one(tmp_path, payments):
    make_devon()
    rows = [f"Devon County Council,02/03/2026,T{n},100.00,Acme Services Ltd,Highways,Works" for n in range(payments)]
    # A total, then a payment whose date is unreadable and whose supplier is missing: that one is not a total.
    text = OLD_LAYOUT.splitlines()[0] + "\n" + "\n".join(rows) + f"\n,,,{100 * payments}.00,,,\n,#REF!,T9,5.00,,,\n"
    counts = imported(written(tmp_path, text))
    assert (counts["imported"], counts["rejected"]) == (payments, 2)
    total_row, bad_row = payments + 2, payments + 3
    assert (f"row {total_row}, column 'Amount (column D)': This row has an amount but no payment date or supplier: "
            "it looks like a total of the rows above, not a payment") in counts["errors"]
    assert f"row {total_row}, column 'Date (column B)': Enter the payment date" in counts["errors"]
    assert f"row {bad_row}, column 'Date (column B)'" in counts["errors"]
    assert counts["errors"].count("looks like a total") == 1


def test_importing_devons_file_again_adds_nothing():
    make_devon()
    imported(DEVON_FILE)
    again = imported(DEVON_FILE)
    assert (again["imported"], again["duplicates"], again["rejected"]) == (0, 3545, 1)
    assert SpendLine.objects.count() == 3545


def test_trafford_real_file_with_redactions_credits_and_na_codes(trafford_file):
    trafford = make_trafford()
    counts = imported(trafford_file, publisher="E08000009")
    assert (counts["imported"], counts["rejected"], counts["total"]) == (38055, 0, 38055)
    lines = SpendLine.objects.filter(publisher=trafford)
    assert lines.filter(amount__lt=0).count() == 4069
    assert lines.filter(proclass_code="").count() == 9470  # 'NA' is no code
    redacted = Supplier.objects.get(is_redacted=True)
    assert lines.filter(supplier=redacted).count() == 6000
    assert redacted.classifications.get().size == Size.INDIVIDUAL
    lift = lines.get(transaction_reference="5100509851")
    assert (lift.payment_date, lift.amount, lift.proclass_code, lift.service_area) == (
        dt.date(2026, 5, 29), Decimal("742.50"), "191400", "LIFT REPAIRS & MTCE")
    assert lift.supplier.vat_number == "812311285"


def test_identical_looking_lines_in_one_file_are_all_kept_and_found_again(tmp_path):
    make_devon()
    twice = OLD_LAYOUT + "Devon County Council,02/03/2026,T1,100.00,Acme Services Ltd,Highways,Works\n"
    assert imported(written(tmp_path, twice))["imported"] == 2
    assert imported(written(tmp_path, twice))["duplicates"] == 2
    three = twice + "Devon County Council,02/03/2026,T1,100.00,Acme Services Ltd,Highways,Works\n"
    counts = imported(written(tmp_path, three))
    assert (counts["imported"], counts["duplicates"]) == (1, 2)
    assert SpendLine.objects.count() == 3


def test_an_overlapping_file_adds_only_its_new_lines(tmp_path):
    make_devon()
    march = OLD_LAYOUT + "Devon County Council,31/03/2026,T2,-50.00,Acme Services Ltd,Highways,Works\n"
    imported(written(tmp_path, march))
    march_april = march + "Devon County Council,01/04/2026,T3,75.00,Other Supplier,Highways,Works\n"
    counts = imported(written(tmp_path, march_april))
    assert (counts["imported"], counts["duplicates"], counts["total"]) == (1, 2, 3)


def _lines(*numbers: int) -> str:
    return OLD_LAYOUT.splitlines()[0] + "\n" + "".join(
        f"Devon County Council,{number:02d}/03/2026,T{number},{number}0.00,Supplier {number} Ltd,Highways,Works\n"
        for number in numbers)


def test_lines_saved_before_are_found_in_any_batch_of_a_new_file(tmp_path, monkeypatch):
    # A new file's first batch is looked up and finds nothing, so the batches after it are saved without a look-up:
    # the lines saved before that they hold are still found (and counted as duplicates), whole batches or part.
    monkeypatch.setattr(SpendImporter, "batch_size", 2)
    make_devon()
    imported(written(tmp_path, _lines(3, 4, 5), name="before.csv"))
    counts = imported(written(tmp_path, _lines(1, 2, 3, 4, 6, 5, 7, 8)))
    assert (counts["imported"], counts["duplicates"], counts["rejected"]) == (5, 3, 0)
    assert sorted(SpendLine.objects.values_list("transaction_reference", flat=True)) == [f"T{n}" for n in range(1, 9)]
    assert_summaries_match_the_lines()
    again = imported(written(tmp_path, _lines(9, 10, 1, 11, 12, 2)))
    assert (again["imported"], again["duplicates"]) == (4, 2)
    assert SpendLine.objects.count() == 12
    assert_summaries_match_the_lines()


def test_a_supplier_first_named_in_a_batch_refused_has_its_council_counted_when_a_later_batch_pays_it(
        tmp_path, monkeypatch):
    # Another import saved the second batch's lines, to a supplier of its own (one this import's matcher did not
    # see), so this import's supplier is paid first in the third batch: the register still counts its council.
    monkeypatch.setattr(SpendImporter, "batch_size", 2)
    make_devon()
    header = OLD_LAYOUT.splitlines()[0] + "\n"

    def line(number: int, supplier: str) -> str:
        return f"Devon County Council,{number:02d}/03/2026,T{number},{number}0.00,{supplier},Highways,Works\n"

    imported(written(tmp_path, header + line(3, "New Co Ltd") + line(4, "New Co Ltd"), name="other.csv"))
    Supplier.objects.filter(name="New Co Ltd").update(normalised_name="a supplier the matcher does not find")
    text = header + "".join([line(1, "Old Co Ltd"), line(2, "Old Co Ltd"), line(3, "New Co Ltd"),
                             line(4, "New Co Ltd"), line(5, "New Co Ltd"), line(6, "New Co Ltd")])
    counts = imported(written(tmp_path, text))
    assert (counts["imported"], counts["duplicates"]) == (4, 2)
    ours = Supplier.objects.exclude(normalised_name="a supplier the matcher does not find").get(name="New Co Ltd")
    assert SpendLine.objects.filter(supplier=ours).count() == 2
    assert_summaries_match_the_lines()  # with each supplier's councils in the register's figures


def test_messy_cells_bom_spaces_pounds_credits_placeholders_and_title_rows(tmp_path):
    make_devon()
    text = ("\ufeffDevon County Council: spend over £500,,,,,,\n"
            ",,,,,,\n"
            " Date , Transaction number , Amount ,Supplier name,Expense area,ProClass code,,\n"
            '02/03/2026,A1," 1,008.00 ",Acme Services Ltd,Highways,NA,,\n'
            "2026-03-03,A2,\"£10,000.00\",ACME SERVICES LIMITED,Highways,#REF!,,\n"
            "04/03/2026,A3,(250.00),REDACTED,Care,191400,,\n"
            "05/03/2026,A4,-£12.50,Name withheld,Care,,,\n"
            "06/03/2026,A5,#REF!,Acme Services Ltd,Care,,,\n"
            "31/02/2026,A6,10.00,Acme Services Ltd,Care,,,\n"
            "07/03/2026,A7,ten pounds,#REF!,Care,,,\n"
            ",,,,,,,\n")
    counts = imported(written(tmp_path, text))
    assert (counts["imported"], counts["rejected"], counts["total"]) == (4, 3, 7)
    errors = counts["errors"]
    assert "row 8, column 'Amount (column C)': '#REF!' is a spreadsheet error" in errors
    assert "row 9, column 'Date (column A)': '31/02/2026' is not a date we can read" in errors
    assert "row 10, column 'Amount (column C)': 'ten pounds' is not an amount we can read" in errors
    assert "row 10, column 'Supplier name (column D)': '#REF!' is a spreadsheet error" in errors
    amounts = dict(SpendLine.objects.values_list("transaction_reference", "amount"))
    assert amounts == {"A1": Decimal("1008.00"), "A2": Decimal("10000.00"), "A3": Decimal("-250.00"),
                       "A4": Decimal("-12.50")}
    assert set(SpendLine.objects.values_list("proclass_code", flat=True)) == {"", "191400"}
    # 'Acme Services Ltd' and 'ACME SERVICES LIMITED' are one supplier; both redactions are the one 'Redacted'.
    assert sorted(Supplier.objects.values_list("name", flat=True)) == ["Acme Services Ltd", "Redacted"]


def test_rows_of_spaces_are_not_rows_but_a_row_with_its_first_cell_empty_is_read(tmp_path):
    make_devon()
    text = ("Date,Transaction number,Amount,Supplier name,Expense area\n"
            "02/03/2026,A1,100.00,Acme Services Ltd,Highways\n"
            "   ,  , ,\t,\n"  # spaces only: not a row of data, as Excel leaves them
            ",A2,200.00,Acme Services Ltd,Highways\n"  # no date: a row, rejected for its missing date
            ",,,,\n"
            "  , ,300.00,,\n")  # only an amount: a row, rejected
    counts = imported(written(tmp_path, text))
    assert (counts["imported"], counts["rejected"], counts["total"]) == (1, 2, 3)
    assert "row 4, column 'Date (column A)'" in counts["errors"]
    assert "row 6, column 'Supplier name (column D)'" in counts["errors"]


def test_cp1252_files_are_read(tmp_path):
    make_devon()
    text = OLD_LAYOUT.replace("Acme Services Ltd", "Café Société Ltd")
    assert imported(written(tmp_path, text, encoding="cp1252"))["imported"] == 1
    assert SpendLine.objects.get().supplier_name == "Café Société Ltd"


def test_lga_schema_workbook(tmp_path):
    make_trafford()
    book = Workbook()
    sheet = book.active
    sheet.append(["OrganisationURI", "BeneficiaryName", "PaymentDate", "TransactionNumber", "Amount",
                  "ProclassCode", "BeneficiaryCompanyNumber", "BeneficiaryCharityNumber", "Purpose", None])
    sheet.append(["https://example/trafford", "Small Firm Ltd", dt.datetime(2026, 5, 1), 77, -99.5, 191400,
                  "1234567", None, "Repairs", None])
    sheet.append(["https://example/trafford", "Helping Hands", dt.date(2026, 5, 2), 78, 1200, None,
                  None, "1100001", "Grant", None])
    path = tmp_path / "spend.xlsx"
    book.save(path)
    assert imported(path, publisher="E08000009")["imported"] == 2
    small = SpendLine.objects.get(transaction_reference="77")
    assert (small.amount, small.proclass_code, small.supplier.companies_house_number) == (
        Decimal("-99.50"), "191400", "01234567")
    assert SpendLine.objects.get(transaction_reference="78").supplier.charity_number == "1100001"


def test_suppliers_are_matched_by_identifier_before_name(tmp_path):
    make_devon()
    known = make_supplier("Acme Services Ltd", vat_number="812311285")
    other = make_supplier("Same Name Ltd", companies_house_number="00000001")
    text = ("Date,Amount,Supplier name,VAT reg no,Company number\n"
            "02/03/2026,10.00,Acme Renamed Ltd,GB 812 3112 85,\n"  # the VAT number wins over the name
            "02/03/2026,11.00,Same Name Limited,,00000002\n")  # same name, another company: a new supplier
    imported(written(tmp_path, text))
    assert SpendLine.objects.get(amount=10).supplier == known
    assert SpendLine.objects.get(amount=11).supplier != other
    assert Supplier.objects.filter(normalised_name="same name").count() == 2


def test_identifiers_a_file_gives_are_filled_in_on_suppliers_already_registered_with_their_history(tmp_path):
    from productivity.audit.models import AuditEntry

    make_devon()
    known = make_supplier("Kestrel Care Ltd")
    other = make_supplier("Harbour Homes Ltd", vat_number="123456789")
    text = ("Date,Amount,Supplier name,VAT reg no,Company number\n"
            "02/03/2026,10.00,Kestrel Care Ltd,GB 812 3112 85,01234567\n"
            "03/03/2026,12.00,Harbour Homes Ltd,,\n")
    imported(written(tmp_path, text))
    known.refresh_from_db()
    other.refresh_from_db()
    assert (known.vat_number, known.companies_house_number) == ("812311285", "01234567")
    assert (other.vat_number, other.companies_house_number) == ("123456789", "")
    entry = AuditEntry.objects.get(object_id=str(known.pk), action="update")
    assert entry.changes == {"companies_house_number": ["", "01234567"], "vat_number": ["", "812311285"]}
    assert not AuditEntry.objects.filter(object_id=str(other.pk), action="update").exists()


def test_a_dry_run_saves_nothing_and_counts_what_would_be_imported(tmp_path):
    make_devon()
    counts = imported(written(tmp_path, OLD_LAYOUT), dry_run=True)
    assert counts["imported"] == 1
    assert not SpendLine.objects.exists() and not Supplier.objects.exists()


def test_a_file_without_a_supplier_column_says_which_column_is_missing(tmp_path):
    make_devon()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Nothing was imported"):
        imported(written(tmp_path, "Date,Amount\n02/03/2026,10.00\n"))


def test_a_resumed_import_keeps_every_identical_looking_line_once(tmp_path, monkeypatch):
    """Lines with the same date, supplier and amount are distinct payments: a run stopped after its first batch
    and carried on counts them on from where it stopped, so none is lost and none is counted twice."""
    from django.core.files import File

    from productivity.imports import runs
    from productivity.imports.models import ImportRun
    from productivity.procurement.importers import SpendImporter

    devon = make_devon()
    same = "Devon County Council,02/03/2026,T1,100.00,Acme Services Ltd,Highways,Works\n"
    other = "Devon County Council,03/03/2026,T2,5.00,Other Ltd,Highways,Works\n"
    path = written(tmp_path, OLD_LAYOUT + same + other + same * 2 + other + same * 2)  # 6 alike, 2 others
    monkeypatch.setattr(SpendImporter, "batch_size", 3)
    monkeypatch.setattr(SpendImporter, "rows_per_transaction", 0)  # each batch commits on its own
    saved = SpendImporter.save_prepared
    calls = []

    def dies_on_the_second_batch(self, prepared):
        calls.append(len(prepared[1]))  # the batch's lines as saved
        if len(calls) == 2:
            raise RuntimeError("the worker stopped")
        saved(self, prepared)

    monkeypatch.setattr(SpendImporter, "save_prepared", dies_on_the_second_batch)
    run = ImportRun.objects.create(kind="spend", original_name=path.name, publisher=devon, size=1)
    with path.open("rb") as handle:
        runs.check_run(run.pk, fileobj=File(handle), programme_wide=True)
        runs.confirm_run(ImportRun.objects.get(pk=run.pk))
        with pytest.raises(RuntimeError):
            runs.import_run(run.pk, fileobj=File(handle), programme_wide=True)
        assert SpendLine.objects.count() == 3 and ImportRun.objects.get(pk=run.pk).checkpoint_row == 4
        ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.CONFIRMED)
        runs.import_run(run.pk, fileobj=File(handle), programme_wide=True)
    done = ImportRun.objects.get(pk=run.pk)
    assert (done.status, done.imported, done.duplicates, done.rejected, done.rows_in_file) == ("done", 8, 0, 0, 8)
    assert SpendLine.objects.filter(transaction_reference="T1").count() == 6
    assert SpendLine.objects.count() == 8
    assert imported(path)["duplicates"] == 8  # and the whole file again finds every one of them


def test_batches_saved_in_one_transaction_commit_with_their_summaries_and_a_fault_loses_only_that_transaction(
        tmp_path, monkeypatch):
    """On PostgreSQL several batches share a transaction (rows_per_transaction), and the summaries are added to
    once, before it commits: they always hold exactly the lines saved. A fault in a transaction's second batch
    loses its first batch too, and the import carries on from the commit before. (On SQLite each batch commits on
    its own.)"""
    from django.core.files import File
    from django.db import connection
    from django.db.models import Sum

    from productivity.imports import runs
    from productivity.imports.models import ImportRun
    from productivity.procurement.importers import SpendImporter
    from productivity.procurement.models import SpendSupplierTotal

    devon = make_devon()
    path = written(tmp_path, OLD_LAYOUT + "".join(
        f"Devon County Council,{1 + n % 28:02d}/{1 + n % 12:02d}/2025,T{n},{n}.50,Supplier {n % 5} Ltd,Highways,Works\n"
        for n in range(1, 19)))
    monkeypatch.setattr(SpendImporter, "batch_size", 3)
    monkeypatch.setattr(SpendImporter, "rows_per_transaction", 6)  # two batches a transaction
    saved, calls = SpendImporter.save_prepared, []

    def dies_on_the_fourth_batch(self, prepared):
        calls.append(1)
        if len(calls) == 4:
            raise RuntimeError("the worker stopped")
        return saved(self, prepared)

    monkeypatch.setattr(SpendImporter, "save_prepared", dies_on_the_fourth_batch)
    run = ImportRun.objects.create(kind="spend", original_name=path.name, publisher=devon, size=1)
    grouped = connection.vendor == "postgresql"
    with path.open("rb") as handle:
        runs.check_run(run.pk, fileobj=File(handle), programme_wide=True)
        runs.confirm_run(ImportRun.objects.get(pk=run.pk))
        with pytest.raises(RuntimeError):
            runs.import_run(run.pk, fileobj=File(handle), programme_wide=True)
        failed = ImportRun.objects.get(pk=run.pk)
        # The file's rows 2-4 and 5-7 committed together; 8-10 and 11-13 shared the transaction that failed.
        assert (failed.checkpoint_row, SpendLine.objects.count()) == ((7, 6) if grouped else (10, 9))
        assert failed.imported == SpendLine.objects.count()
        assert_summaries_match_the_lines()
        ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.CONFIRMED)
        monkeypatch.setattr(SpendImporter, "save_prepared", saved)
        runs.import_run(run.pk, fileobj=File(handle), programme_wide=True)
    done = ImportRun.objects.get(pk=run.pk)
    assert (done.status, done.imported, done.duplicates, done.rejected, done.rows_in_file) == ("done", 19, 0, 0, 19)
    assert SpendLine.objects.count() == 19
    assert_summaries_match_the_lines()
    register = SpendSupplierTotal.objects.filter(definition="seeds")
    assert register.aggregate(total=Sum("total"))["total"] == SpendLine.objects.aggregate(total=Sum("amount"))["total"]
    assert set(register.values_list("councils", flat=True)) == {1}
