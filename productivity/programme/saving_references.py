"""A saving's reference: its project's reference and a number, "ASC-001-S01", given once when it is first saved
and never changed or reused, so that a downloaded register and the importer name the same saving for good.

Numbers count up per prefix (the project's reference as it was when the saving was made): a reference stays with
its saving if the project's reference changes later, and a number once given (even to a saving since deleted,
as the audit trail records) is not given again. References are unique ignoring case, as project references are.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from productivity.audit.models import AuditEntry

ATTEMPTS = 5


def reference_for(project_reference: str, number: int) -> str:
    return f"{project_reference}-S{number:02d}"


def _numbers(pattern: re.Pattern, references) -> set[int]:
    return {int(found[1]) for reference in references if reference and (found := pattern.match(reference))}


def next_reference(saving) -> str:
    """The first reference after every one given with the saving's project's prefix (kept or deleted)."""
    prefix = f"{saving.project.reference}-S"
    pattern = re.compile(re.escape(prefix) + r"(\d+)$", re.IGNORECASE)
    kept = type(saving).objects.filter(reference__istartswith=prefix).values_list("reference", flat=True)
    deleted = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(saving), action="delete",
                                        changes__reference__isnull=False).values_list("changes", flat=True)
    given = _numbers(pattern, kept) | _numbers(pattern, (changes["reference"][0] for changes in deleted))
    return reference_for(saving.project.reference, max(given, default=0) + 1)


def save_with_reference(saving, save) -> None:
    """Save a new saving under the next reference; two savings made at once for one project get two numbers."""
    for attempt in range(ATTEMPTS):
        saving.reference = next_reference(saving)
        try:
            with transaction.atomic():
                save()
            return
        except IntegrityError:
            saving.pk = None
            if attempt == ATTEMPTS - 1 or not _reference_taken(saving):
                raise


def _reference_taken(saving) -> bool:
    return type(saving).objects.filter(reference__iexact=saving.reference).exists()
