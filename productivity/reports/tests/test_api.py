"""The reports API: list, create, fetch, change, publish and figures, with the pages' permissions."""

import json

import pytest
from django.test import Client

from productivity.accounts.services import issue_token
from productivity.reports.models import Report
from productivity.reports.tests.support import clearer, draft, publish, today


def api(user=None) -> Client:
    headers = {"Authorization": f"Bearer {issue_token(user, 'tests')}"} if user is not None else {}
    return Client(headers=headers)


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_create_fetch_change_publish_and_read_the_figures(world):
    client = api(world.programme)
    created = post(client, "/api/reports", {"template": "programme-update", "scope": "initiative",
                                            "target": world.initiative.slug, "as_at": today().isoformat(),
                                            "narrative": {"purpose": "For decision."}})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["scope_name"] == "Adult Social Care Efficiency Programme" and body["status"] == "draft"
    assert body["narrative"]["purpose"] == "For decision."
    report_id = body["id"]

    changed = client.patch(f"/api/reports/{report_id}", json.dumps({"narrative": {"discussion": "Going well."}}),
                           content_type="application/json")
    assert changed.status_code == 200 and changed.json()["narrative"]["discussion"] == "Going well."

    figures = client.get(f"/api/reports/{report_id}/figures").json()
    assert figures["status"] == "draft"
    assert figures["figures"]["headline.savings.expected"]["value"] == "500000.00"
    assert "ledger" not in figures

    refused = client.post(f"/api/reports/{report_id}/publish")
    assert refused.status_code == 409 and "cleared" in refused.json()["detail"]
    assert client.post(f"/api/reports/{report_id}/submit").json()["status"] == "submitted"
    own = client.post(f"/api/reports/{report_id}/clear")
    assert own.status_code == 403 and "never cleared by its author" in own.json()["detail"]
    cleared = api(clearer()).post(f"/api/reports/{report_id}/clear")
    assert cleared.status_code == 200 and cleared.json()["status"] == "cleared"
    published = client.post(f"/api/reports/{report_id}/publish")
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert client.post(f"/api/reports/{report_id}/publish").status_code == 409
    refused = client.patch(f"/api/reports/{report_id}", json.dumps({"title": "New"}), content_type="application/json")
    assert refused.status_code == 409

    public = api().get(f"/api/reports/{report_id}/figures?records=true").json()
    assert public["figures"]["headline.projects"]["value"] == "1"
    assert [row["project"] for row in public["ledger"]["projects"]] == ["ASC-001"]
    assert [r["id"] for r in api().get("/api/reports").json()["items"]] == [report_id]


def test_bad_requests_get_clear_answers(world):
    client = api(world.programme)
    unknown = post(client, "/api/reports", {"scope": "council", "target": "nowhere", "as_at": today().isoformat()})
    assert unknown.status_code == 400 and "nowhere" in json.dumps(unknown.json())
    wrong = post(client, "/api/reports", {"template": "initiative-progress", "scope": "programme",
                                          "as_at": today().isoformat()})
    assert wrong.status_code == 400 and "covers initiative" in json.dumps(wrong.json())
    section = post(client, "/api/reports", {"as_at": today().isoformat(), "narrative": {}})
    report_id = section.json()["id"]
    bad = client.patch(f"/api/reports/{report_id}", json.dumps({"narrative": {"jokes": "x"}}),
                       content_type="application/json")
    assert bad.status_code == 400 and "no section jokes" in json.dumps(bad.json())
    assert post(client, "/api/reports", {"as_at": "1 March"}).status_code == 400


@pytest.mark.parametrize("role,status", [("anonymous", 401), ("viewer_a", 403), ("editor_b", 403),
                                         ("editor_a", 201), ("programme", 201)])
def test_who_may_create_a_council_report(world, role, status):
    body = {"scope": "council", "target": world.council_a.gss_code, "as_at": today().isoformat()}
    assert post(api(world.users()[role]), "/api/reports", body).status_code == status


@pytest.mark.parametrize("role,read,write", [
    ("anonymous", 404, 401), ("viewer_a", 200, 403), ("editor_a", 200, 200), ("editor_b", 404, 404),
    ("programme", 200, 200)])
def test_council_draft_is_seen_and_changed_as_on_the_pages(world, role, read, write):
    report = draft(world, user=world.editor_a, scope="council", target=world.council_a)
    client = api(world.users()[role])
    assert client.get(f"/api/reports/{report.pk}").status_code == read
    assert client.get(f"/api/reports/{report.pk}/figures").status_code == read
    patched = client.patch(f"/api/reports/{report.pk}", json.dumps({"title": "Changed"}),
                           content_type="application/json")
    assert patched.status_code == write
    listed = {item["id"] for item in client.get("/api/reports").json()["items"]}
    assert (report.pk in listed) == (read == 200)


def test_publishing_needs_write_rights(world):
    report = draft(world, user=world.editor_a, scope="council", target=world.council_a)
    assert api(world.viewer_a).post(f"/api/reports/{report.pk}/publish").status_code == 403
    assert api().post(f"/api/reports/{report.pk}/publish").status_code == 401
    assert Report.objects.get(pk=report.pk).status == "draft"
    publish(report, user=world.editor_a)
    assert api().get(f"/api/reports/{report.pk}").json()["status"] == "published"


def test_the_public_api_names_organisations_not_people(world):
    report = publish(draft(world), user=world.programme)
    assert api().get(f"/api/reports/{report.pk}").json()["author"] == "Someone at Local Government Association"
    assert api(world.viewer_a).get(f"/api/reports/{report.pk}").json()["author"] == str(world.programme)


def test_a_page_number_past_any_database_offset_is_refused_not_a_server_error(world, client_for):
    response = client_for(None).get("/api/reports?page=99999999999999999999")
    assert response.status_code == 400
    assert "page" in response.json()["errors"]
