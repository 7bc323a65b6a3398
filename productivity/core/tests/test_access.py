"""The one fetch helper: outsiders get 404 (they must not learn a record exists), read-only people get 403.

``core`` sits below every domain, so these tests reach a real scoped model (the programme's projects)
through the app registry and the shared ``world`` fixture rather than by importing the programme.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from productivity.core.access import get_for_user, require_write


@pytest.fixture
def projects():
    return apps.get_model("programme", "Project").objects


def test_a_member_of_the_lead_council_gets_its_unpublished_project(world, projects):
    assert get_for_user(projects, world.viewer_a, reference="ASC-002") == world.unpublished


def test_another_councils_editor_gets_not_found_for_an_unpublished_project(world, projects):
    with pytest.raises(Http404):
        get_for_user(projects, world.editor_b, reference="ASC-002")


def test_a_signed_out_visitor_gets_not_found_for_an_unpublished_project_but_sees_a_published_one(world, projects):
    with pytest.raises(Http404):
        get_for_user(projects, AnonymousUser(), reference="ASC-002")
    assert get_for_user(projects, AnonymousUser(), reference="ASC-001") == world.published


def test_not_found_is_the_same_whether_the_record_is_hidden_or_missing(world, projects):
    with pytest.raises(Http404) as hidden:
        get_for_user(projects, world.editor_b, reference="ASC-002")
    with pytest.raises(Http404) as missing:
        get_for_user(projects, world.editor_b, reference="ASC-999")
    assert str(hidden.value) == str(missing.value)


def test_a_viewer_who_asks_to_change_a_record_gets_forbidden_not_not_found(world, projects):
    with pytest.raises(PermissionDenied, match="view this but not change it"):
        get_for_user(projects, world.viewer_a, write=True, reference="ASC-002")


def test_an_outsider_who_asks_to_change_gets_not_found_not_forbidden(world, projects):
    with pytest.raises(Http404):
        get_for_user(projects, world.editor_b, write=True, reference="ASC-002")


def test_editors_and_the_programme_team_may_change(world, projects):
    assert get_for_user(projects, world.editor_a, write=True, reference="ASC-002") == world.unpublished
    assert get_for_user(projects, world.programme, write=True, reference="ASC-003") == world.project_b


@pytest.mark.parametrize("lookup", [{"pk": "abc"}, {"pk": "1 OR 1=1"}, {"pk": ["1"]}, {"pk": {"a": 1}},
                                    {"pk": 10**30}, {"reference": None}])
def test_a_lookup_value_of_the_wrong_kind_is_not_found_not_a_server_error(world, projects, lookup):
    with pytest.raises(Http404):
        get_for_user(projects, world.programme, **lookup)


def test_a_queryset_narrowed_by_the_page_is_scoped_the_same_way(world, projects):
    published_only = projects.filter(is_published=True)
    with pytest.raises(Http404):
        get_for_user(published_only, world.editor_a, reference="ASC-002")
    assert get_for_user(published_only, world.editor_b, reference="ASC-001") == world.published


def test_require_write_refuses_a_viewer_and_lets_an_editor_through(world, projects):
    with pytest.raises(PermissionDenied):
        require_write(projects.all(), world.viewer_a, world.unpublished)
    require_write(projects.all(), world.editor_a, world.unpublished)
