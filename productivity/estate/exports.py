"""An owner's assets written out: GeoJSON (WGS84) for maps and GIS, CSV with the register's columns."""

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from productivity.core.exports import csv_safe
from productivity.core.tables import download_columns, iter_export_rows
from productivity.estate.models import Asset
from productivity.estate.tables import REGISTER_COLUMNS


def _plain(value):
    if isinstance(value, Decimal):
        # At most 14 significant digits: a float prints them back exactly, and GIS tools want numbers.
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def feature(asset: Asset) -> dict:
    """One asset as a GeoJSON Feature: a point in longitude and latitude, or no geometry when it has none."""
    geometry = None
    if asset.longitude is not None and asset.latitude is not None:
        geometry = {"type": "Point", "coordinates": [float(asset.longitude), float(asset.latitude)]}
    properties = {column.key: _plain(column.value(asset)) for column in download_columns(REGISTER_COLUMNS)}
    return {"type": "Feature", "id": asset.pk, "geometry": geometry, "properties": properties}


def geojson_lines(assets: Iterable[Asset]) -> Iterator[str]:
    """A FeatureCollection, written a feature at a time (an owner may hold thousands of assets)."""
    yield '{"type": "FeatureCollection", "features": [\n'
    for index, asset in enumerate(assets):
        yield ("," if index else "") + json.dumps(feature(asset), ensure_ascii=False) + "\n"
    yield "]}\n"


def csv_lines(assets: Iterable[Asset]) -> Iterator[str]:
    """The register's download columns, each cell safe from spreadsheet formulas."""
    buffer = _Line()
    writer = csv.writer(buffer)
    for row in iter_export_rows(REGISTER_COLUMNS, assets):
        writer.writerow([csv_safe(value) for value in row])
        yield buffer.take()


class _Line:
    def __init__(self):
        self.text = ""

    def write(self, value: str) -> None:
        self.text += value

    def take(self) -> str:
        text, self.text = self.text, ""
        return text
