"""Load the real Devon and Trafford spend files shipped in data/procurement, and an illustrative Hampshire file
that gives invoice dates (safe to run again: nothing twice)."""

import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from productivity.core.formatting import counted
from productivity.imports.cli import run_file
from productivity.procurement import demo_payments, pipeline_demo

DATA = Path(settings.BASE_DIR) / "data" / "procurement"
FILES = (("E10000008", "DCCSpendingOver500_202603.csv"), ("E08000009", "trafford-supplier-spend-2026-27.zip"))


class Command(BaseCommand):
    help = ("Import Devon County Council's and Trafford Council's published spend, and an illustrative Hampshire "
            "file with invoice dates, into the demo data.")

    def _files(self, folder: Path):
        """(publisher, path) of each spend file: the real ones (Trafford's unzipped into ``folder``), then the
        illustrative one that gives invoice dates, for paying suppliers on time (``demo_payments``)."""
        for publisher, name in FILES:
            path = DATA / name
            if path.suffix == ".zip":
                with zipfile.ZipFile(path) as archive:
                    inside = next(n for n in archive.namelist() if n.endswith(".csv"))
                    path = Path(archive.extract(inside, folder))
            yield publisher, path
        yield demo_payments.COUNCIL, demo_payments.write_file(folder)

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as folder:
            for publisher, path in self._files(Path(folder)):
                self.stdout.write(f"{publisher}: {path.name}")
                run_file(self, kind="spend", path=str(path), publisher=publisher,
                         line=("imported", "duplicates", "rejected"))
        # Illustrative pipelines, processes, pledge records and contracts (the pipelines work).
        pipeline_demo.load(self.stdout)

        # Suppliers area: illustrative supplier sizes, and the category pilots from the programme demo (PCM-01..08).
        from productivity.procurement import demo_suppliers
        from productivity.procurement.pilots import from_programme

        demo_suppliers.load(self)
        made = from_programme()
        self.stdout.write(f"{counted(len(made), 'category pilot')}"
                          + ("" if made else " (load the programme demo first)"))
