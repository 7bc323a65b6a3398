"""Importers for programme data from CSV or XLSX files: one base class, one small subclass per layout."""

from productivity.programme.importers.base import Importer, ImportResult, Problem
from productivity.programme.importers.projects import ProjectImporter
from productivity.programme.importers.savings import SavingsImporter

IMPORTERS: dict[str, type[Importer]] = {
    ProjectImporter.kind: ProjectImporter,
    SavingsImporter.kind: SavingsImporter,
}

__all__ = ["IMPORTERS", "ImportResult", "Importer", "Problem", "importer_for"]


def importer_for(kind: str) -> type[Importer]:
    """The importer class for ``kind`` ('projects' or 'savings'); KeyError for anything else."""
    return IMPORTERS[kind]
