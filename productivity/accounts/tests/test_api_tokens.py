"""Personal API tokens: they authenticate, they can be listed and revoked, and only a session mints them.
Browser sessions may use the API too, but must send the CSRF token to change anything."""

from django.test import Client

from productivity.accounts.models import ApiToken
from productivity.accounts.services import issue_token, revoke_token

ME = "/api/accounts/me"
TOKENS = "/api/accounts/tokens"


def _bearer(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


def _session_with_csrf(client_for, user) -> tuple[Client, str]:
    client = client_for(user)
    client.handler.enforce_csrf_checks = True
    client.get("/accounts/login/")  # sets the CSRF cookie
    return client, client.cookies["csrftoken"].value


def test_a_valid_token_identifies_its_owner_and_records_its_use(world):
    token = issue_token(world.editor_a, "Spreadsheet")
    response = _bearer(token).get(ME)
    assert response.status_code == 200
    assert response.json() == {"email": "editor.a@example.org", "full_name": "Editor.A", "is_programme_team": False,
                               "memberships": [{"organisation": "E10000014", "organisation_name": "Hampshire",
                                                "role": "editor"}]}
    assert ApiToken.objects.get(user=world.editor_a).last_used_at is not None


def test_revoked_unknown_and_malformed_tokens_are_refused(world):
    token = issue_token(world.editor_a, "Old")
    revoke_token(world.editor_a, ApiToken.objects.get(user=world.editor_a).pk)
    for client in (_bearer(token), _bearer("pp_not-a-real-token"), _bearer("")):
        response = client.get(ME)
        assert (response.status_code, response.json()) == (401, {"detail": "Unknown, expired or revoked API token"})
    other_scheme = Client(headers={"Authorization": f"Basic {token}"}).get(ME)
    assert other_scheme.status_code == 401


def test_a_refused_token_does_not_fall_back_to_anonymous_reads(world):
    response = _bearer("pp_wrong").get("/api/programme/projects")
    assert response.status_code == 401


def test_a_deactivated_persons_token_stops_working(world):
    token = issue_token(world.editor_a, "Spreadsheet")
    world.editor_a.is_active = False
    world.editor_a.save()
    assert _bearer(token).get(ME).status_code == 401


def test_people_list_only_their_own_tokens_and_never_the_secret(world):
    mine = issue_token(world.editor_a, "Mine")
    issue_token(world.editor_b, "Someone else's")
    response = _bearer(mine).get(TOKENS)
    assert [token["name"] for token in response.json()] == ["Mine"]
    assert mine not in response.content.decode()
    assert "token_hash" not in response.json()[0]
    assert response.json()[0]["prefix"] == mine[:8]


def test_revoking_a_token_stops_it_working(world):
    keep = issue_token(world.editor_a, "Keep")
    lose = issue_token(world.editor_a, "Lose")
    lose_id = ApiToken.objects.get(name="Lose").pk
    api = _bearer(keep)
    assert api.delete(f"{TOKENS}/{lose_id}").status_code == 204
    assert _bearer(lose).get(ME).status_code == 401
    assert api.delete(f"{TOKENS}/{lose_id}").status_code == 404  # already revoked
    assert [t["name"] for t in api.get(TOKENS).json()] == ["Keep"]
    assert [t["name"] for t in api.get(f"{TOKENS}?include_revoked=true").json()] == ["Lose", "Keep"]


def test_nobody_revokes_someone_elses_token(world):
    theirs = issue_token(world.editor_b, "Theirs")
    theirs_id = ApiToken.objects.get(name="Theirs").pk
    response = _bearer(issue_token(world.programme, "Programme")).delete(f"{TOKENS}/{theirs_id}")
    assert response.status_code == 404
    assert _bearer(theirs).get(ME).status_code == 200


def test_a_signed_in_session_creates_a_token_that_works(world, client_for):
    client, csrf = _session_with_csrf(client_for, world.viewer_a)
    response = client.post(TOKENS, data={"name": "Finance model"}, content_type="application/json",
                           headers={"X-CSRFToken": csrf})
    assert response.status_code == 201
    secret = response.json()["token"]
    assert response.json()["name"] == "Finance model"
    assert _bearer(secret).get(ME).json()["email"] == "viewer.a@example.org"


def test_a_token_cannot_mint_another_token(world):
    response = _bearer(issue_token(world.programme, "Programme")).post(
        TOKENS, data={"name": "More"}, content_type="application/json")
    assert (response.status_code, response.json()) == (
        403, {"detail": "Create tokens while signed in to the website, not with another token"})
    assert ApiToken.objects.filter(name="More").count() == 0


def test_a_token_needs_a_name(world, client_for):
    client, csrf = _session_with_csrf(client_for, world.viewer_a)
    response = client.post(TOKENS, data={"name": ""}, content_type="application/json",
                           headers={"X-CSRFToken": csrf})
    assert response.status_code == 400
    assert response.json()["errors"] == {"name": ["String should have at least 1 character"]}


def test_session_writes_need_the_csrf_token(world, client_for):
    client, csrf = _session_with_csrf(client_for, world.editor_a)
    body = {"title": "Pilot starts", "due_on": "2012-04-01"}
    url = "/api/programme/projects/ASC-001/milestones"
    refused = client.post(url, data=body, content_type="application/json")
    assert refused.status_code == 401
    assert refused.json()["detail"].startswith("CSRF check failed")
    assert world.published.milestones.count() == 0
    accepted = client.post(url, data=body, content_type="application/json", headers={"X-CSRFToken": csrf})
    assert accepted.status_code == 201
    # Reading needs no CSRF token.
    assert client.get("/api/programme/projects/ASC-002").status_code == 200


def test_token_writes_need_no_csrf_token(world):
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {issue_token(world.editor_a, 't')}"})
    response = client.post("/api/programme/projects/ASC-001/milestones",
                           data={"title": "Pilot starts", "due_on": "2012-04-01"}, content_type="application/json")
    assert response.status_code == 201


def test_anonymous_callers_have_no_account(db):
    for url in (ME, TOKENS):
        response = Client().get(url)
        assert (response.status_code, response.json()) == (401, {"detail": "Sign in or send an API token"})


def test_a_token_expires_a_year_after_it_is_created_and_then_stops_working(world, settings):
    import datetime as dt

    from django.utils import timezone

    token = issue_token(world.editor_a, "Spreadsheet")
    record = ApiToken.objects.get(user=world.editor_a)
    lifetime = record.expires_at - record.created_at
    assert lifetime == dt.timedelta(days=365)
    assert _bearer(token).get(ME).status_code == 200
    ApiToken.objects.filter(pk=record.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = _bearer(token).get(ME)
    assert (response.status_code, response.json()) == (401, {"detail": "Unknown, expired or revoked API token"})

    settings.API_TOKEN_LIFETIME_DAYS = 30
    issue_token(world.editor_a, "Short-lived")
    short = ApiToken.objects.get(name="Short-lived")
    assert short.expires_at - short.created_at == dt.timedelta(days=30)


def test_the_tokens_page_and_the_api_show_when_each_token_expires(world, client_for):
    import datetime as dt

    from django.utils import timezone

    issue_token(world.editor_a, "Spreadsheet")
    expired = ApiToken.objects.get(name="Spreadsheet")
    issue_token(world.editor_a, "Dashboard")
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    page = client_for(world.editor_a).get("/accounts/profile/").content.decode()
    assert "Expires</th>" in page and "Expired</strong>" in page
    assert "stops\n  working 365 days after it is created" in page
    listed = client_for(world.editor_a).get(TOKENS).json()
    assert {token["name"]: bool(token["expires_at"]) for token in listed} == {"Spreadsheet": True, "Dashboard": True}
