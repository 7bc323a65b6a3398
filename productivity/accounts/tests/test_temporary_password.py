"""A temporary password has been seen by someone else: until its owner chooses their own, every page but the
change-password page sends them there, and the API refuses them, by session and by token alike."""

import pytest
from django.test import Client

from conftest import PASSWORD
from productivity.accounts.services import issue_token

NEW = "a-much-longer-secret-2012"


@pytest.fixture
def temporary(world):
    """Council A's editor, given a temporary password by an admin (with a token minted before that)."""
    world.editor_a.must_change_password = True
    world.editor_a.save()
    return world.editor_a


@pytest.mark.parametrize("path", ["/", "/your-work/", "/accounts/profile/", "/programme/projects/ASC-002/",
                                  "/programme/projects/ASC-001/edit/", "/reports/new/",
                                  "/programme/projects/?format=csv"])
def test_every_page_sends_them_to_choose_a_password_first(temporary, client_for, path):
    response = client_for(temporary).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/password/?next=")


def test_a_change_posted_with_a_temporary_password_is_not_made(world, temporary, client_for):
    response = client_for(temporary).post("/programme/projects/ASC-001/edit/", {"title": "Hijacked"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/password/")
    page = client_for(world.programme).get("/programme/projects/ASC-001/").content.decode()
    assert "Reablement at home" in page and "Hijacked" not in page


def test_the_password_page_and_signing_out_still_work(temporary, client_for):
    client = client_for(temporary)
    assert client.get("/accounts/password/").status_code == 200
    assert client.get("/accounts/logout/").status_code == 200
    assert client.post("/accounts/logout/confirm/").status_code == 302
    assert client.get("/accounts/profile/")["Location"].startswith("/accounts/login/")


def test_the_api_refuses_them_by_session_and_by_token(temporary, client_for):
    token = issue_token(temporary, "Made before the reset")
    for client in (client_for(temporary), Client(headers={"Authorization": f"Bearer {token}"})):
        for response in (client.get("/api/accounts/me"), client.get("/api/programme/projects"),
                         client.post("/api/accounts/tokens", {"name": "another"}, content_type="application/json")):
            assert response.status_code == 403
            assert "temporary password" in response.json()["detail"]


def test_once_they_choose_a_password_they_go_where_they_were_going(temporary):
    client = Client()
    landed = client.post("/accounts/login/?next=/programme/projects/ASC-002/",
                         {"username": temporary.email, "password": PASSWORD, "next": "/programme/projects/ASC-002/"})
    assert landed["Location"] == "/accounts/password/?next=%2Fprogramme%2Fprojects%2FASC-002%2F"
    done = client.post(landed["Location"], {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW,
                                            "next": "/programme/projects/ASC-002/"})
    assert done["Location"] == "/programme/projects/ASC-002/"
    assert client.get("/programme/projects/ASC-002/").status_code == 200
    assert client.get("/api/accounts/me").status_code == 200
