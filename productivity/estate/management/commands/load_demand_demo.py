"""Load illustrative customer service demand for Trafford into the demo, through the demand importer.

    manage.py load_demand_demo

The figures are made up (labelled illustrative on every page that shows them): demand per square
kilometre of the borough, highest near its town centres. Safe to run again: a second run changes nothing.
"""

import csv
import math
import tempfile
from pathlib import Path

import shapely
from django.core.management.base import BaseCommand, CommandError
from pyproj import Transformer

from productivity.estate import geography
from productivity.imports.cli import run_file
from productivity.organisations.models import Organisation

TRAFFORD = "E08000009"
LINE = ("imported", "unchanged", "rejected")
# Town centres (longitude, latitude) and how much demand each draws.
CENTRES = ((-2.3508, 53.3873, 5200), (-2.3197, 53.4246, 4800), (-2.3160, 53.4461, 4300),
           (-2.3541, 53.4487, 3200), (-2.4247, 53.4197, 2600), (-2.2846, 53.4594, 3900))
SQUARE = 1000  # metres
HEADINGS = ("Reference", "Name", "Kind", "Service", "Period", "Visits per year", "CRS", "Easting", "Northing",
            "Illustrative")


def rows() -> list[tuple]:
    """One row per kilometre square whose centre lies in Trafford: illustrative visits a year."""
    to_bng = Transformer.from_crs(4326, 27700, always_xy=True)
    to_wgs84 = Transformer.from_crs(27700, 4326, always_xy=True)
    area = geography.area_of(TRAFFORD)
    west, south, east, north = area.bounds
    (x0, y0), (x1, y1) = to_bng.transform(west, south), to_bng.transform(east, north)
    centres = [(*to_bng.transform(lon, lat), weight) for lon, lat, weight in CENTRES]
    found = []
    for x in range(int(x0 // SQUARE) * SQUARE, int(x1) + SQUARE, SQUARE):
        for y in range(int(y0 // SQUARE) * SQUARE, int(y1) + SQUARE, SQUARE):
            cx, cy = x + SQUARE / 2, y + SQUARE / 2
            if not shapely.contains_xy(area, *to_wgs84.transform(cx, cy)):
                continue
            visits = 150 + sum(weight * math.exp(-math.hypot(cx - ex, cy - ey) / 1200) for ex, ey, weight in centres)
            reference = f"DEMO-{int(cx)}-{int(cy)}"
            found.append((reference, f"Kilometre square at {int(cx)}, {int(cy)}", "Area", "All council services",
                          "2012/13", round(visits), "BNG", cx, cy, "Yes"))
    return found


class Command(BaseCommand):
    help = "Load illustrative customer service demand for Trafford (again: changes nothing)."

    def handle(self, *args, **options):
        if Organisation.objects.resolve(TRAFFORD) is None:
            raise CommandError(f"No organisation has the code {TRAFFORD}: run `manage.py import_organisations` first")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "trafford-service-demand-illustrative.csv"
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(HEADINGS)
                writer.writerows(rows())
            run_file(self, kind="service_demand", path=str(path), publisher=TRAFFORD, line=LINE)
