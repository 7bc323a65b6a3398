from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from productivity.estate.tests.factories import make_trafford

TRAFFORD_FILE = Path(settings.DATA_DIR) / "estate" / "trafford_land_and_building_assets.csv"


@pytest.fixture
def trafford(db):
    return make_trafford()


@pytest.fixture
def import_assets(tmp_path, capsys):
    """Run `import_assets` on the bytes (or the path) given; (its last line, every line it printed)."""

    def run(content, *, owner="E08000009", name="assets.csv", dry_run=False, expect_failure=False):
        if isinstance(content, Path):
            path = content
        else:
            path = tmp_path / name
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
        args = ["import_assets", "--owner", owner, str(path)] + (["--dry-run"] if dry_run else [])
        try:
            call_command(*args)
        except SystemExit:
            assert expect_failure
        except Exception as error:  # CommandError when nothing could be imported
            if not expect_failure:
                raise
            assert "Nothing was imported" in str(error)
        out = capsys.readouterr()
        lines = out.out.strip().splitlines()
        return lines[-1], out.out + out.err

    return run
