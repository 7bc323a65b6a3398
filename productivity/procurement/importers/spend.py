"""Councils' published spend files (over £500, card transactions, the LGA spend schema), in any of their layouts.

A line is identified by what it says (transaction reference, date, amount, supplier as published, service
and expense type) and by which occurrence of exactly that it is in its file. Re-importing a file, or one
that overlaps it, finds every line again; two identical-looking payments on separate lines are both kept.
"""

import hashlib
from itertools import repeat
from operator import itemgetter

import polars as pl
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from productivity.core.dates import ACCEPTED as DATE_ACCEPTS
from productivity.core.formatting import counted
from productivity.imports import bulk
from productivity.imports.accounted import AccountedImporter
from productivity.imports.headers import Field
from productivity.procurement.importers import cells, spend_lines
from productivity.procurement.matching import Published, SupplierMatcher, propose_twins, save_taken
from productivity.procurement.models import Source, SpendLine, SupplierClassification
from productivity.procurement.summaries import Summariser

SAVED = ("publisher", "payment_date", "amount", "supplier", "supplier_name", "transaction_reference",
         "service_area", "expense_type", "proclass_code", "invoice_date", "run", "line_key")
IDENTIFIED_BY = ("publisher", "line_key")
FLAG_FIELDS = ("supplier", "size", "definition", "source", "detail", "organisation", "recorded_on")

# A spend line as read: (payment date, amount, supplier name, reference, service area, expense type, ProClass,
# invoice date, Companies House number, VAT number, charity number, council's supplier type, line key).
DATE, AMOUNT, NAME, REFERENCE, SERVICE, EXPENSE, PROCLASS, INVOICE, COMPANY, VAT, CHARITY, FLAG, KEY = range(13)


class SpendImporter(AccountedImporter):
    kind = "spend"
    title = "Council spend"
    noun = "payment"
    needs_publisher = True
    on_existing = "duplicate"
    finds_saved_keys_when_saving = True  # a new file's batches are not looked up: the unique key refuses repeats
    rereads_saved_rows = True  # the occurrence count of identical-looking lines runs over the whole file
    columnar = True  # a batch's cells parsed a column at a time (imports.columns), its keys made together
    framed = True  # a CSV file's batches kept as polars columns (spend_lines.Lines) from its cells to the COPY
    batch_size = 100_000  # fewer, larger transactions: each adds to the summaries once for all its lines
    first_batch_size = 12_500  # 12,500, 25,000, 50,000, then 100,000 rows: the saving starts sooner
    # The summaries are added to once a transaction: a batch's supplier grain is tens of thousands of rows, most of
    # them the same rows as the batch before's. About ten seconds of saving at a time.
    rows_per_transaction = 500_000
    fields = (
        Field("payment_date", "Payment date", DATE_ACCEPTS, required=True,
              aliases=("date", "paymentdate", "date paid", "transaction date", "payment date", "posting date",
                       "paid date", "date of payment", "payment made date")),
        Field("amount", "Amount", cells.AMOUNT_ACCEPTS, required=True,
              aliases=("value", "amount paid", "net amount", "amount excluding vat", "total", "line amount")),
        Field("supplier_name", "Supplier name", "the supplier's name as published, or REDACTED", required=True,
              aliases=("supplier", "beneficiaryname", "beneficiary", "vendor name", "vendor", "payee",
                       "creditor name", "merchant name", "merchant")),
        Field("transaction_reference", "Transaction number", "the council's reference for the payment",
              aliases=("transactionnumber", "transaction reference", "transaction id", "transaction no",
                       "payment reference", "reference", "document number")),
        Field("service_area", "Expense area", "the service or department that spent it",
              aliases=("organisationalunit", "service area", "service", "department", "directorate",
                       "service division", "expense area description")),
        Field("expense_type", "Expense type", "what the money was spent on",
              aliases=("purpose", "expense description", "expenditure category", "subjective description",
                       "description", "expense type description")),
        Field("proclass_code", "ProClass code", "a ProClass category code such as 191400",
              aliases=("proclasscode", "proclass")),
        # With the payment date, how long the council took to pay (payments.py, the payments compliance measures).
        Field("invoice_date", "Invoice date", DATE_ACCEPTS,
              aliases=("invoicedate", "date of invoice", "invoice received", "invoice received date",
                       "date invoice received", "invoice receipt date", "date received", "inv date",
                       "invoice date received", "invoice issue date")),
        Field("company_number", "Companies House number", "the supplier's company registration number",
              aliases=("company number", "beneficiarycompanynumber", "company registration number",
                       "registered company number", "beneficiaryregistrationnumber")),
        Field("vat_number", "VAT registration number", "the supplier's VAT number, such as GB812311285",
              aliases=("vat reg no", "vatregistrationnumber", "vat number", "vat no", "supplier vat number")),
        Field("charity_number", "Charity number", "the supplier's registered charity number",
              aliases=("beneficiarycharitynumber", "charity registration number", "registered charity number")),
        Field("supplier_type", "Supplier type", "the council's own kind of supplier, recorded as it says",
              aliases=("creditor type", "supplier category", "beneficiary type", "supplier classification")),
    )
    examples = (("02/03/2026", "1,008.00", "Acme Services Ltd", "22074502", "Commissioning", "Fees", "", "",
                 "01234567", "GB812311285", "", ""),)

    def __init__(self, user, **options):
        super().__init__(user, **options)
        # As the column stores it on both databases: 32 hex digits.
        self.run_id = self.import_run.pk.hex if self.import_run is not None else None
        self._occurrences: dict[str, int] = {}  # how many lines of the file so far say exactly this
        self._matcher: SupplierMatcher | None = None
        self._flags: set[tuple[int, str]] | None = None
        self._summariser = Summariser()
        self._suppliers: dict[tuple, int] = {}
        self._recount_all = False  # (the writer's) once a batch was refused lines saved already
        self._unsaved = None  # (the writer's) what the transaction's batches add to the summaries (Summariser.totals)

    def cell_parsers(self):
        return {
            "payment_date": cells.payment_date, "amount": cells.signed_amount, "supplier_name": cells.supplier_name,
            "transaction_reference": cells.optional_text(100), "service_area": cells.optional_text(200),
            "expense_type": cells.optional_text(200), "proclass_code": cells.optional_text(20),
            "invoice_date": cells.optional_date, "company_number": cells.optional_text(20),
            "vat_number": cells.optional_text(20), "charity_number": cells.optional_text(20),
            "supplier_type": cells.optional_text(300),
        }

    def rejected_row_note(self, values, reasons):
        # Published files often end with the sum of their amounts on a row of its own (Devon's does): an amount,
        # and the payment date and supplier left empty (not unreadable: that is a payment with bad cells).
        empty = {(self.column_name(key), self.blank_message(key)) for key in ("payment_date", "supplier_name")}
        if values.get("amount") is not None and set(reasons) == empty:
            return ("amount", "This row has an amount but no payment date or supplier: it looks like a total of the "
                              "rows above, not a payment, so it is not imported")
        return None

    def record(self, values):
        what = (values["transaction_reference"] or "", values["payment_date"], values["amount"],
                values["supplier_name"], values["service_area"] or "", values["expense_type"] or "")
        key = self._line_key(hashlib.blake2b(repr(what).encode(), digest_size=16).hexdigest())
        return (values["payment_date"], values["amount"], values["supplier_name"], what[0], what[4], what[5],
                values["proclass_code"] or "", values["invoice_date"], values["company_number"] or "",
                values["vat_number"] or "", values["charity_number"] or "", values["supplier_type"] or "", key)

    def frame_types(self):
        text = (pl.String, str)
        return dict.fromkeys(self.cell_parsers(), text) | {
            "payment_date": (pl.Date, _same), "invoice_date": (pl.Date, _same), "amount": (pl.String, str)}

    def frame_records(self, columns):
        return spend_lines.of_columns(columns, self.publisher.pk, self._occurrences)

    def records_frame(self, records):
        return spend_lines.of_records(records, self.publisher.pk)

    def records(self, columns, rows):
        # ``record`` of each row, a column at a time: the same tuples, the same keys (repr of the same tuple).
        picked = {key: _taken(values, rows) for key, values in columns.items()}
        dates, amounts, names = picked["payment_date"], picked["amount"], picked["supplier_name"]
        reference, service, expense = (_or_blank(picked[key]) for key in
                                       ("transaction_reference", "service_area", "expense_type"))
        what = map(_WHAT, map(repr, reference), map(repr, dates), map(repr, amounts), map(repr, names),
                   map(repr, service), map(repr, expense))
        keys = spend_lines.keys_of(what, self._occurrences)  # _line_key of each
        blanked = {key: _or_blank(picked[key]) for key in ("proclass_code", "company_number", "vat_number",
                                                            "charity_number", "supplier_type")}
        return list(zip(dates, amounts, names, reference, service, expense, blanked["proclass_code"],
                        picked["invoice_date"], blanked["company_number"], blanked["vat_number"],
                        blanked["charity_number"], blanked["supplier_type"], keys, strict=True))

    def _line_key(self, digest: str) -> str:
        """The line's key: its digest, told apart from the identical-looking lines before it in the file."""
        occurrence = self._occurrences[digest] = self._occurrences.get(digest, 0) + 1
        if occurrence == 1:
            return digest
        return hashlib.blake2b(f"{digest}#{occurrence}".encode(), digest_size=16).hexdigest()

    def key(self, record):
        return (self.publisher.pk, record[KEY])

    def digest(self, key):
        # The line key is a digest already: its first 64 bits say which keys the file has given.
        return int(key[1][:16], 16)

    def keys(self, records):
        publisher = self.publisher.pk
        return [(publisher, record[KEY]) for record in records]  # ``key`` of each, without a call each

    def digests(self, keys):
        return [int(key[1][:16], 16) for key in keys]  # ``digest`` of each

    def existing(self, keys):
        return {key: key for key in bulk.present(SpendLine, IDENTIFIED_BY, keys)}

    def prepares_while_reading(self):
        # Suppliers get their ids from the sequence ahead of saving on PostgreSQL, so the matcher can decide them
        # while the file is read; SQLite saves each new supplier as it is decided, so there it is the writer's work.
        return connection.vendor == "postgresql"

    def prepare_batch(self, new, changed):
        """The batch's suppliers decided, the council's new supplier-type flags, its rows as saved and what they add
        to the summaries: everything but the writing (``save_prepared``)."""
        if self._matcher is None:
            self._matcher = SupplierMatcher(run=self.import_run, defer_proposals=True)
            self._flags = set(SupplierClassification.objects.filter(
                source=Source.COUNCIL_FLAG, organisation=self.publisher).values_list("supplier_id", "detail"))
        if isinstance(new, spend_lines.Lines):
            return self._prepare_lines(new)
        publisher = self.publisher.pk
        named = list(map(_NAMED, new))
        self._decide(dict.fromkeys(named))
        suppliers = [self._suppliers[spelling] for spelling in named]
        flags = self._new_flags(dict.fromkeys(zip(suppliers, map(_FLAG, new), strict=True)))
        taken = self._matcher.taken()  # the suppliers first added in this batch, and the proposals naming them
        rows = list(map(_saved_row, repeat(publisher), new, suppliers, repeat(self.run_id)))
        totals = self._summariser.totals(zip(repeat(publisher), map(_DATE, new), map(_AMOUNT, new), suppliers,
                                             map(_PROCLASS, new)))
        return taken, rows, flags, totals

    def _prepare_lines(self, lines: spend_lines.Lines):
        """``prepare_batch`` of a framed batch: the same decisions, in the same order; the lines as the columns
        they are saved in."""
        frame, publisher = lines.frame, lines.publisher
        spellings = frame.select(_SPELLING).unique(maintain_order=True).rows()
        self._decide(spellings)
        ids = pl.DataFrame([list(column) for column in zip(*spellings, strict=True)] if spellings else
                           [[] for _ in _SPELLING], schema=dict.fromkeys(_SPELLING, pl.String), orient="col")
        ids = ids.with_columns(supplier=pl.Series([self._suppliers[spelling] for spelling in spellings],
                                                  dtype=pl.Int64))
        frame = frame.join(ids, on=list(_SPELLING), how="left", maintain_order="left", nulls_equal=True)
        flags = self._new_flags(frame.select("supplier", "supplier_type").unique(maintain_order=True).rows())
        taken = self._matcher.taken()
        saved = frame.select(pl.lit(publisher, dtype=pl.Int64).alias("publisher"), "payment_date", "amount",
                             "supplier", "supplier_name", "transaction_reference", "service_area", "expense_type",
                             "proclass_code", "invoice_date", pl.lit(self.run_id, dtype=pl.String).alias("run"),
                             "line_key")
        return taken, saved, flags, self._summariser.frame_totals(publisher, saved)

    def _decide(self, spellings) -> None:
        """The supplier of each way of naming one not decided before (a file names each supplier many times), in
        the order the lines first name them."""
        known = self._suppliers
        for spelling in spellings:
            if spelling not in known:
                known[spelling] = self._matcher.supplier_id(Published(*spelling))

    def _new_flags(self, pairs) -> list[tuple]:
        """The council's supplier-type flags among (supplier, flag) ``pairs`` (distinct, in the lines' order) not
        recorded before, as saved."""
        flags = []
        today = timezone.localdate()  # what the classification's recorded_on defaults to
        for supplier, flag in pairs:
            if flag and (supplier, flag) not in self._flags:
                self._flags.add((supplier, flag))
                flags.append((supplier, "", "any", Source.COUNCIL_FLAG.value, flag[:300], self.publisher.pk, today))
        flags.sort(key=repr)  # two imports at once insert the same flags in one order: one waits, neither deadlocks
        return flags

    def after_saving(self):
        if self._matcher is None or not self._matcher.added:
            return []
        # An import of a file naming the same new suppliers, running at the same time, may have added them too.
        twins = propose_twins(self._matcher.added, run=self.import_run)
        if not twins:
            return []
        return [f"Another import running at the same time added {counted(twins, 'supplier')} to the register that "
                "this one added too: each pair waits in the review queue, to be merged"]

    def save_prepared(self, prepared):
        taken, rows, flags, totals = prepared
        save_taken(taken)  # before the lines that name them
        save = self._save_frame if isinstance(rows, pl.DataFrame) else self._save_rows
        found, totals = save(rows, totals)
        self._save_flags(flags)
        self._keep(totals)
        return found

    def _save_rows(self, rows: list[tuple], totals):
        """``save_prepared``'s saving of a batch's lines as rows: (how many were found saved already, the totals of
        those saved)."""
        try:
            with transaction.atomic():  # a savepoint: a line saved already refuses the lot, and only the lines
                bulk.insert_rows(SpendLine, SAVED, rows)
        except IntegrityError:
            # Saved without a look-up first (finds_saved_keys_when_saving): some were saved already after all.
            saved = bulk.present(SpendLine, IDENTIFIED_BY, [(row[0], row[-1]) for row in rows])
            if not saved:
                raise
            rows = [row for row in rows if (row[0], row[-1]) not in saved]
            bulk.insert_rows(SpendLine, SAVED, rows)
            self._recount_all = True
            return len(saved), Summariser().totals(map(_SUMMED, rows))  # what the lines saved add, and no more
        return 0, totals

    def _save_frame(self, saved: pl.DataFrame, totals):
        """``_save_rows`` of a framed batch's lines."""
        try:
            with transaction.atomic():
                bulk.insert_frame(SpendLine, SAVED, saved)
        except IntegrityError:
            keys = saved["line_key"].to_list()
            present = bulk.present(SpendLine, IDENTIFIED_BY, [(self.publisher.pk, key) for key in keys])
            if not present:
                raise
            saved = saved.filter(pl.Series([(self.publisher.pk, key) not in present for key in keys]))
            bulk.insert_frame(SpendLine, SAVED, saved)
            self._recount_all = True
            return len(present), Summariser().frame_totals(self.publisher.pk, saved)
        return 0, totals

    def _save_flags(self, flags) -> None:
        if flags:
            try:
                with transaction.atomic():
                    bulk.insert_rows(SupplierClassification, FLAG_FIELDS, flags)
            except IntegrityError:  # an import of the same council's file at once recorded some of them meanwhile
                bulk.insert_missing_rows(SupplierClassification, FLAG_FIELDS, flags)

    def _keep(self, totals) -> None:
        """Keep what a saved batch adds to the summaries, for ``transaction_ending`` to add before the commit."""
        if self._unsaved is None:
            self._unsaved = totals
        else:
            self._unsaved.merge(totals)

    def transaction_ending(self, committing):
        unsaved, self._unsaved = self._unsaved, None
        if committing and unsaved is not None:
            if self._recount_all:
                # The reading thread took the council-supplier pairs of a refused batch as counted, and has read
                # ahead: from then on each transaction counts again the councils of all its suppliers.
                unsaved.recount_every_supplier()
            unsaved.save()  # in the lines' transaction: the summaries hold exactly the lines saved


_WHAT = "({}, {}, {}, {}, {}, {})".format  # repr of a tuple of six
_SPELLING = ("supplier_name", "company_number", "vat_number", "charity_number")  # a supplier as a line names it
_NAMED = itemgetter(NAME, COMPANY, VAT, CHARITY)
_FLAG, _DATE, _AMOUNT, _PROCLASS = itemgetter(FLAG), itemgetter(DATE), itemgetter(AMOUNT), itemgetter(PROCLASS)
_SUMMED = itemgetter(0, 1, 2, 3, 8)  # a saved row's council, date, amount, supplier and ProClass code


def _saved_row(publisher: int, line: tuple, supplier: int, run_id: str | None) -> tuple:
    return (publisher, line[DATE], line[AMOUNT], supplier, line[NAME], line[REFERENCE], line[SERVICE], line[EXPENSE],
            line[PROCLASS], line[INVOICE], run_id, line[KEY])


def _same(value):
    return value


def _taken(values: list, rows: list[int]) -> list:
    return values if len(rows) == len(values) else [values[index] for index in rows]


def _or_blank(values: list) -> list:
    return [value or "" for value in values]
