"""The sign-in lock-out is keyed on the username and the real client's address (behind the trusted proxies
settings.TRUSTED_PROXY_COUNT names), so one person's mistakes never lock out everyone behind the same proxy;
organisation admins, the programme team and a password reset lift it."""

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client

from conftest import PASSWORD
from productivity.accounts.models import Role
from productivity.accounts.tests.factories import make_member
from productivity.accounts.tests.outbox import send_queued

PROXY = "10.0.0.1"
LOGIN = "/accounts/login/"


def _client(forwarded_for: str | None = None, remote: str = PROXY) -> Client:
    headers = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return Client(**headers)


def _fail_five_times(client: Client, email: str) -> None:
    for _ in range(5):
        client.post(LOGIN, {"username": email, "password": "wrong-password"})


def _sign_in(client: Client, email: str):
    return client.post(LOGIN, {"username": email, "password": PASSWORD})


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def test_behind_a_proxy_only_the_client_that_failed_is_locked_out(world, behind_one_proxy):
    _fail_five_times(_client("198.51.100.7"), world.editor_a.email)
    assert _sign_in(_client("198.51.100.7"), world.editor_a.email).status_code == 429
    # The same person from another address behind the same proxy signs in.
    assert _sign_in(_client("198.51.100.8"), world.editor_a.email).status_code == 302
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.7"]


def test_addresses_the_client_writes_itself_do_not_escape_the_lock_out(world, behind_one_proxy):
    # The proxy appends the address it saw; anything to its left came from the client.
    for n in range(5):
        _client(f"203.0.113.{n}, 198.51.100.7").post(LOGIN, {"username": world.editor_a.email, "password": "no"})
    assert _sign_in(_client("192.0.2.99, 198.51.100.7"), world.editor_a.email).status_code == 429


def test_without_trusted_proxies_the_header_is_ignored(world):
    _fail_five_times(_client("198.51.100.7", remote="192.0.2.1"), world.editor_a.email)
    assert _sign_in(_client("198.51.100.8", remote="192.0.2.1"), world.editor_a.email).status_code == 429
    assert _sign_in(_client(None, remote="192.0.2.2"), world.editor_a.email).status_code == 302


def test_two_trusted_proxies_take_the_address_the_outer_one_saw(world, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    _fail_five_times(_client("203.0.113.50, 198.51.100.7, 10.0.0.2"), world.editor_a.email)
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"


def test_an_organisation_admin_sees_the_lock_out_and_lifts_it(world, client_for, behind_one_proxy):
    _fail_five_times(_client("198.51.100.7"), world.viewer_a.email)
    admin = make_member(world.council_a, Role.ADMIN)
    client = client_for(admin)
    page = client.get(f"/accounts/organisations/{world.council_a.slug}/people/").content.decode()
    assert "Locked out</strong>" in page and page.count("Locked out</strong>") == 1
    unlock = [line for line in page.splitlines() if "/unlock/" in line]
    assert len(unlock) == 1
    action = unlock[0].split('action="')[1].split('"')[0]
    response = client.post(action, follow=True)
    assert f"{world.viewer_a} can sign in again" in response.content.decode()
    assert _sign_in(_client("198.51.100.7"), world.viewer_a.email).status_code == 302


def test_a_member_who_is_not_an_admin_sees_no_lock_out(world, client_for):
    _fail_five_times(_client(None, remote="192.0.2.1"), world.viewer_a.email)
    page = client_for(world.editor_a).get(f"/accounts/organisations/{world.council_a.slug}/people/").content.decode()
    assert "Locked out" not in page and "/unlock/" not in page


def test_the_programme_team_lists_every_lock_out_and_lifts_one(world, client_for, behind_one_proxy):
    _fail_five_times(_client("198.51.100.7"), world.editor_b.email)
    _fail_five_times(_client("198.51.100.9"), "nobody@example.org")
    client = client_for(world.programme)
    page = client.get("/accounts/lockouts/").content.decode()
    assert world.editor_b.email in page and "198.51.100.7" in page and "nobody@example.org" in page
    attempt = AccessAttempt.objects.get(username=world.editor_b.email)
    client.post(f"/accounts/lockouts/{attempt.pk}/unlock/")
    assert _sign_in(_client("198.51.100.7"), world.editor_b.email).status_code == 302
    assert "nobody@example.org" in client.get("/accounts/lockouts/").content.decode()


def test_resetting_the_password_by_email_lifts_the_lock_out(world, settings):
    settings.SITE_URL = "https://platform.example.org"
    _fail_five_times(_client(None, remote="192.0.2.1"), world.editor_a.email)
    client = _client(None, remote="192.0.2.1")
    client.post("/accounts/password-reset/", {"email": world.editor_a.email})
    send_queued()
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    form = client.get(link.removeprefix(settings.SITE_URL), follow=True)
    new = "a-much-longer-secret-2012"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert client.post(LOGIN, {"username": world.editor_a.email, "password": new}).status_code == 302


def _history(page: str) -> str:
    return page.split('id="history"')[1]


def test_an_admins_unlock_is_in_the_organisations_history_of_people(world, client_for, behind_one_proxy):
    from productivity.audit.models import AuditEntry

    _fail_five_times(_client("198.51.100.7"), world.viewer_a.email)
    admin = make_member(world.council_a, Role.ADMIN, full_name="Ada Admin")
    client = client_for(admin)
    membership = world.viewer_a.memberships.get(organisation=world.council_a)
    client.post(f"/accounts/organisations/{world.council_a.slug}/people/{membership.pk}/unlock/")
    entry = AuditEntry.objects.get(action="unlock")
    assert (entry.user, entry.object_repr, entry.parent_id) == (admin, str(world.viewer_a), str(world.council_a.pk))
    history = _history(client.get(f"/accounts/organisations/{world.council_a.slug}/people/").content.decode())
    assert f"Unlocked the sign-in of {world.viewer_a}" in history
    assert "Ada Admin" in history and "Locked out → Unlocked: may try to sign in again" in history
    # Unlocking someone who is no longer locked out lifts nothing and records nothing.
    client.post(f"/accounts/organisations/{world.council_a.slug}/people/{membership.pk}/unlock/")
    assert AuditEntry.objects.filter(action="unlock").count() == 1


def test_the_programme_teams_unlocks_are_recorded_with_the_address(world, client_for, behind_one_proxy):
    _fail_five_times(_client("198.51.100.7"), world.editor_b.email)
    _fail_five_times(_client("198.51.100.9"), "nobody@example.org")
    client = client_for(world.programme)
    for attempt in AccessAttempt.objects.all():
        client.post(f"/accounts/lockouts/{attempt.pk}/unlock/")
    recent = _history(client.get("/accounts/lockouts/").content.decode())
    assert "Recent unlocks" in recent
    assert f"Unlocked the sign-in of {world.editor_b}" in recent
    assert "Unlocked the sign-in of nobody@example.org (not an account)" in recent
    assert "Locked out from 198.51.100.7 → Unlocked" in recent and str(world.programme) in recent
    # The person's own organisation sees it in its history of people.
    admin = make_member(world.council_b, Role.ADMIN)
    people = client_for(admin).get(f"/accounts/organisations/{world.council_b.slug}/people/").content.decode()
    assert f"Unlocked the sign-in of {world.editor_b}" in _history(people)
