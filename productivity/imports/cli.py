"""The command line's way through an import: the same runs, checks and saves as the pages.

Used by ``manage.py import_file`` and by each domain's shortcut (``import_assets``, ``import_spend``),
so every importer prints its problems the same way and ends with the same counting line.
"""

from pathlib import Path

from django.core.files import File
from django.core.management.base import CommandError

from productivity.accounts.models import User
from productivity.core.formatting import counted
from productivity.imports import registry, runs
from productivity.imports.base import Tally
from productivity.imports.models import ImportRun
from productivity.imports.sizing import estimate_rows
from productivity.organisations.models import Organisation


def user_named(email: str | None):
    """The active user with this email address, or None without one (the server's own rights)."""
    if not email:
        return None
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise CommandError(f"No active user has the email address {email}")
    return user


def publisher_named(code: str | None):
    if not code:
        return None
    organisation = Organisation.objects.resolve(code)
    if organisation is None:
        raise CommandError(f"No organisation has the code '{code}': use its ONS GSS code, such as E08000009, or "
                           "the identifier shown on its page")
    return organisation


def run_file(command, *, kind: str, path: str, publisher: str | None = None, email: str | None = None,
             dry_run: bool = False, line: tuple[str, ...] = ("imported", "unchanged", "duplicates", "rejected"),
             quiet_counts: bool = False) -> ImportRun:
    """Check ``path`` and (unless ``dry_run``) import it; print every problem, then the counting line last.

    Raises CommandError (exit status 1) when nothing could be imported; the counting line is printed first.
    """
    try:
        entry = registry.get(kind)
    except KeyError as error:
        raise CommandError(f"Unknown kind '{kind}': use one of {', '.join(registry.kinds())}") from error
    file_path = Path(path)
    if not file_path.is_file():
        raise CommandError(f"There is no file at {file_path}")
    user = user_named(email)
    organisation = publisher_named(publisher)
    if entry.importer.needs_publisher and organisation is None:
        raise CommandError(f"Say whose file it is with --publisher (a GSS or organisation code): {entry.title} "
                           "files belong to one organisation")
    options = {"programme_wide": user is None}
    with file_path.open("rb") as handle:
        run = ImportRun.objects.create(kind=kind, original_name=file_path.name[:250], uploaded_by=user,
                                       size=file_path.stat().st_size, publisher=organisation)
        run.rows_total = estimate_rows(handle, file_path.name)
        run.save(update_fields=["rows_total"])
        runs.check_run(run.pk, fileobj=File(handle), **options)
        run.refresh_from_db()
        if run.status == ImportRun.Status.CHECKED and not dry_run:
            runs.confirm_run(run)
            runs.import_run(run.pk, fileobj=File(handle), **options)
            run.refresh_from_db()
    _report(command, run, dry_run=dry_run, line=line)
    return run


def _report(command, run: ImportRun, *, dry_run: bool, line: tuple[str, ...]) -> None:
    for note in run.notes:
        command.stdout.write(f"Note: {note}")
    for problem in run.problems:
        where = [run.original_name]
        if problem.get("row"):
            where.append(f"row {problem['row']}")
        if problem.get("column"):
            where.append(f"column '{problem['column']}'")
        command.stderr.write(f"{', '.join(where)}: {problem['message']}")
    if run.problems_total > len(run.problems):
        command.stderr.write(f"... and {counted(run.problems_total - len(run.problems), 'more problem')}")
    if run.status == ImportRun.Status.NEEDS_MAPPING:
        command.stderr.write("The file's columns were not recognised. Rename them as the template heads them, or "
                             "match them once on the import page (the mapping is then used here too).")
    checked = run.status == ImportRun.Status.CHECKED
    tally = _tally(run, checked)
    if dry_run and checked:
        command.stdout.write("Dry run, so nothing was saved: these are the counts an import would give.")
    outcome = run.outcome or (run.checked or {}).get("outcome") or {}
    for label, number in outcome.get("counts", []):
        command.stdout.write(f"{label}: {number}")
    for warning in outcome.get("warnings", []):
        command.stdout.write(f"Warning: {warning}")
    command.stdout.write(tally.line(line))
    if run.status in (ImportRun.Status.NOT_IMPORTED, ImportRun.Status.NEEDS_MAPPING, ImportRun.Status.FAILED):
        count = run.problems_total
        raise CommandError(f"Nothing was imported: {count:,} {'problem' if count == 1 else 'problems'} in "
                           f"{run.original_name}", returncode=1)


def _tally(run: ImportRun, checked: bool) -> Tally:
    if checked:
        c = run.checked
        return Tally(c["imported"], c["unchanged"], c["duplicates"], c["rejected"], c["flagged"])
    if run.status != ImportRun.Status.DONE:
        return Tally(rejected=run.rows_in_file)
    return Tally(run.imported, run.unchanged, run.duplicates, run.rejected, run.flagged)
