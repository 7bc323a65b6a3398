"""Import projects or savings from a CSV or XLSX file on the server.

    manage.py import_programme --kind projects FILE [--as EMAIL] [--dry-run]

Without --as the command has the programme team's rights (whoever runs it has the server); with
--as it has exactly that person's. Every problem is printed with its row and column, and nothing
is saved unless every row is valid.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from productivity.accounts.models import User
from productivity.programme.importers import IMPORTERS, importer_for


class Command(BaseCommand):
    help = "Import projects or savings from a CSV or XLSX file: every row is checked before anything is saved."

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=sorted(IMPORTERS), help="What the file contains")
        parser.add_argument("file", help="Path to a CSV or XLSX file")
        parser.add_argument("--as", dest="email", help="Import with this person's rights (and record them as "
                                                       "the author in the audit trail)")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report what would change, "
                                                                   "saving nothing")

    def handle(self, *args, kind, file, email=None, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {path}")
        user = None
        if email:
            user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
            if user is None:
                raise CommandError(f"No active user has the email address {email}")
        importer = importer_for(kind)(user, filename=path.name, programme_wide=user is None)
        with path.open("rb") as handle:
            result = importer.run(handle, dry_run=dry_run)
        for note in result.notes:
            self.stdout.write(f"Note: {note}")
        if result.problems:
            for problem in result.problems:
                self.stderr.write(str(problem))
            count = len(result.problems)
            raise CommandError(f"Nothing was imported: {count} {'problem' if count == 1 else 'problems'} "
                               f"in {path.name}")
        prefix = "Dry run, so nothing was saved. " if dry_run else ""
        counts = "; ".join(f"{label}: {number}" for label, number in result.outcome.counts)
        self.stdout.write(self.style.SUCCESS(f"{prefix}{result.rows} rows read from {path.name}. {counts}"))
