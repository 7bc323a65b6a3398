"""The API's permission matrix: every endpoint x {anonymous, viewer_a, editor_a, editor_b, programme}.

Targets are council A's unpublished records wherever there is a choice, so each row shows the outsider
(editor_b) getting 404, the viewer 403 on writes and anonymous callers 401 on writes. Each role's call
runs in a savepoint that is rolled back, so every cell starts from the same records.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from productivity.accounts.services import issue_token
from productivity.programme.tests.api_support import ROLES, ApiClient, Secrets, clients

P = "/api/programme"


def cells(anonymous, viewer_a, editor_a, editor_b, programme) -> dict[str, int]:
    return dict(zip(ROLES, (anonymous, viewer_a, editor_a, editor_b, programme), strict=True))


PUBLIC = cells(200, 200, 200, 200, 200)
SIGNED_IN = cells(401, 200, 200, 200, 200)
A_PRIVATE = cells(404, 200, 200, 404, 200)  # council A's unpublished records
PROGRAMME_PRIVATE = cells(404, 404, 404, 404, 200)  # unpublished initiatives


def a_write(ok: int) -> dict[str, int]:
    """Changing council A's unpublished records: its editor and the programme team may."""
    return cells(401, 403, ok, 404, ok)


def programme_write_on_a(ok: int) -> dict[str, int]:
    """Programme-team-only changes to council A's unpublished records."""
    return cells(401, 403, 403, 404, ok)


@dataclass
class Case:
    method: str
    template: str  # as the OpenAPI document names the path
    url: Any  # (world, secrets) -> str
    expected: dict[str, int]
    body: Any = None  # (world, secrets) -> dict
    multipart: bool = False
    label: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.method} {self.template}{' ' + self.label if self.label else ''}"


def _evidence(world, secrets):
    return {"file": SimpleUploadedFile("ledger.csv", b"year,amount\n2013,333333\n", content_type="text/csv"),
            "description": "Ledger extract"}


def _withdrawal_cases(template: str, name: str) -> list[Case]:
    """Withdraw (anyone who may change the project: editors ask) and restore (the programme team; 400 here,
    as nothing is withdrawn yet) the record ``name`` of council A's unpublished project."""
    def url(action):
        if name == "ASC-002":
            return lambda w, s: f"{P}/projects/ASC-002/{action}"
        return lambda w, s: template.split("{")[0] + f"{getattr(s, name).pk}/{action}"
    return [Case("POST", f"{template}/withdraw", url("withdraw"), cells(401, 403, 202, 404, 200),
                 body=lambda w, s: {"reason": "Entered twice"}),
            Case("POST", f"{template}/restore", url("restore"), programme_write_on_a(400))]


CASES = [
    # Organisations (the register is public)
    Case("GET", "/api/organisations/", lambda w, s: "/api/organisations/", PUBLIC),
    Case("GET", "/api/organisations/{slug}", lambda w, s: "/api/organisations/E10000014", PUBLIC),
    # Workstreams
    Case("GET", f"{P}/workstreams", lambda w, s: f"{P}/workstreams", PUBLIC),
    Case("GET", f"{P}/workstreams/{{slug}}", lambda w, s: f"{P}/workstreams/{w.workstream.slug}", PUBLIC),
    Case("GET", f"{P}/workstreams/{{slug}}/history", lambda w, s: f"{P}/workstreams/{w.workstream.slug}/history",
         PUBLIC),
    # Initiatives
    Case("GET", f"{P}/initiatives", lambda w, s: f"{P}/initiatives", PUBLIC),
    Case("POST", f"{P}/initiatives", lambda w, s: f"{P}/initiatives", cells(401, 403, 403, 403, 201),
         body=lambda w, s: {"workstream": w.workstream.slug, "name": "Troubled families"}),
    Case("GET", f"{P}/initiatives/{{slug}}", lambda w, s: f"{P}/initiatives/{w.initiative.slug}", PUBLIC,
         label="published"),
    Case("GET", f"{P}/initiatives/{{slug}}", lambda w, s: f"{P}/initiatives/secret-initiative", PROGRAMME_PRIVATE,
         label="unpublished"),
    Case("PATCH", f"{P}/initiatives/{{slug}}", lambda w, s: f"{P}/initiatives/{w.initiative.slug}",
         cells(401, 403, 403, 403, 200), body=lambda w, s: {"summary": "Changed"}, label="published"),
    Case("PATCH", f"{P}/initiatives/{{slug}}", lambda w, s: f"{P}/initiatives/secret-initiative",
         cells(401, 404, 404, 404, 200), body=lambda w, s: {"summary": "Changed"}, label="unpublished"),
    Case("DELETE", f"{P}/initiatives/{{slug}}", lambda w, s: f"{P}/initiatives/secret-initiative",
         cells(401, 404, 404, 404, 204)),
    Case("GET", f"{P}/initiatives/{{slug}}/history", lambda w, s: f"{P}/initiatives/secret-initiative/history",
         PROGRAMME_PRIVATE),
    # Projects
    Case("GET", f"{P}/projects", lambda w, s: f"{P}/projects", PUBLIC),
    Case("POST", f"{P}/projects", lambda w, s: f"{P}/projects", cells(401, 403, 201, 403, 201),
         body=lambda w, s: {"initiative": w.initiative.slug, "reference": "ASC-100", "title": "Telecare",
                            "lead_organisation": w.council_a.slug}),
    Case("GET", f"{P}/projects/{{reference}}", lambda w, s: f"{P}/projects/ASC-002", A_PRIVATE),
    Case("PATCH", f"{P}/projects/{{reference}}", lambda w, s: f"{P}/projects/ASC-002", a_write(200),
         body=lambda w, s: {"rag": "red"}, label="unpublished"),
    Case("PATCH", f"{P}/projects/{{reference}}", lambda w, s: f"{P}/projects/ASC-001",
         cells(401, 403, 200, 403, 200), body=lambda w, s: {"rag": "red"}, label="published"),
    # ASC-002 has been funded: it is withdrawn, never deleted (409 says so, once the caller may change it).
    Case("DELETE", f"{P}/projects/{{reference}}", lambda w, s: f"{P}/projects/ASC-002", a_write(409)),
    Case("GET", f"{P}/projects/{{reference}}/history", lambda w, s: f"{P}/projects/ASC-002/history", A_PRIVATE),
    # Participants
    Case("GET", f"{P}/projects/{{reference}}/participants", lambda w, s: f"{P}/projects/ASC-002/participants",
         A_PRIVATE),
    Case("POST", f"{P}/projects/{{reference}}/participants", lambda w, s: f"{P}/projects/ASC-002/participants",
         a_write(201), body=lambda w, s: {"organisation": "lga"}),
    Case("PATCH", f"{P}/projects/{{reference}}/participants/{{organisation}}",
         lambda w, s: f"{P}/projects/ASC-002/participants/dh", a_write(200), body=lambda w, s: {"role": "lead"}),
    Case("DELETE", f"{P}/projects/{{reference}}/participants/{{organisation}}",
         lambda w, s: f"{P}/projects/ASC-002/participants/dh", a_write(204)),
    # Funding awards: programme funding is the programme team's; match funding the council's own
    Case("GET", f"{P}/projects/{{reference}}/funding-awards", lambda w, s: f"{P}/projects/ASC-002/funding-awards",
         A_PRIVATE),
    Case("POST", f"{P}/projects/{{reference}}/funding-awards", lambda w, s: f"{P}/projects/ASC-002/funding-awards",
         a_write(201), label="own match funding",
         body=lambda w, s: {"funder": w.council_a.slug, "amount": "5000.00", "awarded_on": "2012-06-01",
                            "is_match_funding": True}),
    Case("POST", f"{P}/projects/{{reference}}/funding-awards", lambda w, s: f"{P}/projects/ASC-002/funding-awards",
         programme_write_on_a(201), label="programme funding",
         body=lambda w, s: {"funder": "dh", "amount": "5000.00", "awarded_on": "2012-06-01"}),
    Case("GET", f"{P}/funding-awards/{{award_id}}", lambda w, s: f"{P}/funding-awards/{s.match_award.pk}",
         A_PRIVATE),
    Case("PATCH", f"{P}/funding-awards/{{award_id}}", lambda w, s: f"{P}/funding-awards/{s.match_award.pk}",
         a_write(200), body=lambda w, s: {"notes": "Confirmed"}, label="own match funding"),
    Case("PATCH", f"{P}/funding-awards/{{award_id}}", lambda w, s: f"{P}/funding-awards/{s.programme_award.pk}",
         programme_write_on_a(200), body=lambda w, s: {"notes": "Confirmed"}, label="programme funding"),
    Case("DELETE", f"{P}/funding-awards/{{award_id}}", lambda w, s: f"{P}/funding-awards/{s.match_award.pk}",
         a_write(409), label="own match funding"),  # funding is withdrawn, never deleted
    Case("DELETE", f"{P}/funding-awards/{{award_id}}", lambda w, s: f"{P}/funding-awards/{s.programme_award.pk}",
         programme_write_on_a(409), label="programme funding"),
    Case("GET", f"{P}/funding-awards/{{award_id}}/history",
         lambda w, s: f"{P}/funding-awards/{s.match_award.pk}/history", A_PRIVATE),
    # Milestones
    Case("GET", f"{P}/projects/{{reference}}/milestones", lambda w, s: f"{P}/projects/ASC-002/milestones",
         A_PRIVATE),
    Case("POST", f"{P}/projects/{{reference}}/milestones", lambda w, s: f"{P}/projects/ASC-002/milestones",
         a_write(201), body=lambda w, s: {"title": "Go live", "due_on": "2012-10-01"}),
    Case("GET", f"{P}/milestones/{{milestone_id}}", lambda w, s: f"{P}/milestones/{s.milestone.pk}", A_PRIVATE),
    Case("PATCH", f"{P}/milestones/{{milestone_id}}", lambda w, s: f"{P}/milestones/{s.milestone.pk}",
         a_write(200), body=lambda w, s: {"completed_on": "2012-09-28"}),
    Case("DELETE", f"{P}/milestones/{{milestone_id}}", lambda w, s: f"{P}/milestones/{s.milestone.pk}",
         a_write(204)),
    Case("GET", f"{P}/milestones/{{milestone_id}}/history", lambda w, s: f"{P}/milestones/{s.milestone.pk}/history",
         A_PRIVATE),
    # Risks
    Case("GET", f"{P}/projects/{{reference}}/risks", lambda w, s: f"{P}/projects/ASC-002/risks", A_PRIVATE),
    Case("POST", f"{P}/projects/{{reference}}/risks", lambda w, s: f"{P}/projects/ASC-002/risks", a_write(201),
         body=lambda w, s: {"title": "Providers withdraw", "likelihood": "high"}),
    Case("GET", f"{P}/risks/{{risk_id}}", lambda w, s: f"{P}/risks/{s.risk.pk}", A_PRIVATE),
    Case("PATCH", f"{P}/risks/{{risk_id}}", lambda w, s: f"{P}/risks/{s.risk.pk}", a_write(200),
         body=lambda w, s: {"status": "closed"}),
    Case("DELETE", f"{P}/risks/{{risk_id}}", lambda w, s: f"{P}/risks/{s.risk.pk}", a_write(204)),
    Case("GET", f"{P}/risks/{{risk_id}}/history", lambda w, s: f"{P}/risks/{s.risk.pk}/history", A_PRIVATE),
    # Savings
    Case("GET", f"{P}/savings", lambda w, s: f"{P}/savings", PUBLIC),
    Case("POST", f"{P}/projects/{{reference}}/savings", lambda w, s: f"{P}/projects/ASC-002/savings", a_write(201),
         body=lambda w, s: {"organisation": w.council_a.slug, "title": "Fewer agency staff", "service": "Libraries",
                            "measure": "Agency spend", "owner": "Head of libraries"}),
    Case("GET", f"{P}/savings/{{saving_id}}", lambda w, s: f"{P}/savings/{s.saving.pk}", A_PRIVATE),
    Case("PATCH", f"{P}/savings/{{saving_id}}", lambda w, s: f"{P}/savings/{s.saving.pk}", a_write(200),
         body=lambda w, s: {"owner": "Director of adult services"}),
    Case("DELETE", f"{P}/savings/{{saving_id}}", lambda w, s: f"{P}/savings/{s.saving.pk}", a_write(409)),
    Case("GET", f"{P}/savings/{{saving_id}}/history", lambda w, s: f"{P}/savings/{s.saving.pk}/history", A_PRIVATE),
    Case("GET", f"{P}/double-counts", lambda w, s: f"{P}/double-counts", PUBLIC),
    # Saving amounts, their evidence, verification and audit
    Case("GET", f"{P}/amounts", lambda w, s: f"{P}/amounts", PUBLIC),
    Case("POST", f"{P}/savings/{{saving_id}}/amounts", lambda w, s: f"{P}/savings/{s.saving.pk}/amounts",
         a_write(201), body=lambda w, s: {"financial_year": "2013/14", "kind": "forecast", "amount": "900000.00"}),
    Case("GET", f"{P}/amounts/{{amount_id}}", lambda w, s: f"{P}/amounts/{s.realised.pk}", A_PRIVATE),
    Case("PATCH", f"{P}/amounts/{{amount_id}}", lambda w, s: f"{P}/amounts/{s.realised.pk}", a_write(200),
         body=lambda w, s: {"delivery_cost": "1000.00"}),
    Case("DELETE", f"{P}/amounts/{{amount_id}}", lambda w, s: f"{P}/amounts/{s.realised.pk}", a_write(409)),
    Case("GET", f"{P}/amounts/{{amount_id}}/history", lambda w, s: f"{P}/amounts/{s.realised.pk}/history",
         A_PRIVATE),
    Case("POST", f"{P}/amounts/{{amount_id}}/verify", lambda w, s: f"{P}/amounts/{s.realised.pk}/verify",
         a_write(200)),
    Case("POST", f"{P}/amounts/{{amount_id}}/audit", lambda w, s: f"{P}/amounts/{s.verified.pk}/audit",
         programme_write_on_a(200)),
    Case("POST", f"{P}/amounts/{{amount_id}}/evidence", lambda w, s: f"{P}/amounts/{s.realised.pk}/evidence",
         a_write(201), body=_evidence, multipart=True),
    # Withdrawals: council A's editor asks (202), the programme team withdraws (200), restores and decides.
    *[case for path, name in ((f"{P}/projects/{{reference}}", "ASC-002"), (f"{P}/savings/{{saving_id}}", "saving"),
                              (f"{P}/amounts/{{amount_id}}", "realised"),
                              (f"{P}/funding-awards/{{award_id}}", "match_award"))
      for case in _withdrawal_cases(path, name)],
    Case("GET", f"{P}/withdrawal-requests", lambda w, s: f"{P}/withdrawal-requests", PUBLIC),
    Case("POST", f"{P}/withdrawal-requests/{{request_id}}/approve",
         lambda w, s: f"{P}/withdrawal-requests/{s.withdrawal.pk}/approve", programme_write_on_a(200),
         body=lambda w, s: {}),
    Case("POST", f"{P}/withdrawal-requests/{{request_id}}/refuse",
         lambda w, s: f"{P}/withdrawal-requests/{s.withdrawal.pk}/refuse", programme_write_on_a(200),
         body=lambda w, s: {"note": "The grant was spent"}),
    # Figures
    Case("GET", f"{P}/figures/headline", lambda w, s: f"{P}/figures/headline", PUBLIC),
    Case("GET", f"{P}/figures/savings/{{group}}", lambda w, s: f"{P}/figures/savings/council", PUBLIC),
    Case("GET", f"{P}/figures/funders", lambda w, s: f"{P}/figures/funders", PUBLIC),
    Case("GET", f"{P}/figures/funding/{{group}}", lambda w, s: f"{P}/figures/funding/workstream", PUBLIC),
    # Your account
    Case("GET", "/api/accounts/me", lambda w, s: "/api/accounts/me", SIGNED_IN),
    Case("GET", "/api/accounts/tokens", lambda w, s: "/api/accounts/tokens", SIGNED_IN),
    Case("POST", "/api/accounts/tokens", lambda w, s: "/api/accounts/tokens", cells(401, 403, 403, 403, 403),
         body=lambda w, s: {"name": "Another"}, label="with a token"),
    Case("DELETE", "/api/accounts/tokens/{token_id}", lambda w, s: f"/api/accounts/tokens/{s.token_id}",
         cells(401, 404, 204, 404, 404), label="editor_a's"),
]


def _call(client: ApiClient, case: Case, world, secrets):
    url = case.url(world, secrets)
    body = case.body(world, secrets) if case.body else None
    if case.multipart:
        return client.client.post(url, data=body)
    return client.call(case.method, url, body)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_permission_matrix(world, case):
    secrets = Secrets(world)
    secrets.token_id = _spare_token(world.editor_a)
    callers = clients(world)
    statuses = {}
    for role in ROLES:
        with transaction.atomic():
            response = _call(callers[role], case, world, secrets)
            statuses[role] = response.status_code
            transaction.set_rollback(True)
    assert statuses == case.expected


def _spare_token(user) -> int:
    issue_token(user, "spare")
    return user.api_tokens.get(name="spare").pk


def _documented_operations() -> set[tuple[str, str]]:
    schema = ApiClient().get("/api/openapi.json").json()
    mine = ("/api/programme/", "/api/accounts/", "/api/organisations/")
    return {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        if path.startswith(mine)
        for method in operations
    }


def test_matrix_covers_every_endpoint(db):
    """A new endpoint fails this test until it has a row in the matrix."""
    assert {(case.method, case.template) for case in CASES} == _documented_operations()
