"""Imports people can trust: unambiguous financial years, one problem per mistake, a controlled list of
services, and the double counting an import would create named before it is confirmed."""

import io

import pytest

from productivity.imports.registry import get as registered
from productivity.programme.models import Saving, SavingAmount
from productivity.programme.service_headings import service_heading
from productivity.programme.tests.factories import make_amount, make_project, make_saving

HEADER = "Project reference,Council code,Saving title,Service,Measure,Owner,Baseline value,Baseline date,"


def run(user, content: str, *, dry_run: bool = False):
    importer = registered("savings").importer(user, filename="savings.csv")
    return importer.run(io.BytesIO(content.encode()), dry_run=dry_run)


def problems(result) -> list[tuple[int, str, str]]:
    return [(p.row, p.column.split(" (column")[0], p.message) for p in result.problems]


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["2013/14", "2013-14", "2013-2014", "FY2013/14", "fy 2013-14"])
def test_every_unambiguous_form_of_a_financial_year_is_read(world, written):
    content = ("Project reference,Council code,Saving title,Financial year,Kind,Amount\n"
               f"ASC-001,E10000014,Fewer residential placements,{written},Forecast,700\n")
    result = run(world.programme, content)
    assert result.problems == []
    assert SavingAmount.objects.get(saving=world.saving, kind="forecast").financial_year == 2013


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["2013", "FY2013"])
def test_a_year_alone_is_refused_with_the_forms_accepted_and_nothing_saved(world, written):
    content = ("Project reference,Council code,Saving title,Financial year,Kind,Amount\n"
               f"ASC-001,E10000014,Fewer residential placements,{written},Forecast,700\n")
    result = run(world.programme, content)
    assert problems(result) == [(2, "Financial year", f"'{written}' could be either of two financial years: write "
                                                      "both years, as 2012/13, 2012-13, 2012-2013 or FY2012/13")]
    assert not SavingAmount.objects.filter(kind="forecast").exists()


@pytest.mark.django_db
def test_a_bad_baseline_date_is_one_problem_not_two(world):
    content = (HEADER + "Financial year,Kind,Amount,Evidence notes\n"
               "ASC-001,E10000014,Shared telecare,Adult social care,Contract cost,Head of commissioning,"
               "\"£120,000\",31/02/2012,2012/13,Realised,100,Invoices\n")
    result = run(world.programme, content)
    found = problems(result)
    assert len(found) == 1, found
    assert found[0][:2] == (2, "Baseline date")
    assert found[0][2].startswith("'31/02/2012'")


@pytest.mark.django_db
def test_a_service_off_the_list_is_one_problem_naming_the_headings(world):
    content = (HEADER + "\nASC-001,E10000014,New saving,Widgets,Cost,Officer,,\n")
    result = run(world.programme, content)
    assert len(result.problems) == 1
    row, column, message = problems(result)[0]
    assert (row, column) == (2, "Service")
    assert message.startswith("'Widgets' is not a service heading on the list: use one of Education, "
                              "Highways and transport, Children's social care, Adult social care")
    assert not Saving.objects.filter(title="New saving").exists()


@pytest.mark.parametrize(("written", "heading"), [
    ("Property & Assets", "Central services"), ("Property and assets", "Central services"),
    ("property and assets services", "Central services"), ("ADULT SOCIAL CARE", "Adult social care"),
    ("Children’s services", "Children's social care"), ("Waste", "Environmental and regulatory"),
    ("Highways", "Highways and transport"), ("Housing (GF)", "Housing (GF)"), ("Widgets", None),
])
def test_other_names_for_a_service_map_to_one_heading(written, heading):
    assert service_heading(written) == heading


@pytest.mark.django_db
def test_an_imported_service_is_stored_as_its_heading(world):
    content = HEADER + "\nASC-001,E10000014,Fewer sites,Property & Assets,Running cost,Head of property,,\n"
    assert run(world.programme, content).problems == []
    assert Saving.objects.get(title="Fewer sites").service == "Central services"


@pytest.mark.django_db
def test_a_service_written_another_way_than_recorded_changes_nothing(world):
    Saving.objects.filter(pk=world.saving.pk).update(service="Adult Social Care Services")
    content = "Project reference,Council code,Saving title,Service\nASC-001,E10000014,Fewer residential placements," \
              "Adult social care\n"
    result = run(world.programme, content)
    assert dict(result.outcome.counts)["Savings unchanged"] == 1
    assert result.tally.imported == 0


@pytest.mark.django_db
def test_the_check_names_the_double_counting_an_import_would_create_under_another_name(world):
    # Council A's property savings in ASC-003's sister project, recorded as "Property and assets".
    other = make_project(world.initiative, lead=world.council_a, reference="CAP-01", is_published=True)
    make_amount(make_saving(other, world.council_a, title="Surplus sites", service="Property and assets"), 2013)
    content = (HEADER + "Financial year,Kind,Amount\n"
               "ASC-001,E10000014,Shared offices,Property & Assets,Rent,Head of property,,,2013/14,Expected,5000\n"
               "ASC-001,E10000014,Shared offices,,,,,,2014/15,Expected,5000\n")

    checked = run(world.editor_a, content, dry_run=True)

    counts = dict(checked.outcome.counts)
    assert counts["Possible double counting with another project's saving"] == 1
    assert checked.outcome.warnings == [
        "Possible double counting: ASC-001 'Shared offices' and CAP-01 'Surplus sites' both claim Central "
        "services savings for Hampshire in 2013/14"]
    assert not Saving.objects.filter(title="Shared offices").exists()
    done = run(world.editor_a, content)
    assert dict(done.outcome.counts)["Possible double counting with another project's saving"] == 1


@pytest.mark.django_db
def test_double_counting_already_recorded_is_not_reported_again(world):
    other = make_project(world.initiative, lead=world.council_a, reference="CAP-01", is_published=True)
    make_amount(make_saving(other, world.council_a, title="Care contracts"), 2012)
    content = ("Project reference,Council code,Saving title,Financial year,Kind,Amount\n"
               "ASC-001,E10000014,Fewer residential placements,2012/13,Forecast,7000\n")
    result = run(world.programme, content)
    assert not any(label.startswith("Possible double counting") for label, _ in result.outcome.counts)
    assert result.outcome.warnings == []


@pytest.mark.django_db
def test_double_counting_with_a_project_the_importer_cannot_see_is_not_revealed(world):
    # Swindon's draft claims a saving for Hampshire without Hampshire taking part: Hampshire cannot see it.
    hidden = make_project(world.initiative, lead=world.council_b, reference="SWI-9", is_published=False)
    make_amount(make_saving(hidden, world.council_a, title="Swindon's secret"), 2013)
    content = ("Project reference,Council code,Saving title,Financial year,Kind,Amount\n"
               "ASC-001,E10000014,Fewer residential placements,2013/14,Forecast,7000\n")
    seen_by_editor = run(world.editor_a, content, dry_run=True)
    assert not any("SWI-9" in warning for warning in seen_by_editor.outcome.warnings)
    seen_by_programme = run(world.programme, content, dry_run=True)
    assert any("SWI-9 'Swindon's secret'" in warning for warning in seen_by_programme.outcome.warnings)


@pytest.mark.django_db
def test_a_saving_reference_matches_the_saving_ignoring_case_so_its_title_can_change(world):
    content = ("Saving reference,Project reference,Council code,Saving title\n"
               f"{world.saving.reference.lower()},ASC-001,E10000014,Fewer care home placements\n")
    result = run(world.editor_a, content)
    assert dict(result.outcome.counts)["Savings updated"] == 1
    world.saving.refresh_from_db()
    assert world.saving.title == "Fewer care home placements"


@pytest.mark.django_db
def test_a_reference_of_another_projects_saving_or_none_is_refused_without_saying_whose(world):
    content = ("Saving reference,Project reference,Council code,Saving title\n"
               f"{world.secret_saving.reference},ASC-001,E10000014,Taken over\n"
               "ASC-001-S99,ASC-001,E10000014,Made up\n"
               "not a reference,ASC-001,E10000014,Typo\n")
    result = run(world.editor_a, content)
    assert result.outcome is None
    messages = [p.message for p in result.problems]
    assert f"Project ASC-001 has no saving with the reference {world.secret_saving.reference.upper()}: check the " \
           "reference, or leave it blank to add a new saving" in messages
    assert "Project ASC-001 has no saving with the reference ASC-001-S99" in " ".join(messages)
    assert any(m.startswith("'not a reference' is not a saving reference: use the reference") for m in messages)
    assert "Secret" not in " ".join(messages) and "ASC-002:" not in " ".join(messages)


@pytest.mark.django_db
def test_a_saving_id_from_an_older_download_still_matches_the_saving(world):
    content = ("Saving ID,Project reference,Council code,Saving title\n"
               f"{world.saving.pk},ASC-001,E10000014,Fewer care home placements\n")
    result = run(world.editor_a, content)
    assert dict(result.outcome.counts)["Savings updated"] == 1
    world.saving.refresh_from_db()
    assert world.saving.title == "Fewer care home placements"


@pytest.mark.django_db
def test_a_saving_id_of_another_projects_saving_is_refused_without_saying_whose(world):
    content = ("Saving ID,Project reference,Council code,Saving title\n"
               f"{world.secret_saving.pk},ASC-001,E10000014,Taken over\n")
    result = run(world.editor_b, content)
    assert result.outcome is None
    messages = " ".join(p.message for p in result.problems)
    assert "Secret" not in messages and "ASC-002" not in messages
