"""What the API enforces on input it states in its OpenAPI document, and bad bodies get JSON answers:
text is cleaned, dates lie between 1990 and 2100, money has at most two decimal places, text is not blank."""

import json

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from productivity.accounts.services import issue_token
from productivity.programme.models import Project
from productivity.programme.tests.api_support import ApiClient
from productivity.programme.tests.test_edit_projects import date_parts, page_text

P = "/api/programme"


def _schemas():
    return ApiClient().get("/api/openapi.json").json()["components"]["schemas"]


def test_the_document_states_the_rules_for_text_dates_money_and_years(db):
    schemas = _schemas()
    title = schemas["ProjectIn"]["properties"]["title"]
    assert title["minLength"] == 1 and title["maxLength"] == 250
    assert title["pattern"] == r"^[^\u0000]*[^\u0000\s][^\u0000]*$"
    assert schemas["ProjectIn"]["properties"]["summary"]["pattern"] == r"^[^\u0000]*$"
    start = schemas["ProjectIn"]["properties"]["start_date"]["anyOf"][0]
    assert (start["formatMinimum"], start["formatMaximum"]) == ("1990-01-01", "2100-12-31")
    money = schemas["AmountIn"]["properties"]["amount"]["anyOf"]
    assert {"type": "string", "pattern": r"^\d{1,12}(\.\d{1,2})?$"} in money
    assert any(option.get("multipleOf") == 0.01 for option in money)
    year = schemas["AmountIn"]["properties"]["financial_year"]["anyOf"]
    assert year[0] == {"type": "integer", "minimum": 1990, "maximum": 2100}
    assert "pattern" in year[1]
    assert schemas["WithdrawalIn"]["properties"]["reason"]["minLength"] == 1


def _create(world, **fields):
    body = {"reference": "ASC-060", "title": "Telecare", "initiative": world.initiative.slug,
            "lead_organisation": world.council_a.slug, **fields}
    return ApiClient(world.editor_a).post(f"{P}/projects", body)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1989-12-31", "2101-01-01"])
def test_implausible_dates_are_refused_by_the_api(world, day):
    response = _create(world, start_date=day)
    assert response.status_code == 400
    assert response.json()["errors"]["start_date"] == ["The date must be between 1 January 1990 and 31 December 2100"]


def test_implausible_dates_are_refused_by_the_pages(world, client_for):
    response = client_for(world.editor_a).post(reverse("programme:project-edit", args=["ASC-001"]), {
        "initiative": str(world.initiative.pk), "reference": "ASC-001", "title": "Reablement", "status": "funded",
        **date_parts("start_date", 31, 12, 1989)})
    assert "The start date must be between 1 January 1990 and 31 December 2100" in page_text(response)


def test_bidi_controls_and_hidden_formulas_are_stripped_on_the_api_and_the_pages(world, client_for):
    assert _create(world, title="Tele\u202ecare", summary="\t=HYPERLINK(\"x\")").status_code == 201
    project = Project.objects.get(reference="ASC-060")
    assert (project.title, project.summary) == ("Telecare", '=HYPERLINK("x")')
    client_for(world.editor_a).post(reverse("programme:project-edit", args=["ASC-060"]), {
        "initiative": str(world.initiative.pk), "reference": "ASC-060", "title": "\u2066Tele\u2069care",
        "status": "proposed"})
    assert Project.objects.get(reference="ASC-060").title == "Telecare"


def test_blank_text_is_refused_as_the_document_says(world):
    response = _create(world, title="   ")
    assert response.status_code == 400 and "title" in response.json()["errors"]


def test_a_body_that_is_not_an_object_gets_a_json_400(world):
    client = ApiClient(world.programme)
    for url in (f"{P}/projects/ASC-001", "/api/reports/1"):
        response = client.patch(url, [None, None])
        assert response.status_code == 400, url
        assert response.json()["errors"] == {"__all__": ["Send the data as a JSON object ({...}) in the request body"]}


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_oversized_body_gets_a_json_413_not_an_html_page(world):
    token = issue_token(world.programme, "tests")
    client = Client(headers={"Authorization": f"Bearer {token}"})
    response = client.patch(f"{P}/projects/ASC-001", data=json.dumps({"summary": "x" * 5000}),
                            content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is larger than the 1,000 bytes the API accepts"}
