"""How supplier names and identifiers compare across councils' files.

'ACME SERVICES LIMITED', 'Acme Services Ltd.' and 'acme services' are one supplier: case, punctuation,
'&'/'and' and legal suffixes are ignored. Identifiers are compared without spaces, case or a VAT
number's country prefix.
"""

import re

# Legal forms written at the end of a name, longest first so 'public limited company' goes before 'company'.
LEGAL_SUFFIXES = (
    "public limited company", "limited liability partnership", "community interest company",
    "private limited company", "limited", "ltd", "plc", "llp", "lp", "cic", "inc", "incorporated",
    "co", "company",
)
_SUFFIX = re.compile(r"(?:\s+(?:" + "|".join(re.escape(s) for s in LEGAL_SUFFIXES) + r"))+$")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
REDACTED_NAMES = {
    "redacted", "name withheld", "withheld", "personal data redacted", "redacted personal data",
    "redacted data", "name redacted", "individual", "private individual", "personal information",
    "personal data", "not disclosed", "supplier name withheld", "sensitive", "confidential",
}


def normalised(name: str) -> str:
    """The form two spellings of one supplier's name share: lower case, words only, no legal suffix."""
    text = name.casefold().replace("&", " and ")
    text = _NOT_WORD.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    shorter = _SUFFIX.sub("", text).strip()
    return shorter or text  # 'Limited Ltd' is still a name


def is_redacted(name: str) -> bool:
    """Whether a published supplier name stands for a name held back (a person's, usually)."""
    text = _NOT_WORD.sub(" ", name.casefold()).strip()
    return text in REDACTED_NAMES or text.startswith("redacted")


def identifier(value: str) -> str:
    """A registration number as compared: upper case, no spaces or punctuation."""
    return _NOT_WORD.sub("", value.casefold()).upper()


def vat_number(value: str) -> str:
    """A VAT number without its 'GB' prefix: 'GB 812 3112 85' and '812311285' are one."""
    found = identifier(value)
    return found[2:] if found.startswith("GB") else found


def company_number(value: str) -> str:
    """A Companies House number as registered: eight characters, short numbers padded with zeros."""
    found = identifier(value)
    return found.zfill(8) if found.isdigit() else found
