"""How supplier names and identifiers compare across councils' files.

'ACME SERVICES LIMITED', 'Acme Services Ltd.' and 'acme services' are one supplier: case, punctuation,
'&'/'and', a leading or trailing 'The' and legal suffixes are ignored, and a sole trader's 'J Smith t/a Smith
Plumbing' is known by its trading name. Identifiers are compared without spaces, case or a VAT
number's country prefix. ``similarity`` scores two normalised names for fuzzy matching (matching.py).
"""

import re

from rapidfuzz import fuzz

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


# 'J Smith t/a Smith Plumbing', 'J Smith T/As Smith Plumbing', 'J Smith trading as Smith Plumbing'.
_TRADING_AS = re.compile(r"\b(?:t\s*/\s*as?|trading\s+as|tradingas)\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
SHORTEST_FUZZY = 5  # names shorter than this are matched exactly or not at all


def normalised(name: str) -> str:
    """The form two spellings of one supplier's name share: lower case, words only, no legal suffix."""
    text = name.casefold()
    parts = _TRADING_AS.split(text, maxsplit=1)
    if len(parts) == 2 and _NOT_WORD.sub("", parts[1]):
        text = parts[1]  # the name it trades under is the one councils share
    text = _NOT_WORD.sub(" ", text.replace("&", " and ")).strip()
    if text.startswith("the "):
        text = text[4:]
    if text.endswith(" the"):
        text = text[:-4]
    shorter = _SUFFIX.sub("", text).strip()
    return shorter or text  # 'Limited Ltd' is still a name


def blocks(normalised_name: str) -> tuple[str, ...]:
    """The keys under which a name's fuzzy candidates are looked for: its first word and its longest (the most
    telling, whatever the order: 'highways kier' meets 'kier highways'). Names sharing neither are never compared."""
    words = normalised_name.split()
    if not words:
        return ()
    first, longest = words[0], min(words, key=lambda word: (-len(word), word))
    return (first,) if first == longest else (first, longest)


def sorted_words(normalised_name: str) -> str:
    """The name's words in alphabetical order: ``fuzz.ratio`` of two such is their ``token_sort_ratio``, with the
    sorting done once per name rather than once per comparison."""
    return " ".join(sorted(normalised_name.split()))


def similarity(a: str, b: str) -> float:
    """How alike two normalised names are, 0 to 100: word order ignored; names whose numbers differ
    ('Unit 4', 'Unit 5') or that are too short to tell apart score 0."""
    if a == b:
        return 100.0
    if min(len(a), len(b)) < SHORTEST_FUZZY or _DIGITS.findall(a) != _DIGITS.findall(b):
        return 0.0
    if a.replace(" ", "") == b.replace(" ", ""):
        return 100.0  # 'matrix s c m' is 'matrix scm', 'health care' is 'healthcare'
    return fuzz.token_sort_ratio(a, b)


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
