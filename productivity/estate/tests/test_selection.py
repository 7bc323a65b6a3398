"""Selection rounds: weighted criteria scores out of 100, a ranked shortlist of the places the round has, and
applications kept to their councils until the programme team publishes the shortlist."""

from decimal import Decimal

import pytest

from productivity.estate import selection
from productivity.estate.models import Application, Criterion, SelectionRound
from productivity.organisations.tests.factories import make_council


@pytest.fixture
def scored(roles):
    selection_round = SelectionRound.objects.create(name="Round", slug="round", opens_on="2012-04-02",
                                                    closes_on="2012-06-29", places=2, fewest_places=1)
    outputs = Criterion.objects.create(selection_round=selection_round, name="Outputs", weight=3, max_score=5)
    funding = Criterion.objects.create(selection_round=selection_round, name="Match funding", weight=1,
                                       max_score=10)
    councils = [roles.council_a, roles.council_b, make_council("Bristol"), make_council("Leeds")]
    applications = {}
    for council, scores, match in zip(councils, [(5, 10), (3, 5), (4, 2), (5, 10)],
                                      [Decimal(100), Decimal(50), Decimal(80), Decimal(0)], strict=True):
        application = Application.objects.create(selection_round=selection_round, council=council, summary="Bid",
                                                 match_funding=match)
        selection.record_scores(application, {outputs.pk: scores[0], funding.pk: scores[1]})
        applications[council.name] = application
    return selection_round, applications


def test_scores_ranks_and_the_shortlist(scored):
    selection_round, _ = scored
    ranked = selection.ranking(selection_round)
    # Hampshire (5/5, 10/10) 100; Leeds the same but offers no match funding; Bristol 3×0.8+1×0.2 = 2.6/4 = 65;
    # Swindon 3×0.6+1×0.5 = 2.3/4 = 57.5.
    assert [(r.application.council.name, r.score, r.rank) for r in ranked] == [
        ("Hampshire", Decimal("100.0"), 1), ("Leeds", Decimal("100.0"), 2), ("Bristol", Decimal("65.0"), 3),
        ("Swindon", Decimal("57.5"), 4)]
    assert [r.application.council.name for r in selection.shortlist(selection_round)] == ["Hampshire", "Bristol"]
    assert ranked[1].why_not == "No match funding offered" and ranked[3].why_not == "Below the 2 places"


def test_a_council_sees_only_its_own_application_and_no_rank_until_published(scored, roles, client_for):
    selection_round, _ = scored
    page = client_for(roles.editor_b).get("/estate/selection/round/").content.decode()
    assert "Swindon" in page and "Hampshire" not in page and "not yet published" in page
    assert client_for(None).get("/estate/selection/round/?format=csv").streaming
    csv = b"".join(client_for(None).get("/estate/selection/round/?format=csv").streaming_content).decode()
    assert "Swindon" not in csv and "Hampshire" not in csv
    selection_round.shortlist_published = True
    selection_round.save()
    csv = b"".join(client_for(None).get("/estate/selection/round/?format=csv").streaming_content).decode()
    assert "1,Hampshire,100.0" in csv and "Bristol" in csv


def test_a_council_applies_once_and_only_the_programme_team_scores(scored, roles, client_for):
    selection_round, applications = scored
    Application.objects.filter(council=roles.council_b).delete()
    client = client_for(roles.editor_b)
    bad = client.post("/estate/selection/round/apply/", {"council": roles.council_b.pk, "summary": "",
                                                         "match_funding": "lots"})
    assert bad.status_code == 200 and Application.objects.filter(council=roles.council_b).count() == 0
    good = client.post("/estate/selection/round/apply/", {"council": roles.council_b.pk, "summary": "Hub",
                                                          "match_funding": "25000"})
    assert good.status_code == 302
    assert client.get("/estate/selection/round/apply/").status_code == 403  # no council left to apply for
    mine = Application.objects.get(council=roles.council_b)
    assert client.get(f"/estate/applications/{mine.pk}/score/").status_code == 403
    criteria = list(selection_round.criteria.all())
    team = client_for(roles.programme)
    too_high = team.post(f"/estate/applications/{mine.pk}/score/", {f"criterion_{criteria[0].pk}": "9",
                                                                    f"criterion_{criteria[1].pk}": "3"})
    assert too_high.status_code == 200 and not mine.scores.exists()
    assert team.post(f"/estate/applications/{mine.pk}/score/", {f"criterion_{criteria[0].pk}": "4",
                                                                f"criterion_{criteria[1].pk}": "3"}).status_code == 302
    assert mine.scores.count() == 2
