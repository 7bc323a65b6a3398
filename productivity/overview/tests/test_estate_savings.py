"""Partnerships' verified cash outputs reach the programme's savings once: through the one saving each estate
project names, never beside an amount the programme recorded itself, and withdrawn (not deleted) with a return."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from conftest import make_user
from productivity.accounts.models import Role
from productivity.estate import returns
from productivity.estate.models import ProgrammeFeed
from productivity.estate.tests.factories import make_partnership, make_project, make_return
from productivity.organisations.models import OrganisationKind
from productivity.organisations.tests.factories import make_organisation
from productivity.programme import rollups
from productivity.programme.models import SavingAmount
from productivity.programme.tests.factories import make_amount, make_saving
from productivity.programme.tests.factories import make_project as make_programme_project


@pytest.fixture
def linked(roles):
    police = make_organisation("Hampshire Constabulary", kind=OrganisationKind.POLICE, slug="hampshire-police")
    programme_project = make_programme_project(lead=roles.council_a, reference="CAP-04", is_published=True)
    running = make_saving(programme_project, title="Lower running costs", service="Property and assets")
    receipts = make_saving(programme_project, title="Capital receipts", service="Property and assets",
                           recurrence="one_off")
    partnership = make_partnership(roles.council_a, police, programme_project=programme_project)
    project = make_project(partnership, "HAM-01")
    returns.save_project(_linked(project, running, receipts))
    return {"project": project, "running": running, "receipts": receipts, "partnership": partnership,
            "programme_project": programme_project,
            "verifier": make_user("editor.police@example.org", police, Role.EDITOR)}


def _linked(project, running, receipts):
    project.running_cost_saving, project.receipts_saving = running, receipts
    return project


def _file(linked, author, year=2012, quarter=1, **achieved):
    ret = make_return(linked["partnership"], year, quarter)
    for measure, value in achieved.items():
        returns.set_figure(ret, linked["project"], measure, forecast=None, achieved=Decimal(value),
                           evidence_notes="Ledger", user=author)
    returns.submit(ret, user=author)
    for figure in ret.figures.all():
        returns.verify(figure, linked["verifier"])
    return ret


def _realised(projects):
    return rollups.savings_totals(rollups.amounts_for(projects)).realised


def test_verified_running_cost_savings_and_receipts_become_realised_amounts_once(linked, roles):
    _file(linked, roles.editor_a, 2012, 1, running_costs="100000", receipts="400000", jobs="5")
    _file(linked, roles.editor_a, 2012, 3, running_costs="50000")
    amount = SavingAmount.objects.get(saving=linked["running"], financial_year=2012, kind="realised")
    assert amount.amount == Decimal("150000.00") and amount.verification == "verified"
    assert amount.verified_by == linked["verifier"] and amount.entered_by == roles.editor_a
    assert "HAM-01" in amount.evidence_notes
    projects = [linked["programme_project"]]
    assert _realised(projects) == Decimal("550000.00")  # jobs are not money: they stay in the outputs


def test_an_unverified_or_draft_figure_feeds_nothing(linked, roles):
    ret = make_return(linked["partnership"])
    returns.set_figure(ret, linked["project"], "running_costs", forecast=None, achieved=Decimal(9000),
                       evidence_notes="Ledger", user=roles.editor_a)
    returns.verify(ret.figures.get(), linked["verifier"])  # verified, but the return is still a draft
    assert not SavingAmount.objects.filter(kind="realised").exists()
    returns.submit(ret, user=roles.editor_a)
    assert SavingAmount.objects.get(kind="realised").amount == 9000


def test_a_withdrawn_return_withdraws_the_amount_it_fed_and_keeps_it(linked, roles):
    ret = _file(linked, roles.editor_a, running_costs="100000")
    returns.withdraw(ret, reason="Savings restated", user=roles.editor_a)
    amount = SavingAmount.objects.get(saving=linked["running"], kind="realised")
    assert amount.is_withdrawn and "withdrawn" in amount.withdrawal_reason
    assert _realised([linked["programme_project"]]) == 0
    _file(linked, roles.editor_a, 2012, 1, running_costs="80000")
    amount.refresh_from_db()
    assert not amount.is_withdrawn and amount.amount == 80000
    assert ProgrammeFeed.objects.count() == 1


def test_an_amount_the_programme_recorded_itself_is_not_counted_twice(linked, roles):
    make_amount(linked["running"], 2012, "realised", amount=Decimal(70000), evidence_notes="Outturn",
                verification="unverified")
    _file(linked, roles.editor_a, running_costs="100000")
    realised = SavingAmount.objects.filter(saving=linked["running"], kind="realised")
    assert [amount.amount for amount in realised] == [Decimal("70000.00")]
    assert _realised([linked["programme_project"]]) == Decimal("70000.00")


def test_only_a_saving_of_the_partnerships_programme_project_with_a_baseline_may_be_linked(linked, roles):
    other = make_saving(make_programme_project(lead=roles.council_b), title="Elsewhere")
    project = linked["project"]
    project.running_cost_saving = other
    with pytest.raises(ValidationError, match="partnership's programme project"):
        returns.save_project(project)
    no_baseline = make_saving(linked["programme_project"], title="No baseline", baseline_value=None,
                              baseline_date=None)
    project.running_cost_saving = no_baseline
    with pytest.raises(ValidationError, match="baseline"):
        returns.save_project(project)
    project.running_cost_saving = linked["receipts"]
    with pytest.raises(ValidationError, match="Only the programme team"):
        returns.save_project(project, user=roles.editor_a)


def test_moving_the_link_moves_the_fed_amount(linked, roles):
    _file(linked, roles.editor_a, running_costs="100000")
    replacement = make_saving(linked["programme_project"], title="Running costs, restated",
                              baseline_date=dt.date(2011, 3, 31))
    project = linked["project"]
    project.running_cost_saving = replacement
    returns.save_project(project, user=roles.programme)
    assert _realised([linked["programme_project"]]) == Decimal("100000.00")
    assert SavingAmount.objects.not_withdrawn().get(kind="realised").saving == replacement
