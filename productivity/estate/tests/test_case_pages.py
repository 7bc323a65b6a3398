"""Business case pages for the five roles, from a co-location group to a withdrawn case, and bad input."""

from decimal import Decimal as D

import pytest

from productivity.estate import cases
from productivity.estate.models import Action, BusinessCase, Scenario
from productivity.estate.tests.factories import make_asset

ROLES = ["anonymous", "viewer_a", "editor_a", "editor_b", "programme"]
SIGN_IN = "sign-in"


@pytest.fixture
def estate(roles):
    a, b = roles.council_a, roles.council_b
    library = make_asset(a, "A1", name="Town library", gross_internal_area=D(1000), rent=D(40000), rates=D(10000),
                         carbon_tco2e=D(20), market_value=D(500000), occupancy=D(40))
    depot = make_asset(a, "A2", name="Secret depot", is_published=False, gross_internal_area=D(500))
    station = make_asset(b, "B1", name="Police station", gross_internal_area=D(1500), rent=D(50000),
                         carbon_tco2e=D(30), easting=D("376700"), northing=D("388200"))
    hidden = make_asset(b, "B2", name="B's hidden store", is_published=False)
    draft = cases.start_case(organisation=a, user=roles.editor_a, title="Secret draft", kind="business_case",
                             assets=[library, depot, station], start_year=2012)
    scenario = Scenario.objects.create(case=draft, name="Share the station")
    action = Action.objects.create(scenario=scenario, kind="co_locate", asset=library, into=station, year=1,
                                   running_cost_change=D(-50000), floor_area_change=D(-1000),
                                   carbon_change=D(-20), capital_cost=D(100000),
                                   project_type="standard_buildings")
    Action.objects.create(scenario=scenario, kind="dispose", asset=library, year=2, capital_receipt=D(500000))
    published = cases.start_case(organisation=a, user=roles.editor_a, title="Published case", kind="strategy",
                                 assets=[library], start_year=2012)
    published.status = "submitted"
    published.save()
    cases.publish(published)
    return {"library": library, "depot": depot, "station": station, "hidden": hidden, "draft": draft,
            "scenario": scenario, "action": action, "published": published}


def _check(response, want):
    if want == SIGN_IN:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == want


READ = {
    "draft": {"anonymous": 404, "viewer_a": 200, "editor_a": 200, "editor_b": 404, "programme": 200},
    "published": {"anonymous": 200, "viewer_a": 200, "editor_a": 200, "editor_b": 200, "programme": 200},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", sorted(READ))
def test_a_case_page_for_each_role(roles, estate, client_for, which, role):
    response = client_for(roles.users()[role]).get(f"/estate/cases/{estate[which].pk}/")
    _check(response, READ[which][role])
    if response.status_code == 404:
        assert "Secret" not in response.content.decode()


DRAFT_WRITES = {"anonymous": SIGN_IN, "viewer_a": 403, "editor_a": 200, "editor_b": 404, "programme": 200}


def _write_urls(estate):
    case, scenario, action = estate["draft"].pk, estate["scenario"].pk, estate["action"].pk
    return [f"/estate/cases/{case}/edit/", f"/estate/cases/{case}/delete/", f"/estate/cases/{case}/submit/",
            f"/estate/cases/{case}/scenarios/new/", f"/estate/scenarios/{scenario}/edit/",
            f"/estate/scenarios/{scenario}/delete/", f"/estate/scenarios/{scenario}/actions/new/",
            f"/estate/actions/{action}/edit/", f"/estate/actions/{action}/delete/"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_lead_councils_editors_and_the_programme_team_change_a_draft(roles, estate, client_for, role):
    client = client_for(roles.users()[role])
    for url in _write_urls(estate):
        _check(client.get(url), DRAFT_WRITES[role])


@pytest.mark.parametrize("role", ["anonymous", "viewer_a", "editor_b"])
def test_posts_from_outsiders_change_nothing(roles, estate, client_for, role):
    client = client_for(roles.users()[role])
    for url in _write_urls(estate):
        client.post(url, {"title": "Hacked", "name": "Hacked", "kind": "vacate", "year": 1, "reason": "x"})
    case = BusinessCase.objects.get(pk=estate["draft"].pk)
    assert case.title == "Secret draft" and case.status == "draft"
    assert Scenario.objects.filter(case=case).count() == 2 and Action.objects.count() == 2


def test_a_published_case_is_not_changed_but_withdrawn_with_a_reason_and_kept(roles, estate, client_for):
    published = estate["published"]
    client = client_for(roles.editor_a)
    assert client.get(f"/estate/cases/{published.pk}/edit/").status_code == 403
    page = client.get(f"/estate/cases/{published.pk}/delete/").content.decode()
    assert "Only a draft may be deleted" in page
    client.post(f"/estate/cases/{published.pk}/delete/")
    assert BusinessCase.objects.filter(pk=published.pk).exists()
    assert client_for(roles.editor_b).get(f"/estate/cases/{published.pk}/withdraw/").status_code == 403
    blank = client.post(f"/estate/cases/{published.pk}/withdraw/", {"reason": "  "})
    assert blank.status_code == 200 and "There is a problem" in blank.content.decode()
    client.post(f"/estate/cases/{published.pk}/withdraw/", {"reason": "Superseded by the county strategy"})
    published.refresh_from_db()
    assert published.status == "withdrawn" and published.withdrawn_reason == "Superseded by the county strategy"
    public = client_for(None).get(f"/estate/cases/{published.pk}/").content.decode()
    assert "Superseded by the county strategy" in public


def test_a_draft_is_submitted_then_published_and_a_draft_may_be_deleted(roles, estate, client_for):
    client = client_for(roles.editor_a)
    draft = estate["draft"]
    client.post(f"/estate/cases/{draft.pk}/submit/")
    draft.refresh_from_db()
    assert draft.status == "submitted"
    client.post(f"/estate/cases/{draft.pk}/publish/")
    draft.refresh_from_db()
    assert draft.status == "published"
    other = cases.start_case(organisation=roles.council_a, user=roles.editor_a, title="Scratch", kind="strategy",
                             assets=[])
    client.post(f"/estate/cases/{other.pk}/delete/")
    assert not BusinessCase.objects.filter(pk=other.pk).exists()


def test_the_case_page_shows_the_scenarios_side_by_side_with_their_tables(roles, estate, client_for):
    draft = estate["draft"]
    client = client_for(roles.editor_a)
    page = client.get(f"/estate/cases/{draft.pk}/").content.decode()
    assert "Scenarios compared" in page and "Share the station" in page and "Do nothing" in page
    assert "Net present value" in page and "Cash flows by year" in page
    # The figures name their sources and price base, and say how far to rely on the carbon values.
    assert "HM Treasury, Green Book supplementary guidance: optimism bias" in page
    assert cases.carbon_note(draft) in page.replace("&#39;", "'") and "at 2020 prices" in page
    assert "Carbon value (£/tCO2e, 2020 prices)" in page
    # Each target's rating is written out in its colour: sharing the station meets all three, doing nothing none.
    assert page.count('<strong class="govuk-tag govuk-tag--green">Green</strong>') == 3
    assert page.count('<strong class="govuk-tag govuk-tag--red">Red</strong>') == 3
    csv = b"".join(client.get(f"/estate/cases/{draft.pk}/?table=comparison&format=csv").streaming_content)
    lines = csv.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Scenario,Net present value,Present value of carbon saved")
    assert len(lines) == 3
    figures = {item.scenario.name: item.figures for item in cases.appraise_case(draft)}
    share = figures["Share the station"]
    # -124,000 (100,000 + 24%) in year 1 discounted, +500,000 in year 2, then 50,000 a year from year 1.
    assert share.capital_costs == D("124000.00") and share.capital_receipts == D("500000.00")
    assert share.outcome("floor_area").percent == D("-33.3")  # 1,000 of 3,000 m²
    assert share.outcome("running_cost").percent == D("-50.0")  # 50,000 of 100,000
    assert share.outcome("carbon").percent == D("-40.0")
    years = b"".join(client.get(f"/estate/cases/{draft.pk}/?table=years-{estate['scenario'].pk}&format=csv")
                     .streaming_content).decode("utf-8-sig").splitlines()
    present = [D(line.split(",")[8]) for line in years[1:]]
    assert sum(present) == share.npv  # the yearly table adds up to the NPV
    assert client.get(f"/estate/cases/{draft.pk}/?table=nonsense&format=csv").status_code == 404


def test_a_case_starts_from_a_co_location_group(roles, estate, client_for):
    client = client_for(roles.editor_a)
    ids = f"{estate['library'].pk},{estate['station'].pk}"
    page = client.get(f"/estate/cases/new/?assets={ids}").content.decode()
    assert "Town library" in page and "Police station" in page
    response = client.post("/estate/cases/new/", {"assets": ids, "title": "Library into the station",
                                                  "kind": "business_case",
                                                  "organisation": roles.council_a.pk, "start_year": 2012})
    case = BusinessCase.objects.get(title="Library into the station")
    assert response.status_code == 302 and case.status == "draft" and case.organisation == roles.council_a
    assert set(case.assets.all()) == {estate["library"], estate["station"]}


def test_nobody_starts_a_case_with_assets_they_cannot_see_or_for_another_council(roles, estate, client_for):
    client = client_for(roles.editor_a)
    assert client.get(f"/estate/cases/new/?assets={estate['hidden'].pk}").status_code == 404
    assert client.get("/estate/cases/new/?assets=abc").status_code in (200, 404)
    response = client.post("/estate/cases/new/", {"assets": str(estate["library"].pk), "title": "Theirs",
                                                  "kind": "business_case", "organisation": roles.council_b.pk,
                                                  "start_year": 2012})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not BusinessCase.objects.filter(title="Theirs").exists()
    assert client_for(roles.viewer_a).get("/estate/cases/new/").status_code == 403


def test_an_action_is_prefilled_from_its_asset_and_bad_figures_are_refused(roles, estate, client_for):
    client = client_for(roles.editor_a)
    scenario = estate["scenario"]
    url = f"/estate/scenarios/{scenario.pk}/actions/new/"
    page = client.get(f"{url}?kind=dispose&asset={estate['library'].pk}").content.decode()
    assert 'value="500000' in page and 'value="-50000' in page  # the receipt and the running costs saved
    bad = client.post(url, {"kind": "co_locate", "asset": estate["library"].pk, "year": "12",
                            "capital_cost": "lots", "project_type": "none"})
    text = bad.content.decode()
    assert bad.status_code == 200 and "There is a problem" in text
    assert "The year must be between 0 and 9" in text and "Enter an amount in pounds" in text
    assert "Choose the asset moving (A)" in text
    assert client.post(url, {"kind": "vacate", "asset": estate["hidden"].pk, "year": "1",
                             "project_type": "none"}).status_code == 200  # not in the case: refused
    assert scenario.actions.count() == 2
    client.post(url, {"kind": "refurbish", "asset": estate["library"].pk, "year": "0", "capital_cost": "£1,000",
                      "project_type": "standard_buildings", "running_cost_change": "-1,500.50"})
    assert scenario.actions.filter(kind="refurbish", running_cost_change=D("-1500.50")).exists()


def test_the_case_form_takes_the_discount_rate_in_per_cent(roles, estate, client_for):
    client = client_for(roles.editor_a)
    draft = estate["draft"]
    bad = client.post(f"/estate/cases/{draft.pk}/edit/", {"title": "T", "kind": "strategy", "start_year": "2012",
                                                          "discount_rate": "-1"})
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()
    client.post(f"/estate/cases/{draft.pk}/edit/", {"title": "T", "kind": "strategy", "start_year": "2012",
                                                    "discount_rate": "5", "strategic": "Why"})
    draft.refresh_from_db()
    assert draft.discount_rate == D("0.05") and draft.strategic == "Why"


@pytest.mark.parametrize("query", ["distance=abc", "distance=99999&lease_years=5", "distance=400&lease_years=-1",
                                   "distance=400&lease_years=5&place=NOTAPLACE"])
def test_the_finder_answers_bad_input_with_a_message(roles, estate, client_for, query):
    response = client_for(None).get(f"/estate/colocation/?{query}")
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "editor_b"])
def test_the_finder_shows_only_what_the_reader_may_see(roles, estate, client_for, role):
    client = client_for(roles.users()[role])
    page = client.get("/estate/colocation/?distance=400&lease_years=5").content.decode()
    assert "Town library" in page and "Police station" in page and "Start a business case" in page
    assert "Secret depot" not in page
    csv = b"".join(client.get("/estate/colocation/?distance=400&lease_years=5&format=csv").streaming_content)
    assert "Secret depot" not in csv.decode("utf-8-sig") and "Town library" in csv.decode("utf-8-sig")
    if role == "anonymous":
        assert "hidden store" not in page


def test_the_finder_for_the_member_includes_their_unpublished_assets(roles, estate, client_for):
    page = client_for(roles.viewer_a).get("/estate/colocation/").content.decode()
    assert "Secret depot" in page and "B&#39;s hidden store" not in page
