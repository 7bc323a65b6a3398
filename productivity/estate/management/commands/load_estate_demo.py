"""Load the demo's estate: Trafford Council's real land and building assets register (OGL v3), and the 11
Capital & Assets pathfinder partnerships with illustrative estates, returns and a selection round.

Safe to run again: the import is idempotent, so a second run changes nothing. Needs the organisations
(`import_organisations`) loaded first, as `make demo` does.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from productivity.estate import demo_partnerships
from productivity.estate.management.commands.import_assets import LINE
from productivity.imports.cli import run_file
from productivity.organisations.models import Organisation

TRAFFORD = "E08000009"
REGISTERS = ((TRAFFORD, Path("estate") / "trafford_land_and_building_assets.csv"),)


class Command(BaseCommand):
    help = ("Load Trafford Council's real asset register and the illustrative pathfinder partnerships into the demo "
            "(again: changes nothing).")

    def handle(self, *args, **options):
        for owner, _path in REGISTERS:
            if Organisation.objects.resolve(owner) is None:
                raise CommandError(f"No organisation has the code {owner}: run `manage.py import_organisations` "
                                   "first")
        # The 11 Capital & Assets pathfinder partnerships, their illustrative estates and returns, a selection
        # round; first, so that the register's import line stays the last line printed.
        made = demo_partnerships.load()
        self.stdout.write("Pathfinder partnerships (illustrative): " + ", ".join(
            f"{count} {name} added" for name, count in made.items()))
        for owner, path in REGISTERS:
            run_file(self, kind="assets", path=str(Path(settings.DATA_DIR) / path), publisher=owner, line=LINE)
