"""What the bulk save path writes is what it was given, to the character, whatever a council's file says."""

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest
from django.utils import timezone

from productivity.imports import bulk
from productivity.procurement.models import SpendLine, Supplier
from productivity.procurement.tests.factories import make_devon, make_supplier

pytestmark = pytest.mark.django_db

NAMES = ["Plain Ltd", "Tab\tin the middle", "Two\nlines", "Carriage\rreturn", "Back\\slash", "\\N", "\\.", "",
         "Ünïcödé Services", 'Quoted "Name", Ltd', "  spaced  ", "Lit\\teral \\n", "CR\r\nLF", "\\\t"]


def test_suppliers_are_saved_as_given_text_flags_and_times():
    when = timezone.now().replace(microsecond=123456)
    rows = [(name, name.lower(), "", "", "", "South West" if number % 2 else "", number == 4, when)
            for number, name in enumerate(NAMES)]
    fields = ("name", "normalised_name", "companies_house_number", "vat_number", "charity_number", "region",
              "is_redacted", "created_at")
    assert bulk.insert_rows(Supplier, fields, rows) == len(NAMES)
    saved = list(Supplier.objects.order_by("pk").values_list(*fields))
    assert saved == rows


def test_spend_lines_keep_credits_pence_and_missing_dates():
    devon = make_devon()
    supplier = make_supplier("Acme Ltd")
    rows = [(devon.pk, dt.date(2024, 2, 29), Decimal("-1008.50"), supplier.pk, "Acme\tLtd", "", "Adult\\Care", "",
             "", None, None, "k1"),
            (devon.pk, dt.date(2025, 3, 31), Decimal("0.01"), supplier.pk, "Acme Ltd", "22074502", "", "Fees\n",
             "191400", dt.date(2025, 3, 1), None, "k2")]
    fields = ("publisher", "payment_date", "amount", "supplier", "supplier_name", "transaction_reference",
              "service_area", "expense_type", "proclass_code", "invoice_date", "run", "line_key")
    bulk.insert_rows(SpendLine, fields, rows)
    attnames = [SpendLine._meta.get_field(name).attname for name in fields]
    saved = list(SpendLine.objects.order_by("line_key").values_list(*attnames))
    assert saved == rows


def test_a_frame_of_spend_lines_is_saved_as_given_empty_text_apart_from_a_missing_date():
    """Written in COPY's text format on PostgreSQL: tabs, line breaks, backslashes and \\N are text like any other."""
    devon = make_devon()
    supplier = make_supplier("Acme Ltd")
    texts = [name for name in NAMES if name]
    frame = pl.DataFrame({
        "publisher": [devon.pk] * len(texts), "payment_date": [dt.date(2024, 2, 29)] * len(texts),
        "amount": ["-1008.50", "0.01", "123456789012.00", "-0.00"] * (len(texts) // 4) + ["7.50"] * (len(texts) % 4),
        "supplier": [supplier.pk] * len(texts), "supplier_name": texts,
        "transaction_reference": ["", *texts[1:]], "service_area": texts[::-1],
        "expense_type": [None, *[""] * (len(texts) - 1)],
        "proclass_code": ["191400", ""] * (len(texts) // 2) + [""] * (len(texts) % 2),
        "invoice_date": [None, dt.date(2024, 2, 1)] * (len(texts) // 2) + [None] * (len(texts) % 2),
        "run": [None] * len(texts), "line_key": [f"k{number:02d}" for number in range(len(texts))]},
        schema_overrides={"invoice_date": pl.Date, "run": pl.String})
    fields = ("publisher", "payment_date", "amount", "supplier", "supplier_name", "transaction_reference",
              "service_area", "expense_type", "proclass_code", "invoice_date", "run", "line_key")
    assert bulk.insert_frame(SpendLine, fields, frame) == len(texts)
    attnames = [SpendLine._meta.get_field(name).attname for name in fields]
    saved = list(SpendLine.objects.order_by("line_key").values_list(*attnames))
    # A missing text is saved as the empty text in a column that takes no NULL (the expense type).
    expected = [(*row[:2], Decimal(row[2]), *row[3:7], row[7] or "", *row[8:]) for row in frame.iter_rows()]
    assert saved == expected
    assert saved[0][5] == "" and saved[1][9] == dt.date(2024, 2, 1) and saved[0][9] is None
