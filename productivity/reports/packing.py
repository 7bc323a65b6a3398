"""How a published paper keeps its ledger small: each table's rows as lists under one list of its columns, and
each piece of text (a project's title, a council's name, a saving's service, evidence notes) once, in a lookup
the rows point into. At 1,000 projects the records behind the figures repeat the same descriptions thousands of
times; packed, each is stored once.

Packing changes only how the snapshot is stored: ``unpack_ledger`` gives back exactly the ledger that was
packed, and a ledger published before packing (a dict of lists of rows) is read as it is.
"""

SHAPE = "packed-1"


def is_packed(ledger: dict) -> bool:
    return ledger.get("shape") == SHAPE


def pack_ledger(ledger: dict) -> dict:
    """The ledger with its column names given once per table and its text once in ``texts``."""
    texts: list[str] = []
    index: dict[str, int] = {}

    def text_at(value: str) -> int:
        if value not in index:
            index[value] = len(texts)
            texts.append(value)
        return index[value]

    tables = {}
    for name, rows in ledger.items():
        columns = list(rows[0]) if rows else []
        if any(list(row) != columns for row in rows):
            tables[name] = {"rows": rows}  # rows of different shapes: kept as they are
            continue
        text_columns = [key for key in columns
                        if all(isinstance(row[key], str) or row[key] is None for row in rows)]
        packed_rows = [[text_at(row[key]) if key in text_columns and row[key] is not None else row[key]
                        for key in columns] for row in rows]
        tables[name] = {"columns": columns, "text_columns": text_columns, "rows": packed_rows}
    return {"shape": SHAPE, "texts": texts, "tables": tables}


def unpack_ledger(ledger: dict) -> dict:
    """The ledger as it was computed: table name -> list of row dicts (a ledger never packed, as it is)."""
    if not is_packed(ledger):
        return ledger
    texts = ledger["texts"]
    unpacked = {}
    for name, table in ledger["tables"].items():
        if "columns" not in table:
            unpacked[name] = table["rows"]
            continue
        columns, text_columns = table["columns"], set(table["text_columns"])
        looked_up = [key in text_columns for key in columns]
        unpacked[name] = [
            {key: texts[value] if text and value is not None else value
             for key, text, value in zip(columns, looked_up, row, strict=True)}
            for row in table["rows"]
        ]
    return unpacked
