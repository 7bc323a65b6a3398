"""Load other agencies' buildings in Trafford and Greater Manchester into the demo, through the assets importer.

    manage.py load_public_buildings

One import per body (fire stations, Jobcentre Plus, probation offices, libraries, children's centres, GP
practices, hospitals, schools: see data/reference/public_buildings_trafford/SOURCE.md for who is taken to
hold what). Safe to run again: a second run changes nothing.
"""

import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from productivity.estate import public_buildings
from productivity.estate.management.commands.import_assets import LINE
from productivity.imports.cli import run_file
from productivity.organisations.models import Organisation


class Command(BaseCommand):
    help = "Load other agencies' buildings in Trafford and Greater Manchester (again: changes nothing)."

    def handle(self, *args, **options):
        files = public_buildings.files_by_owner()
        missing = [code for code in files if Organisation.objects.resolve(code) is None]
        if missing:
            raise CommandError(f"No organisation has the code {', '.join(sorted(missing))}: run "
                               "`manage.py import_organisations` first")
        with tempfile.TemporaryDirectory() as folder:
            for owner, rows in sorted(files.items()):
                path = Path(folder) / f"public-buildings-{owner}.csv"
                public_buildings.write(path, rows)
                self.stdout.write(f"{Organisation.objects.resolve(owner).name}: {len(rows)} buildings")
                run_file(self, kind="assets", path=str(path), publisher=owner, line=LINE)
