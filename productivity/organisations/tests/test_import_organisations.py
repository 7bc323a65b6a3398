from django.core.management import call_command

from productivity.organisations.models import Organisation


def test_import_loads_every_english_council_and_other_bodies(db):
    call_command("import_organisations")
    councils = Organisation.objects.councils()
    current = councils.current()
    assert current.filter(authority_type="CTY").count() == 21
    assert current.filter(authority_type="NMD").count() == 164
    assert current.filter(authority_type="UA").count() == 63
    assert current.filter(authority_type="MD").count() == 36
    assert current.filter(authority_type="LBO").count() == 32
    assert current.filter(authority_type="CC").count() == 1
    cambridge = Organisation.objects.get(gss_code="E07000008")
    assert (cambridge.parent.name, cambridge.region) == ("Cambridgeshire", "East of England")
    assert Organisation.objects.get(slug="lga").kind == "programme_team"
    assert Organisation.objects.get(slug="dh").kind == "central_government"
    assert Organisation.objects.filter(kind="police").count() == 39
    assert Organisation.objects.filter(kind="fire").count() == 44


def test_councils_of_2011_to_2013_are_included_with_their_dates(db):
    call_command("import_organisations")
    # Abolished in 2019/2021: still there, with the day they ended.
    forest_heath = Organisation.objects.get(name="Forest Heath")
    assert forest_heath.end_date.isoformat() == "2019-03-31"
    existing_2012 = Organisation.objects.councils().existing_on(forest_heath.end_date.replace(year=2012))
    assert existing_2012.filter(name="Forest Heath").exists()
    # The register lists 326 lower-tier and unitary councils and 27 counties in 2011-2013.
    lower = existing_2012.exclude(authority_type="CTY").count()
    assert lower == 326
    assert existing_2012.filter(authority_type="CTY").count() == 27


def test_the_projects_corrections_to_the_register_are_applied(db):
    call_command("import_organisations")
    assert Organisation.objects.get(name="Forest Heath").parent.name == "Suffolk"
    assert Organisation.objects.get(gss_code="E10000019").region == "East Midlands"  # Lincolnshire
    assert not Organisation.objects.councils().filter(region="").exists()


def test_running_it_again_changes_nothing(db, capsys):
    call_command("import_organisations")
    first = list(Organisation.objects.order_by("slug").values())
    call_command("import_organisations")
    assert "0 created, 0 updated" in capsys.readouterr().out.splitlines()[-1]
    assert list(Organisation.objects.order_by("slug").values()) == first


def test_codes_resolve_by_gss_register_or_former_code(db):
    call_command("import_organisations")
    assert Organisation.objects.resolve("E10000014").name == "Hampshire"
    assert Organisation.objects.resolve("ham").name == "Hampshire"
    assert Organisation.objects.resolve("E06000048").name == "Northumberland"  # its code before 2013
    assert Organisation.objects.resolve("nowhere") is None
