"""Reading the programme through the API: lists that page and filter, details, figures and history."""

import datetime as dt
from decimal import Decimal

from productivity.programme import rollups
from productivity.programme.models import Milestone, Project
from productivity.programme.tests.api_support import ApiClient, Secrets

P = "/api/programme"


def _references(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["reference"] for item in response.json()["items"]]


def test_lists_are_paged_with_a_count(world):
    for number in range(4, 9):
        Project.objects.create(initiative=world.initiative, reference=f"ASC-00{number}", title="More",
                               is_published=True)
    api = ApiClient()
    first = api.get(f"{P}/projects?page_size=2").json()
    second = api.get(f"{P}/projects?page_size=2&page=2").json()
    assert first["count"] == second["count"] == 6
    assert [p["reference"] for p in first["items"]] == ["ASC-001", "ASC-004"]
    assert [p["reference"] for p in second["items"]] == ["ASC-005", "ASC-006"]


def test_projects_filter_by_status_rag_council_workstream_initiative_and_words(world):
    api = ApiClient(world.programme)
    assert _references(api.get(f"{P}/projects?status=implementing")) == ["ASC-003"]
    assert _references(api.get(f"{P}/projects?rag=green")) == ["ASC-001"]
    assert _references(api.get(f"{P}/projects?council=E06000030")) == ["ASC-003"]
    assert _references(api.get(f"{P}/projects?council=nowhere")) == []
    assert _references(api.get(f"{P}/projects?workstream=children-adults-families&published=false")) == [
        "ASC-002", "ASC-003"]
    assert _references(api.get(f"{P}/projects?initiative=adult-social-care-efficiency&q=telecare")) == ["ASC-003"]


def test_a_filter_with_an_unknown_value_says_which_values_are_accepted(world):
    response = ApiClient().get(f"{P}/projects?status=paused&page=0")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["status"] == ["Input should be 'proposed', 'selected', 'funded', 'implementing', 'complete' "
                                "or 'closed'"]
    assert errors["page"] == ["Input should be greater than or equal to 1"]


def test_a_project_comes_with_its_parts_and_money_as_pounds_and_pence(world):
    Milestone.objects.create(project=world.published, title="Pilot starts", due_on=dt.date(2012, 4, 1))
    project = ApiClient().get(f"{P}/projects/ASC-001").json()
    assert project["lead"] == "E10000014"
    assert project["participants"] == [{"organisation": "E10000014", "organisation_name": "Hampshire",
                                         "role": "lead"}]
    assert [(a["funder"], a["amount"], a["financial_year"]) for a in project["funding_awards"]] == [
        ("dh", "300000.00", "2011/12"), ("lga", "25000.00", "2011/12")]
    assert [m["title"] for m in project["milestones"]] == ["Pilot starts"]
    assert project["savings"][0]["baseline_value"] == "4000000.00"
    assert project["figures"] == {"expected": "500000.00", "forecast": "0.00", "realised": "420000.00"}


def test_a_project_figures_follow_the_requested_basis(world):
    world.realised.delivery_cost = Decimal("20000")
    world.realised.save()
    api = ApiClient()
    net = api.get(f"{P}/projects/ASC-001?basis=net").json()
    verified = api.get(f"{P}/projects/ASC-001?verification=verified").json()
    assert net["figures"]["realised"] == "400000.00"
    assert net["basis"] == {"basis": "net", "verification": "all"}
    assert verified["figures"]["realised"] == "0.00"  # entered but not yet verified


def test_saving_amounts_filter_by_financial_year_in_either_form_kind_and_verification(world):
    api = ApiClient(world.programme)
    by_label = api.get(f"{P}/amounts?financial_year=2013/14").json()
    by_start = api.get(f"{P}/amounts?financial_year=2013").json()
    assert by_label == by_start
    assert [item["amount"] for item in by_label["items"]] == ["999999.00"]
    realised = api.get(f"{P}/amounts?kind=realised&verification=unverified").json()["items"]
    assert [(a["project"], a["amount"], a["entered_by"]) for a in realised] == [("ASC-001", "420000.00", "Editor.A")]


def test_a_saving_lists_its_amounts_by_year(world):
    saving = ApiClient().get(f"{P}/savings/{world.saving.pk}").json()
    assert [(a["financial_year_label"], a["kind"], a["net_amount"]) for a in saving["amounts"]] == [
        ("2012/13", "expected", "500000.00"), ("2012/13", "realised", "420000.00")]
    assert saving["possible_double_counts"] == []


def test_headline_figures_are_the_roll_ups_on_the_chosen_basis(world):
    Secrets(world)
    world.realised.delivery_cost = Decimal("12345.67")
    world.realised.save()
    response = ApiClient(world.programme).get(f"{P}/figures/headline?basis=net&verification=verified").json()
    expected = rollups.headline(Project.objects.all(), rollups.Basis(net=True, verified_only=True))
    assert response["basis"] == {"basis": "net", "verification": "verified"}
    assert response["projects"] == expected.projects == 3
    assert response["savings"] == {kind: f"{expected.savings.get(kind):.2f}" for kind in ("expected", "forecast",
                                                                                          "realised")}
    assert response["verification"]["verified"] == "444444.00"
    assert [(f["funder"], f["total"]) for f in response["funders"]] == [
        (f.funder_slug, f"{f.total:.2f}") for f in expected.funders]


def test_savings_roll_up_by_financial_year_and_council(world):
    api = ApiClient(world.viewer_a)
    by_year = api.get(f"{P}/figures/savings/financial_year").json()
    assert [(r["key"], r["name"], r["expected"], r["realised"]) for r in by_year["rows"]] == [
        ("2012", "2012/13", "500000.00", "420000.00"), ("2013", "2013/14", "999999.00", "0.00")]
    by_council = api.get(f"{P}/figures/savings/council?initiative=adult-social-care-efficiency").json()
    assert [(r["key"], r["expected"]) for r in by_council["rows"]] == [("E10000014", "1499999.00")]


def test_funding_rolls_up_by_funder_and_by_year(world):
    api = ApiClient()
    assert [(f["funder"], f["programme"], f["awards"]) for f in api.get(f"{P}/figures/funders").json()] == [
        ("dh", "300000.00", 1), ("lga", "25000.00", 1)]
    by_year = api.get(f"{P}/figures/funding/financial_year").json()
    assert by_year == {"group": "financial_year", "rows": [{"key": "2011", "name": "2011/12", "total": "325000.00"}]}


def test_history_shows_who_changed_what_through_the_api(world):
    api = ApiClient(world.editor_a)
    assert api.patch(f"{P}/projects/ASC-001", {"rag": "amber"}).status_code == 200
    latest = api.get(f"{P}/projects/ASC-001/history").json()["items"][0]
    assert latest["action"] == "update"
    assert latest["actor"] == "Editor.A"
    assert latest["record"] == "ASC-001: Reablement at home"
    assert latest["changes"] == {"rag": ["Green", "Amber"]}


def test_a_project_history_includes_its_savings_amounts(world):
    history = ApiClient().get(f"{P}/projects/ASC-001/history").json()
    assert {"Project", "Saving", "Saving amount", "Participant", "Funding award"} <= {
        entry["record_type"] for entry in history["items"]}


def test_an_amount_history_shows_its_verification(world):
    ApiClient(world.programme).post(f"{P}/amounts/{world.realised.pk}/verify")
    history = ApiClient(world.viewer_a).get(f"{P}/amounts/{world.realised.pk}/history").json()
    assert history["count"] == 2
    latest = history["items"][0]
    assert (latest["action"], latest["actor"], latest["record_type"]) == ("update", "Programme", "Saving amount")
    assert latest["changes"]["verification"] == ["Unverified", "Verified"]
