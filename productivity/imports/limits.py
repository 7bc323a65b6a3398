"""How big a file the platform will read: every bound is a setting, and every refusal names it.

Bounds keep memory flat whatever the file holds: a small workbook can unpack to gigabytes of XML,
and a file of millions of bad rows would otherwise collect millions of problems.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Limits:
    upload_bytes: int
    uncompressed_bytes: int
    rows: int
    columns: int
    cell_chars: int
    problems: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            upload_bytes=settings.IMPORT_MAX_UPLOAD_BYTES,
            uncompressed_bytes=settings.IMPORT_MAX_UNCOMPRESSED_BYTES,
            rows=settings.IMPORT_MAX_ROWS,
            columns=settings.IMPORT_MAX_COLUMNS,
            cell_chars=settings.IMPORT_MAX_CELL_CHARS,
            problems=settings.IMPORT_MAX_PROBLEMS,
        )


def megabytes(size: int) -> str:
    """50MB, 1.5MB: how sizes are named in refusals."""
    value = size / (1024 * 1024)
    return f"{value:.0f}MB" if value >= 10 or value.is_integer() else f"{value:.1f}MB"
