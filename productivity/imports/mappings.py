"""Column mappings people make for a layout the platform does not recognise, remembered and reused.

A mapping belongs to one kind of import and one header layout (its signature), for one publisher
(or, without a publisher, for the person who made it). The next file of that layout from that
publisher uses it automatically; its page shows it, and anyone who may change it can.
"""

from typing import BinaryIO

from django.db import transaction

from productivity.imports import registry
from productivity.imports.base import HEADER_SEARCH_ROWS
from productivity.imports.headers import signature, trimmed
from productivity.imports.models import ColumnMapping, ImportRun
from productivity.imports.sources import SourceError, open_table


def header_candidates(run: ImportRun, fileobj: BinaryIO | None = None) -> list[list[str]]:
    """The first non-blank rows of the file: one of them is its header row."""
    found: list[list[str]] = []
    try:
        if fileobj is not None:
            fileobj.seek(0)
            return _candidates(fileobj, run, found)
        with run.file.open("rb") as handle:
            return _candidates(handle, run, found)
    except SourceError:
        return found
    finally:
        if fileobj is not None:
            fileobj.seek(0)


def _candidates(handle: BinaryIO, run: ImportRun, found: list[list[str]]) -> list[list[str]]:
    with open_table(handle, run.original_name, prefer_sheet=run.kind) as table:
        for _, values in table:
            headings = trimmed(values)
            if headings:
                found.append(headings)
            if len(found) >= HEADER_SEARCH_ROWS:
                break
    return found


def mapping_for(run: ImportRun, fileobj: BinaryIO | None = None) -> ColumnMapping | None:
    """The remembered mapping for this run's layout and publisher (or uploader), if there is one."""
    candidates = header_candidates(run, fileobj)
    signatures = [signature(headings) for headings in candidates]
    if not signatures:
        return None
    mappings = ColumnMapping.objects.filter(kind=run.kind, signature__in=signatures)
    if run.publisher_id:
        mappings = mappings.filter(publisher=run.publisher)
    else:
        mappings = mappings.filter(publisher__isnull=True, owner=run.uploaded_by)
    by_signature = {mapping.signature: mapping for mapping in mappings}
    return next((by_signature[s] for s in signatures if s in by_signature), None)


@transaction.atomic
def remember(run: ImportRun, headings: list[str], columns: dict[str, str], user) -> ColumnMapping:
    """Save (or replace) the mapping for this layout and give it to the run, which is then checked again."""
    registry.get(run.kind)
    layout = signature(headings)
    owner = None if run.publisher_id else user
    mapping, _ = ColumnMapping.objects.update_or_create(
        kind=run.kind, publisher=run.publisher, owner=owner, signature=layout,
        defaults={"headings": headings, "columns": columns, "created_by": user})
    ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.NEEDS_MAPPING).update(
        mapping=mapping, status=ImportRun.Status.QUEUED, problems=[], problems_total=0, preview={}, checked={})
    return mapping
