"""A batch of spend lines as polars columns: what ``SpendImporter.record`` makes of each row, a column at a time.

The line keys are those ``record`` makes: the blake2b digest of the repr of the same tuple (reference, payment
date, amount, supplier name, service area, expense type), told apart from the identical-looking lines before it
in the file. The repr is written by polars for the usual cells (printable ASCII text, every date, every amount)
and by Python's repr for the rest; the digests are Python's (hashlib), one a line.
"""

import hashlib

import polars as pl

# The record's columns, in the order of ``SpendImporter.record``'s tuple (line key last).
COLUMNS = ("payment_date", "amount", "supplier_name", "transaction_reference", "service_area", "expense_type",
           "proclass_code", "invoice_date", "company_number", "vat_number", "charity_number", "supplier_type",
           "line_key")
BLANKED = ("transaction_reference", "service_area", "expense_type", "proclass_code", "company_number",
           "vat_number", "charity_number", "supplier_type")  # "" where the file has nothing (record's `or ""`)
SCHEMA = dict.fromkeys(COLUMNS, pl.String) | {"payment_date": pl.Date, "invoice_date": pl.Date}
_PRINTABLE_ASCII = r"^[ -~]*$"


class Lines:
    """A batch's lines (``frame``: ``COLUMNS``; an amount as the text of its Decimal), in file order, of one
    council (``publisher``: its id)."""

    def __init__(self, frame: pl.DataFrame, publisher: int):
        self.frame = frame
        self.publisher = publisher
        self._keys: list[tuple[int, str]] | None = None

    def __len__(self) -> int:
        return self.frame.height

    def keys(self) -> list[tuple[int, str]]:
        """``SpendImporter.key`` of each line (made once: reading and looking up ask for them both)."""
        if self._keys is None:
            publisher = self.publisher
            self._keys = [(publisher, key) for key in self.frame["line_key"].to_list()]
        return self._keys

    def where(self, mask: pl.Series) -> "Lines":
        return Lines(self.frame.filter(mask), self.publisher)

    def then(self, other: "Lines") -> "Lines":
        return Lines(pl.concat([self.frame, other.frame]), self.publisher)


def of_records(records: list[tuple], publisher: int) -> Lines:
    """``record``'s tuples as Lines."""
    columns = list(zip(*records, strict=True)) if records else [()] * len(COLUMNS)
    data = {name: list(values) for name, values in zip(COLUMNS, columns, strict=True)}
    data["amount"] = [str(amount) for amount in data["amount"]]
    return Lines(pl.DataFrame(data, schema=SCHEMA), publisher)


def of_columns(columns: dict[str, pl.Series], publisher: int, occurrences: dict[str, int]) -> Lines:
    """The records of the rows of these parsed columns (every one good), their keys told apart from the identical
    lines before them (``occurrences``: the file's so far, ``keys_of``)."""
    data = {name: (columns[name].fill_null("") if name in BLANKED else columns[name]) for name in COLUMNS[:-1]}
    data["line_key"] = pl.Series(keys_of(_what(data), occurrences), dtype=pl.String)
    return Lines(pl.DataFrame(data, schema=SCHEMA), publisher)


def _what(data: dict[str, pl.Series]) -> list[str]:
    """The repr of each line's (reference, date, amount, supplier name, service area, expense type)."""
    dates = data["payment_date"]
    day = pl.concat_str([pl.lit("datetime.date("), dates.dt.year().cast(pl.String), pl.lit(", "),
                         dates.dt.month().cast(pl.String), pl.lit(", "), dates.dt.day().cast(pl.String), pl.lit(")")])
    amount = pl.concat_str([pl.lit("Decimal('"), data["amount"], pl.lit("')")])
    parts = [_text_repr(data["transaction_reference"]), day, amount, _text_repr(data["supplier_name"]),
             _text_repr(data["service_area"]), _text_repr(data["expense_type"])]
    return pl.select(pl.concat_str([pl.lit("("), pl.concat_str(parts, separator=", "), pl.lit(")")])).to_series() \
        .to_list()


def _text_repr(texts: pl.Series) -> pl.Series:
    """``repr`` of each text: written here for printable ASCII, by Python for anything else."""
    body = texts.str.replace_all("\\", "\\\\", literal=True)
    single, double = texts.str.contains("'", literal=True), texts.str.contains('"', literal=True)
    written = pl.select(
        pl.when(single & ~double).then(pl.concat_str([pl.lit('"'), body, pl.lit('"')]))
        .otherwise(pl.concat_str([pl.lit("'"), body.str.replace_all("'", "\\'", literal=True), pl.lit("'")]))
    ).to_series()
    others = (~texts.str.contains(_PRINTABLE_ASCII)).arg_true()
    if len(others):
        written = written.scatter(others, pl.Series([repr(text) for text in texts.gather(others).to_list()],
                                                    dtype=pl.String))
    return written


def keys_of(what: list[str], occurrences: dict[str, int]) -> list[str]:
    """Each text's digest, told apart from the identical texts before it (``occurrences``: the file's so far)."""
    blake2b, keys = hashlib.blake2b, []
    for text in what:  # a call a line costs more than the rest of the loop
        digest = blake2b(text.encode(), digest_size=16).hexdigest()
        occurrence = occurrences[digest] = occurrences.get(digest, 0) + 1
        keys.append(digest if occurrence == 1 else blake2b(f"{digest}#{occurrence}".encode(), digest_size=16)
                    .hexdigest())
    return keys
