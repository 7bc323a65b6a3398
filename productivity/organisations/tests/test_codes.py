"""Finding an organisation by the codes files use: slug, ONS GSS code, register code or a former GSS code."""

import datetime as dt

import pytest

from productivity.organisations.models import Organisation
from productivity.organisations.tests.factories import make_body, make_council


@pytest.fixture
def merged(db):
    """A unitary council formed in 2009 from districts whose old codes still appear in files."""
    return make_council("Wiltshire", gss_code="E06000054", registry_code="WIL", former_gss_codes="E07000052, E07000053",
                        start_date=dt.date(2009, 4, 1))


@pytest.mark.parametrize("code", ["E06000054", "e06000054", " E06000054 ", "WIL", "wil", "E07000052", "e07000053"])
def test_a_council_is_found_by_any_of_its_codes_whatever_the_case_or_spacing(merged, code):
    assert Organisation.objects.resolve(code) == merged
    assert merged.matches_code(code)


@pytest.mark.parametrize("code", ["", "   ", "E0700005", "E07", "Wiltshire", "E06000055"])
def test_part_of_a_code_a_name_or_an_unknown_code_finds_nothing(merged, code):
    assert Organisation.objects.resolve(code) is None


def test_a_body_is_found_by_its_slug(db):
    funder = make_body("Department of Health", slug="dh")
    assert Organisation.objects.resolve("DH") == funder


def test_councils_that_existed_on_a_day_leave_out_those_not_yet_formed_or_abolished(merged):
    abolished = make_council("Kennet", end_date=dt.date(2009, 4, 1))
    on_the_day = Organisation.objects.councils().existing_on(dt.date(2009, 4, 1))
    day_before = Organisation.objects.councils().existing_on(dt.date(2009, 3, 31))
    assert merged in on_the_day and abolished not in on_the_day
    assert abolished in day_before and merged not in day_before
    assert not abolished.is_current and merged.is_current


def test_only_councils_are_councils(merged):
    body = make_body()
    assert list(Organisation.objects.councils()) == [merged]
    assert merged.is_council and not body.is_council
