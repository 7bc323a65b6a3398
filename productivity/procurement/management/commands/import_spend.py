"""Import a council's published spend file, as the import pages do.

    manage.py import_spend --publisher CODE [--as EMAIL] [--dry-run] FILE

The last line is always imported=N duplicates=D rejected=R total=T, T being the data rows in the file.
"""

from django.core.management.base import BaseCommand

from productivity.imports.cli import run_file


class Command(BaseCommand):
    help = "Import a council's spend file (CSV or XLSX): every row is checked, and none is imported twice."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a CSV or XLSX file")
        parser.add_argument("--publisher", required=True, help="Whose file it is: a GSS or organisation code")
        parser.add_argument("--as", dest="email", help="Import with this person's rights")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report the counts, "
                                                                   "saving nothing")

    def handle(self, *args, file, publisher, email=None, dry_run=False, **options):
        run_file(self, kind="spend", path=file, publisher=publisher, email=email, dry_run=dry_run,
                 line=("imported", "duplicates", "rejected"))
