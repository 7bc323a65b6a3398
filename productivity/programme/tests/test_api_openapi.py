"""The OpenAPI document and the interactive docs: every endpoint described, bearer tokens declared."""

from productivity.programme.tests.api_support import ApiClient


def _schema():
    response = ApiClient().get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_document_declares_bearer_token_authentication(db):
    schema = _schema()
    assert schema["components"]["securitySchemes"] == {"TokenOrSession": {"type": "http", "scheme": "bearer"}}
    operation = schema["paths"]["/api/programme/projects"]["post"]
    assert operation["security"] == [{"TokenOrSession": []}]


def test_every_endpoint_has_a_summary_a_tag_and_a_success_response(db):
    schema = _schema()
    undocumented = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if not operation.get("summary") or not operation.get("tags")
        or not any(code.startswith("2") for code in operation["responses"])
    ]
    assert undocumented == []


def test_the_programme_endpoints_are_listed(db):
    paths = _schema()["paths"]
    for path in ("/api/programme/projects/{reference}/history", "/api/programme/figures/headline",
                 "/api/programme/amounts/{amount_id}/verify", "/api/programme/double-counts",
                 "/api/accounts/tokens/{token_id}"):
        assert path in paths


def test_money_is_documented_as_a_string_of_pounds_and_pence(db):
    schemas = _schema()["components"]["schemas"]
    amount = schemas["FundingAwardOut"]["properties"]["amount"]
    assert amount["type"] == "string"
    assert amount["pattern"] == r"^-?\d+\.\d{2}$"


def test_errors_are_documented(db):
    responses = _schema()["paths"]["/api/programme/projects/{reference}"]["patch"]["responses"]
    assert {"200", "400", "401", "403", "404"} <= set(responses)
    assert responses["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ApiError"}
    error = _schema()["components"]["schemas"]["ApiError"]
    assert set(error["properties"]) == {"detail", "errors"}


def test_the_docs_page_loads(db):
    response = ApiClient().get("/api/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
