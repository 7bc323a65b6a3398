"""Who may open each create, change, delete, verify and audit page.

Anonymous visitors are asked to sign in; people who can see a project but not change it get 403;
people who cannot see it get 404, so they do not learn it exists; the programme team may do anything.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from productivity.programme.models import (
    Evidence,
    FundingAward,
    Milestone,
    Risk,
    Saving,
    SavingAmount,
    WithdrawalRequest,
)


def project_write_urls(project) -> dict[str, str]:
    """Every write page about ``project``, with one of each kind of record on it to change."""
    ref = project.reference
    award = FundingAward.objects.create(project=project, funder=project.lead, amount=Decimal("1000"),
                                        awarded_on=dt.date(2012, 4, 1), is_match_funding=True)
    milestone = Milestone.objects.create(project=project, title="Business case", due_on=dt.date(2012, 6, 1))
    risk = Risk.objects.create(project=project, title="Staff turnover")
    saving = Saving.objects.create(project=project, organisation=project.lead, title="Lower agency spend",
                                   service="Adult social care", measure="Agency hours", owner="Manager",
                                   baseline_value=Decimal("100000"), baseline_date=dt.date(2011, 3, 31))
    amount = SavingAmount.objects.create(saving=saving, financial_year=2012, kind="realised", amount=Decimal("10"),
                                         verification="verified", evidence_notes="Invoices")
    participant = project.participants.get()
    urls = {
        "project-edit": reverse("programme:project-edit", args=[ref]),
        "project-delete": reverse("programme:project-delete", args=[ref]),
        "participant-create": reverse("programme:participant-create", args=[ref]),
        "participant-edit": reverse("programme:participant-edit", args=[ref, participant.pk]),
        "participant-delete": reverse("programme:participant-delete", args=[ref, participant.pk]),
        "amount-create": reverse("programme:amount-create", args=[ref, saving.pk]),
    }
    for name, obj in (("funding", award), ("milestone", milestone), ("risk", risk), ("saving", saving)):
        urls[f"{name}-create"] = reverse(f"programme:{name}-create", args=[ref])
        urls[f"{name}-edit"] = reverse(f"programme:{name}-edit", args=[ref, obj.pk])
        urls[f"{name}-delete"] = reverse(f"programme:{name}-delete", args=[ref, obj.pk])
    for name in ("edit", "delete", "verify", "audit"):
        urls[f"amount-{name}"] = reverse(f"programme:amount-{name}", args=[ref, amount.pk])
    # Withdrawing (or asking to) and restoring the records others rely on, and deciding a council's request.
    urls["project-withdraw"] = reverse("programme:project-withdraw", args=[ref])
    urls["project-restore"] = reverse("programme:project-restore", args=[ref])
    for name, obj in (("saving", saving), ("amount", amount), ("funding", award)):
        for action in ("withdraw", "restore"):
            urls[f"{name}-{action}"] = reverse(f"programme:{name}-{action}", args=[ref, obj.pk])
    asked = WithdrawalRequest.objects.create(project=project, kind="award", record_id=award.pk,
                                             record_label=str(award), reason="Entered twice")
    urls["withdrawal-decide"] = reverse("programme:withdrawal-decide", args=[ref, asked.pk])
    return urls


def test_anonymous_visitors_are_asked_to_sign_in(world, client_for):
    urls = project_write_urls(world.published)
    urls["project-create"] = reverse("programme:project-create")
    urls["initiative-create"] = reverse("programme:initiative-create", args=[world.workstream.slug])
    urls["initiative-edit"] = reverse("programme:initiative-edit", args=[world.initiative.slug])
    client = client_for(None)
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"] == f"{reverse('accounts:login')}?next={url}", name


@pytest.mark.parametrize("who, project", [("viewer_a", "published"), ("viewer_a", "unpublished"),
                                          ("editor_b", "published")])
def test_people_who_can_see_but_not_change_a_project_get_403(world, client_for, who, project):
    client = client_for(getattr(world, who))
    for name, url in project_write_urls(getattr(world, project)).items():
        assert client.get(url).status_code == 403, name
        assert client.post(url).status_code == 403, name


def test_outsiders_get_404_for_another_councils_unpublished_project(world, client_for):
    client = client_for(world.editor_b)
    for name, url in project_write_urls(world.unpublished).items():
        assert client.get(url).status_code == 404, name
        assert client.post(url).status_code == 404, name


def test_council_editors_may_open_every_page_for_their_project_except_audit(world, client_for):
    client = client_for(world.editor_a)
    for name, url in project_write_urls(world.unpublished).items():
        # The programme team's alone: audits, restoring, deciding requests; and the amount there is verified.
        programme_only = {"amount-audit", "withdrawal-decide", "amount-edit", "amount-delete", "amount-verify"}
        expected = 403 if name in programme_only or name.endswith("-restore") else 200
        assert client.get(url).status_code == expected, name


def test_programme_team_may_open_every_page(world, client_for):
    client = client_for(world.programme)
    urls = project_write_urls(world.project_b)
    urls["project-create"] = reverse("programme:project-create")
    urls["initiative-create"] = reverse("programme:initiative-create", args=[world.workstream.slug])
    urls["initiative-edit"] = reverse("programme:initiative-edit", args=[world.initiative.slug])
    urls["initiative-delete"] = reverse("programme:initiative-delete", args=[world.initiative.slug])
    for name, url in urls.items():
        assert client.get(url).status_code == 200, name


def test_viewers_posting_change_nothing(world, client_for):
    url = reverse("programme:milestone-create", args=["ASC-001"])
    data = {"title": "Sneaky milestone", "due_on_0": "1", "due_on_1": "6", "due_on_2": "2012"}
    assert client_for(world.viewer_a).post(url, data).status_code == 403
    assert not Milestone.objects.filter(title="Sneaky milestone").exists()


def test_only_editors_may_create_projects(world, client_for):
    url = reverse("programme:project-create")
    assert client_for(world.viewer_a).get(url).status_code == 403
    assert client_for(world.editor_b).get(url).status_code == 200


def test_only_the_programme_team_manages_initiatives(world, client_for):
    urls = [reverse("programme:initiative-create", args=[world.workstream.slug]),
            reverse("programme:initiative-edit", args=[world.initiative.slug]),
            reverse("programme:initiative-delete", args=[world.initiative.slug])]
    for user in (world.viewer_a, world.editor_a):
        for url in urls:
            assert client_for(user).get(url).status_code == 403, url
    world.initiative.is_published = False
    world.initiative.save()
    # An unpublished initiative is invisible outside the programme team.
    assert client_for(world.editor_a).get(urls[1]).status_code == 404


def test_unknown_records_and_wrong_methods_never_fail_with_a_server_error(world, client_for):
    client = client_for(world.programme)
    assert client.get(reverse("programme:milestone-edit", args=["ASC-001", 999999])).status_code == 404
    assert client.get(reverse("programme:project-edit", args=["NO-SUCH"])).status_code == 404
    # A record of one project is not reachable through another project's address.
    other = Milestone.objects.create(project=world.project_b, title="Elsewhere", due_on=dt.date(2012, 1, 1))
    assert client.get(reverse("programme:milestone-edit", args=["ASC-001", other.pk])).status_code == 404
    assert client.put(reverse("programme:project-edit", args=["ASC-001"])).status_code == 405


def test_evidence_files_are_for_signed_in_people_who_can_see_the_project(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    secret_amount = SavingAmount.objects.create(saving=world.secret_saving, financial_year=2012, kind="expected",
                                                amount=Decimal("1"))
    evidence = Evidence(amount=secret_amount, original_name="plan.txt")
    evidence.file.save("plan.txt", ContentFile(b"draft plan"), save=True)
    url = reverse("programme:evidence-download", args=["ASC-002", evidence.pk])

    assert client_for(None).get(url).status_code == 302
    assert client_for(world.editor_b).get(url).status_code == 404
    assert client_for(world.viewer_a).get(url).status_code == 200
    assert client_for(world.programme).get(url).status_code == 200
    evidence.file.delete(save=False)
    assert client_for(world.programme).get(url).status_code == 404  # a lost file is not a server error
