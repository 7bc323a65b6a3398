"""The bulk save path's look-up finds exactly the keys saved, whatever text they hold."""

import pytest

from productivity.imports import bulk
from productivity.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db

AWKWARD = ['Smith, Jones & Co', 'The "Best" Ltd', "O'Brien", "back\\slash", "{braces}", "NULL", "null", " spaced ",
           "Ünïcödé Services", "a\ttab"]


def test_the_keys_saved_are_found_and_no_others_whatever_they_say():
    for number, name in enumerate(AWKWARD):
        Organisation.objects.create(slug=f"awkward-{number}", name=name, kind=OrganisationKind.COUNCIL)
    wanted = [(name,) for name in AWKWARD] + [("Smith", ), ("Jones & Co",), ("NULL ",), ("back\\\\slash",)]
    assert bulk.present(Organisation, ("name",), wanted) == {(name,) for name in AWKWARD}


def test_numbers_and_text_keys_are_looked_up_together():
    made = Organisation.objects.create(slug="pair", name="Pair, Ltd", kind=OrganisationKind.COUNCIL)
    found = bulk.present(Organisation, ("id", "name"), [(made.pk, "Pair, Ltd"), (made.pk, "Pair Ltd"),
                                                         (made.pk + 1000, "Pair, Ltd")])
    assert found == {(made.pk, "Pair, Ltd")}


@pytest.mark.parametrize(("values", "literal"), [
    ([1, 22, 333], "{1,22,333}"),
    ([True, False], "{t,f}"),
    (["", "a,b", 'say "hi"', "x\\y"], '{"","a,b","say \\"hi\\"","x\\\\y"}'),
])
def test_values_of_one_kind_go_as_one_literal(values, literal):
    assert bulk.array_literal(values) == literal


def test_a_missing_value_goes_as_a_list():
    assert bulk.array_literal(["a", None]) == ["a", None]


def test_rows_a_unique_key_holds_already_are_left_as_they_are():
    Organisation.objects.create(slug="kept", name="Kept as it was", kind=OrganisationKind.COUNCIL)
    made = Organisation(slug="new", name="New", kind=OrganisationKind.COUNCIL)
    fields = [field.name for field in Organisation._meta.concrete_fields if not field.primary_key]
    row = [getattr(made, Organisation._meta.get_field(name).attname) for name in fields]
    repeat = list(row)
    repeat[fields.index("slug")], repeat[fields.index("name")] = "kept", "Written over"
    assert bulk.insert_missing_rows(Organisation, fields, [repeat, row]) == 1
    assert dict(Organisation.objects.values_list("slug", "name")) == {"kept": "Kept as it was", "new": "New"}
