"""Participants, funding awards, milestones and risks, added and changed from a project's page."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from productivity.programme.models import FundingAward, Milestone, Participant, Risk, Saving
from productivity.programme.tests.test_edit_projects import date_parts, input_value, page_text


def url(name, world, *args, project="ASC-001"):
    return reverse(f"programme:{name}", args=[project, *args])


# Participants


def test_adding_a_partner_and_making_it_the_lead(world, client_for):
    client = client_for(world.editor_a)
    response = client.post(url("participant-create", world),
                           {"organisation": str(world.council_b.pk), "role": "partner"}, follow=True)
    assert "Swindon added to the project" in page_text(response)
    assert "Swindon (partner)" in page_text(response)

    swindon = Participant.objects.get(project=world.published, organisation=world.council_b)
    response = client.post(url("participant-edit", world, swindon.pk), {"role": "lead"}, follow=True)
    text = page_text(response)
    assert "Swindon is now a lead" in text
    assert "Swindon (lead)" in text and "Hampshire (partner)" in text  # one lead at a time
    assert "Created participant: Swindon (partner)" in text


def test_an_organisation_already_taking_part_is_not_offered_again(world, client_for):
    response = client_for(world.editor_a).post(url("participant-create", world),
                                               {"organisation": str(world.council_a.pk), "role": "partner"})
    assert "Choose an organisation from the list" in page_text(response)
    assert 'value="partner" checked' in response.content.decode()


def test_the_last_participant_cannot_be_removed(world, client_for):
    hampshire = world.published.participants.get()
    response = client_for(world.editor_a).post(url("participant-delete", world, hampshire.pk))
    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert "A project needs at least one participating organisation" in text
    assert world.published.participants.exists()


def test_removing_a_partner_after_confirming(world, client_for):
    swindon = Participant.objects.create(project=world.published, organisation=world.council_b, role="partner")
    client = client_for(world.programme)
    assert "Are you sure you want to remove this organisation?" in page_text(
        client.get(url("participant-delete", world, swindon.pk)))
    response = client.post(url("participant-delete", world, swindon.pk), follow=True)
    assert "Swindon removed from the project" in page_text(response)
    assert not Participant.objects.filter(pk=swindon.pk).exists()


# Funding


def award_data(funder, **overrides):
    return {"funder": str(funder.pk), "amount": "£50,000", **date_parts("awarded_on", 1, 4, 2012),
            "notes": "", **overrides}


def test_programme_team_records_a_funding_award(world, client_for):
    response = client_for(world.programme).post(url("funding-create", world), award_data(world.dh), follow=True)
    text = page_text(response)
    assert "Funding award added" in text
    assert "Department of Health 1 April 2012 Programme funding £50,000" in text
    assert "Created funding award" in text


def test_council_editor_records_only_their_own_match_funding(world, client_for):
    client = client_for(world.editor_a)
    form = client.get(url("funding-create", world))
    assert "This is match funding" not in page_text(form)
    assert "Department of Health" not in page_text(form)

    refused = client.post(url("funding-create", world), award_data(world.dh))
    assert "Choose a funder from the list" in page_text(refused)
    assert input_value(refused, "amount") == "£50,000"

    client.post(url("funding-create", world), award_data(world.council_a, is_match_funding=""))
    award = FundingAward.objects.get(project=world.published, funder=world.council_a)
    assert award.is_match_funding and award.amount == Decimal("50000")


def test_council_editor_cannot_change_programme_funding_but_can_change_their_match_funding(world, client_for):
    programme_award = FundingAward.objects.get(project=world.published, funder=world.dh)
    match = FundingAward.objects.create(project=world.published, funder=world.council_a, amount=Decimal("5000"),
                                        awarded_on=dt.date(2012, 4, 1), is_match_funding=True)
    client = client_for(world.editor_a)
    assert client.get(url("funding-edit", world, programme_award.pk)).status_code == 403
    assert client.post(url("funding-delete", world, programme_award.pk)).status_code == 403
    assert FundingAward.objects.filter(pk=programme_award.pk).exists()

    client.post(url("funding-edit", world, match.pk), award_data(world.council_a, amount="7,500.50"))
    match.refresh_from_db()
    assert match.amount == Decimal("7500.50")


def test_funding_amount_must_be_money(world, client_for):
    response = client_for(world.programme).post(url("funding-create", world), award_data(world.dh, amount="lots"))
    assert "Enter an amount in pounds, for example 1500 or 1,500.00" in page_text(response)
    zero = client_for(world.programme).post(url("funding-create", world), award_data(world.dh, amount="0"))
    assert "The amount must be more than £0" in page_text(zero)


# Milestones


def test_adding_changing_and_deleting_a_milestone(world, client_for):
    client = client_for(world.editor_a)
    response = client.post(url("milestone-create", world),
                           {"title": "Business case approved", **date_parts("due_on", 30, 6, 2012)}, follow=True)
    text = page_text(response)
    assert "Milestone added" in text
    assert "Business case approved: due 30 June 2012" in text
    milestone = Milestone.objects.get(title="Business case approved")

    client.post(url("milestone-edit", world, milestone.pk),
                {"title": "Business case approved", **date_parts("due_on", 30, 6, 2012),
                 **date_parts("completed_on", 2, 7, 2012)})
    text = page_text(client.get(url("project", world)))
    assert "completed 2 July 2012" in text
    assert "Changed milestone: Business case approved" in text

    client.post(url("milestone-delete", world, milestone.pk))
    assert not Milestone.objects.filter(pk=milestone.pk).exists()
    assert "Deleted milestone: Business case approved" in page_text(client.get(url("project", world)))


def test_a_date_that_does_not_exist_is_explained_and_kept(world, client_for):
    response = client_for(world.editor_a).post(url("milestone-create", world),
                                               {"title": "Go live", **date_parts("due_on", 31, 2, 2012)})
    text = page_text(response)
    assert "There is a problem" in text
    assert "The due date must be a real date" in text
    assert input_value(response, "due_on_0") == "31"
    assert input_value(response, "title") == "Go live"
    assert 'href="#id_due_on_0"' in response.content.decode()
    assert not Milestone.objects.exists()


def test_text_that_is_too_long_is_explained(world, client_for):
    response = client_for(world.editor_a).post(url("milestone-create", world),
                                               {"title": "x" * 251, **date_parts("due_on", 1, 2, 2012)})
    assert "The milestone must be 250 characters or fewer" in page_text(response)
    assert not Milestone.objects.exists()


# Risks


def test_adding_a_risk_and_the_errors_for_a_bad_one(world, client_for):
    client = client_for(world.editor_a)
    bad = client.post(url("risk-create", world), {"title": "", "likelihood": "certain", "impact": "high",
                                                  "status": "open"})
    text = page_text(bad)
    assert "Enter a risk" in text
    assert "Choose a likelihood from the list" in text
    assert not Risk.objects.exists()

    response = client.post(url("risk-create", world),
                           {"title": "Care market fragility", "likelihood": "high", "impact": "medium",
                            "owner": "Director of adult services", "mitigation": "Market position statement",
                            "status": "open"}, follow=True)
    assert ("Care market fragility (open): likelihood high, impact medium, owner Director of adult services."
            in page_text(response))


def test_a_council_with_savings_on_the_project_cannot_be_removed(world, client_for):
    swindon = Participant.objects.create(project=world.published, organisation=world.council_b, role="partner")
    Saving.objects.create(project=world.published, organisation=world.council_b, title="Shared team",
                          service="Adult social care", measure="Cost", owner="Officer")
    response = client_for(world.programme).post(url("participant-delete", world, swindon.pk))
    assert "Swindon has savings recorded on this project" in page_text(response)
    assert Participant.objects.filter(pk=swindon.pk).exists()
