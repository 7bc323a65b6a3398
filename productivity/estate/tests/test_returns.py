"""Quarterly returns: achieved figures need evidence and another person's verification; submitted returns are
kept (withdrawn with a reason, never deleted); the roll-ups count verified figures of standing returns only."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from conftest import make_user
from productivity.accounts.models import Role
from productivity.estate import return_rollups, returns
from productivity.estate.models import Measure, QuarterlyReturn, ReturnFigure
from productivity.estate.tests.factories import make_partnership, make_project, make_return
from productivity.organisations.models import OrganisationKind
from productivity.organisations.tests.factories import make_organisation


@pytest.fixture
def setup(roles):
    police = make_organisation("Hampshire Constabulary", kind=OrganisationKind.POLICE, slug="hampshire-police")
    partnership = make_partnership(roles.council_a, police)
    project = make_project(partnership, "HAM-01", title="Joint police and fire station")
    return {"partnership": partnership, "project": project, "police": police,
            "police_editor": make_user("editor.police@example.org", police, Role.EDITOR)}


def _figures(client, ret, project, **values):
    data = {}
    for measure, (forecast, achieved, evidence) in values.items():
        data.update({f"{measure}_forecast": forecast, f"{measure}_achieved": achieved, f"{measure}_evidence": evidence})
    return client.post(f"/estate/returns/{ret.pk}/projects/{project.pk}/", data)


def test_a_return_from_start_to_verified_figures_through_the_pages(setup, roles, client_for):
    lead = client_for(roles.editor_a)
    slug = setup["partnership"].slug
    response = lead.post(f"/estate/partnerships/{slug}/returns/new/", {
        "financial_year": "2012", "quarter": "2", "overall_rag": "amber_green", "delivery_rag": "amber",
        "governance_rag": "green", "commentary": "Station design agreed"})
    assert response.status_code == 302
    ret = QuarterlyReturn.objects.get()
    # An achieved figure without evidence is refused, naming the output.
    refused = _figures(lead, ret, setup["project"], jobs=("40", "12", ""))
    assert refused.status_code == 200
    assert "Describe the evidence that the jobs created figure" in refused.content.decode()
    assert _figures(lead, ret, setup["project"], jobs=("40", "12", "Payroll of the new station"),
                    running_costs=("250000", "", "")).status_code == 302
    assert lead.post(f"/estate/returns/{ret.pk}/submit/").status_code == 302
    jobs = ReturnFigure.objects.get(measure="jobs")
    # The author cannot verify their own figure; a partner body's editor can.
    page = lead.get(f"/estate/figures/{jobs.pk}/verify/").content.decode()
    assert "Someone other than the person who entered" in page
    assert lead.post(f"/estate/figures/{jobs.pk}/verify/").status_code == 200
    jobs.refresh_from_db()
    assert jobs.verification == "unverified"
    totals = return_rollups.outputs(ReturnFigure.objects.all())
    assert totals[Measure.JOBS].achieved == 0 and totals[Measure.JOBS].awaiting == 12
    assert client_for(setup["police_editor"]).post(f"/estate/figures/{jobs.pk}/verify/").status_code == 302
    totals = return_rollups.outputs(ReturnFigure.objects.all())
    assert totals[Measure.JOBS].achieved == 12 and totals[Measure.JOBS].forecast == 40
    assert totals[Measure.RUNNING_COSTS].forecast == 250000
    # Someone outside the partnership cannot verify (and does not learn a draft exists).
    assert client_for(roles.editor_b).get(f"/estate/figures/{jobs.pk}/verify/").status_code in (403, 404)


def test_a_submitted_return_is_kept_withdrawn_with_a_reason_and_stops_counting(setup, roles, client_for):
    ret = make_return(setup["partnership"])
    returns.set_figure(ret, setup["project"], "homes", forecast=Decimal(100), achieved=Decimal(20),
                       evidence_notes="Completion certificates", user=roles.editor_a)
    returns.submit(ret, user=roles.editor_a)
    returns.verify(ret.figures.get(), setup["police_editor"])
    with pytest.raises(ValidationError):
        returns.set_figure(ret, setup["project"], "homes", forecast=Decimal(1), achieved=None)
    lead = client_for(roles.editor_a)
    refused = lead.post(f"/estate/returns/{ret.pk}/delete/")
    assert refused.status_code == 200 and QuarterlyReturn.objects.filter(pk=ret.pk).exists()
    assert lead.post(f"/estate/returns/{ret.pk}/withdraw/", {"reason": ""}).status_code == 200
    assert lead.post(f"/estate/returns/{ret.pk}/withdraw/", {"reason": "Homes counted twice"}).status_code == 302
    ret.refresh_from_db()
    assert ret.is_withdrawn and ret.withdrawal_reason == "Homes counted twice"
    assert return_rollups.outputs(ReturnFigure.objects.all())[Measure.HOMES].achieved == 0
    page = client_for(None).get(f"/estate/returns/{ret.pk}/").content.decode()
    assert "Withdrawn" in page and "Homes counted twice" in page
    # The quarter can be filed again.
    again = make_return(setup["partnership"])
    assert again.pk != ret.pk


def test_drafts_are_seen_by_the_partnership_only_and_written_by_the_lead(setup, roles, client_for):
    draft = make_return(setup["partnership"], commentary="Secret draft commentary")
    url = f"/estate/returns/{draft.pk}/"
    expect = {None: 404, roles.editor_b: 404, roles.viewer_a: 200, setup["police_editor"]: 200, roles.programme: 200}
    for user, status in expect.items():
        assert client_for(user).get(url).status_code == status
    assert client_for(setup["police_editor"]).get(url + "edit/").status_code == 403
    assert client_for(roles.editor_a).get(url + "edit/").status_code == 200
    returns.submit(draft, user=roles.editor_a)
    assert client_for(None).get(url).status_code == 200


def test_roll_ups_by_partnership_and_year_and_forecast_accuracy_of_closed_projects(setup, roles):
    import datetime as dt

    project = setup["project"]
    first = make_return(setup["partnership"], 2012, 1)
    returns.set_figure(first, project, "receipts", forecast=Decimal(1000000), achieved=None)
    returns.submit(first)
    second = make_return(setup["partnership"], 2013, 4)
    returns.set_figure(second, project, "receipts", forecast=Decimal(600000), achieved=Decimal(550000),
                       evidence_notes="Completion statement", user=roles.editor_a)
    returns.submit(second)
    returns.verify(second.figures.get(), setup["police_editor"])
    figures = ReturnFigure.objects.all()
    by_year = return_rollups.outputs_by_year(figures)
    assert by_year[2012][Measure.RECEIPTS].forecast == 1000000 and by_year[2012][Measure.RECEIPTS].achieved == 0
    assert by_year[2013][Measure.RECEIPTS].forecast == 600000 and by_year[2013][Measure.RECEIPTS].achieved == 550000
    by_partnership = return_rollups.outputs_by_partnership(figures)
    assert by_partnership[setup["partnership"].pk][Measure.RECEIPTS].achieved == 550000
    assert return_rollups.forecast_accuracy(figures) == []  # the project is still open
    project.status, project.closed_on = "closed", dt.date(2014, 3, 31)
    project.save()
    [accuracy] = return_rollups.forecast_accuracy(figures)
    assert (accuracy.first_forecast, accuracy.latest_forecast, accuracy.achieved) == (1000000, 600000, 550000)
    assert accuracy.over_optimistic and accuracy.against_first == Decimal("0.55")


def test_outputs_page_and_downloads_agree(setup, roles, client_for):
    ret = make_return(setup["partnership"])
    returns.set_figure(ret, setup["project"], "carbon", forecast=Decimal("120.5"), achieved=Decimal("30.25"),
                       evidence_notes="Meter readings", user=roles.editor_a)
    returns.submit(ret)
    returns.verify(ret.figures.get(), setup["police_editor"])
    client = client_for(None)
    page = client.get("/estate/outputs/").content.decode()
    assert "Carbon reduction" in page and "30.25" in page
    csv = b"".join(client.get("/estate/outputs/?table=partnership&format=csv").streaming_content).decode("utf-8-sig")
    assert "Hampshire public estate,Carbon reduction,tCO2e a year,120.5,30.25" in csv
    assert client.get("/estate/outputs/?table=nonsense&format=csv").status_code == 404
    xlsx = client.get(f"/estate/returns/{ret.pk}/?format=xlsx")
    assert b"".join(xlsx.streaming_content if xlsx.streaming else [xlsx.content]).startswith(b"PK")
