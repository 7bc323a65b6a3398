"""Shared fixtures: one person in each role, the sample programme, signed-in clients and the browser.

The five roles of the permission matrices are: anonymous, viewer of council A, editor of council A,
editor of council B (the outsider), and the programme team. Each app builds its own records with the
functions in its ``tests/factories.py``; ``world`` puts the roles (accounts) and the programme's sample
portfolio together under the names the page tests and permission matrices use.
"""

import os
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import Page, expect, sync_playwright

# PASSWORD and make_user are imported from here by older tests; new tests import the factories directly.
from productivity.accounts.tests.factories import PASSWORD, Roles, make_roles, make_user  # noqa: F401
from productivity.programme.tests.factories import Portfolio, make_portfolio


class World:
    """The roles and the sample portfolio as one object: ``world.editor_a``, ``world.published``."""

    def __init__(self, roles: Roles, portfolio: Portfolio):
        self.roles = roles
        self.portfolio = portfolio

    def __getattr__(self, name: str):
        # Only called for names that are not the two parts themselves.
        for part in (self.__dict__["roles"], self.__dict__["portfolio"]):
            if hasattr(part, name):
                return getattr(part, name)
        raise AttributeError(f"The test world has no {name!r}")

    def users(self) -> dict:
        """The permission matrix's roles, by name."""
        return self.roles.users()


@pytest.fixture
def roles(db) -> Roles:
    """Councils A and B, the programme team, and one person in each role."""
    return make_roles()


@pytest.fixture
def world(roles) -> World:
    """The roles with the programme's sample portfolio (council A's published and unpublished projects...)."""
    return World(roles, make_portfolio(roles))


@pytest.fixture
def client_for():
    """A test client signed in as ``user`` (anonymous for None)."""

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher.

    test_security.py checks that the real settings hash with Argon2.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    """Evidence files written by tests go to a throwaway folder, not the developer's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


# Browser tests -------------------------------------------------------------------------------------------------
#
# Debian's headless Chromium, driven by Playwright, against pytest-django's live server.
#
# Two things make Playwright's sync API and the Django ORM work together in one process:
#
# * Playwright's sync API runs its asyncio event loop on the main thread (it switches to it through a
#   greenlet), so ``asyncio.get_running_loop()`` finds a loop for as long as the browser is open. Django
#   then takes every ORM call a test makes (building fixtures, checking what a form saved, flushing the
#   database afterwards) for a call from async code and raises SynchronousOnlyOperation. The test code is
#   ordinary synchronous code that never shares a connection with that loop, so telling Django to allow it
#   (DJANGO_ALLOW_ASYNC_UNSAFE) is safe. Subprocesses that run ``manage.py check --deploy``
#   drop the variable (it rightly refuses it: async.E001).
# * The live server answers the browser from another thread, which sees only committed data: tests mark
#   themselves ``@pytest.mark.django_db(transaction=True)``.
#
# One Chromium serves every browser test in the run (session scope, started by the first test that asks);
# each test gets a fresh context, so no cookies carry over.

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ALLOW_ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

# Playwright's own default is 30 seconds; a page of this app that takes more than 10 is a failure.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}: run ./scripts/ensure-chromium "
                    "or set CHROMIUM to its path.")
    # Set for the rest of the run: once Playwright's loop runs on the main thread, every later ORM
    # call from a test would otherwise be refused. Subprocesses that must not inherit it drop it.
    os.environ.setdefault(ALLOW_ASYNC_UNSAFE, "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server) -> Page:
    context = browser.new_context(base_url=live_server.url, accept_downloads=True, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


