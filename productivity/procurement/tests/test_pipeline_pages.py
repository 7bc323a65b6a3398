"""Who sees and changes pipelines, processes, pledges and contracts: pages, downloads and the API, every role.

Council A (Hampshire) has an unpublished pipeline holding "Secret plan"; council B (Swindon) a published one.
"""

import datetime as dt
import json

import pytest

from productivity.procurement import ocds
from productivity.procurement.models import ContractRecord, PlannedProcurement, PledgeRecord
from productivity.procurement.tests.pipeline_factories import make_pipeline, make_plan, make_process

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "viewer_a", "editor_a", "editor_b", "programme"]
SIGN_IN = "sign-in"


@pytest.fixture
def pipelines_world(world):
    secret = make_pipeline(world.council_a, published=False)
    make_plan(secret, "HCC-1", title="Secret plan", value="999999", tender_on=dt.date(2027, 1, 4))
    public = make_pipeline(world.council_b, published=True, reviewed=dt.date.today())
    make_plan(public, "SBC-1", title="Open plan", value="250000")
    make_process(world.council_a, "HCC-T1", notice_on=dt.date(2025, 1, 6), awarded_on=dt.date(2025, 3, 3))
    PledgeRecord.objects.create(organisation=world.council_a, stance="local_version")
    ContractRecord.objects.create(publisher=world.council_a, reference="HCC-C1", title="Cleaning",
                                  supplier_name="Sparkle Ltd", value=12000, start_on=dt.date(2026, 4, 1))
    return world


def _status(response, want):
    if want == SIGN_IN:
        return response.status_code == 302 and "/accounts/login/" in response["Location"]
    return response.status_code == want


UNPUBLISHED = {"anonymous": 404, "viewer_a": 200, "editor_a": 200, "editor_b": 404, "programme": 200}
PAGES = {
    "/procurement/pipelines/": dict.fromkeys(ROLES, 200),
    "/procurement/pipelines/E10000014/": UNPUBLISHED,
    "/procurement/pipelines/E10000014/?format=ocds": UNPUBLISHED,
    "/procurement/pipelines/E10000014/?format=csv": UNPUBLISHED,
    "/procurement/pipelines/E10000014/uk1/": UNPUBLISHED,
    "/procurement/pipelines/E06000030/": dict.fromkeys(ROLES, 200),
    "/procurement/pipelines/E06000030/?format=ocds": dict.fromkeys(ROLES, 200),
    "/procurement/pipelines/E06000030/uk1/": dict.fromkeys(ROLES, 200),
    "/procurement/timeliness/": dict.fromkeys(ROLES, 200),
    "/procurement/pledge/": dict.fromkeys(ROLES, 200),
    "/procurement/pledge/E10000014/": dict.fromkeys(ROLES, 200),
    "/procurement/contracts/": dict.fromkeys(ROLES, 200),
    "/procurement/contracts/E10000014/": dict.fromkeys(ROLES, 200),
}
OWN_WRITE = {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 200, "editor_b": 404, "programme": 200}
# Pledges and processes are public, so another council's editor sees them but may not change them (403).
PUBLIC_WRITE = {**OWN_WRITE, "editor_b": 403}


def _write_pages(world):
    plan = PlannedProcurement.objects.get(reference="HCC-1")
    process = world.council_a.procurement_processes.get()
    return {
        "/procurement/pipelines/E10000014/plans/new/": OWN_WRITE,
        f"/procurement/pipelines/E10000014/plans/{plan.pk}/": OWN_WRITE,
        f"/procurement/pipelines/E10000014/plans/{plan.pk}/withdraw/": OWN_WRITE,
        "/procurement/pipelines/E10000014/settings/": OWN_WRITE,
        "/procurement/timeliness/councils/E10000014/new/": PUBLIC_WRITE,
        f"/procurement/timeliness/processes/{process.pk}/": PUBLIC_WRITE,
        "/procurement/pledge/E10000014/edit/": PUBLIC_WRITE,
    }


@pytest.mark.parametrize("role", ROLES)
def test_read_pages_for_each_role(pipelines_world, client_for, role):
    client = client_for(pipelines_world.users()[role])
    for path, table in PAGES.items():
        response = client.get(path)
        assert _status(response, table[role]), (path, role, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if table[role] == 404 or path.startswith("/procurement/pipelines/E06"):
            assert b"Secret plan" not in body and b"HCC-1" not in body


@pytest.mark.parametrize("role", ROLES)
def test_write_pages_for_each_role(pipelines_world, client_for, role):
    client = client_for(pipelines_world.users()[role])
    for path, table in _write_pages(pipelines_world).items():
        response = client.get(path)
        assert _status(response, table[role]), (path, role, response.status_code)
        posted = client.post(path, {})
        want = table[role]
        if want == 200:
            assert posted.status_code in (200, 302)
        else:
            assert _status(posted, want), (path, role, posted.status_code)


def test_the_public_sees_published_pipelines_only(pipelines_world, client_for):
    body = client_for(None).get("/procurement/pipelines/").content.decode()
    assert "Swindon" in body and "Hampshire" not in body
    own = client_for(pipelines_world.viewer_a).get("/procurement/pipelines/E10000014/").content.decode()
    assert "Secret plan" in own and "Not published" in own


def test_an_editor_adds_a_plan_withdraws_it_and_it_is_kept(pipelines_world, client_for):
    client = client_for(pipelines_world.editor_a)
    response = client.post("/procurement/pipelines/E10000014/plans/new/", {
        "reference": "HCC-2", "title": "Library books", "value_low": "£40,000", "confidence": "medium",
        "status": "planned", "tender_on_0": "1", "tender_on_1": "9", "tender_on_2": "2027",
        "spend_2026": "20,000"})
    assert response.status_code == 302, response.content.decode()[:3000]
    plan = PlannedProcurement.objects.get(reference="HCC-2")
    assert plan.value_high == plan.value_low == 40000 and plan.tender_on == dt.date(2027, 9, 1)
    refused = client.post(f"/procurement/pipelines/E10000014/plans/{plan.pk}/withdraw/", {"reason": ""})
    assert refused.status_code == 200 and "There is a problem" in refused.content.decode()
    client.post(f"/procurement/pipelines/E10000014/plans/{plan.pk}/withdraw/", {"reason": "Not needed"})
    plan.refresh_from_db()
    assert plan.status == "withdrawn" and plan.withdrawal_reason == "Not needed"
    page = client.get("/procurement/pipelines/E10000014/").content.decode()
    assert "Not needed" in page


def test_publishing_makes_the_pipeline_public(pipelines_world, client_for):
    client_for(pipelines_world.editor_a).post("/procurement/pipelines/E10000014/settings/", {
        "is_published": "on", "last_reviewed_on_0": "1", "last_reviewed_on_1": "10", "last_reviewed_on_2": "2026"})
    response = client_for(None).get("/procurement/pipelines/E10000014/?format=ocds")
    assert response.status_code == 200
    assert ocds.problems(json.loads(response.content)) == []


def test_the_council_page_reminds_editors_to_review(pipelines_world, client_for):
    body = client_for(pipelines_world.editor_a).get("/councils/E10000014/").content.decode()
    assert "Procurement pipeline" in body and "Never reviewed" in body and "Record its review" in body
    public = client_for(None).get("/councils/E10000014/").content.decode()
    assert "has published no procurement pipeline" in public and "Never reviewed" not in public
    assert "Its contracts register" in public and "Secret plan" not in public


API = {
    ("GET", "/api/procurement/pipelines"): dict.fromkeys(ROLES, 200),
    ("GET", "/api/procurement/pipelines/{slug}"): UNPUBLISHED,
    ("GET", "/api/procurement/pipelines/{slug}/ocds"): UNPUBLISHED,
    ("GET", "/api/procurement/pipelines/{slug}/uk1"): UNPUBLISHED,
    ("GET", "/api/procurement/timeliness"): dict.fromkeys(ROLES, 200),
    ("GET", "/api/procurement/contracts"): dict.fromkeys(ROLES, 200),
}


@pytest.mark.parametrize("operation", sorted(API), ids=" ".join)
def test_api_permission_matrix(pipelines_world, client_for, operation):
    url = operation[1].replace("{slug}", "E10000014")
    statuses = {role: client_for(user).generic(operation[0], url).status_code
                for role, user in pipelines_world.users().items()}
    assert statuses == API[operation]


def test_the_api_lists_published_pipelines_to_the_public(pipelines_world, client_for):
    listed = client_for(None).get("/api/procurement/pipelines").json()
    assert [p["council"] for p in listed] == ["E06000030"]
    package = client_for(None).get("/api/procurement/pipelines/E06000030/ocds").json()
    assert ocds.problems(package) == [] and package["releases"][0]["tender"]["status"] == "planned"
    timeliness = client_for(None).get("/api/procurement/timeliness").json()
    assert timeliness["overall"]["within_120_working_days"] == 1
    contracts = client_for(None).get("/api/procurement/contracts").json()
    assert contracts["items"][0]["supplier_name"] == "Sparkle Ltd"


HOSTILE_PLANS = [
    ({"value_low": "500", "value_high": "100"}, "The top of the range must be at least its bottom"),
    ({"value_low": "-5"}, "greater than or equal to 0"),
    ({"value_low": "1" + "0" * 20}, "digits"),
    ({"tender_on_0": "1", "tender_on_1": "9", "tender_on_2": "2027", "award_on_0": "1", "award_on_1": "1",
      "award_on_2": "2027"}, "The award date must not be before the tender date"),
    ({"tender_on_0": "31", "tender_on_1": "2", "tender_on_2": "2027"}, "must be a real date"),
    ({"reference": "HCC-1"}, "already has a plan with the reference HCC-1"),
    ({"spend_2026": "lots"}, "Enter an amount in pounds"),
    ({"confidence": "certain"}, "Select a valid choice"),
]


@pytest.mark.parametrize("change, message", HOSTILE_PLANS)
def test_bad_plans_are_refused_with_a_message_and_never_a_500(pipelines_world, client_for, change, message):
    form = {"reference": "HCC-9", "title": "Roads", "value_low": "1000", "confidence": "high", "status": "planned",
            **change}
    response = client_for(pipelines_world.editor_a).post("/procurement/pipelines/E10000014/plans/new/", form)
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert message in body, body[body.find("govuk-error-summary"):][:800]
    assert not PlannedProcurement.objects.filter(reference="HCC-9").exists()


def test_odd_queries_never_give_a_500(pipelines_world, client_for):
    client = client_for(pipelines_world.editor_a)
    for path in ("/procurement/pipelines/E10000014/uk1/?year=abc", "/procurement/pipelines/E10000014/uk1/?year=-1",
                 "/procurement/pipelines/E10000014/uk1/?year=99999999999999",
                 "/procurement/pipelines/E10000014/?sort=nonsense&order=desc&page=99999999999",
                 "/procurement/timeliness/?council=nowhere&format=xlsx", "/procurement/contracts/?q=%00&format=csv",
                 "/procurement/pipelines/E10000014/?format=xlsx", "/procurement/pipelines/E10000014/uk1/?format=csv",
                 "/procurement/timeliness/?table=councils&format=xlsx",
                 "/api/procurement/pipelines/E10000014/uk1?year=x",
                 "/procurement/pipelines/E10000014/plans/99999/"):
        assert client.get(path).status_code in (200, 400, 404, 422), path


def test_a_pipeline_with_no_plans_refuses_its_ocds_export_with_the_reason(roles, client_for):
    make_pipeline(roles.council_a)
    response = client_for(roles.editor_a).get("/procurement/pipelines/E10000014/?format=ocds")
    assert response.status_code == 422 and "There are no plans to export" in response.content.decode()
