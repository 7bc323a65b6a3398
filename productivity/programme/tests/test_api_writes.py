"""Changing the programme through the API: the pages' rules, and errors a person can act on."""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from productivity.audit.models import AuditEntry
from productivity.audit.queries import history_for
from productivity.programme.models import FundingAward, Initiative, Participant, Project, SavingAmount
from productivity.programme.tests.api_support import ApiClient, Secrets

P = "/api/programme"


def _new_project(**overrides) -> dict:
    return {"initiative": "adult-social-care-efficiency", "reference": "ASC-050", "title": "Shared reablement",
            "lead_organisation": "E10000014", **overrides}


def test_a_council_editor_creates_a_project_their_council_leads(world):
    response = ApiClient(world.editor_a).post(f"{P}/projects", _new_project(rag="amber", start_date="2012-04-01"))
    assert response.status_code == 201, response.content
    project = Project.objects.get(reference="ASC-050")
    assert response.json()["lead"] == "E10000014"
    assert (project.rag, project.start_date, project.is_published) == ("amber", dt.date(2012, 4, 1), False)
    assert history_for(project).filter(action="create", user=world.editor_a).exists()


def test_a_council_editor_cannot_create_a_project_for_another_council_or_publish_one(world):
    api = ApiClient(world.editor_a)
    other = api.post(f"{P}/projects", _new_project(lead_organisation="E06000030"))
    published = api.post(f"{P}/projects", _new_project(is_published=True))
    assert (other.status_code, other.json()["detail"]) == (
        403, "You can create projects only for an organisation you are an editor of")
    assert (published.status_code, published.json()["detail"]) == (
        403, "Only the programme team publishes projects or marks them illustrative")
    assert api.patch(f"{P}/projects/ASC-001", {"is_published": False}).status_code == 403
    assert not Project.objects.filter(reference="ASC-050").exists()
    assert ApiClient(world.programme).post(f"{P}/projects", _new_project(is_published=True)).status_code == 201


def test_missing_and_mistyped_fields_are_each_named(world):
    response = ApiClient(world.editor_a).post(f"{P}/projects", {"reference": "ASC-051", "rag": "purple",
                                                               "start_date": "31/03/2012"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "The request is not valid"
    assert body["errors"]["title"] == ["Field required"]
    assert body["errors"]["initiative"] == ["Field required"]
    assert body["errors"]["rag"] == ["Input should be 'red', 'amber' or 'green'"]
    assert "start_date" in body["errors"]


def test_rule_breaking_data_is_refused_with_the_rule(world):
    api = ApiClient(world.editor_a)
    reserved = api.post(f"{P}/projects", _new_project(reference="new"))
    duplicate = api.post(f"{P}/projects", _new_project(reference="ASC-001"))
    unknown = api.post(f"{P}/projects", _new_project(initiative="no-such-initiative"))
    backwards = api.patch(f"{P}/projects/ASC-001", {"start_date": "2012-06-01", "end_date": "2012-01-01"})
    assert reserved.json()["errors"] == {"reference": ["'new' cannot be used as a reference: choose another"]}
    assert duplicate.status_code == 400 and "reference" in duplicate.json()["errors"]
    assert unknown.json()["errors"] == {"initiative": ["There is no initiative 'no-such-initiative'"]}
    assert backwards.json() == {"detail": "The data is not valid",
                                "errors": {"end_date": ["The end date must be the same as or after the start date"]}}
    assert Project.objects.get(reference="ASC-001").start_date is None


def test_a_body_that_is_not_json_gets_a_400_not_a_500(world):
    response = ApiClient(world.editor_a).client.post(f"{P}/projects", data="{not json",
                                                     content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body"}
    missing = ApiClient(world.editor_a).client.patch(f"{P}/projects/ASC-001")
    assert missing.json() == {"detail": "The request is not valid",
                              "errors": {"__all__": ["Send the data as a JSON object in the request body"]}}


def test_a_field_the_endpoint_does_not_take_is_refused_not_ignored(world):
    response = ApiClient(world.editor_a).patch(f"{P}/projects/ASC-001", {"reference": "ASC-999", "title": "New"})
    assert response.json()["errors"] == {"reference": ["This endpoint does not take this field: leave it out"]}
    assert Project.objects.filter(reference="ASC-001", title="Reablement at home").exists()


def test_a_change_may_leave_a_field_out_but_not_empty_a_required_one(world):
    api = ApiClient(world.editor_a)
    response = api.patch(f"{P}/projects/ASC-001", {"title": None, "end_date": None})
    assert response.json()["errors"] == {"title": ["Give a value, or leave the field out to keep the current one"]}
    amount = api.patch(f"{P}/amounts/{world.realised.pk}", {"financial_year": None})
    assert amount.status_code == 400
    assert Project.objects.get(reference="ASC-001").title == "Reablement at home"


def test_making_a_partner_the_lead_makes_the_old_lead_a_partner(world):
    Participant.objects.create(project=world.published, organisation=world.council_b, role="partner")
    response = ApiClient(world.editor_a).patch(f"{P}/projects/ASC-001/participants/E06000030", {"role": "lead"})
    assert response.json() == {"organisation": "E06000030", "organisation_name": "Swindon", "role": "lead"}
    roles = dict(world.published.participants.values_list("organisation__slug", "role"))
    assert roles == {"E06000030": "lead", "E10000014": "partner"}


def test_a_participant_with_savings_or_the_last_one_cannot_be_removed(world):
    Participant.objects.create(project=world.published, organisation=world.council_b, role="partner")
    api = ApiClient(world.programme)
    last = api.delete(f"{P}/projects/ASC-003/participants/E06000030")
    with_savings = api.delete(f"{P}/projects/ASC-001/participants/E10000014")
    twice = api.post(f"{P}/projects/ASC-001/participants", {"organisation": "E10000014"})
    assert last.json()["errors"] == {"__all__": ["A project needs at least one participating organisation"]}
    assert with_savings.status_code == 400
    assert "has savings recorded on this project" in with_savings.json()["errors"]["__all__"][0]
    assert twice.json()["errors"] == {"organisation": [
        "Hampshire already takes part in ASC-001: change its role instead"]}
    assert api.delete(f"{P}/projects/ASC-001/participants/E06000030").status_code == 204
    assert list(world.published.participants.values_list("organisation__slug", flat=True)) == ["E10000014"]


def test_council_editors_record_only_their_own_match_funding(world):
    api = ApiClient(world.editor_a)
    grant = api.post(f"{P}/projects/ASC-001/funding-awards", {"funder": "dh", "amount": "1000.00",
                                                               "awarded_on": "2012-05-01"})
    someone_elses = api.post(f"{P}/projects/ASC-001/funding-awards", {"funder": "E06000030", "amount": "1000.00",
                                                                       "awarded_on": "2012-05-01",
                                                                       "is_match_funding": True})
    own = api.post(f"{P}/projects/ASC-001/funding-awards", {"funder": "E10000014", "amount": 1000,
                                                             "awarded_on": "2012-05-01", "is_match_funding": True})
    assert grant.status_code == someone_elses.status_code == 403
    assert grant.json()["detail"].startswith("Only the programme team records programme funding")
    assert own.status_code == 201
    assert own.json()["amount"] == "1000.00"
    award = FundingAward.objects.get(pk=own.json()["id"])
    assert api.patch(f"{P}/funding-awards/{award.pk}", {"is_match_funding": False}).status_code == 403
    programme_award = world.published.funding_awards.get(funder=world.dh)
    assert api.patch(f"{P}/funding-awards/{programme_award.pk}", {"amount": "1.00"}).status_code == 403
    assert FundingAward.objects.get(pk=programme_award.pk).amount == Decimal("300000.00")


def test_money_must_be_positive_pounds_and_pence(world):
    api = ApiClient(world.programme)
    zero = api.post(f"{P}/projects/ASC-001/funding-awards", {"funder": "dh", "amount": "0",
                                                              "awarded_on": "2012-05-01"})
    fractions = api.post(f"{P}/projects/ASC-001/funding-awards", {"funder": "dh", "amount": "10.005",
                                                                   "awarded_on": "2012-05-01"})
    unknown = api.post(f"{P}/projects/ASC-001/funding-awards", {"funder": "nobody", "amount": "10",
                                                                 "awarded_on": "2012-05-01"})
    assert zero.json()["errors"] == {"amount": ["Ensure this value is greater than or equal to 0.01."]}
    assert fractions.json()["errors"] == {"amount": ["Decimal input should have no more than 2 decimal places"]}
    assert unknown.json()["errors"] == {"funder": ["No organisation has the code 'nobody': use its slug or ONS GSS "
                                                   "code"]}


def test_a_saving_accrues_to_an_organisation_taking_part(world):
    response = ApiClient(world.editor_a).post(f"{P}/projects/ASC-001/savings", {
        "organisation": "E06000030", "title": "Shared team", "service": "Adult social care", "measure": "Cost",
        "owner": "Officer"})
    assert response.json()["errors"] == {"organisation": [
        "Swindon does not take part in ASC-001: add it as a participant first"]}


def test_a_realised_amount_needs_a_baseline_and_evidence(world):
    api = ApiClient(world.programme)
    no_baseline = api.post(f"{P}/savings/{world.secret_saving.pk}/amounts",
                           {"financial_year": "2013/14", "kind": "realised", "amount": "10.00",
                            "evidence_notes": "Ledger"})
    no_evidence = api.post(f"{P}/savings/{world.saving.pk}/amounts",
                           {"financial_year": "2013/14", "kind": "realised", "amount": "10.00"})
    assert no_baseline.json()["errors"] == {"__all__": [
        "Record the saving's baseline (value and date) before recording a realised amount"]}
    assert no_evidence.json()["errors"] == {"evidence_notes": ["Describe the evidence that this amount was realised"]}
    keep_baseline = api.patch(f"{P}/savings/{world.saving.pk}", {"baseline_value": None, "baseline_date": None})
    assert keep_baseline.json()["errors"] == {"baseline_date": [
        "This saving has realised amounts, so it must keep its baseline value and date"]}


def test_one_amount_per_year_and_kind_within_the_programme_years(world):
    api = ApiClient(world.editor_a)
    again = api.post(f"{P}/savings/{world.saving.pk}/amounts",
                     {"financial_year": "2012/13", "kind": "expected", "amount": "1.00"})
    too_late = api.post(f"{P}/savings/{world.saving.pk}/amounts",
                        {"financial_year": "2030/31", "kind": "expected", "amount": "1.00"})
    not_a_year = api.post(f"{P}/savings/{world.saving.pk}/amounts",
                          {"financial_year": "2012/14", "kind": "expected", "amount": "1.00"})
    assert again.json()["errors"] == {"financial_year": [
        "This saving already has an expected amount for 2012/13: change that amount instead"]}
    assert too_late.json()["errors"] == {"financial_year": ["Choose a financial year from 2010/11 to 2016/17"]}
    assert not_a_year.json()["errors"] == {"financial_year": [
        "'2012/14' is not a financial year: the second year must follow the first, as in 2012/13"]}
    assert world.saving.amounts.count() == 2


def test_verification_by_someone_other_than_the_author_then_audit_by_the_programme_team(world):
    url = f"{P}/amounts/{world.realised.pk}"
    own = ApiClient(world.editor_a).post(f"{url}/verify")
    assert own.json()["errors"] == {"__all__": ["Someone other than the person who entered an amount must verify it"]}
    early_audit = ApiClient(world.programme).post(f"{url}/audit")
    assert early_audit.json()["errors"] == {"__all__": ["An amount must be verified before it is audited"]}
    verified = ApiClient(world.programme).post(f"{url}/verify").json()
    assert (verified["verification"], verified["verified_by"]) == ("verified", "Programme")
    refused = ApiClient(world.editor_a).post(f"{url}/audit")
    assert (refused.status_code, refused.json()["detail"]) == (
        403, "Only the programme team can record that an amount has been audited")
    audited = ApiClient(world.programme).post(f"{url}/audit").json()
    assert (audited["verification"], audited["audited_by"]) == ("audited", "Programme")


def test_changing_a_verified_amount_sends_it_back_for_verification(world):
    """Only the programme team changes a verified amount (test_checked_amounts has every path)."""
    secrets = Secrets(world)
    refused = ApiClient(world.editor_a).patch(f"{P}/amounts/{secrets.verified.pk}", {"amount": "400000.00"})
    assert refused.status_code == 403
    changed = ApiClient(world.programme).patch(f"{P}/amounts/{secrets.verified.pk}", {"amount": "400000.00"}).json()
    assert (changed["amount"], changed["verification"], changed["verified_by"]) == ("400000.00", "unverified", None)
    assert changed["verification_note"] == "Sent back to unverified: the programme team changed the amount"


def test_evidence_files_are_checked_and_listed_on_the_amount(world):
    api = ApiClient(world.editor_a)
    url = f"{P}/amounts/{world.realised.pk}/evidence"
    script = api.client.post(url, data={"file": SimpleUploadedFile("run.exe", b"MZ")})
    good = api.client.post(url, data={"file": SimpleUploadedFile("ledger.csv", b"year,amount\n2012,420000\n"),
                                      "description": "Ledger"})
    assert script.json()["errors"] == {"file": [
        "The evidence file must be a PDF, Word, Excel, OpenDocument, CSV, text or image file"]}
    assert good.status_code == 201
    assert [(e["name"], e["description"]) for e in good.json()["evidence"]] == [("ledger.csv", "Ledger")]
    assert good.json()["evidence"][0]["download_url"].startswith("/programme/projects/ASC-001/evidence/")


def test_an_initiative_with_projects_cannot_be_deleted(world):
    response = ApiClient(world.programme).delete(f"{P}/initiatives/adult-social-care-efficiency")
    assert response.status_code == 409
    assert response.json()["detail"] == ("Adult Social Care Efficiency Programme cannot be deleted while it has "
                                         "projects: move or delete them first")
    assert Initiative.objects.filter(slug="adult-social-care-efficiency").exists()


def test_the_programme_team_creates_an_initiative_with_a_slug_made_from_its_name(world):
    response = ApiClient(world.programme).post(f"{P}/initiatives", {"workstream": "children-adults-families",
                                                                     "name": "Troubled Families"})
    assert response.status_code == 201
    assert response.json()["slug"] == "troubled-families"


def test_deleting_a_project_deletes_its_parts_and_keeps_the_record_of_them(world):
    assert ApiClient(world.editor_a).delete(f"{P}/projects/ASC-002").status_code == 204
    assert not Project.objects.filter(reference="ASC-002").exists()
    assert not SavingAmount.objects.filter(saving__title="Secret saving").exists()
    assert AuditEntry.objects.filter(action="delete", object_repr="ASC-002: Secret draft project",
                                     user=world.editor_a).exists()


def test_a_savings_service_is_a_heading_on_the_list_as_on_the_pages_and_in_files(world):
    api = ApiClient(world.editor_a)
    body = {"organisation": world.council_a.slug, "title": "Shared estates team", "measure": "Cost",
            "owner": "Officer"}
    made = api.post(f"{P}/projects/ASC-001/savings", {**body, "service": "Property & Assets"})
    assert made.status_code == 201 and made.json()["service"] == "Central services"  # another name for it
    refused = api.post(f"{P}/projects/ASC-001/savings", {**body, "service": "Parks"})
    assert refused.status_code == 400
    message = refused.json()["errors"]["service"][0]
    assert message.startswith("'Parks' is not a service heading on the list: use one of Education,")
    changed = api.patch(f"{P}/savings/{made.json()['id']}", {"service": "adult social services"})
    assert changed.json()["service"] == "Adult social care"
    assert api.patch(f"{P}/savings/{made.json()['id']}", {"service": " "}).status_code == 400
    from django.test import Client

    schema = Client().get("/api/openapi.json").json()["components"]["schemas"]["SavingIn"]["properties"]["service"]
    assert "Adult social care" in schema["enum"] and "Property and assets" in schema["description"]
