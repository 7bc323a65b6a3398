from productivity.procurement.importers.spend import SpendImporter

__all__ = ["SpendImporter"]
