"""Write an owner's assets to standard output.

    manage.py export_assets --owner CODE --format geojson|csv

GeoJSON is a FeatureCollection of points in WGS84 longitude and latitude (assets without coordinates have
no geometry); CSV has the register's download columns, safe to open in a spreadsheet.
"""

from django.core.management.base import BaseCommand

from productivity.estate.exports import csv_lines, geojson_lines
from productivity.estate.models import Asset
from productivity.imports.cli import publisher_named


class Command(BaseCommand):
    help = "Write an owner's assets to standard output as GeoJSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--owner", required=True, help="Whose assets: a GSS or organisation code")
        parser.add_argument("--format", dest="fmt", choices=("geojson", "csv"), default="geojson")

    def handle(self, *args, owner, fmt, **options):
        organisation = publisher_named(owner)
        assets = Asset.objects.of_owner(organisation).select_related("owner").order_by("asset_code", "uprn")
        lines = geojson_lines(assets.iterator()) if fmt == "geojson" else csv_lines(assets.iterator())
        for line in lines:
            self.stdout.write(line, ending="")
