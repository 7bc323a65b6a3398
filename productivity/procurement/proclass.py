"""ProClass categories of spend: which level-1 heading (and level-2 heading) a council's code falls under.

Read from data/proclass (see its SOURCE.md for what is known and what is missing). A code is six digits:
level 3 is the whole code, its level 2 the code with its last two digits 00, its level 1 the heading of its
first two digits; codes ending 0000 are level-1 codes numbered on their own. Lines without a code are
"Unclassified"; a code under no heading we hold is shown as such, never guessed.
"""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "proclass"
UNCLASSIFIED = "unclassified"
UNCLASSIFIED_LABEL = "Unclassified (no ProClass code given)"
OTHER = "other:"  # the key's start for a code that is not a ProClass code


@dataclass(frozen=True, order=True)
class Heading:
    key: str  # a level-1 heading's two-digit prefix, a level-2 code, or UNCLASSIFIED
    label: str


@functools.cache
def _level1() -> tuple[dict[str, Heading], dict[str, Heading]]:
    by_prefix, by_top_code = {}, {}
    with (DATA / "level1.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            heading = Heading(row["prefix"], row["heading"])
            by_prefix[row["prefix"]] = heading
            for code in row["top_level_codes"].split():
                by_top_code[code] = heading
    return by_prefix, by_top_code


@functools.cache
def _labels() -> dict[str, str]:
    with (DATA / "trafford_codes.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["label_as_published"] for row in csv.DictReader(handle)}


def headings() -> list[Heading]:
    """The level-1 headings held, in code order, then Unclassified."""
    return [*sorted(_level1()[0].values()), Heading(UNCLASSIFIED, UNCLASSIFIED_LABEL)]


@functools.lru_cache(maxsize=8192)
def level1(code: str) -> Heading:
    """The level-1 heading of a line's code."""
    if not code:
        return Heading(UNCLASSIFIED, UNCLASSIFIED_LABEL)
    by_prefix, by_top_code = _level1()
    if code in by_top_code:
        return by_top_code[code]
    if len(code) == 6 and code.isdigit():
        return by_prefix.get(code[:2]) or _unknown_prefix(code[:2])
    return Heading(f"{OTHER}{code}", f"Code {code} (not a ProClass code)")


def _unknown_prefix(prefix: str) -> Heading:
    return Heading(prefix, f"ProClass {prefix} (heading not known)")


def level1_by_key(key: str) -> Heading:
    """The heading ``level1`` gives under ``key`` (for summaries that keep a line's heading by its key alone)."""
    known = heading_of(key)
    if known is not None:
        return known
    if key.startswith(OTHER):
        return level1(key.removeprefix(OTHER))
    return _unknown_prefix(key)


@functools.lru_cache(maxsize=8192)
def level2(code: str) -> Heading:
    """The level-2 heading of a line's code (its level-1 heading for a top-level code)."""
    first = level1(code)
    if first.key == UNCLASSIFIED or not (len(code) == 6 and code.isdigit()) or code.endswith("0000") \
            and code in _level1()[1]:
        return first
    parent = code[:4] + "00"
    published = _labels().get(parent)
    # Trafford writes 'SOCIAL CARE SERVICES : Adult': the part after the level-1 name is the level-2 heading.
    label = published.split(":", 1)[-1].strip() if published else f"ProClass {parent}"
    return Heading(parent, f"{first.label}: {label}")


def code_ranges(key: str) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """Which codes a level-1 heading holds, for a database to select: ([(from, before)] ranges of codes, codes
    that are in it although outside the ranges, codes inside the ranges that are not)."""
    if key == UNCLASSIFIED:
        return [], [""], []
    by_top_code = _level1()[1]
    inside = [code for code, heading in by_top_code.items() if heading.key == key]
    following = f"{int(key) + 1:02d}" if key.isdigit() else key + "\uffff"
    outside = [code for code, heading in by_top_code.items() if code.startswith(key) and heading.key != key]
    return [(key, following)], inside, outside


def heading_of(key: str) -> Heading | None:
    """The level-1 heading a ``?category=`` value names, or None."""
    return _by_key().get(key)


@functools.cache
def _by_key() -> dict[str, Heading]:
    return {heading.key: heading for heading in headings()}
