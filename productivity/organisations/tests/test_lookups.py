"""Finding the organisation a file names: by any code or name it goes by, and who replaced a merged council."""

import datetime as dt

import pytest
from django.core.management import call_command

from productivity.organisations.lookups import OrganisationLookup
from productivity.organisations.models import Organisation
from productivity.organisations.tests.factories import make_council

pytestmark = pytest.mark.django_db


def test_codes_names_and_former_codes_all_find_the_council():
    trafford = make_council("Trafford", gss_code="E08000009", registry_code="TRF",
                            official_name="Trafford Metropolitan Borough Council",
                            alt_names="Trafford MBC,trafford council", former_gss_codes="00BU")
    lookup = OrganisationLookup()
    for code in ("E08000009", "e08000009 ", "TRF", "00BU", trafford.slug):
        assert lookup.by_code(code) == trafford
    for name in ("Trafford", "TRAFFORD METROPOLITAN BOROUGH COUNCIL", "Trafford M.B.C.", "trafford council"):
        assert lookup.by_code_or_name(name) == trafford


def test_an_unknown_code_says_what_would_be_accepted_and_a_blank_cell_is_nothing():
    lookup = OrganisationLookup()
    with pytest.raises(ValueError, match="No organisation has the code 'E99999999': use an ONS GSS code"):
        lookup.by_code("E99999999")
    assert lookup.by_code("  ") is None


def test_a_name_two_organisations_share_finds_neither():
    make_council("Newport", gss_code="E06900101", alt_names="Newport Council")
    make_council("Newport Pagnell", gss_code="E06900102", alt_names="Newport Council")
    lookup = OrganisationLookup()
    assert lookup.find_name("Newport Council") is None
    assert lookup.find_name("Newport").name == "Newport"


def test_the_register_links_abolished_councils_to_their_successors():
    """From the real register: Chiltern (merged into Buckinghamshire in 2020) is found by its old code."""
    call_command("import_organisations", verbosity=0)
    lookup = OrganisationLookup()
    chiltern = lookup.by_code("E07000005")
    assert chiltern.name == "Chiltern" and chiltern.end_date == dt.date(2020, 3, 31)
    assert lookup.current(chiltern).name == "Buckinghamshire"
    current = Organisation.objects.get(gss_code="E06000060")
    assert lookup.current(current) == current
    # Importing the register again changes nothing.
    before = list(Organisation.objects.values_list("slug", "successor_id", "alt_names").order_by("slug"))
    call_command("import_organisations", verbosity=0)
    assert list(Organisation.objects.values_list("slug", "successor_id", "alt_names").order_by("slug")) == before
