"""What each role may do, as the permission matrices assume: members see, editors change, the programme team
does both everywhere; a viewer of the programme team has no programme-wide rights."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from productivity.accounts import roles as rights
from productivity.accounts.models import Role
from productivity.accounts.tests.factories import PASSWORD, make_member, make_user
from productivity.organisations.tests.factories import make_council, make_programme_team


def test_the_programme_team_is_its_editors_and_admins_not_its_viewers(db):
    team = make_programme_team()
    assert rights.is_programme_team(make_member(team, Role.EDITOR))
    assert rights.is_programme_team(make_member(team, Role.ADMIN))
    assert not rights.is_programme_team(make_member(team, Role.VIEWER))


def test_a_council_editor_or_admin_has_no_programme_wide_rights(db):
    council = make_council()
    assert not rights.is_programme_team(make_member(council, Role.EDITOR))
    assert not rights.is_programme_team(make_member(council, Role.ADMIN))


def test_signed_out_and_deactivated_people_have_no_rights(db):
    council = make_council()
    gone = make_member(council, Role.EDITOR, is_active=False)
    for person in (AnonymousUser(), None, gone):
        assert not rights.is_signed_in(person)
        assert rights.editor_organisation_ids(person) == set()
        assert not rights.can_write_anything(person)


def test_a_viewer_sees_but_does_not_change_their_councils_records(roles):
    council_a = roles.council_a.pk
    assert rights.member_organisation_ids(roles.viewer_a) == {council_a}
    assert rights.editor_organisation_ids(roles.viewer_a) == set()
    assert not rights.can_write_anything(roles.viewer_a)


def test_an_editor_changes_only_their_own_councils_records(roles):
    assert rights.editor_organisation_ids(roles.editor_a) == {roles.council_a.pk}
    assert rights.editor_organisation_ids(roles.editor_b) == {roles.council_b.pk}
    assert rights.can_write_anything(roles.editor_b)


def test_someone_in_two_councils_has_each_role_where_they_hold_it(db):
    first, second = make_council(), make_council()
    person = make_user(None, first, Role.EDITOR)
    person.memberships.create(organisation=second, role=Role.VIEWER)
    assert rights.member_organisation_ids(person) == {first.pk, second.pk}
    assert rights.editor_organisation_ids(person) == {first.pk}


def test_only_admins_and_the_programme_team_manage_an_organisations_people(roles):
    admin = make_member(roles.council_a, Role.ADMIN)
    assert rights.may_manage_people(admin, roles.council_a)
    assert rights.may_manage_people(roles.programme, roles.council_a)
    assert not rights.may_manage_people(roles.editor_a, roles.council_a)
    assert not rights.may_manage_people(admin, roles.council_b)
    assert rights.may_see_people(roles.viewer_a, roles.council_a)
    assert not rights.may_see_people(roles.editor_b, roles.council_a)


def test_the_public_name_of_a_person_is_their_organisations(roles):
    assert rights.public_name(roles.editor_a) == "Someone at Hampshire"
    assert rights.public_name(make_user()) == "A signed-in user"


@pytest.mark.parametrize("role", ["viewer_a", "editor_a", "editor_b", "programme"])
def test_each_role_signs_in_through_the_real_form_with_the_factories_password(roles, role):
    user = roles.users()[role]
    response = Client().post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert Client().post("/accounts/login/", {"username": user.email, "password": "wrong"}).status_code == 200


def test_the_roles_are_the_permission_matrices_roles(roles):
    assert list(roles.users()) == ["anonymous", "viewer_a", "editor_a", "editor_b", "programme"]
    assert roles.users()["anonymous"] is None
    assert len({user.email for user in roles.users().values() if user}) == 4
