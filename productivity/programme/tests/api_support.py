"""Helpers for the API tests: clients that send a personal token, and council A's unpublished records.

``world`` (conftest.py) gives each role a user; ``Secrets`` adds to council A's unpublished project
ASC-002 one of every kind of record, so that every endpoint has something an outsider must not see.
Everything council A keeps private is named with the word "Secret".
"""

import datetime as dt
import json
from decimal import Decimal

from django.test import Client

from productivity.accounts.models import Membership, Role, User
from productivity.accounts.services import issue_token
from productivity.programme.models import (
    FundingAward,
    Initiative,
    Milestone,
    Participant,
    Risk,
    Saving,
    SavingAmount,
    WithdrawalRequest,
)

SECRET = "Secret"
ROLES = ("anonymous", "viewer_a", "editor_a", "editor_b", "programme")


class ApiClient:
    """A test client that sends ``Authorization: Bearer <token>`` (or nothing, for anonymous) and JSON bodies."""

    def __init__(self, user=None, token: str | None = None):
        if user is not None and token is None:
            token = issue_token(user, "tests")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = Client(headers=headers)

    def call(self, method: str, url: str, body=None):
        if body is None:
            return getattr(self.client, method.lower())(url)
        return getattr(self.client, method.lower())(url, data=json.dumps(body), content_type="application/json")

    def get(self, url: str):
        return self.client.get(url)

    def post(self, url: str, body=None):
        return self.call("post", url, body if body is not None else {})

    def patch(self, url: str, body):
        return self.call("patch", url, body)

    def delete(self, url: str):
        return self.client.delete(url)


def clients(world) -> dict[str, ApiClient]:
    """One token-carrying client per role of the permission matrix."""
    return {role: ApiClient(user) for role, user in world.users().items()}


class Secrets:
    """Council A's unpublished records: one of each kind, on project ASC-002 or beside it."""

    def __init__(self, world):
        project = world.unpublished
        # Someone outside the matrix entered the realised amounts, so every role may try to verify them.
        self.author = User.objects.create_user(email="author.a@example.org", password=None, full_name="Author A")
        Membership.objects.create(user=self.author, organisation=world.council_a, role=Role.EDITOR)
        self.initiative = Initiative.objects.create(workstream=world.workstream, name="Secret initiative",
                                                    slug="secret-initiative", is_published=False)
        self.partner = Participant.objects.create(project=project, organisation=world.dh, role="partner")
        self.match_award = FundingAward.objects.create(project=project, funder=world.council_a,
                                                       amount=Decimal("7777.00"), awarded_on=dt.date(2012, 5, 1),
                                                       is_match_funding=True, notes="Secret match")
        self.programme_award = FundingAward.objects.create(project=project, funder=world.dh,
                                                           amount=Decimal("8888.00"), awarded_on=dt.date(2012, 5, 1),
                                                           notes="Secret grant")
        self.milestone = Milestone.objects.create(project=project, title="Secret milestone",
                                                  due_on=dt.date(2012, 9, 30))
        self.risk = Risk.objects.create(project=project, title="Secret risk")
        self.saving = world.secret_saving
        self.saving.baseline_value = Decimal("2000000")
        self.saving.baseline_date = dt.date(2011, 3, 31)
        self.saving.save()
        self.realised = SavingAmount.objects.create(saving=self.saving, financial_year=2013, kind="realised",
                                                    amount=Decimal("333333"), verification="unverified",
                                                    evidence_notes="Secret ledger", entered_by=self.author)
        self.verified = SavingAmount.objects.create(saving=self.saving, financial_year=2014, kind="realised",
                                                    amount=Decimal("444444"), verification="verified",
                                                    evidence_notes="Secret ledger", entered_by=self.author,
                                                    verified_by=world.programme)
        self.withdrawal = WithdrawalRequest.objects.create(
            project=project, kind="award", record_id=self.programme_award.pk, record_label=str(self.programme_award),
            reason="Secret reason", requested_by=world.editor_a)
        self.token_id = None


def add_council_b_claim(world) -> Saving:
    """A saving on council B's project that claims council A's adult social care in 2013/14, as ASC-002 does."""
    saving = Saving.objects.create(project=world.project_b, organisation=world.council_a,
                                   title="Swindon claim on Hampshire", service="Adult social care",
                                   measure="Cost", owner="Officer")
    SavingAmount.objects.create(saving=saving, financial_year=2013, kind="expected", amount=Decimal("1000"))
    return saving
