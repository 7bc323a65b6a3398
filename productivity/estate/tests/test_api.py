"""The estate API's permission matrix: every endpoint × the five roles (and a partner body), and what each may
read: the public sees published assets and submitted returns, members of a partnership its shared view."""

from decimal import Decimal

import pytest
from django.test import Client

from conftest import make_user
from productivity.accounts.models import Role
from productivity.accounts.services import issue_token
from productivity.estate import returns
from productivity.estate.models import Criterion, SelectionRound
from productivity.estate.tests.factories import make_asset, make_partnership, make_project, make_return
from productivity.organisations.models import OrganisationKind
from productivity.organisations.tests.factories import make_organisation

ROLES = ["anonymous", "viewer_a", "editor_a", "editor_b", "programme", "editor_police"]
E = "/api/estate"


@pytest.fixture
def estate(roles):
    police = make_organisation("Hampshire Constabulary", kind=OrganisationKind.POLICE, slug="hampshire-police")
    partnership = make_partnership(roles.council_a, police)
    project = make_project(partnership, "HAM-01")
    submitted = make_return(partnership, 2012, 1)
    returns.set_figure(submitted, project, "jobs", forecast=Decimal(10), achieved=Decimal(4),
                       evidence_notes="Payroll", user=roles.editor_a)
    returns.submit(submitted)
    draft = make_return(partnership, 2012, 2, commentary="Secret draft")
    selection_round = SelectionRound.objects.create(name="Round", slug="round", opens_on="2012-04-02",
                                                    closes_on="2012-06-29")
    Criterion.objects.create(selection_round=selection_round, name="Match funding")
    selection_round.applications.create(council=roles.council_a, summary="Secret bid", match_funding=1)
    users = {**roles.users(), "editor_police": make_user("editor.police@example.org", police, Role.EDITOR)}
    return {
        "users": users, "partnership": partnership, "submitted": submitted, "draft": draft,
        "published": make_asset(roles.council_a, "HCC1", name="Public library"),
        "secret": make_asset(roles.council_a, "HCC2", name="Secret depot", is_published=False),
        "police_secret": make_asset(police, "POL1", name="Secret police store", is_published=False),
        "b_secret": make_asset(roles.council_b, "SBC1", name="Secret Swindon office", is_published=False),
    }


def _client(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {issue_token(user, 'tests')}"} if user else {})


def cells(*codes) -> dict:
    return dict(zip(ROLES, codes, strict=True))


PUBLIC = cells(200, 200, 200, 200, 200, 200)
A_SHARED = cells(404, 200, 200, 404, 200, 200)  # council A's unpublished records: its partnership sees them
B_PRIVATE = cells(404, 404, 404, 200, 200, 404)

MATRIX = [
    ("assets", lambda s: f"{E}/assets", PUBLIC),
    ("published asset", lambda s: f"{E}/assets/{s['published'].pk}", PUBLIC),
    ("A's unpublished asset", lambda s: f"{E}/assets/{s['secret'].pk}", A_SHARED),
    ("the police's unpublished asset", lambda s: f"{E}/assets/{s['police_secret'].pk}", A_SHARED),
    ("B's unpublished asset", lambda s: f"{E}/assets/{s['b_secret'].pk}", B_PRIVATE),
    ("unknown asset", lambda s: f"{E}/assets/999999", cells(404, 404, 404, 404, 404, 404)),
    ("quality", lambda s: f"{E}/quality/E10000014", PUBLIC),
    ("unknown owner's quality", lambda s: f"{E}/quality/nobody", cells(404, 404, 404, 404, 404, 404)),
    ("partnerships", lambda s: f"{E}/partnerships", PUBLIC),
    ("partnership", lambda s: f"{E}/partnerships/{s['partnership'].slug}", PUBLIC),
    ("returns", lambda s: f"{E}/returns", PUBLIC),
    ("submitted return", lambda s: f"{E}/returns/{s['submitted'].pk}", PUBLIC),
    ("draft return", lambda s: f"{E}/returns/{s['draft'].pk}", A_SHARED),
    ("outputs", lambda s: f"{E}/outputs", PUBLIC),
    ("selection round", lambda s: f"{E}/selection-rounds/round", PUBLIC),
]
COVERED_TEMPLATES = {"/api/estate/assets", "/api/estate/assets/{asset_id}", "/api/estate/quality/{slug}",
                     "/api/estate/partnerships", "/api/estate/partnerships/{slug}", "/api/estate/returns",
                     "/api/estate/returns/{return_id}", "/api/estate/outputs", "/api/estate/selection-rounds/{slug}"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label, url, table", MATRIX, ids=[row[0] for row in MATRIX])
def test_api_permission_matrix(estate, role, label, url, table):
    response = _client(estate["users"][role]).get(url(estate))
    assert response.status_code == table[role], f"{label} as {role}"
    assert response["Content-Type"].startswith("application/json")
    if role in ("anonymous", "editor_b") and response.status_code == 200:
        text = response.content.decode()
        assert "Secret depot" not in text and "Secret police" not in text and "Secret draft" not in text
        assert "Secret bid" not in text and "HCC2" not in text


def test_every_estate_endpoint_is_in_the_matrix():
    schema = Client().get("/api/openapi.json").json()
    estate_paths = {path for path in schema["paths"] if path.startswith("/api/estate")}
    assert estate_paths == COVERED_TEMPLATES


def test_lists_show_each_reader_what_the_pages_do(estate):
    def names(role, url):
        body = _client(estate["users"][role]).get(url).json()
        return {item.get("name") or item.get("period") for item in body["items"]}

    assert names("anonymous", f"{E}/assets") == {"Public library"}
    assert names("editor_police", f"{E}/assets") == {"Public library", "Secret depot", "Secret police store"}
    assert names("editor_b", f"{E}/assets") == {"Public library", "Secret Swindon office"}
    assert names("editor_police", f"{E}/assets?partnership=hampshire-estate&q=secret") == {
        "Secret depot", "Secret police store"}
    assert names("anonymous", f"{E}/returns") == {"2012/13 Q1"}
    assert names("viewer_a", f"{E}/returns") == {"2012/13 Q1", "2012/13 Q2"}
    outputs = _client(None).get(f"{E}/outputs").json()
    jobs = next(row for row in outputs["total"] if row["measure"] == "jobs")
    assert (jobs["forecast"], jobs["achieved"], jobs["awaiting_verification"]) == ("10.00", "0.00", "4.00")


@pytest.mark.parametrize("url", [f"{E}/assets?use=spaceship", f"{E}/assets?page=0", f"{E}/returns?financial_year=x",
                                 f"{E}/assets/notanumber", f"{E}/assets?q=" + "x" * 300])
def test_bad_parameters_are_a_400_or_404_never_a_500(estate, url):
    assert _client(None).get(url).status_code in (400, 404, 422)
