"""Importers for programme records from CSV or XLSX files, registered with the imports app.

Both are all-or-nothing: any bad row and nothing is saved.
"""

from productivity.programme.importers.projects import ProjectImporter
from productivity.programme.importers.savings import SavingsImporter

__all__ = ["ProjectImporter", "SavingsImporter"]
