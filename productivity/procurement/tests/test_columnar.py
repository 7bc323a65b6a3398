"""The spend importer's three ways of reading a file give the same answers: a row at a time, a column at a time,
and (a CSV file) its batches kept as polars columns to the end.

Each file is imported three times, once each way, in a savepoint rolled back between them; what the import said (counts,
problems, rejected rows and their reasons, the preview) and what it saved (lines and their keys, suppliers,
council flags, match proposals, summaries) must be the same.
"""

import datetime as dt
import random

import polars as pl
import pytest
from django.db import transaction
from openpyxl import Workbook

from productivity.imports import columns, frames
from productivity.procurement.importers import SpendImporter, spend_lines
from productivity.procurement.importers import cells as spend_cells
from productivity.procurement.models import MatchProposal, SpendLine, Supplier, SupplierClassification
from productivity.procurement.spend_models import SpendCategorySummary, SpendSummary
from productivity.procurement.tests.conftest import DEVON_FILE
from productivity.procurement.tests.factories import make_devon, make_supplier, make_trafford

pytestmark = pytest.mark.django_db

ROW_BY_ROW = type("RowByRow", (SpendImporter,), {"columnar": False, "framed": False})
COLUMNAR = type("Columnar", (SpendImporter,), {"framed": False})
FRAMED = SpendImporter


def outcome(importer_class, path, publisher, *, batch_size=None, first_batch_size=None, dry_run=False,
            resume_after=0, runs=1) -> dict:
    """Everything a person could see of importing ``path`` (``runs`` times), then undone."""
    options = {"batch_size": batch_size} if batch_size else {}
    if first_batch_size:
        options["first_batch_size"] = first_batch_size
    importer_class = type("Sized", (importer_class,), options)
    with transaction.atomic():
        said = []
        for _ in range(runs):
            batches = []
            importer = importer_class(None, filename=path.name, publisher=publisher, programme_wide=True)
            with path.open("rb") as handle:
                result = importer.run(handle, dry_run=dry_run, resume_after=resume_after, on_batch=batches.append)
            said.append({
                "tally": result.tally.as_dict(), "rows": result.rows, "ok": result.ok,
                "problems": [(p.row, p.column, p.message) for p in result.problems],
                "problems_total": result.problems_total, "preview": result.preview,
                "rejections": [(r.row, r.values, r.reasons) for batch in batches for r in batch.rejections],
                "batches": [(batch.last_row, batch.tally.as_dict()) for batch in batches],
            })
        saved = saved_now()
        transaction.set_rollback(True)
    return {"said": said, "saved": saved}


def saved_now() -> dict:
    """The saved records, with suppliers named (ids differ between the two runs: sequences are not rolled back)."""
    supplier_of = {s.pk: (s.name, s.normalised_name, s.companies_house_number, s.vat_number, s.charity_number,
                          s.is_redacted) for s in Supplier.objects.all()}
    lines = sorted((line.line_key, line.payment_date, line.amount, supplier_of[line.supplier_id], line.supplier_name,
                    line.transaction_reference, line.service_area, line.expense_type, line.proclass_code,
                    line.invoice_date) for line in SpendLine.objects.all())
    flags = sorted((supplier_of[c.supplier_id], c.source, c.size, c.definition, c.detail, c.organisation_id)
                   for c in SupplierClassification.objects.all())
    proposals = sorted((supplier_of[p.supplier_id], supplier_of[p.candidate_id], p.score, p.status)
                       for p in MatchProposal.objects.all())
    summaries = sorted((s.publisher_id, s.month, s.definition, s.size, s.local, s.total, s.lines)
                       for s in SpendSummary.objects.all())
    categories = sorted((s.publisher_id, s.month, s.category, s.definition, s.size, s.local, s.total, s.lines)
                        for s in SpendCategorySummary.objects.all())
    return {"lines": lines, "suppliers": sorted(supplier_of.values()), "flags": flags, "proposals": proposals,
            "summaries": summaries, "categories": categories}


def assert_same(path, publisher, **options) -> dict:
    by_rows = outcome(ROW_BY_ROW, path, publisher, **options)
    by_columns = outcome(COLUMNAR, path, publisher, **options)
    framed = outcome(FRAMED, path, publisher, **options)
    for part in ("said", "saved"):
        assert by_columns[part] == by_rows[part], part
        assert framed[part] == by_rows[part], f"{part}, framed"
    return framed


MESSY_HEADER = ("\ufeffDevon County Council: spend over £500,,,,,,,,\n,,,,,,,,\n"
                " Date , Transaction number , Amount ,Supplier name,Expense area,Expense type,ProClass code,"
                "VAT reg no,Creditor type,\n")
# Cells the vectorised readings decide, and cells they must leave to the parsers (whose messages are the answer).
AMOUNTS = (" 1,008.00 ", "£10,000.00", "-£1,008.00", "(250.00)", "250.00CR", "007.50", "-0.00", "1,2,3.00",
           "#REF!", "ten pounds", "", "12.5", "1234", "\u0661\u0660\u0660.\u0660\u0660", " -12.50 ", "£ 5.00",
           "123456789012.00", "1,000,000,000,000.00", "NA")
DATES = ("02/03/2026", "2026-03-03", "31/02/2024", "not a date", "", "#REF!", " 04/03/2026 ", "2026-3-5")
SUPPLIERS = ("Acme Services Ltd", "ACME SERVICES LIMITED", "REDACTED", "Name withheld", "#REF!", "", "NA",
             "O'Brien & Sons", 'The "Best" Caterers', "Back\\slash Ltd", "Café Société Ltd", "Zero\u200bWidth Ltd",
             "Kestrel  Care", "Lone Trader")
TEXTS = ("Highways", " Care ", "NA", "n/a", "null", "-", "#REF!", "Tab\tinside", "Two  spaces", "Ünïcode",
         "x" * 201, "Line\nbreak", "it's", "", "\u00a0Non-breaking", "Trailing\x1f")


def sometimes(rng, messy, usual):
    return rng.choice(messy) if rng.random() < 0.15 else usual


def messy_file(tmp_path, rows=400, seed=9):
    rng = random.Random(seed)
    lines = [MESSY_HEADER]
    for n in range(rows):
        day = dt.date(2025, 4, 1) + dt.timedelta(days=rng.randrange(400))
        cells = [sometimes(rng, DATES, f"{day:%d/%m/%Y}"),
                 sometimes(rng, (f" T{n} ", "", "NA", f"Ref\t{n}", "R" * 101, f"'{n}", f"Ref  {n}"), f"T{n}"),
                 sometimes(rng, AMOUNTS, f"{rng.randrange(-5000, 500_000) / 100:,.2f}"),
                 sometimes(rng, SUPPLIERS, f"Supplier {rng.randrange(40)} Ltd"),
                 sometimes(rng, TEXTS, "Highways"), sometimes(rng, TEXTS, f"Expense {n % 7}"),
                 rng.choice(("191400", "NA", "", "#N/A", "12345678901234567890X")),
                 rng.choice(("", "GB812311285", "812 3112 85", "GB123")),
                 rng.choice(("Public Bodies", "", "Individuals", "Charities & Voluntary Organisations"))]
        if rng.random() < 0.03:  # a short row: the cells at its end left out
            cells = cells[:rng.randrange(3, 8)]
        line = ",".join('"' + cell.replace('"', '""') + '"' for cell in cells) + ",\n"
        lines.append(line)
        if rng.random() < 0.05:  # an identical-looking payment on the next line
            lines.append(line)
    lines.append(",,,,,,,,,\n")
    path = tmp_path / "messy.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_a_messy_file_is_read_the_same_both_ways_checked_and_imported(tmp_path):
    devon = make_devon()
    make_supplier("Acme Services", vat_number="812311285")  # an existing supplier to be matched and filled in
    path = messy_file(tmp_path)
    checked = assert_same(path, devon, batch_size=37, dry_run=True)
    said = assert_same(path, devon, batch_size=37)["said"][0]
    assert said["tally"]["rejected"] > 40 and said["tally"]["imported"] > 150  # both kinds of row are there
    assert checked["said"][0]["tally"] == said["tally"]
    tally = said["tally"]
    assert tally["imported"] + tally["duplicates"] + tally["rejected"] == said["rows"]
    messages = {message for _, _, message in said["problems"]}
    assert "'1,2,3.00' is not an amount we can read: use " + spend_cells.AMOUNT_ACCEPTS in messages
    assert any(message.startswith("This is 101 characters long") for message in messages)


def test_cells_longer_than_a_cell_may_be_and_short_rows_are_read_the_same_both_ways(tmp_path, settings):
    settings.IMPORT_MAX_CELL_CHARS = 150  # the messy file's 201-character expense areas and types are too long
    devon = make_devon()
    path = messy_file(tmp_path, seed=11)
    text = path.read_text(encoding="utf-8").removesuffix(",,,,,,,,,\n")
    path.write_text(text + f'02/03/2026,T1,10.00,Long Ltd,{"a" * 151},{"b" * 151},191400\n02/03/2026,T2\n'
                    "02/03/2026,T3,12.00,Short Ltd\n,,,,,,,,,\n", encoding="utf-8")
    both = assert_same(path, devon, batch_size=37)
    said = both["said"][0]
    reasons = [reasons for _, _, reasons in said["rejections"]]
    assert any(len([r for r in found if "more than the 150 a cell may hold" in r["message"]]) == 2
               for found in reasons)  # both of the row's cells are named
    assert any(r["message"].startswith("Enter the amount") for found in reasons for r in found)
    assert "Short Ltd" in {line[4] for line in both["saved"]["lines"]}  # a short row with all it needs is saved


def test_a_file_imported_again_is_all_duplicates_both_ways(tmp_path):
    devon = make_devon()
    said = assert_same(messy_file(tmp_path, rows=120, seed=3), devon, batch_size=16, runs=2)["said"]
    assert said[1]["tally"]["imported"] == 0
    assert said[1]["tally"]["duplicates"] == said[0]["tally"]["imported"] + said[0]["tally"]["duplicates"]


def test_a_resumed_import_reads_the_rows_saved_before_the_same_way(tmp_path):
    devon = make_devon()
    path = messy_file(tmp_path, rows=150, seed=5)
    said = assert_same(path, devon, batch_size=20, resume_after=90)["said"][0]
    assert said["batches"][0][0] > 90  # nothing before the checkpoint was saved again


def test_an_imports_first_batches_are_smaller_and_a_checks_are_not(tmp_path):
    """An import's batches grow from first_batch_size to batch_size, so that saving starts sooner; a check (which
    saves nothing) reads batch_size rows at a time. Either way, every way of reading gives the same answers."""
    devon = make_devon()
    path = messy_file(tmp_path, rows=150, seed=5)
    imported = assert_same(path, devon, batch_size=40, first_batch_size=10)["said"][0]
    checked = assert_same(path, devon, batch_size=40, first_batch_size=10, dry_run=True)["said"][0]
    assert checked["tally"] == imported["tally"]
    sizes = [tally["total"] for _, tally in imported["batches"]]
    assert sizes[:4] == [10, 20, 40, 40] and all(size <= 40 for size in sizes[4:])
    assert sum(sizes) == imported["rows"] > 150
    checked_sizes = [tally["total"] for _, tally in checked["batches"]]
    assert checked_sizes[:-1] == [40] * (len(checked_sizes) - 1) and sum(checked_sizes) == imported["rows"]


def test_devons_and_traffords_real_files_are_read_the_same_both_ways(trafford_file):
    assert_same(DEVON_FILE, make_devon(), batch_size=1000)
    assert_same(trafford_file, make_trafford(), batch_size=5000)


def test_a_workbooks_typed_cells_are_read_the_same_both_ways(tmp_path):
    trafford = make_trafford()
    book = Workbook()
    sheet = book.active
    sheet.append(["BeneficiaryName", "PaymentDate", "TransactionNumber", "Amount", "ProclassCode", "Purpose"])
    rng = random.Random(4)
    for n in range(60):
        sheet.append([rng.choice(SUPPLIERS[:4]), rng.choice((dt.datetime(2026, 5, 1), dt.date(2026, 5, 2),
                                                            "03/05/2026", None, "soon")),
                      rng.choice((n, f"R{n}", None, 1.0, True)), rng.choice((-99.5, 1200, "1,008.00", 0.1 + 0.2,
                                                                              True, "x", 1.005)),
                      rng.choice((191400, "NA", None)), rng.choice(("Repairs", 7, None))])
    path = tmp_path / "spend.xlsx"
    book.save(path)
    said = assert_same(path, trafford, batch_size=12)["said"][0]
    assert said["tally"]["imported"] and said["tally"]["rejected"]


@pytest.mark.parametrize("cells", [
    [" 1,008.00 ", "£10,000.00", "(250.00)", "-0.00", "007.50", "\u0661.00", "1,2,3.00", "12.5", "", "£-1.00"],
])
def test_the_vectorised_amounts_are_the_parsers_own(cells):
    values, undecided = spend_cells.signed_amount.vectorised(cells)
    for index, cell in enumerate(cells):
        if index not in undecided:
            assert repr(values[index]) == repr(spend_cells.signed_amount(cell))
    assert set(undecided) == {2, 5, 6, 7, 8, 9}  # left to the parser, which reads or refuses them


def test_the_vectorised_text_is_the_parsers_own():
    parse = spend_cells.optional_text(10)
    cells = ["Highways", " Care ", "NA", "#ref!", "  ", "", "Tab\there", "Two  spaces", "Ünïcode", "x" * 11,
             "Trailing\x1f", "\u00a0Nbsp", "ok"]
    values, undecided = parse.vectorised(cells)
    for index, cell in enumerate(cells):
        if index not in undecided:
            assert values[index] == parse(cell)
    assert set(undecided) == {6, 7, 8, 9, 10, 11}


def test_a_column_of_few_distinct_cells_is_parsed_once_per_cell():
    calls = []

    def parser(cell):
        calls.append(cell)
        return cell

    values, errors = columns.parse_column(parser, {}, ["a", "b", "a", None, "a", "b"])
    assert (values, errors) == (["a", "b", "a", None, "a", "b"], {})
    assert sorted(calls, key=str) == [None, "a", "b"]


def test_the_framed_amounts_are_the_text_of_the_parsers_own():
    cells = list(AMOUNTS) + ["0.00", "-000.50", "00012.00", "£0.99"]
    values, accepted = spend_cells.signed_amount.framed(pl.Series(cells, dtype=pl.String))
    for cell, value, decided in zip(cells, values.to_list(), accepted.to_list(), strict=True):
        if decided:
            assert value == str(spend_cells.signed_amount(cell)), cell
    assert accepted.sum() >= 10


def test_line_texts_are_pythons_repr_of_them():
    texts = [*SUPPLIERS, *TEXTS, "", "'", '"', "\\", "it's \"both\"", "a\\'b", "\x7f", "tab\t", "€", "\U0001f600"]
    written = spend_lines._text_repr(pl.Series(texts, dtype=pl.String)).to_list()
    assert written == [repr(text) for text in texts]


@pytest.mark.parametrize("parser, dtype, to_frame, cells", [
    (spend_cells.payment_date, pl.Date, lambda value: value, [*DATES, None, "02/03/2026", None]),
    (spend_cells.signed_amount, pl.String, str, [*AMOUNTS, None, " 1,008.00 "]),
    (spend_cells.optional_text(20), pl.String, str, [*TEXTS, None, "Highways"]),
    (spend_cells.supplier_name, pl.String, str, [*SUPPLIERS, None, "NA"]),
])
def test_a_framed_column_has_the_parsers_answers(parser, dtype, to_frame, cells):
    values, errors = frames.parse_column(parser, {}, list(cells), dtype, to_frame)
    expected, expected_errors = columns.parse_column(parser, {}, list(cells))
    assert values.dtype == dtype
    assert values.to_list() == [None if value is None else to_frame(value) for value in expected]
    assert errors == expected_errors
