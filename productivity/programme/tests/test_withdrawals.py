"""The record is never destroyed: what others rely on is withdrawn with a reason, never deleted, by every role
on the pages and the API; it stays, shown as withdrawn, drops out of the figures from then, and is restored."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from productivity.audit.models import AuditEntry
from productivity.programme import rollups, rollups_as_at, withdrawals
from productivity.programme.models import FundingAward, Project, Saving, SavingAmount, WithdrawalRequest
from productivity.programme.tests.api_support import ApiClient
from productivity.programme.tests.factories import make_amount, make_project, make_saving
from productivity.programme.tests.test_edit_projects import page_text

P = "/api/programme"


def _figures(project):
    return rollups.savings_totals(rollups.amounts_for(Project.objects.filter(pk=project.pk)))


# Deleting is refused for what others rely on, on the pages and through the API -------------------------------------


@pytest.mark.parametrize("role", ["editor_a", "programme"])
def test_nobody_deletes_a_published_project_on_the_pages(world, client_for, role):
    client = client_for(world.users()[role])
    url = reverse("programme:project-delete", args=["ASC-001"])
    page = page_text(client.get(url))
    assert "You cannot delete this project" in page
    assert "because it is published and it has been funded and it has realised amounts" in page
    assert "Withdraw it instead" in page
    client.post(url)
    assert Project.objects.filter(reference="ASC-001").exists()


@pytest.mark.parametrize("role", ["editor_a", "programme"])
def test_nobody_deletes_a_realised_amount_or_its_saving_through_the_api(world, role):
    client = ApiClient(world.users()[role])
    if role == "programme":  # the editor may not even open a verified amount; an unverified realised one here
        assert client.delete(f"{P}/amounts/{world.realised.pk}").status_code == 409
    response = client.delete(f"{P}/savings/{world.saving.pk}")
    assert response.status_code == 409
    assert "cannot be deleted because it has realised amounts: withdraw it instead" in response.json()["detail"]
    response = client.delete(f"{P}/projects/ASC-001")
    assert response.status_code == 409
    assert SavingAmount.objects.filter(pk=world.realised.pk).exists()


def test_a_funding_award_is_withdrawn_not_deleted(world):
    award = world.published.funding_awards.first()
    response = ApiClient(world.programme).delete(f"{P}/funding-awards/{award.pk}")
    assert response.status_code == 409
    assert "records funding awarded" in response.json()["detail"]
    assert FundingAward.objects.filter(pk=award.pk).exists()


def test_a_draft_may_still_be_deleted_by_its_editors_and_the_deletion_stays_in_history(world, client_for):
    draft = make_project(world.initiative, lead=world.council_a, reference="ASC-050", title="Idea")
    saving = make_saving(draft, world.council_a, title="Planned")
    planned = make_amount(saving, 2013, "forecast", "5000")
    assert ApiClient(world.editor_a).delete(f"{P}/amounts/{planned.pk}").status_code == 204
    history = AuditEntry.objects.filter(parent_id=str(draft.pk), action="delete")
    assert history.filter(object_id=str(planned.pk)).exists()
    client = client_for(world.editor_a)
    client.post(reverse("programme:project-delete", args=["ASC-050"]))
    assert not Project.objects.filter(reference="ASC-050").exists()


# Withdrawing: the programme team at once, a council's editors by request --------------------------------------------


def test_the_programme_team_withdraws_a_saving_and_it_leaves_the_figures(world, client_for):
    before = _figures(world.published)
    client = client_for(world.programme)
    url = reverse("programme:saving-withdraw", args=["ASC-001", world.saving.pk])
    assert "Withdraw this saving" in page_text(client.get(url))
    response = client.post(url, {"reason": "Recorded twice: see ASC-004"})
    assert response.status_code == 302
    saving = Saving.objects.get(pk=world.saving.pk)
    assert saving.is_withdrawn and saving.withdrawal_reason == "Recorded twice: see ASC-004"
    assert saving.withdrawn_by == world.programme
    assert before.realised == Decimal("420000") and _figures(world.published).realised == 0
    # ... and its history says so, under its project.
    entry = AuditEntry.objects.filter(object_id=str(saving.pk), action="update").latest("at")
    assert entry.changes["withdrawal_reason"][1] == "Recorded twice: see ASC-004"


def test_a_reason_is_required(world, client_for):
    url = reverse("programme:project-withdraw", args=["ASC-001"])
    page = page_text(client_for(world.programme).post(url, {"reason": "  "}))
    assert "Enter the reason for withdrawing it" in page
    assert not Project.objects.get(reference="ASC-001").is_withdrawn


def test_an_editor_asks_and_the_programme_team_approves(world, client_for):
    editor = client_for(world.editor_a)
    url = reverse("programme:project-withdraw", args=["ASC-001"])
    assert "Ask the programme team to withdraw this project" in page_text(editor.get(url))
    editor.post(url, {"reason": "The council left the programme"})
    project = Project.objects.get(reference="ASC-001")
    assert not project.is_withdrawn  # it counts until the programme team approves
    asked = WithdrawalRequest.objects.get(record_id=project.pk, kind="project")
    assert asked.status == "pending" and asked.requested_by == world.editor_a
    # The editor cannot decide it; the programme team can.
    decide = reverse("programme:withdrawal-decide", args=["ASC-001", asked.pk])
    assert editor.get(decide).status_code == 403
    programme = client_for(world.programme)
    assert "The council left the programme" in page_text(programme.get(reverse("programme:withdrawal-requests")))
    programme.post(decide, {"decision": "approve", "note": ""})
    project.refresh_from_db()
    assert project.is_withdrawn and project.withdrawal_reason == "The council left the programme"
    assert WithdrawalRequest.objects.get(pk=asked.pk).status == "approved"
    assert rollups.headline(Project.objects.filter(pk=project.pk)).projects == 0


def test_a_refusal_needs_a_note_and_keeps_the_record(world):
    asked = withdrawals.request_withdrawal(world.saving, reason="Mistake", user=world.editor_a)
    with pytest.raises(Exception, match="Say why"):
        withdrawals.refuse_withdrawal(asked, user=world.programme, note="")
    withdrawals.refuse_withdrawal(asked, user=world.programme, note="The placements were real")
    assert not Saving.objects.get(pk=world.saving.pk).is_withdrawn


def test_the_api_withdraws_for_the_programme_team_and_asks_for_an_editor(world):
    editor = ApiClient(world.editor_a).post(f"{P}/savings/{world.saving.pk}/withdraw", {"reason": "Duplicate"})
    assert editor.status_code == 202 and editor.json()["status"] == "pending"
    request_id = editor.json()["id"]
    assert ApiClient(world.editor_a).post(f"{P}/withdrawal-requests/{request_id}/approve", {}).status_code == 403
    approved = ApiClient(world.programme).post(f"{P}/withdrawal-requests/{request_id}/approve", {})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    shown = ApiClient(world.viewer_a).get(f"{P}/savings/{world.saving.pk}").json()
    assert shown["withdrawal_reason"] == "Duplicate" and shown["withdrawn_at"]
    now = ApiClient(world.programme).post(f"{P}/funding-awards/{world.published.funding_awards.first().pk}/withdraw",
                                          {"reason": "Grant returned"})
    assert now.status_code == 200 and now.json()["withdrawn_at"]


@pytest.mark.parametrize("role, status", [("anonymous", 401), ("viewer_a", 403), ("editor_b", 403)])
def test_those_who_cannot_change_the_project_cannot_withdraw_or_ask(world, role, status):
    response = ApiClient(world.users()[role]).post(f"{P}/projects/ASC-001/withdraw", {"reason": "Because"})
    assert response.status_code == status
    hidden = ApiClient(world.users()[role]).post(f"{P}/projects/ASC-002/withdraw", {"reason": "Because"})
    assert hidden.status_code == (401 if role == "anonymous" else 403 if role == "viewer_a" else 404)
    assert not WithdrawalRequest.objects.exists() and not Project.objects.withdrawn().exists()


def test_only_the_programme_team_restores(world, client_for):
    withdrawals.withdraw(world.published, reason="Closed early", user=world.programme)
    assert ApiClient(world.editor_a).post(f"{P}/projects/ASC-001/restore").status_code == 403
    url = reverse("programme:project-restore", args=["ASC-001"])
    assert client_for(world.editor_a).get(url).status_code == 403
    client_for(world.programme).post(url)
    assert not Project.objects.get(reference="ASC-001").is_withdrawn
    assert _figures(world.published).realised == Decimal("420000")


def test_a_withdrawn_record_is_not_changed_until_restored(world):
    withdrawals.withdraw(world.saving, reason="Duplicate", user=world.programme)
    response = ApiClient(world.programme).patch(f"{P}/savings/{world.saving.pk}", {"title": "New"})
    assert response.status_code == 400
    assert "has been withdrawn" in str(response.json())


# Figures: withdrawn records drop out from the moment they were withdrawn -------------------------------------------


def test_figures_as_at_a_date_before_the_withdrawal_still_count_it(world):
    withdrawals.withdraw(world.realised, reason="Evidence withdrawn", user=world.programme)
    SavingAmount.objects.filter(pk=world.realised.pk).update(withdrawn_at=timezone.now() - dt.timedelta(days=400))
    projects = Project.objects.filter(pk=world.published.pk)
    today = timezone.localdate()
    before = rollups_as_at.amounts_as_at(rollups.amounts_for(projects), today - dt.timedelta(days=500))
    after = rollups_as_at.amounts_as_at(rollups.amounts_for(projects), today)
    assert rollups.savings_totals(before).realised == Decimal("420000")
    assert rollups.savings_totals(after).realised == 0
    assert rollups.savings_totals(rollups.amounts_for(projects)).realised == 0


def test_a_withdrawn_project_leaves_every_headline_figure(world):
    projects = Project.objects.filter(reference__in=["ASC-001", "ASC-002"])
    before = rollups.headline(projects)
    withdrawals.withdraw(world.published, reason="Merged into ASC-002", user=world.programme)
    after = rollups.headline(projects)
    assert (before.projects, after.projects) == (2, 1)
    assert before.funding["all"] == Decimal("325000.00") and after.funding["all"] == 0
    assert after.savings.realised == 0


def test_withdrawals_since_a_date_are_listed_for_the_next_paper(world):
    withdrawals.withdraw(world.saving, reason="Duplicate", user=world.programme)
    today = timezone.localdate()
    rows = rollups_as_at.withdrawn_between(Project.objects.all(), today - dt.timedelta(days=1), today)
    assert rows == [{"kind": "Saving", "label": "Fewer residential placements", "project": "ASC-001",
                     "reason": "Duplicate", "withdrawn_on": today.isoformat()}]
    assert rollups_as_at.withdrawn_between(Project.objects.all(), today, today) == []


@pytest.mark.parametrize("role", ["anonymous", "programme"])
def test_a_withdrawn_project_and_saving_say_so_on_the_project_page_with_the_reason(world, client_for, role):
    withdrawals.withdraw(world.saving, reason="Claimed twice", user=world.programme)
    withdrawals.withdraw(world.published, reason="The council left the programme", user=world.programme)
    text = page_text(client_for(world.users()[role]).get(reverse("programme:project", args=["ASC-001"])))
    assert "Withdrawn on" in text
    assert "The council left the programme. It no longer counts in the figures." in text
    assert "Claimed twice. It no longer counts in the figures." in text
    assert ("by Programme" in text) == (role == "programme")  # who withdrew it, to signed-in readers only
