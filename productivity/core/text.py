"""The one cleaner for text people and programs send: forms, API bodies and imported files all use it.

Bidirectional control characters are taken out (they make "txt.exe" read as "exe.txt", and a title
read differently from what it is), and a tab or carriage return in front of = + - @ is dropped, so that
a spreadsheet opening a download never sees a formula hidden behind one.
"""

import re

# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the marks U+200E/U+200F and U+061C.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_HIDDEN_FORMULA = re.compile(r"^[\t\r]+(?=[=+\-@])")


def clean_text(value):
    """``value`` without bidirectional controls or a tab/carriage return hiding a formula; non-text as given."""
    if not isinstance(value, str):
        return value
    return _HIDDEN_FORMULA.sub("", _BIDI.sub("", value))
