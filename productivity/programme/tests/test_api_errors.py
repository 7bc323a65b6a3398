"""Every API error is JSON a person can act on, and the OpenAPI document lists every error a call can get.

Found by fuzzing the running API with schemathesis: HTML pages for unknown addresses and methods, a bare
"Unauthorized" for a malformed header, 400 instead of 401 for anonymous writes, and undocumented 400/401/404s.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from productivity.accounts.models import ApiToken
from productivity.programme.models import Project
from productivity.programme.tests.api_support import ApiClient, Secrets

P = "/api/programme"


def test_an_anonymous_write_is_refused_with_401_whatever_its_body(world):
    client = Client()
    not_json = client.post(f"{P}/projects", data="{not json", content_type="application/json")
    invalid = client.patch(f"{P}/projects/ASC-001", data=json.dumps({"rag": "purple"}),
                           content_type="application/json")
    no_such_project = client.delete(f"{P}/projects/ASC-999")
    for response in (not_json, invalid, no_such_project):
        assert (response.status_code, response.json()) == (
            401, {"detail": "Sign in or send an API token to change records"})


def test_an_authorization_header_that_is_not_a_bearer_token_says_how_to_send_one(world):
    response = Client(headers={"Authorization": "Token abc"}).get(f"{P}/projects")
    assert (response.status_code, response.json()) == (
        401, {"detail": "Send your API token as 'Authorization: Bearer <token>'"})


@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_an_unknown_api_address_is_a_json_404(world, method):
    response = getattr(Client(enforce_csrf_checks=True), method)(f"{P}/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": "There is no API endpoint at this address: see /api/docs for those there are"}


def test_an_api_address_without_its_trailing_slash_still_redirects(world):
    response = Client().get("/api/organisations?q=Hamp")
    assert (response.status_code, response["Location"]) == (301, "/api/organisations/?q=Hamp")


def test_a_method_an_address_does_not_take_is_a_json_405_naming_those_it_does(world):
    response = ApiClient(world.editor_a).call("put", f"{P}/projects/ASC-001", {"title": "New"})
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "PATCH", "DELETE"}
    assert response.json()["detail"].startswith("This address does not take PUT: use ")


def test_a_404_keeps_its_explanation_when_the_caller_may_know_it(world):
    api = ApiClient(world.editor_a)
    assert api.delete(f"{P}/projects/ASC-001/participants/E06000030").json() == {
        "detail": "E06000030 does not take part in ASC-001"}
    token = ApiToken.objects.get(user=world.editor_a)
    assert api.delete(f"/api/accounts/tokens/{token.pk + 1000}").json() == {
        "detail": "You have no active token with that id"}
    # Outsiders still learn nothing about records they may not see.
    assert ApiClient(world.editor_b).get(f"{P}/projects/ASC-002").json() == {"detail": "Not found"}


def _operations():
    schema = ApiClient().get("/api/openapi.json").json()
    return [(method, path, operation) for path, operations in schema["paths"].items()
            for method, operation in operations.items()]


def test_every_operation_documents_the_errors_it_can_return(db):
    missing = []
    for method, path, operation in _operations():
        expected = {"401"}  # a bad token is refused on any call
        if operation.get("parameters") or "requestBody" in operation:
            expected.add("400")
        if "{" in path:
            expected.add("404")
        if expected - set(operation["responses"]):
            missing.append(f"{method.upper()} {path}: {sorted(expected - set(operation['responses']))}")
    assert missing == []


def test_reads_declare_that_a_token_is_optional_and_writes_that_it_is_needed(db):
    for method, path, operation in _operations():
        if method == "get":
            assert {} in operation["security"], path
        else:
            assert {} not in operation["security"], f"{method} {path}"


def test_a_page_or_id_too_large_for_the_database_is_a_400_not_a_500(world):
    api = ApiClient()
    for url in (f"{P}/projects?page=18446744073709551616", f"{P}/workstreams?page=2432902008176640000&page_size=500",
                "/api/organisations/?page=2976128949281276139534194573312",
                f"{P}/amounts?saving=99999999999999999999999"):
        response = api.get(url)
        assert response.status_code == 400, url
        assert set(response.json()) == {"detail", "errors"}
    assert api.get(f"{P}/projects?page=999").json()["items"] == []  # past the end but sane: an empty page


def test_text_with_a_nul_character_is_refused_before_it_reaches_the_database(world):
    """PostgreSQL cannot store NUL (the pages' forms refuse it too): a 400 naming the field, not a 500."""
    api = ApiClient(world.programme)
    body = api.patch(f"{P}/projects/ASC-001", {"summary": "Before\u0000after"})
    nested = api.post(f"{P}/initiatives", {"workstream": "children-adults-families", "name": "A\u0000B"})
    query = api.get(f"{P}/projects?q=a%00b")
    form = api.client.post(f"{P}/amounts/{world.realised.pk}/evidence",
                           data={"file": SimpleUploadedFile("ledger.csv", b"year\n2012\n"), "description": "x\x00"})
    refusal = ["Remove the NUL character (\\u0000): text cannot contain it"]
    assert (body.status_code, body.json()) == (400, {"detail": "The request is not valid",
                                                     "errors": {"summary": refusal}})
    assert nested.json()["errors"] == {"name": refusal}
    assert query.json()["errors"] == {"q": refusal}
    assert form.json()["errors"] == {"description": refusal}
    assert Project.objects.get(reference="ASC-001").summary == ""
    assert not world.realised.evidence.exists()


def test_an_initiative_whose_name_makes_no_slug_asks_for_one(world):
    response = ApiClient(world.programme).post(f"{P}/initiatives", {"workstream": "children-adults-families",
                                                                     "name": "!!!"})
    assert response.json()["errors"] == {"slug": ["The name has no letters or numbers to make a slug from: "
                                                  "send a slug"]}


def test_a_change_documents_null_only_where_a_field_may_be_empty(world):
    """The PATCH bodies' schemas said every field took null, which the API then refused."""
    schemas = ApiClient().get("/api/openapi.json").json()["components"]["schemas"]
    risk = schemas["RiskInPatch"]
    assert risk["properties"]["title"]["type"] == "string"  # not nullable (the rules it states: test_api_input_rules)
    assert "required" not in risk  # leave out what you keep
    assert {"type": "null"} in schemas["ProjectChangePatch"]["properties"]["rag"]["anyOf"]
    risk_url = f"{P}/risks/{Secrets(world).risk.pk}"
    refused = ApiClient(world.programme).patch(risk_url, {"title": None, "likelihood": None})
    assert refused.json()["errors"] == {name: ["Give a value, or leave the field out to keep the current one"]
                                        for name in ("title", "likelihood")}
