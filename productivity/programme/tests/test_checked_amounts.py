"""Verified and audited amounts, and what their saving says they mean, are changed by the programme team alone,
through every path (pages, API, import); each such change sends the amounts back to unverified, saying why."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from productivity.audit.models import AuditEntry
from productivity.imports.registry import get as registered
from productivity.programme import services
from productivity.programme.models import SavingAmount
from productivity.programme.tests.api_support import ApiClient
from productivity.programme.tests.test_edit_projects import page_text

P = "/api/programme"
CHANGE = ("Project reference,Council code,Saving title,Financial year,Kind,Amount,Evidence notes\n"
          "ASC-001,E10000014,Fewer residential placements,2012/13,Realised,1.00,Placement records Q1-Q4\n")


@pytest.fixture
def audited(world):
    services.verify_amount(world.realised, world.programme)
    services.audit_amount(world.realised, world.programme)
    world.realised.refresh_from_db()
    return world.realised


def _import(user, content: str):
    return registered("savings").importer(user, filename="change.csv").run(io.BytesIO(content.encode()))


def test_a_council_editor_cannot_overwrite_an_audited_amount_by_import(world, audited):
    result = _import(world.editor_a, CHANGE)
    assert result.problems, "the import should be refused"
    assert any("only the programme team changes an amount once it has been verified or audited" in p.message
               for p in result.problems)
    audited.refresh_from_db()
    assert (audited.amount, audited.verification) == (Decimal("420000.00"), "audited")


def test_the_programme_team_may_and_the_amount_goes_back_to_unverified_saying_why(world, audited):
    result = _import(world.programme, CHANGE)
    assert result.problems == []
    audited.refresh_from_db()
    assert (audited.amount, audited.verification) == (Decimal("1.00"), "unverified")
    assert audited.verification_note == "Sent back to unverified: the programme team changed the amount"
    entry = AuditEntry.objects.filter(object_id=str(audited.pk), action="update").latest("at")
    assert entry.changes["verification"] == ["Audited", "Unverified"]


@pytest.mark.parametrize("change", [{"is_disbenefit": True}, {"baseline_value": "1.00"}, {"benefit_class":
                                                                                         "non_cashable"},
                                    {"recurrence": "one_off"}])
def test_an_editor_cannot_change_what_a_verified_amount_means_through_the_api(world, change):
    services.verify_amount(world.realised, world.programme)
    response = ApiClient(world.editor_a).patch(f"{P}/savings/{world.saving.pk}", change)
    assert response.status_code == 400
    field = next(iter(change))
    assert "only the programme team changes its" in response.json()["errors"][field][0]
    assert SavingAmount.objects.get(pk=world.realised.pk).verification == "verified"
    # Other details of the saving are still the council's to change.
    assert ApiClient(world.editor_a).patch(f"{P}/savings/{world.saving.pk}", {"owner": "New owner"}).status_code == 200


def test_when_the_programme_team_turns_it_into_a_dis_benefit_the_amount_is_unverified_again(world, audited):
    response = ApiClient(world.programme).patch(f"{P}/savings/{world.saving.pk}", {"is_disbenefit": True})
    assert response.status_code == 200
    amount = response.json()["amounts"][1]
    assert (amount["verification"], amount["net_amount"]) == ("unverified", "-420000.00")
    assert amount["verification_note"] == "Sent back to unverified: the saving's whether it is a dis-benefit changed"


def test_the_pages_offer_an_editor_nothing_that_would_be_refused(world, client_for):
    services.verify_amount(world.realised, world.programme)
    client = client_for(world.editor_a)
    form = client.get(reverse("programme:saving-edit", args=["ASC-001", world.saving.pk])).content.decode()
    assert 'name="is_disbenefit"' in form and "disabled" in form
    assert "Only the programme team changes this" in form
    # Posting a changed baseline anyway changes nothing: a disabled field keeps its value.
    response = client.get(reverse("programme:amount-edit", args=["ASC-001", world.realised.pk]))
    assert response.status_code == 403
    assert client.post(reverse("programme:amount-delete", args=["ASC-001", world.realised.pk])).status_code == 403
    assert SavingAmount.objects.filter(pk=world.realised.pk, verification="verified").exists()


def test_an_api_change_to_a_verified_amount_is_refused_with_the_reason(world):
    services.verify_amount(world.realised, world.programme)
    response = ApiClient(world.editor_a).patch(f"{P}/amounts/{world.realised.pk}", {"amount": "1"})
    assert response.status_code == 403
    assert "only the programme team changes an amount once it has been verified" in response.json()["detail"]


def test_the_programme_team_changes_a_saving_page_and_sees_the_amounts_sent_back(world, client_for, audited):
    page = client_for(world.programme).get(reverse("programme:saving-edit", args=["ASC-001", world.saving.pk]))
    assert "Only the programme team changes this" not in page_text(page)
