from productivity.estate.importers.assets import AssetImporter

__all__ = ["AssetImporter"]
