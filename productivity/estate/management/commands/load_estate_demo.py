"""Load the demo's estate: Trafford Council's real land and building assets register (OGL v3), other
agencies' buildings in Trafford and Greater Manchester (`load_public_buildings`), illustrative customer service
demand for Trafford (`load_demand_demo`), and the 11 Capital & Assets pathfinder partnerships with illustrative
estates, returns and a selection round.

Safe to run again: the import is idempotent, so a second run changes nothing. Needs the organisations
(`import_organisations`) loaded first, as `make demo` does.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
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
        for owner, _ in REGISTERS:
            if Organisation.objects.resolve(owner) is None:
                raise CommandError(f"No organisation has the code {owner}: run `manage.py import_organisations` "
                                   "first")
        # The map's worked example (estate maps): other agencies' buildings in the same place.
        call_command("load_public_buildings", stdout=self.stdout, stderr=self.stderr)
        call_command("load_demand_demo", stdout=self.stdout, stderr=self.stderr)
        # The 11 Capital & Assets pathfinder partnerships, their illustrative estates and returns, a selection
        # round; first, so that the register's import line stays the last line printed.
        made = demo_partnerships.load()
        self.stdout.write("Pathfinder partnerships (illustrative): " + ", ".join(
            f"{count} {name} added" for name, count in made.items()))
        for owner, path in REGISTERS:
            run_file(self, kind="assets", path=str(Path(settings.DATA_DIR) / path), publisher=owner, line=LINE)
