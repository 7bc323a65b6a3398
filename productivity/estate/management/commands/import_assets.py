"""Import an owner's land and building assets, as the import pages do.

    manage.py import_assets --owner CODE [--as EMAIL] [--dry-run] FILE

The last line is always imported=N unchanged=U rejected=R flagged=F total=T: T is the data rows in the
file (N + U + R) and F the imported rows with a data-quality flag. A withdrawn asset is never changed: its
row counts as unchanged when it says the same, and is rejected (saying when it was withdrawn) otherwise.
"""

from django.core.management.base import BaseCommand

from productivity.imports.cli import run_file

LINE = ("imported", "unchanged", "rejected", "flagged")


class Command(BaseCommand):
    help = "Import an owner's land and building assets (a CSV or XLSX file): every row is checked first."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a CSV or XLSX file")
        parser.add_argument("--owner", required=True, help="Whose assets they are: a GSS or organisation code")
        parser.add_argument("--as", dest="email", help="Import with this person's rights")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, saving nothing")

    def handle(self, *args, file, owner, email=None, dry_run=False, **options):
        run_file(self, kind="assets", path=file, publisher=owner, email=email, dry_run=dry_run, line=LINE)
