"""An organisation's people page, as its admin uses it: add, change the role of and remove people, never leaving
the organisation without an admin by their own hand, with every change in the history."""

import re

import pytest
from django.test import Client

from conftest import make_user
from productivity.accounts.models import Membership, Role, User
from productivity.audit.models import AuditEntry

PEOPLE = "/accounts/organisations/E10000014/people/"
ADD = PEOPLE + "add/"


@pytest.fixture
def admin_a(world):
    return make_user("admin.a@example.org", world.council_a, Role.ADMIN)


def _membership(user, organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)


def _role_url(membership) -> str:
    return f"{PEOPLE}{membership.pk}/role/"


def _remove_url(membership) -> str:
    return f"{PEOPLE}{membership.pk}/remove/"


def test_the_admin_sees_everyone_with_links_to_change_them(world, client_for, admin_a):
    page = client_for(admin_a).get(PEOPLE).content.decode()
    for person in (world.viewer_a, world.editor_a, admin_a):
        assert person.email in page
    assert "Organisation admin" in page and "Viewer" in page
    assert world.editor_b.email not in page
    assert "Add a person" in page and _role_url(_membership(world.viewer_a, world.council_a)) in page
    assert "History of changes to people" in page


def test_a_viewer_sees_the_list_but_no_change_links_or_history(world, client_for, admin_a):
    page = client_for(world.viewer_a).get(PEOPLE).content.decode()
    assert world.editor_a.email in page and admin_a.email in page
    assert "Add a person" not in page and "/role/" not in page and "/remove/" not in page
    assert "History of changes" not in page


def test_adding_a_new_person_creates_an_account_with_a_temporary_password_shown_once(world, client_for, admin_a):
    client = client_for(admin_a)
    response = client.post(ADD, {"email": "New.Person@Example.org", "full_name": "New Person", "role": "editor"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    password = re.search(r'id="temporary-password">([^<]+)<', page).group(1)
    assert "govuk-panel" in page and "will not be shown again" in page

    person = User.objects.get(email="new.person@example.org")
    assert person.full_name == "New Person" and person.must_change_password
    assert person.check_password(password)
    assert _membership(person, world.council_a).role == Role.EDITOR
    # Shown once: it is on no later page, and nowhere in what the platform stored.
    assert password not in client.get(PEOPLE).content.decode()
    assert not AuditEntry.objects.filter(changes__icontains=password).exists()

    # The new person signs in with it and is told to change it.
    newcomer = Client()
    assert newcomer.post("/accounts/login/", {"username": "new.person@example.org", "password": password}
                         )["Location"] == "/accounts/password/?next=%2Fyour-work%2F"
    # Every page but the password page sends them back to choose their own.
    assert newcomer.get("/accounts/profile/")["Location"].startswith("/accounts/password/?next=")


def test_two_new_accounts_get_different_passwords(world, client_for, admin_a):
    client = client_for(admin_a)
    pages = [client.post(ADD, {"email": f"p{n}@example.org", "full_name": f"P {n}", "role": "viewer"})
             .content.decode() for n in (1, 2)]
    first, second = (re.search(r'id="temporary-password">([^<]+)<', page).group(1) for page in pages)
    assert first != second and len(first) >= 16


def test_adding_someone_who_has_an_account_keeps_their_password(world, client_for, admin_a):
    response = client_for(admin_a).post(ADD, {"email": world.editor_b.email, "full_name": "Whoever",
                                              "role": "viewer"})
    page = response.content.decode()
    assert "already had an account" in page and "temporary-password" not in page
    world.editor_b.refresh_from_db()
    assert not world.editor_b.must_change_password and world.editor_b.full_name == "Editor.B"
    assert _membership(world.editor_b, world.council_a).role == Role.VIEWER


def test_adding_an_existing_member_or_bad_input_shows_the_error_summary(world, client_for, admin_a):
    client = client_for(admin_a)
    page = client.post(ADD, {"email": world.viewer_a.email.upper(), "full_name": "Viewer", "role": "editor"}
                       ).content.decode()
    assert "There is a problem" in page and "already belongs to Hampshire" in page
    assert _membership(world.viewer_a, world.council_a).role == Role.VIEWER

    page = client.post(ADD, {"email": "not-an-email", "full_name": "", "role": ""}).content.decode()
    assert "Enter an email address in the correct format" in page
    assert "Enter a full name" in page and "Select a role" in page
    assert 'value="not-an-email"' in page
    assert page.count('href="#id_') >= 3  # each error links to its field


def test_changing_a_role(world, client_for, admin_a):
    viewer = _membership(world.viewer_a, world.council_a)
    client = client_for(admin_a)
    assert 'value="viewer" checked' in client.get(_role_url(viewer)).content.decode()
    response = client.post(_role_url(viewer), {"role": "editor"}, follow=True)
    assert response.redirect_chain[-1][0] == PEOPLE
    assert "is now an editor at Hampshire" in response.content.decode()
    viewer.refresh_from_db()
    assert viewer.role == Role.EDITOR


def test_removing_a_person_asks_first_and_keeps_their_account(world, client_for, admin_a):
    editor = _membership(world.editor_a, world.council_a)
    client = client_for(admin_a)
    page = client.get(_remove_url(editor)).content.decode()
    assert "Remove Editor.A from Hampshire" in page and "Remove this person" in page
    assert Membership.objects.filter(pk=editor.pk).exists()
    response = client.post(_remove_url(editor), follow=True)
    assert response.redirect_chain[-1][0] == PEOPLE
    assert "Editor.A no longer belongs to Hampshire" in response.content.decode()
    assert not Membership.objects.filter(pk=editor.pk).exists()
    assert User.objects.filter(pk=world.editor_a.pk).exists()
    # And they no longer see council A's unpublished project.
    assert client_for(world.editor_a).get("/programme/projects/ASC-002/").status_code == 404


def test_the_last_admin_cannot_remove_or_demote_themselves(world, client_for, admin_a):
    mine = _membership(admin_a, world.council_a)
    client = client_for(admin_a)
    page = client.post(_remove_url(mine)).content.decode()
    assert "There is a problem" in page
    assert "You are the only organisation admin of Hampshire, so you cannot remove yourself" in page
    page = client.post(_role_url(mine), {"role": "editor"}).content.decode()
    assert "You are the only organisation admin of Hampshire, so you cannot change your own role" in page
    mine.refresh_from_db()
    assert mine.role == Role.ADMIN


def test_an_admin_with_a_fellow_admin_may_step_down_and_leave(world, client_for, admin_a):
    make_user("second.admin@example.org", world.council_a, Role.ADMIN)
    mine = _membership(admin_a, world.council_a)
    client = client_for(admin_a)
    assert client.post(_role_url(mine), {"role": "editor"})["Location"] == PEOPLE
    mine.refresh_from_db()
    assert mine.role == Role.EDITOR
    # Now an editor, they may see the list but change nothing.
    assert client.get(PEOPLE).status_code == 200
    assert client.post(_remove_url(mine)).status_code == 403


def test_an_admin_who_leaves_lands_on_their_account_page(world, client_for, admin_a):
    make_user("second.admin@example.org", world.council_a, Role.ADMIN)
    response = client_for(admin_a).post(_remove_url(_membership(admin_a, world.council_a)))
    assert response["Location"] == "/accounts/profile/"
    assert client_for(admin_a).get(PEOPLE).status_code == 404


def test_the_programme_team_may_change_the_last_admin(world, client_for, admin_a):
    """The rule stops an admin locking their own organisation out; the programme team can always step in."""
    mine = _membership(admin_a, world.council_a)
    assert client_for(world.programme).post(_role_url(mine), {"role": "viewer"}).status_code == 302
    mine.refresh_from_db()
    assert mine.role == Role.VIEWER


def test_an_admin_manages_only_their_own_organisation(world, client_for, admin_a):
    client = client_for(admin_a)
    other = _membership(world.editor_b, world.council_b)
    assert client.get("/accounts/organisations/E06000030/people/").status_code == 404
    assert client.post(f"/accounts/organisations/E06000030/people/{other.pk}/remove/").status_code == 404
    # Council B's membership named under council A's address is not found either.
    assert client.post(f"{PEOPLE}{other.pk}/remove/").status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("who", ["viewer_a", "editor_a"])
def test_members_who_are_not_admins_cannot_change_anything(world, client_for, admin_a, who):
    client = client_for(getattr(world, who))
    viewer = _membership(world.viewer_a, world.council_a)
    assert client.post(ADD, {"email": "x@example.org", "full_name": "X", "role": "admin"}).status_code == 403
    assert client.post(_role_url(viewer), {"role": "admin"}).status_code == 403
    assert client.post(_remove_url(viewer)).status_code == 403
    viewer.refresh_from_db()
    assert viewer.role == Role.VIEWER
    assert not User.objects.filter(email="x@example.org").exists()


def test_every_change_is_in_the_history_on_the_people_page(world, client_for, admin_a):
    client = client_for(admin_a)
    client.post(ADD, {"email": "new@example.org", "full_name": "New Person", "role": "viewer"})
    added = Membership.objects.get(user__email="new@example.org")
    client.post(_role_url(added), {"role": "editor"})
    client.post(_remove_url(added))

    entries = AuditEntry.objects.filter(parent_id=str(world.council_a.pk), object_id=str(added.pk))
    assert [(e.action, e.user_id) for e in entries.order_by("pk")] == [
        ("create", admin_a.pk), ("update", admin_a.pk), ("delete", admin_a.pk)]
    page = client.get(PEOPLE).content.decode()
    history = page[page.index("History of changes to people"):]
    assert "Created membership: New Person — Viewer at Hampshire" in history
    assert "Changed membership: New Person — Editor at Hampshire" in history
    assert "Viewer → Editor" in history
    assert "Deleted membership" in history and "Editor → (removed)" in history
    assert "Admin.A" in history  # who did it


@pytest.mark.parametrize("who, sees", [("anonymous", False), ("viewer_a", True), ("editor_a", True),
                                       ("editor_b", False), ("programme", True)])
def test_the_organisation_page_links_to_its_people_for_those_who_may_see_them(world, client_for, who, sees):
    page = client_for(world.users()[who]).get("/organisations/E10000014/").content.decode()
    assert (f'href="{PEOPLE}"' in page) is sees


def test_the_account_page_links_to_the_people_of_each_organisation(world, client_for, admin_a):
    page = client_for(world.viewer_a).get("/accounts/profile/").content.decode()
    assert f'href="{PEOPLE}"' in page and "/organisations/E06000030/people/" not in page
    assert "Manage people" in client_for(admin_a).get("/accounts/profile/").content.decode()
