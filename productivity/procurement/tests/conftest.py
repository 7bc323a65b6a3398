import zipfile
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[3] / "data" / "procurement"
DEVON_FILE = DATA / "DCCSpendingOver500_202603.csv"
TRAFFORD_ZIP = DATA / "trafford-supplier-spend-2026-27.zip"


@pytest.fixture(scope="session")
def trafford_file(tmp_path_factory) -> Path:
    """Trafford's 2026-27 spend file, unzipped once for the session."""
    folder = tmp_path_factory.mktemp("trafford")
    with zipfile.ZipFile(TRAFFORD_ZIP) as archive:
        archive.extractall(folder)
    return next(folder.glob("*.csv"))
