"""Shared fixtures: two councils, one person in each role, and a small programme.

The five roles of the permission matrix are: anonymous, viewer of council A, editor of
council A, editor of council B (the outsider), and the programme team.
"""

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import Page, expect, sync_playwright

from productivity.accounts.models import Membership, Role, User
from productivity.organisations.models import Organisation, OrganisationKind
from productivity.programme.models import (
    FundingAward,
    Initiative,
    Participant,
    Project,
    Saving,
    SavingAmount,
    Workstream,
)

PASSWORD = "correct-horse-battery-staple"


def make_user(email: str, organisation: Organisation | None = None, role: str = Role.VIEWER) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, full_name=email.split("@")[0].title())
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


class World:
    """A small, fully linked programme the tests can rely on."""

    def __init__(self):
        self.council_a = Organisation.objects.create(slug="E10000014", gss_code="E10000014", name="Hampshire",
                                                     kind=OrganisationKind.COUNCIL, authority_type="CTY",
                                                     region="South East")
        self.council_b = Organisation.objects.create(slug="E06000030", gss_code="E06000030", name="Swindon",
                                                     kind=OrganisationKind.COUNCIL, authority_type="UA",
                                                     region="South West")
        self.lga = Organisation.objects.create(slug="lga", name="Local Government Association",
                                               kind=OrganisationKind.PROGRAMME_TEAM)
        self.dh = Organisation.objects.create(slug="dh", name="Department of Health",
                                              kind=OrganisationKind.CENTRAL_GOVERNMENT)
        self.viewer_a = make_user("viewer.a@example.org", self.council_a, Role.VIEWER)
        self.editor_a = make_user("editor.a@example.org", self.council_a, Role.EDITOR)
        self.editor_b = make_user("editor.b@example.org", self.council_b, Role.EDITOR)
        self.programme = make_user("programme@example.org", self.lga, Role.EDITOR)
        self.workstream = Workstream.objects.create(name="Children, Adults and Families",
                                                    slug="children-adults-families", position=2)
        self.initiative = Initiative.objects.create(workstream=self.workstream,
                                                    name="Adult Social Care Efficiency Programme",
                                                    slug="adult-social-care-efficiency", is_published=True)
        self.published = Project.objects.create(initiative=self.initiative, reference="ASC-001",
                                                title="Reablement at home", status="funded", rag="green",
                                                is_published=True)
        Participant.objects.create(project=self.published, organisation=self.council_a, role="lead")
        self.unpublished = Project.objects.create(initiative=self.initiative, reference="ASC-002",
                                                  title="Secret draft project", status="proposed",
                                                  is_published=False)
        Participant.objects.create(project=self.unpublished, organisation=self.council_a, role="lead")
        self.project_b = Project.objects.create(initiative=self.initiative, reference="ASC-003",
                                                title="Swindon telecare", status="implementing", rag="amber",
                                                is_published=False)
        Participant.objects.create(project=self.project_b, organisation=self.council_b, role="lead")
        FundingAward.objects.create(project=self.published, funder=self.dh, amount=Decimal("300000.00"),
                                    awarded_on=dt.date(2012, 1, 15))
        FundingAward.objects.create(project=self.published, funder=self.lga, amount=Decimal("25000.00"),
                                    awarded_on=dt.date(2012, 1, 15))
        self.saving = Saving.objects.create(project=self.published, organisation=self.council_a,
                                            title="Fewer residential placements", service="Adult social care",
                                            measure="Placements per 10,000 over-65s", owner="Head of adult services",
                                            baseline_value=Decimal("4000000"), baseline_date=dt.date(2011, 3, 31))
        SavingAmount.objects.create(saving=self.saving, financial_year=2012, kind="expected",
                                    amount=Decimal("500000"))
        self.realised = SavingAmount.objects.create(saving=self.saving, financial_year=2012, kind="realised",
                                                    amount=Decimal("420000"), verification="unverified",
                                                    evidence_notes="Placement records Q1-Q4", entered_by=self.editor_a)
        self.secret_saving = Saving.objects.create(project=self.unpublished, organisation=self.council_a,
                                                   title="Secret saving", service="Adult social care",
                                                   measure="Cost", owner="Officer")
        SavingAmount.objects.create(saving=self.secret_saving, financial_year=2013, kind="expected",
                                    amount=Decimal("999999"))

    def users(self):
        """The permission matrix's roles, by name."""
        return {
            "anonymous": None,
            "viewer_a": self.viewer_a,
            "editor_a": self.editor_a,
            "editor_b": self.editor_b,
            "programme": self.programme,
        }


@pytest.fixture
def world(db) -> World:
    return World()


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


