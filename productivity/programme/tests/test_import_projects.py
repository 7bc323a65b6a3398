"""Importing projects from messy real-world files: all rows or none, every problem named."""

import datetime as dt
from pathlib import Path

import pytest

from productivity.audit.models import AuditEntry
from productivity.imports.registry import get as registered
from productivity.organisations.models import Organisation, OrganisationKind
from productivity.programme.models import Participant, Project

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def run(user, name: str, *, content: bytes | None = None, as_name: str | None = None, **kwargs):
    importer = registered("projects").importer(user, filename=as_name or name, **kwargs)
    if content is not None:
        import io

        return importer.run(io.BytesIO(content))
    with (FIXTURES / name).open("rb") as handle:
        return importer.run(handle)


def problems(result) -> list[tuple[int | None, str, str]]:
    return [(p.row, p.column, p.message) for p in result.problems]


def participants(reference: str) -> dict[str, str]:
    return {p.organisation.gss_code: p.role for p in Participant.objects.filter(project__reference=reference)}


@pytest.mark.django_db
def test_excel_export_with_bom_blank_rows_and_an_extra_column_imports(world):
    result = run(world.programme, "projects_excel_utf8_bom.csv")

    assert result.problems == []
    assert result.rows == 3  # the blank rows Excel left at the end are not rows of data
    assert dict(result.outcome.counts) == {"Projects created": 2, "Projects updated": 1, "Projects unchanged": 0}
    assert "Ignored columns this import does not use: Notes for Jo" in result.notes
    telecare = Project.objects.get(reference="ASC-101")
    assert (telecare.status, telecare.rag, telecare.is_published) == ("funded", "green", False)
    assert (telecare.start_date, telecare.end_date) == (dt.date(2012, 4, 1), dt.date(2013, 3, 31))
    assert participants("ASC-101") == {"E10000014": "lead", "E06000030": "partner"}
    review = Project.objects.get(reference="ASC-102")
    assert review.initiative == world.initiative  # named by its full name, not its short name
    assert review.start_date == dt.date(2012, 4, 1)  # ISO dates and day-first dates in one file
    assert review.summary == "Two lines:\nfirst review, then pilot"
    assert participants("ASC-102") == {"E10000014": "lead"}  # a lower-case GSS code still finds Hampshire
    world.published.refresh_from_db()
    assert world.published.rag == "amber"
    assert world.published.is_published is True  # a blank cell keeps what was recorded


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing(world):
    run(world.programme, "projects_excel_utf8_bom.csv")
    entries = AuditEntry.objects.count()
    updated_at = Project.objects.get(reference="ASC-101").updated_at

    again = run(world.programme, "projects_excel_utf8_bom.csv")

    assert dict(again.outcome.counts) == {"Projects created": 0, "Projects updated": 0, "Projects unchanged": 3}
    assert again.outcome.changed == []
    assert AuditEntry.objects.count() == entries
    assert Project.objects.get(reference="ASC-101").updated_at == updated_at


@pytest.mark.django_db
def test_changes_are_recorded_in_the_audit_trail_against_the_importer(world):
    run(world.editor_a, "projects_excel_utf8_bom.csv")
    entry = AuditEntry.objects.filter(object_repr__startswith="ASC-101", action="create").get()
    assert entry.user == world.editor_a


@pytest.mark.django_db
def test_windows_1252_pound_signs_and_dashes_survive(world):
    result = run(world.editor_a, "projects_windows1252.csv")

    assert result.problems == []
    assert any("Windows-1252" in note for note in result.notes)
    project = Project.objects.get(reference="ASC-110")
    assert project.title == "Shared café contract"
    assert project.summary == "Saves £250,000 a year – one contract for two councils"
    assert (project.start_date, project.end_date) == (dt.date(2012, 4, 1), dt.date(2014, 3, 31))


@pytest.mark.django_db
def test_workbook_named_csv_is_imported_from_its_header_row(world):
    result = run(world.programme, "projects_xlsx_renamed.csv")

    assert result.problems == []
    assert "is an Excel workbook, so it was read as XLSX" in result.notes[0]
    pilot = Project.objects.get(reference="ASC-120")
    assert (pilot.start_date, pilot.end_date, pilot.rag) == (dt.date(2012, 4, 1), dt.date(2013, 3, 31), "red")
    assert participants("ASC-121") == {"E06000030": "lead", "E10000014": "partner"}


@pytest.mark.django_db
def test_excel_unicode_text_file_imports(world):
    result = run(world.programme, "projects_unicode_text.txt")
    assert result.problems == []
    assert Project.objects.get(reference="ASC-160").summary == "Saves £40,000 – est."


@pytest.mark.django_db
def test_every_bad_row_is_reported_and_nothing_is_saved(world):
    before = Project.objects.count()

    result = run(world.programme, "projects_bad_rows.csv")

    assert result.outcome is None
    assert Project.objects.count() == before
    assert not Project.objects.filter(reference__iexact="ASC-144").exists()  # the good row is not saved either
    found = problems(result)
    expected = [
        (2, "Lead organisation code (column D)", "No organisation has the code 'E99999999'"),
        (3, "Initiative (column C)", "No initiative is called 'adult-social-care'"),
        (4, "Status (column F)", "'Started' is not allowed here: use one of Proposed, Selected"),
        (4, "RAG (column G)", "'Purple' is not allowed here: use Red, Amber or Green"),
        (4, "Start date (column H)", "'31/02/2012' is not a date we can read"),
        (5, "End date (column I)", "The end date (1 April 2012) is before the start date (1 April 2013)"),
        (8, "Partner codes (column E)", "No organisation has the code 'E0600003X'"),
        (9, "Title (column B)", "Enter the title of the new project ASC-146"),
        (9, "Initiative (column C)", "Enter the initiative of the new project ASC-146"),
        (7, "Reference (column A)", "Project asc-144 is also in row 6: give each project one row"),
    ]
    for row, column, start in expected:
        assert any(r == row and c == column and m.startswith(start) for r, c, m in found), (row, column, start)
    assert len(found) == len(expected)
    assert all(p.file == "projects_bad_rows.csv" for p in result.problems)


@pytest.mark.django_db
def test_the_lead_cannot_also_be_a_partner(world):
    content = (b"Reference,Title,Initiative,Lead organisation code,Partner codes\n"
               b"ASC-170,Both,adult-social-care-efficiency,E10000014,E06000030; E10000014\n")
    result = run(world.programme, "lead.csv", content=content)
    assert problems(result) == [(2, "Partner codes (column E)", "Hampshire leads this project, so it cannot also be "
                                                                "a partner: remove its code from the partner codes")]


@pytest.mark.django_db
def test_missing_column_is_named_with_what_it_takes(world):
    result = run(world.programme, "projects_missing_column.csv")
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.row, problem.column) == (1, "Lead organisation code")
    assert problem.message.startswith("The file has no 'Lead organisation code' column")
    assert "E10000014" in problem.message


@pytest.mark.parametrize(("name", "message"), [
    ("empty.csv", "The file is empty"),
    ("blank_lines.csv", "The file has no rows"),
    ("projects_header_only.csv", "The file has a header row but no rows of data below it"),
    ("projects_utf16_no_bom.csv", "The file is not CSV text"),
    ("projects_shift_jis.csv", "The file is not text in UTF-8 or Windows-1252"),
    ("projects_old_excel.xls", "The file is an old-style Excel workbook"),
])
@pytest.mark.django_db
def test_files_that_cannot_be_imported_say_why(world, name, message):
    result = run(world.programme, name)
    assert result.outcome is None
    assert [p.message[: len(message)] for p in result.problems] == [message]
    assert str(result.problems[0]).startswith(name)


@pytest.mark.django_db
def test_two_columns_for_the_same_thing_are_reported(world):
    content = b"Reference,Title,Project title,Initiative,Lead organisation code\nASC-171,A,B,asc,E10000014\n"
    result = run(world.programme, "twice.csv", content=content)
    assert [(p.row, p.message) for p in result.problems] == [
        (1, "Two columns give the title: 'Title (column B)' and 'Project title (column C)'. Keep one of them")]


# ---- who may import what ------------------------------------------------------------------------


@pytest.mark.django_db
def test_council_editor_cannot_change_another_councils_project(world):
    content = (b"Reference,Title,Initiative,Lead organisation code\n"
               b"ASC-001,Reablement at home,adult-social-care-efficiency,E10000014\n"
               b"ASC-003,Swindon telecare,adult-social-care-efficiency,E06000030\n")
    result = run(world.editor_b, "mixed.csv", content=content)
    assert problems(result) == [(2, "Reference (column A)", "You can see project ASC-001 but cannot change it: only "
                                                            "editors of the councils taking part, and the programme "
                                                            "team, can")]


@pytest.mark.django_db
def test_an_unpublished_project_of_another_council_is_not_revealed(world):
    content = (b"Reference,Title,Initiative,Lead organisation code\n"
               b"ASC-002,Mine now,adult-social-care-efficiency,E06000030\n")
    result = run(world.editor_b, "secret.csv", content=content)
    message = result.problems[0].message
    assert message.startswith("The reference ASC-002 is already used by another project")
    assert "Secret draft project" not in message
    assert Project.objects.get(reference="ASC-002").title == "Secret draft project"


@pytest.mark.django_db
def test_council_editor_creates_projects_led_only_by_their_own_council(world):
    content = (b"Reference,Title,Initiative,Lead organisation code,Partner codes\n"
               b"ASC-180,Led by Hampshire,adult-social-care-efficiency,E10000014,\n"
               b"ASC-181,Led by Swindon,adult-social-care-efficiency,E06000030,E10000014\n")
    refused = run(world.editor_b, "new.csv", content=content)
    assert [(p.row, p.column) for p in refused.problems] == [(2, "Lead organisation code (column D)")]
    assert "only with your own council as the lead, not Hampshire" in refused.problems[0].message
    assert not Project.objects.filter(reference="ASC-181").exists()

    allowed = run(world.editor_b, "new.csv", content=content.replace(b"E10000014,\n", b"E06000030,\n"))
    assert allowed.problems == []
    assert participants("ASC-181") == {"E06000030": "lead", "E10000014": "partner"}


@pytest.mark.django_db
def test_only_the_programme_team_publishes(world):
    content = b"Reference,Published\nASC-002,Yes\n"
    refused = run(world.editor_a, "publish.csv", content=content.replace(b"Reference,", b"Reference,Title,Initiative,"
                                                                                       b"Lead organisation code,")
                  .replace(b"ASC-002,", b"ASC-002,,,,"))
    assert [p.message for p in refused.problems] == [
        "Only the programme team publishes or unpublishes projects: leave this cell blank, or ask the programme team"]

    allowed = run(world.programme, "publish.csv", content=b"Reference,Title,Initiative,Lead organisation code,"
                                                          b"Published\nASC-002,,,,Yes\n")
    assert allowed.problems == []
    assert Project.objects.get(reference="ASC-002").is_published is True


@pytest.mark.django_db
def test_viewer_can_import_nothing(world):
    content = b"Reference,Title,Initiative,Lead organisation code\nASC-190,New,adult-social-care-efficiency,E10000014\n"
    result = run(world.viewer_a, "viewer.csv", content=content)
    assert [p.row for p in result.problems] == [2]
    assert not Project.objects.filter(reference="ASC-190").exists()


@pytest.mark.django_db
def test_lead_changes_and_partners_are_added_not_removed(world):
    Organisation.objects.create(slug="E10000016", gss_code="E10000016", name="Kent", kind=OrganisationKind.COUNCIL)
    content = (b"Reference,Title,Initiative,Lead organisation code,Partner codes\n"
               b"ASC-001,,,E06000030,E10000014;E10000016\n")
    result = run(world.programme, "lead.csv", content=content)
    assert result.problems == []
    assert participants("ASC-001") == {"E06000030": "lead", "E10000014": "partner", "E10000016": "partner"}
    assert dict(result.outcome.counts)["Projects updated"] == 1


@pytest.mark.django_db
def test_new_reference_must_follow_the_reference_rules(world):
    content = b"Reference,Title,Initiative,Lead organisation code\nnew,Clash,adult-social-care-efficiency,E10000014\n"
    result = run(world.programme, "ref.csv", content=content)
    assert result.problems[0].message.startswith("'new' cannot be a new project's reference")


@pytest.mark.django_db
def test_dry_run_reports_what_would_change_and_saves_nothing(world):
    importer = registered("projects").importer(world.programme, filename="projects_excel_utf8_bom.csv")
    with (FIXTURES / "projects_excel_utf8_bom.csv").open("rb") as handle:
        result = importer.run(handle, dry_run=True)
    assert dict(result.outcome.counts)["Projects created"] == 2
    assert not Project.objects.filter(reference="ASC-101").exists()
