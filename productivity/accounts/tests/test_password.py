"""Changing your own password: GOV.UK errors when it goes wrong, still signed in when it goes right."""

from django.test import Client

from conftest import PASSWORD
from productivity.accounts.models import User

PASSWORD_PAGE = "/accounts/password/"
NEW = "a-much-longer-secret-2012"


def _signed_in(user) -> Client:
    client = Client()
    landed = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})["Location"]
    # Someone on a temporary password is sent to change it first.
    assert landed == ("/accounts/password/?next=%2Fyour-work%2F" if user.must_change_password else "/your-work/")
    return client


def test_changing_the_password_keeps_you_signed_in_and_the_new_one_works(world):
    client = _signed_in(world.viewer_a)
    assert 'href="/accounts/password/"' in client.get("/accounts/profile/").content.decode()
    response = client.post(PASSWORD_PAGE, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
                           follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/profile/"
    assert "Your password has been changed" in response.content.decode()
    assert client.get("/accounts/profile/").status_code == 200  # still signed in
    world.viewer_a.refresh_from_db()
    assert world.viewer_a.check_password(NEW) and not world.viewer_a.check_password(PASSWORD)


def test_other_sessions_are_signed_out(world):
    elsewhere = _signed_in(world.viewer_a)
    _signed_in(world.viewer_a).post(PASSWORD_PAGE, {"old_password": PASSWORD, "new_password1": NEW,
                                                    "new_password2": NEW})
    assert elsewhere.get("/accounts/profile/").status_code == 302


def test_mistakes_show_the_error_summary_in_plain_english(world):
    client = _signed_in(world.viewer_a)
    page = client.post(PASSWORD_PAGE, {"old_password": "", "new_password1": "", "new_password2": ""}
                       ).content.decode()
    assert "<title>Error: Change your password" in page and "There is a problem" in page
    for message in ("Enter your current password", "Enter a new password", "Enter your new password again"):
        assert message in page
    assert 'href="#id_old_password"' in page

    page = client.post(PASSWORD_PAGE, {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW + "x"}
                       ).content.decode()
    assert "Your current password is not right" in page
    assert "The new passwords do not match" in page

    page = client.post(PASSWORD_PAGE, {"old_password": PASSWORD, "new_password1": "short",
                                       "new_password2": "short"}).content.decode()
    assert "too short" in page and 'href="#id_new_password2"' in page
    world.viewer_a.refresh_from_db()
    assert world.viewer_a.check_password(PASSWORD)


def test_a_temporary_password_is_flagged_until_it_is_changed(world):
    user = User.objects.create_user(email="temp@example.org", password=PASSWORD, must_change_password=True)
    client = _signed_in(user)
    account = client.get("/accounts/profile/")
    assert account["Location"] == "/accounts/password/?next=%2Faccounts%2Fprofile%2F"
    assert "You are using a temporary password" in client.get(account["Location"]).content.decode()
    client.post(PASSWORD_PAGE, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    user.refresh_from_db()
    assert not user.must_change_password
    assert "temporary password" not in client.get("/accounts/profile/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(db):
    response = Client().get(PASSWORD_PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_signing_in_with_a_temporary_password_goes_straight_to_changing_it(world):
    world.viewer_a.must_change_password = True
    world.viewer_a.save()
    client = Client()
    response = client.post("/accounts/login/?next=/programme/projects/",
                           {"username": world.viewer_a.email, "password": PASSWORD,
                            "next": "/programme/projects/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/password/?next=%2Fprogramme%2Fprojects%2F"
    assert "You signed in with a temporary password" in response.content.decode()
    done = client.post(response.redirect_chain[-1][0],
                       {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW,
                        "next": "/programme/projects/"}, follow=True)
    assert done.redirect_chain[-1][0] == "/programme/projects/"
    world.viewer_a.refresh_from_db()
    assert not world.viewer_a.must_change_password
    # Never off-site.
    client.logout()
    world.viewer_a.set_password(PASSWORD)
    world.viewer_a.save()
    client.post("/accounts/login/", {"username": world.viewer_a.email, "password": PASSWORD})
    away = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": NEW,
                                               "new_password2": NEW, "next": "https://evil.example.com/"})
    assert away["Location"] == "/accounts/profile/"
