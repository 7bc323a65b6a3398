"""Matching a file's header row to an importer's fields.

Headings compare ignoring case, spaces, punctuation and anything in brackets, so 'Lead_Organisation
Code (GSS)' finds the field headed 'Lead organisation code'. A header layout has a signature, so a
mapping that someone made for one publisher's layout is found again the next time.
"""

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from productivity.imports import cells


@dataclass(frozen=True)
class Field:
    """One column: its heading in the template, other headings accepted, and what its cells accept."""

    key: str
    header: str
    accepts: str
    required: bool = False
    aliases: tuple[str, ...] = ()


def heading_key(heading: object) -> str:
    """How headings compare: case, spaces, punctuation and bracketed notes ignored."""
    return cells.key(re.sub(r"\(.*?\)", "", cells.text(heading)))


def field_for(fields: Sequence[Field], heading: object) -> Field | None:
    wanted = heading_key(heading)
    if not wanted:
        return None
    for candidate in fields:
        if wanted in {heading_key(name) for name in (candidate.header, candidate.key, *candidate.aliases)}:
            return candidate
    return None


def trimmed(headings: Sequence[object]) -> list[str]:
    """The headings as text, without the empty columns that spreadsheets leave at the right."""
    labels = [cells.text(h) for h in headings]
    while labels and not labels[-1]:
        labels.pop()
    return labels


def signature(headings: Sequence[object]) -> str:
    """The same for two files whose header rows say the same thing, whatever the case or spacing."""
    keys = "|".join(heading_key(h) for h in trimmed(headings))
    return hashlib.sha256(keys.encode()).hexdigest()[:32]
