"""Import a CSV or XLSX file of any registered kind, as the import pages do.

    manage.py import_file --kind KIND [--publisher CODE] [--as EMAIL] [--dry-run] FILE

Without --as the command has the programme team's rights (whoever runs it has the server); with
--as it has exactly that person's. Every problem is printed with its row and column; the last line
is always imported=N unchanged=U duplicates=D rejected=R total=T, T being the data rows in the file.
"""

from django.core.management.base import BaseCommand

from productivity.imports import registry
from productivity.imports.cli import run_file


class Command(BaseCommand):
    help = "Import a CSV or XLSX file of any registered kind: every row is checked first."

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=registry.kinds(), help="What the file contains")
        parser.add_argument("file", help="Path to a CSV or XLSX file")
        parser.add_argument("--publisher", help="Whose file it is: a GSS or organisation code")
        parser.add_argument("--as", dest="email", help="Import with this person's rights (and record them as the "
                                                       "author in the audit trail)")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report what would change, "
                                                                   "saving nothing")

    def handle(self, *args, kind, file, publisher=None, email=None, dry_run=False, **options):
        run_file(self, kind=kind, path=file, publisher=publisher, email=email, dry_run=dry_run)
