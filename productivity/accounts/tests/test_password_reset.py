"""Resetting a forgotten password by email: the link starts SITE_URL, works once, and the page never says
whether an address has an account."""

import pytest
from django.core import mail
from django.test import Client
from django_tasks_db.models import DBTaskResult

from conftest import PASSWORD
from productivity.accounts.tests.outbox import send_queued

SITE = "https://productivity.example.org"
NEW = "a-much-longer-secret-2012"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def _ask(client: Client, email: str):
    """Ask for a link, and let the worker send what the request queued."""
    page = client.post("/accounts/password-reset/", {"email": email}, follow=True)
    send_queued()
    return page


def _link(message) -> str:
    return next(line for line in message.body.splitlines() if line.startswith(SITE))


def test_the_sign_in_page_offers_a_reset(db):
    assert 'href="/accounts/password-reset/"' in Client().get("/accounts/login/").content.decode()


def test_the_email_goes_to_the_account_with_a_link_on_the_configured_site(world):
    page = _ask(Client(HTTP_HOST="localhost"), "Editor.A@Example.org").content.decode()
    assert "Check your email" in page
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.editor_a.email]
    assert message.subject == "Reset your password for the Productivity Platform"
    assert "Hello Editor.A" in message.body
    assert _link(message).startswith(f"{SITE}/accounts/password-reset/")
    assert "localhost" not in message.body  # never the address the request came in on


def test_the_request_only_queues_the_email_for_the_worker(world):
    Client().post("/accounts/password-reset/", {"email": world.editor_a.email})
    # Nothing is sent while the person waits, and the queued task holds no link, only whom to write to.
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "productivity.accounts.tasks.send_password_reset"
    assert queued.args_kwargs == {"args": [world.editor_a.pk], "kwargs": {}}
    assert [message.to for message in send_queued()] == [[world.editor_a.email]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_an_unknown_address_gets_the_same_page_and_no_email(db):
    page = _ask(Client(), "nobody@example.org").content.decode()
    assert "If the address you entered belongs to an account" in page
    assert mail.outbox == []


def test_the_link_sets_a_new_password_once_and_replaces_a_temporary_one(world):
    world.editor_a.must_change_password = True
    world.editor_a.save()
    client = Client()
    _ask(client, world.editor_a.email)
    link = _link(mail.outbox[0]).removeprefix(SITE)
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}, follow=True)
    assert "Your password has been changed" in done.content.decode()
    world.editor_a.refresh_from_db()
    assert world.editor_a.check_password(NEW) and not world.editor_a.must_change_password
    # Used: the link now says so, and the old password no longer signs in.
    assert "This link has expired" in Client().get(link, follow=True).content.decode()
    assert Client().post("/accounts/login/", {"username": world.editor_a.email, "password": PASSWORD}
                         ).status_code == 200


def test_mistakes_show_the_error_summary(world):
    client = Client()
    assert "Enter your email address" in client.post("/accounts/password-reset/", {"email": ""}).content.decode()
    _ask(client, world.editor_a.email)
    form = client.get(_link(mail.outbox[0]).removeprefix(SITE), follow=True)
    page = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW + "x"}
                       ).content.decode()
    assert "There is a problem" in page and "The new passwords do not match" in page


def test_a_made_up_link_says_it_has_expired(db):
    page = Client().get("/accounts/password-reset/MQ/not-a-token/").content.decode()
    assert "This link has expired" in page and 'href="/accounts/password-reset/"' in page


def _ask_from(address: str, email: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": address} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
    return Client(**headers).post("/accounts/password-reset/", {"email": email})


@pytest.mark.parametrize("email", ["editor.a@example.org", "nobody@example.org"])
def test_an_address_gets_three_links_an_hour_whether_or_not_it_has_an_account(world, settings, email):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
    replies = [_ask_from(f"192.0.2.{n}", email) for n in range(4)]
    assert [reply.status_code for reply in replies] == [302, 302, 302, 429]
    refused = replies[-1].content.decode()
    assert "There is a problem" in refused and "<title>Error: Reset your password" in refused
    assert "Too many links have been asked for this email address in the last hour" in refused
    # The refusal is the same for an account and for an address without one: it says nothing about which.
    assert "account" not in refused.split('class="govuk-error-summary')[1].split("</div>")[0]
    # Other addresses are not held up; and only the three accepted requests sent anything.
    assert _ask_from("192.0.2.9", "viewer.a@example.org").status_code == 302
    sent = [message.to for message in send_queued()]
    assert sent == ([[world.editor_a.email]] * 3 if email.startswith("editor") else []) + [[world.viewer_a.email]]


def test_a_client_is_limited_across_addresses_by_its_real_address_behind_the_proxy(world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 2
    assert _ask_from("10.0.0.1", "one@example.org", "198.51.100.7").status_code == 302
    assert _ask_from("10.0.0.1", "two@example.org", "203.0.113.1, 198.51.100.7").status_code == 302
    refused = _ask_from("10.0.0.1", "three@example.org", "198.51.100.7")
    assert refused.status_code == 429
    assert "Too many links have been asked for from your connection" in refused.content.decode()
    # Another client behind the same proxy is not held up by the first one's requests.
    assert _ask_from("10.0.0.1", "three@example.org", "198.51.100.8").status_code == 302


def test_the_limit_forgets_requests_after_an_hour_and_keeps_no_address_asked_for(world, settings):
    import datetime as dt

    from django.utils import timezone

    from productivity.accounts.models import PasswordResetRequest

    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 1
    assert _ask_from("192.0.2.1", world.editor_a.email).status_code == 302
    assert _ask_from("192.0.2.1", world.editor_a.email).status_code == 429
    assert world.editor_a.email not in str(list(PasswordResetRequest.objects.values()))
    PasswordResetRequest.objects.update(at=timezone.now() - dt.timedelta(minutes=61))
    assert _ask_from("192.0.2.1", world.editor_a.email).status_code == 302
    assert PasswordResetRequest.objects.count() == 1
