from django.test import Client, override_settings

from conftest import PASSWORD


def test_sign_in_with_email_and_password_lands_on_your_work(world):
    client = Client()
    response = client.post("/accounts/login/", {"username": "Editor.A@example.org", "password": PASSWORD},
                           follow=True)
    assert response.redirect_chain[-1][0] == "/your-work/"
    page = response.content.decode()
    assert "Sign out" in page and "<h1 class=\"govuk-heading-xl\">Your work</h1>" in page


def test_wrong_password_shows_the_error_summary_and_keeps_the_email(world):
    response = Client().post("/accounts/login/", {"username": world.editor_a.email, "password": "nope"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter a correct email address and password" in page
    assert f'value="{world.editor_a.email}"' in page


def test_sign_in_refuses_to_redirect_off_site(world):
    response = Client().post("/accounts/login/?next=https://evil.example.com/",
                             {"username": world.editor_a.email, "password": PASSWORD,
                              "next": "https://evil.example.com/"})
    assert response["Location"] == "/your-work/"


@override_settings(DEMO_MODE=True)
def test_demo_mode_shows_demo_credentials_on_the_sign_in_page(db):
    page = Client().get("/accounts/login/").content.decode()
    assert "programme@demo.local" in page and "demo-programme-2012" in page


def test_without_demo_mode_no_credentials_are_shown(db):
    page = Client().get("/accounts/login/").content.decode()
    assert "demo.local" not in page


def test_signing_out_needs_a_post(world, client_for):
    client = client_for(world.editor_a)
    assert client.get("/accounts/logout/").status_code == 200
    response = client.post("/accounts/logout/confirm/", follow=True)
    assert "Sign in" in response.content.decode()
    assert client.get("/accounts/profile/").status_code == 302


def test_profile_creates_a_token_shown_once(world, client_for):
    client = client_for(world.editor_a)
    page = client.post("/accounts/profile/", {"name": "Finance spreadsheet"}).content.decode()
    assert "Your new API token" in page
    assert "pp_" in page
    again = client.get("/accounts/profile/").content.decode()
    assert "Finance spreadsheet" in again
    assert "Your new API token" not in again
