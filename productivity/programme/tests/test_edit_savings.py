"""Savings entries: the saving, its amounts by financial year, their evidence, verification and audit."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from productivity.accounts.models import Membership, Role, User
from productivity.programme.models import Evidence, Saving, SavingAmount
from productivity.programme.tests.test_edit_projects import date_parts, input_value, page_text


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(name, *args):
    return reverse(f"programme:{name}", args=["ASC-001", *args])


def saving_data(world, **overrides) -> dict:
    return {
        "organisation": str(world.council_a.pk), "title": "Less agency staffing", "description": "",
        "service": "Adult social care", "measure": "Agency spend per quarter", "owner": "Head of workforce",
        "benefit_class": "cashable", "recurrence": "recurring", "baseline_value": "£250,000",
        **date_parts("baseline_date", 31, 3, 2011), "baseline_description": "Agency spend 2010/11", **overrides,
    }


def amount_data(**overrides) -> dict:
    return {"financial_year": "2013", "kind": "expected", "amount": "120,000", "delivery_cost": "",
            "evidence_notes": "", **overrides}


def bare_saving(world) -> Saving:
    """A saving with no baseline yet."""
    return Saving.objects.create(project=world.published, organisation=world.council_a, title="Telecare",
                                 service="Adult social care", measure="Hours of home care", owner="Manager")


# The saving


def test_recording_a_saving_with_its_baseline(world, client_for):
    response = client_for(world.editor_a).post(url("saving-create"), saving_data(world), follow=True)
    text = page_text(response)
    assert "Saving added" in text
    assert "Less agency staffing" in text
    assert "£250,000 on 31 March 2011 (Agency spend 2010/11)" in text
    assert "Created saving: Less agency staffing" in text
    assert Saving.objects.get(title="Less agency staffing").created_by == world.editor_a


def test_a_baseline_needs_both_its_value_and_date(world, client_for):
    response = client_for(world.editor_a).post(url("saving-create"),
                                               saving_data(world, baseline_date_0="", baseline_date_1="",
                                                           baseline_date_2=""))
    text = page_text(response)
    assert "There is a problem" in text
    assert "Enter both the baseline value and the date it was measured, or neither" in text
    assert input_value(response, "baseline_value") == "£250,000"
    assert input_value(response, "title") == "Less agency staffing"
    assert not Saving.objects.filter(title="Less agency staffing").exists()


def test_a_saving_accrues_to_a_participating_council(world, client_for):
    response = client_for(world.editor_a).post(url("saving-create"),
                                               saving_data(world, organisation=str(world.council_b.pk)))
    assert "Choose a council from the list" in page_text(response)


def test_a_saving_with_realised_amounts_keeps_its_baseline(world, client_for):
    data = saving_data(world, title=world.saving.title, baseline_value="", baseline_date_0="", baseline_date_1="",
                       baseline_date_2="")
    response = client_for(world.editor_a).post(url("saving-edit", world.saving.pk), data)
    assert "This saving has realised amounts, so it must keep its baseline value and date" in page_text(response)
    world.saving.refresh_from_db()
    assert world.saving.has_baseline


def test_deleting_a_saving_with_only_planned_amounts_after_confirming(world, client_for):
    saving = bare_saving(world)
    SavingAmount.objects.create(saving=saving, financial_year=2013, kind="expected", amount=Decimal("5000"))
    client = client_for(world.editor_a)
    confirm = page_text(client.get(url("saving-delete", saving.pk)))
    assert "Are you sure you want to delete this saving?" in confirm and "Amounts recorded 1" in confirm
    response = client.post(url("saving-delete", saving.pk), follow=True)
    assert "Saving deleted" in page_text(response)
    assert not SavingAmount.objects.filter(saving_id=saving.pk).exists()


def test_a_saving_with_realised_amounts_is_withdrawn_not_deleted(world, client_for):
    client = client_for(world.editor_a)
    page = page_text(client.get(url("saving-delete", world.saving.pk)))
    assert "You cannot delete this saving" in page and "because it has realised amounts" in page
    client.post(url("saving-delete", world.saving.pk))
    assert SavingAmount.objects.filter(saving_id=world.saving.pk).count() == 2


# Amounts


def test_recording_an_expected_amount(world, client_for):
    response = client_for(world.editor_a).post(url("amount-create", world.saving.pk), amount_data(), follow=True)
    text = page_text(response)
    assert "Expected amount for 2013/14 recorded" in text
    assert "2013/14 Expected £120,000" in text
    assert "Created saving amount: Expected 2013/14: £120,000" in text


def test_a_realised_amount_needs_the_baseline_first(world, client_for):
    saving = bare_saving(world)
    response = client_for(world.editor_a).post(
        url("amount-create", saving.pk), amount_data(kind="realised", evidence_notes="Invoices"))
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert "Record the saving's baseline (value and date) before recording a realised amount" in text
    assert input_value(response, "amount") == "120,000"
    assert not saving.amounts.exists()


def test_a_realised_amount_needs_evidence(world, client_for):
    response = client_for(world.editor_a).post(url("amount-create", world.saving.pk), amount_data(kind="realised"))
    assert "Describe the evidence that this amount was realised" in page_text(response)
    assert 'href="#id_evidence_notes"' in response.content.decode()
    assert not world.saving.amounts.filter(financial_year=2013).exists()


def test_a_realised_amount_with_an_evidence_file(world, client_for):
    client = client_for(world.editor_a)
    upload = SimpleUploadedFile("Q1 budget monitoring.csv", b"quarter,spend\nQ1,10000\n", content_type="text/csv")
    response = client.post(url("amount-create", world.saving.pk),
                           amount_data(kind="realised", evidence_notes="Budget monitoring, Q1", evidence_file=upload),
                           follow=True)
    text = page_text(response)
    assert "Realised amount for 2013/14 recorded" in text
    assert "Unverified" in text
    assert "Evidence file: Q1 budget monitoring.csv" in text

    amount = world.saving.amounts.get(financial_year=2013, kind="realised")
    assert amount.verification == "unverified" and amount.entered_by == world.editor_a
    evidence = Evidence.objects.get(amount=amount)
    download = client.get(reverse("programme:evidence-download", args=["ASC-001", evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"quarter,spend\nQ1,10000\n"
    assert "Q1 budget monitoring.csv" in download["Content-Disposition"]
    # Anonymous visitors are asked to sign in before they can fetch evidence.
    assert client_for(None).get(reverse("programme:evidence-download", args=["ASC-001", evidence.pk])).status_code \
        == 302


def test_an_evidence_file_of_the_wrong_type_is_refused(world, client_for):
    upload = SimpleUploadedFile("tool.exe", b"MZ", content_type="application/octet-stream")
    response = client_for(world.editor_a).post(
        url("amount-create", world.saving.pk),
        amount_data(kind="realised", evidence_notes="See file", evidence_file=upload))
    assert "The evidence file must be a PDF, Word, Excel, OpenDocument, CSV, text or image file" in page_text(response)
    assert not Evidence.objects.exists()
    assert not world.saving.amounts.filter(financial_year=2013).exists()  # nothing half-saved


def test_one_amount_per_year_and_kind(world, client_for):
    response = client_for(world.editor_a).post(url("amount-create", world.saving.pk),
                                               amount_data(financial_year="2012"))
    assert "This saving already has an expected amount for 2012/13: change that amount instead" in page_text(response)
    assert world.saving.amounts.get(financial_year=2012, kind="expected").amount == Decimal("500000")


def test_amounts_must_be_pounds_and_a_listed_year(world, client_for):
    response = client_for(world.editor_a).post(url("amount-create", world.saving.pk),
                                               amount_data(amount="12k", financial_year="1999"))
    text = page_text(response)
    assert "Enter an amount in pounds, for example 1500 or 1,500.00" in text
    assert "Choose a financial year from the list" in text


def test_changing_a_verified_amount_sends_it_back_for_verification(world, client_for):
    world.realised.verification = "verified"
    world.realised.verified_by = world.programme
    world.realised.save()
    assert client_for(world.editor_a).get(url("amount-edit", world.realised.pk)).status_code == 403
    client_for(world.programme).post(url("amount-edit", world.realised.pk),
                                    amount_data(financial_year="2012", kind="realised", amount="430000",
                                                evidence_notes="Placement records Q1-Q4, corrected"))
    world.realised.refresh_from_db()
    assert world.realised.amount == Decimal("430000")
    assert world.realised.verification == "unverified" and world.realised.verified_by is None


# Verification and audit


def test_the_person_who_entered_an_amount_cannot_verify_it(world, client_for):
    client = client_for(world.editor_a)
    assert "Verify realised amount" not in page_text(client.get(reverse("programme:project", args=["ASC-001"])))
    response = client.post(url("amount-verify", world.realised.pk))
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert "Someone other than the person who entered an amount must verify it" in text
    world.realised.refresh_from_db()
    assert world.realised.verification == "unverified"
    # Asked directly, the verify page says why instead of offering a button that would be refused.
    page = client.get(url("amount-verify", world.realised.pk)).content.decode()
    assert "Someone other than the person who entered an amount must verify it." in page
    assert "Verify amount</button>" not in page and 'type="submit"' not in page


def test_someone_else_verifies_then_the_programme_team_audits(world, client_for):
    client = client_for(world.programme)
    assert "Verify realised amount for 2012/13" in page_text(client.get(reverse("programme:project",
                                                                                args=["ASC-001"])))
    confirm = page_text(client.get(url("amount-verify", world.realised.pk)))
    assert "Entered by Editor.A" in confirm and "Evidence Placement records Q1-Q4" in confirm

    response = client.post(url("amount-verify", world.realised.pk), follow=True)
    text = page_text(response)
    assert "Realised amount for 2012/13 verified" in text
    assert "Verification : Unverified → Verified" in text
    world.realised.refresh_from_db()
    assert world.realised.verified_by == world.programme

    response = client.post(url("amount-audit", world.realised.pk), follow=True)
    assert "Realised amount for 2012/13 recorded as audited" in page_text(response)
    assert "Verification : Verified → Audited" in page_text(response)


def test_only_verified_amounts_are_audited(world, client_for):
    response = client_for(world.programme).post(url("amount-audit", world.realised.pk))
    assert "An amount must be verified before it is audited" in page_text(response)
    world.realised.refresh_from_db()
    assert world.realised.verification == "unverified"


def test_council_editors_do_not_record_audits(world, client_for):
    world.realised.verification = "verified"
    world.realised.save()
    client = client_for(world.editor_a)
    assert "Record audit" not in page_text(client.get(reverse("programme:project", args=["ASC-001"])))
    assert client.post(url("amount-audit", world.realised.pk)).status_code == 403
    world.realised.refresh_from_db()
    assert world.realised.verification == "verified"


def test_a_colleague_at_the_same_council_may_verify(world, client_for):
    colleague = User.objects.create_user(email="colleague.a@example.org", password="another-long-password")
    Membership.objects.create(user=colleague, organisation=world.council_a, role=Role.EDITOR)
    client_for(colleague).post(url("amount-verify", world.realised.pk))
    world.realised.refresh_from_db()
    assert world.realised.verification == "verified" and world.realised.verified_by == colleague


def test_the_verify_page_links_to_the_evidence_files(world, client_for):
    world.saving.title = "Placements <reviewed> & re-let"  # shown as typed, not as markup
    world.saving.save()
    upload = SimpleUploadedFile("placements.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    evidence = Evidence.objects.create(amount=world.realised, file=upload, original_name="placements.pdf")
    page = client_for(world.programme).get(url("amount-verify", world.realised.pk)).content.decode()
    download = reverse("programme:evidence-download", args=["ASC-001", evidence.pk])
    assert f'<a class="govuk-link" href="{download}">placements.pdf</a>' in page
    assert "Placements &lt;reviewed&gt; &amp; re-let" in page


def test_history_reads_in_plain_english(world, client_for):
    from productivity.audit.context import acting_as

    with acting_as(world.programme):
        world.realised.amount = 430000
        world.realised.verification = "verified"
        world.realised.save()
    page = client_for(world.programme).get(f"/programme/projects/{world.published.reference}/").content.decode()
    assert "£420,000 → £430,000" in page
    assert "<strong>Verification</strong>:\n              Unverified → Verified" in page
    # The amount's creation names its year as people write it.
    assert "2012/13" in page and "Financial year" in page


def test_only_the_programme_team_changes_an_audited_amount(world, client_for):
    world.realised.verification = "audited"
    world.realised.save()
    ref, pk = world.published.reference, world.realised.pk
    editor = client_for(world.editor_a)
    for name in ("amount-edit", "amount-delete"):
        assert editor.get(reverse(f"programme:{name}", args=[ref, pk])).status_code == 403
        assert editor.post(reverse(f"programme:{name}", args=[ref, pk])).status_code == 403
    page = editor.get(reverse("programme:project", args=[ref])).content.decode()
    assert reverse("programme:amount-edit", args=[ref, pk]) not in page
    programme = client_for(world.programme)
    assert programme.get(reverse("programme:amount-edit", args=[ref, pk])).status_code == 200


def test_the_api_also_keeps_audited_amounts_for_the_programme_team(world, client_for):
    world.realised.verification = "audited"
    world.realised.save()
    url = f"/api/programme/amounts/{world.realised.pk}"
    from productivity.accounts.services import issue_token

    editor = issue_token(world.editor_a, "t")
    programme = issue_token(world.programme, "t")
    client = client_for(None)
    refused = client.patch(url, {"amount": "1.00"}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {editor}")
    assert refused.status_code == 403
    allowed = client.patch(url, {"amount": "1.00"}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {programme}")
    assert allowed.status_code == 200


def test_the_service_is_chosen_from_the_headings_and_another_name_is_taken_as_its_heading(world, client_for):
    client = client_for(world.editor_a)
    form = client.get(url("saving-create")).content.decode()
    select = form.split('name="service"')[1].split("</select>")[0]
    assert '<option value="Central services">' in select and 'id="id_service"' in form.split('name="service"')[0]
    refused = page_text(client.post(url("saving-create"), saving_data(world, service="Parks")))
    assert "There is a problem" in refused and "'Parks' is not a service heading on the list" in refused
    client.post(url("saving-create"), saving_data(world, service="Property and assets"))
    assert Saving.objects.get(title="Less agency staffing").service == "Central services"


def test_a_recorded_service_off_the_list_is_shown_to_be_replaced(world, client_for):
    saving = bare_saving(world)
    Saving.objects.filter(pk=saving.pk).update(service="Parks and gardens")
    form = client_for(world.editor_a).get(url("saving-edit", saving.pk)).content.decode()
    assert "Parks and gardens (not a heading on the list: choose one)" in form
