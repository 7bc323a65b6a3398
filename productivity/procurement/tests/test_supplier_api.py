"""The review queue's API: who sees and decides which proposals, and that a decision through it is the page's."""

import json
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client

from productivity.accounts.services import issue_token
from productivity.audit.models import AuditEntry
from productivity.procurement import matching, rollups
from productivity.procurement.models import MatchProposal, SpendLine, Supplier, SupplierMerge
from productivity.procurement.tests.factories import make_line, make_supplier

pytestmark = pytest.mark.django_db

Q = "/api/procurement/supplier-matches"
ROLES = ("anonymous", "viewer_a", "editor_a", "editor_b", "programme")


def cells(*statuses) -> dict[str, int]:
    return dict(zip(ROLES, statuses, strict=True))


# (method, path as the OpenAPI document names it): {role: status} for a proposal touching a supplier council A
# pays. Council A's people see it, its editors decide it; council B's editor does not learn it exists.
MATRIX = {
    ("GET", Q): cells(401, 200, 200, 200, 200),
    ("GET", f"{Q}/{{proposal_id}}"): cells(401, 200, 200, 404, 200),
    ("POST", f"{Q}/{{proposal_id}}/confirm"): cells(401, 403, 200, 404, 200),
    ("POST", f"{Q}/{{proposal_id}}/reject"): cells(401, 403, 200, 404, 200),
}


def _pair(council, name: str, lines=("120.00",), **fields) -> MatchProposal:
    """Council ``council`` pays ``name``; a newly seen, alike name (with lines of its own) is proposed as it."""
    ours = make_supplier(name)
    for amount in lines:
        make_line(council, ours, amount)
    newcomer = make_supplier(f"{name} Ltd", **fields)
    make_line(council, newcomer, "30.00")
    make_line(council, newcomer, "-5.00")  # a credit moves with the rest
    return MatchProposal.objects.create(supplier=newcomer, candidate=ours, score=Decimal("91.5"))


@pytest.fixture
def queue(roles):
    """A proposal touching council A's supplier, and one touching only council B's."""
    return {"a": _pair(roles.council_a, "Hampshire Meals on Wheels"), "b": _pair(roles.council_b, "Swindon Taxis")}


def _client(user, **options) -> Client:
    client = Client(**options)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _call(client: Client, method: str, url: str, body=None):
    if method == "GET":
        return client.get(url)
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


@pytest.mark.parametrize("operation", sorted(MATRIX), ids=" ".join)
def test_permission_matrix(roles, queue, operation):
    method, template = operation
    url = template.replace("{proposal_id}", str(queue["a"].pk))
    statuses = {}
    for role, user in roles.users().items():
        with transaction.atomic():  # every role starts from the same undecided proposal
            response = _call(_client(user), method, url, {"reason": "Checked"})
            statuses[role] = response.status_code
            if response.status_code in (403, 404):
                queue["a"].refresh_from_db()
                assert queue["a"].status == "pending" and not SupplierMerge.objects.exists(), role
            transaction.set_rollback(True)
    assert statuses == MATRIX[operation]


def test_every_supplier_match_endpoint_is_in_the_matrix(client):
    schema = client.get("/api/openapi.json").json()
    documented = {(method.upper(), path) for path, operations in schema["paths"].items()
                  if path.startswith(Q) for method in operations}
    assert documented == set(MATRIX)


def test_each_caller_lists_the_proposals_it_may_see(roles, queue):
    seen = {}
    for role, user in roles.users().items():
        if user is not None:
            body = _client(user).get(f"{Q}?status=all").json()
            seen[role] = {item["supplier"]["name"] for item in body["items"]}
    a, b = "Hampshire Meals on Wheels Ltd", "Swindon Taxis Ltd"
    assert seen == {"viewer_a": {a}, "editor_a": {a}, "editor_b": {b}, "programme": {a, b}}
    item = _client(roles.editor_a).get(Q).json()["items"][0]
    assert item["candidate"]["name"] == "Hampshire Meals on Wheels" and item["score"] == "91.5"
    assert (item["status"], item["merge"]) == ("pending", None)
    found = _client(roles.programme).get(f"{Q}?q=swindon").json()
    assert [i["candidate"]["name"] for i in found["items"]] == ["Swindon Taxis"]
    assert _client(roles.programme).get(f"{Q}?status=nonsense").status_code == 400


def test_a_session_write_needs_the_csrf_token_and_a_token_needs_none(roles, queue):
    url = f"{Q}/{queue['a'].pk}/reject"
    strict = _client(roles.editor_a, enforce_csrf_checks=True)
    assert _call(strict, "POST", url).status_code == 401
    token = issue_token(roles.editor_a, "review")
    with_token = Client(headers={"Authorization": f"Bearer {token}"}, enforce_csrf_checks=True)
    assert _call(with_token, "POST", url, {"reason": "Different firms"}).status_code == 200
    queue["a"].refresh_from_db()
    assert (queue["a"].status, queue["a"].decided_by) == ("rejected", roles.editor_a)


def _effect(proposal: MatchProposal) -> dict:
    """Everything a confirmation changes, named so that two confirmations of alike pairs compare equal."""
    proposal.refresh_from_db()
    merged, into = proposal.supplier, proposal.candidate
    into.refresh_from_db()
    link = SupplierMerge.objects.get(supplier=merged)

    def history(obj):
        entries = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                                            object_id=str(obj.pk)).order_by("pk")
        return [(entry.action, entry.user_id, sorted(entry.changes)) for entry in entries]

    by_supplier = rollups.rollup(rollups.Scope(), ("supplier",))
    return {
        "proposal": (proposal.status, proposal.decided_by_id, proposal.reason, proposal.decided_at is not None),
        "merged kept": Supplier.objects.filter(pk=merged.pk).exists(),
        "merged lines": SpendLine.objects.filter(supplier=merged).count(),
        "lines now": sorted(str(a) for a in SpendLine.objects.filter(supplier=into).values_list("amount", flat=True)),
        "net spend now": str(by_supplier[((into.pk, into.name),)].total),
        "merged in roll-up": ((merged.pk, merged.name),) in by_supplier,
        "link": (link.into_id == into.pk, link.proposal_id == proposal.pk, link.lines_moved, link.merged_by_id,
                 link.reason),
        "identifiers": into.companies_house_number,
        "proposal history": history(proposal),
        "merge history": history(link),
    }


def test_confirming_through_the_api_does_what_the_page_does(roles, client_for):
    by_page = _pair(roles.council_a, "Hampshire Meals on Wheels", companies_house_number="01234567")
    by_api = _pair(roles.council_a, "Hampshire Home Care", companies_house_number="07654321")
    response = client_for(roles.editor_a).post(f"/procurement/suppliers/review/{by_page.pk}/",
                                               {"decision": "merge", "reason": "Same company number"})
    assert response.status_code == 302
    answer = _client(roles.editor_a).post(f"{Q}/{by_api.pk}/confirm", data=json.dumps(
        {"reason": "Same company number"}), content_type="application/json")
    assert answer.status_code == 200
    page_effect, api_effect = _effect(by_page), _effect(by_api)
    assert page_effect["identifiers"] == "01234567" and api_effect["identifiers"] == "07654321"
    page_effect.pop("identifiers"), api_effect.pop("identifiers")
    assert api_effect == page_effect
    assert api_effect["lines now"] == ["-5.00", "120.00", "30.00"] and api_effect["merged lines"] == 0
    assert api_effect["merged kept"] and not api_effect["merged in roll-up"]
    assert api_effect["net spend now"] == "145.00"
    assert api_effect["link"] == (True, True, 2, roles.editor_a.pk, "Same company number")
    assert api_effect["merge history"] and api_effect["merge history"][0][:2] == ("create", roles.editor_a.pk)
    assert any(entry[0] == "update" and entry[1] == roles.editor_a.pk and "status" in entry[2]
               for entry in api_effect["proposal history"])
    body = answer.json()
    assert body["status"] == "confirmed" and body["merge"]["lines_moved"] == 2
    assert body["merge"]["into_id"] == by_api.candidate_id
    # Deciding again is a conflict, with the page's words, and changes nothing.
    again = _client(roles.editor_a).post(f"{Q}/{by_api.pk}/reject", data="{}", content_type="application/json")
    assert again.status_code == 409 and "already decided" in again.json()["detail"]
    by_api.refresh_from_db()
    assert by_api.status == "confirmed"


def test_a_rejection_through_the_api_is_remembered(roles, queue):
    proposal = queue["a"]
    answer = _client(roles.editor_a).post(f"{Q}/{proposal.pk}/reject", data=json.dumps(
        {"reason": "Different charities"}), content_type="application/json")
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["reason"]) == ("rejected", "Different charities")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.reason) == ("rejected", roles.editor_a,
                                                                      "Different charities")
    assert SpendLine.objects.filter(supplier=proposal.supplier).count() == 2  # nothing moved
    assert not SupplierMerge.objects.exists()
    # Looking for matches again does not propose the pair a second time.
    matching.propose_matches()
    assert MatchProposal.objects.filter(supplier__in=[proposal.supplier, proposal.candidate],
                                        candidate__in=[proposal.supplier, proposal.candidate]).count() == 1
    pending = _client(roles.editor_a).get(Q).json()["items"]
    assert proposal.pk not in [item["id"] for item in pending]
    rejected = _client(roles.editor_a).get(f"{Q}?status=rejected").json()["items"]
    assert [item["id"] for item in rejected] == [proposal.pk]
    # The page's queue says the same.
    page = _client(roles.editor_a).get("/procurement/suppliers/review/?status=rejected").content.decode()
    assert "Rejected: different suppliers" in page


def test_a_body_with_an_unknown_field_or_a_bad_id_is_refused_not_an_error(roles, queue):
    url = f"{Q}/{queue['a'].pk}/confirm"
    assert _client(roles.editor_a).post(url, data=json.dumps({"decision": "merge"}),
                                        content_type="application/json").status_code == 400
    assert _client(roles.editor_a).post(url, data=json.dumps({"reason": "x" * 501}),
                                        content_type="application/json").status_code == 400
    assert _client(roles.programme).get(f"{Q}/999999").status_code == 404
    assert _client(roles.programme).get(f"{Q}/nonsense").status_code in (400, 404, 422)
    queue["a"].refresh_from_db()
    assert queue["a"].status == "pending"
