"""Core's one table: the data version the page cache is keyed by (see data_version.py)."""

from django.db import models


class DataVersion(models.Model):
    """One row whose number goes up after every committed write that a page could show."""

    version = models.BigIntegerField(default=0)

    class Meta:
        db_table = "core_dataversion"

    def __str__(self) -> str:
        return f"data version {self.version}"
