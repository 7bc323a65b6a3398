"""manage.py import_file with the programme's kinds: the same importers from the command line."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from productivity.audit.models import AuditEntry
from productivity.programme.models import Project, SavingAmount

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def command(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_file", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_imports_projects_with_programme_rights_and_says_what_changed(world):
    out, _ = command("--kind", "projects", str(FIXTURES / "projects_excel_utf8_bom.csv"))
    assert "Projects created: 2\nProjects updated: 1\nProjects unchanged: 0" in out
    assert out.strip().splitlines()[-1] == "imported=3 unchanged=0 duplicates=0 rejected=0 total=3"
    assert "Note: Read as CSV text in UTF-8 (with a byte-order mark" in out
    entry = AuditEntry.objects.get(object_repr__startswith="ASC-101", action="create")
    assert entry.actor == "Import of projects_excel_utf8_bom.csv"


@pytest.mark.django_db
def test_imports_savings_as_a_named_person(world):
    out, _ = command("--kind", "savings", str(FIXTURES / "savings_messy.csv"), "--as", "EDITOR.A@example.org")
    assert "Amounts created: 4" in out
    assert SavingAmount.objects.get(kind="realised", saving__title="Shared telecare contract").entered_by == \
        world.editor_a


@pytest.mark.django_db
def test_problems_are_printed_with_file_row_and_column_and_nothing_is_saved(world):
    err = StringIO()
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_file", "--kind", "projects", str(FIXTURES / "projects_excel_utf8_bom.csv"),
                     "--as", "editor.b@example.org", stdout=out, stderr=err)
    assert str(error.value) == "Nothing was imported: 3 problems in projects_excel_utf8_bom.csv"
    assert out.getvalue().strip().splitlines()[-1] == "imported=0 unchanged=0 duplicates=0 rejected=3 total=3"
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("projects_excel_utf8_bom.csv, row 2, column 'Lead Organisation Code (column D)': "
                               "You can create projects only with your own council as the lead")
    assert not Project.objects.filter(reference="ASC-102").exists()


@pytest.mark.django_db
def test_dry_run_saves_nothing(world):
    out, _ = command("--kind", "projects", str(FIXTURES / "projects_windows1252.csv"), "--dry-run")
    lines = out.strip().splitlines()
    assert "Dry run, so nothing was saved: these are the counts an import would give." in lines
    assert "Projects created: 1" in out
    assert lines[-1] == "imported=1 unchanged=0 duplicates=0 rejected=0 total=1"
    assert not Project.objects.filter(reference="ASC-110").exists()


@pytest.mark.django_db
def test_unknown_person_or_file_is_an_error(world, tmp_path):
    with pytest.raises(CommandError, match="No active user has the email address nobody@example.org"):
        command("--kind", "projects", str(FIXTURES / "projects_windows1252.csv"), "--as", "nobody@example.org")
    with pytest.raises(CommandError, match="There is no file at"):
        command("--kind", "projects", str(tmp_path / "missing.csv"))


@pytest.mark.django_db
def test_importing_the_same_file_again_counts_every_row_unchanged(world):
    command("--kind", "projects", str(FIXTURES / "projects_excel_utf8_bom.csv"))
    out, _ = command("--kind", "projects", str(FIXTURES / "projects_excel_utf8_bom.csv"))
    assert out.strip().splitlines()[-1] == "imported=0 unchanged=3 duplicates=0 rejected=0 total=3"
    out, _ = command("--kind", "savings", str(FIXTURES / "savings_messy.csv"))
    again, _ = command("--kind", "savings", str(FIXTURES / "savings_messy.csv"))
    first_total = out.strip().splitlines()[-1].split()[-1]
    assert again.strip().splitlines()[-1] == f"imported=0 unchanged={first_total.split('=')[1]} duplicates=0 " \
        f"rejected=0 {first_total}"
