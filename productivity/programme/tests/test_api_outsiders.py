"""Council A's unpublished records never reach an outsider (editor_b) or an anonymous caller through any
list, filter, figure or history; the programme team, who may see them, does."""

from decimal import Decimal

import pytest

from productivity.programme.tests.api_support import SECRET, ApiClient, Secrets, add_council_b_claim

P = "/api/programme"
# Amounts recorded only on council A's unpublished project, and its reference.
PRIVATE_MARKERS = (SECRET, "ASC-002", "999999", "333333", "444444", "7777", "8888")

URLS = [
    f"{P}/workstreams",
    f"{P}/workstreams/children-adults-families/history",
    f"{P}/initiatives",
    f"{P}/initiatives?published=false",
    f"{P}/projects",
    f"{P}/projects?council=E10000014",
    f"{P}/projects?q=Secret",
    f"{P}/projects?published=false",
    f"{P}/projects/ASC-001",
    f"{P}/projects/ASC-001/history",
    f"{P}/savings",
    f"{P}/savings?project=ASC-002",
    f"{P}/savings?council=E10000014",
    f"{P}/amounts",
    f"{P}/amounts?project=ASC-002",
    f"{P}/amounts?financial_year=2013/14",
    f"{P}/amounts?verification=verified",
    f"{P}/double-counts",
    f"{P}/double-counts?council=E10000014",
    f"{P}/figures/headline",
    f"{P}/figures/headline?basis=net&verification=verified",
    f"{P}/figures/headline?council=E10000014",
    *(f"{P}/figures/savings/{group}" for group in ("workstream", "initiative", "council", "financial_year", "project")),
    f"{P}/figures/funders",
    *(f"{P}/figures/funding/{group}" for group in ("workstream", "initiative", "financial_year", "project")),
]


@pytest.mark.parametrize("url", URLS)
def test_outsiders_never_see_council_a_unpublished_records(world, url):
    Secrets(world)
    add_council_b_claim(world)
    for user in (None, world.editor_b):
        response = ApiClient(user).get(url)
        assert response.status_code == 200
        leaked = [marker for marker in PRIVATE_MARKERS if marker in response.content.decode()]
        assert leaked == [], f"{url} shows {leaked} to {user or 'an anonymous caller'}"


@pytest.mark.parametrize("url", [f"{P}/projects", f"{P}/savings", f"{P}/amounts?project=ASC-002",
                                 f"{P}/workstreams/children-adults-families/history", f"{P}/initiatives",
                                 f"{P}/figures/savings/project", f"{P}/figures/funding/project"])
def test_the_programme_team_sees_what_outsiders_do_not(world, url):
    Secrets(world)
    body = ApiClient(world.programme).get(url).content.decode()
    assert SECRET in body or "ASC-002" in body


def test_outsiders_headline_counts_only_what_they_may_see(world):
    Secrets(world)
    figures = ApiClient(world.editor_b).get(f"{P}/figures/headline").json()
    # ASC-001 (published) and ASC-003 (their own); not council A's ASC-002.
    assert figures["projects"] == 2
    assert figures["savings"] == {"expected": "500000.00", "forecast": "0.00", "realised": "420000.00"}
    assert figures["funding"]["all"] == "325000.00"
    programme = ApiClient(world.programme).get(f"{P}/figures/headline").json()
    assert programme["projects"] == 3
    assert Decimal(programme["savings"]["expected"]) == Decimal("1499999.00")


def test_double_counting_flags_name_only_savings_the_caller_may_see(world):
    secrets = Secrets(world)
    claim = add_council_b_claim(world)
    programme = ApiClient(world.programme).get(f"{P}/double-counts").json()
    flagged = {item["saving"]["id"]: [other["id"] for other in item["clashes_with"]] for item in programme["items"]}
    assert flagged == {claim.pk: [secrets.saving.pk], secrets.saving.pk: [claim.pk]}

    # Swindon's editor must not learn that Hampshire's unpublished project claims the same saving.
    assert ApiClient(world.editor_b).get(f"{P}/double-counts").json() == {"items": [], "count": 0}
    assert ApiClient(world.editor_b).get(f"{P}/savings/{claim.pk}").json()["possible_double_counts"] == []
    # Hampshire's viewer cannot see Swindon's unpublished project either.
    assert ApiClient(world.viewer_a).get(f"{P}/double-counts").json()["count"] == 0
    detail = ApiClient(world.programme).get(f"{P}/savings/{claim.pk}").json()
    assert [other["project"] for other in detail["possible_double_counts"]] == ["ASC-002"]


def test_an_outsider_cannot_find_a_private_record_by_guessing_its_id(world):
    secrets = Secrets(world)
    outsider = ApiClient(world.editor_b)
    for url in (f"{P}/amounts/{secrets.realised.pk}", f"{P}/savings/{secrets.saving.pk}/history",
                f"{P}/funding-awards/{secrets.match_award.pk}", f"{P}/risks/{secrets.risk.pk}"):
        response = outsider.get(url)
        assert (response.status_code, response.json()) == (404, {"detail": "Not found"})
