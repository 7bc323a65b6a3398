"""The history as people read it: field names in words, dates, pounds, yes/no and financial years in plain English,
and, on public pages, no person named."""

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from productivity.audit.context import acting_as
from productivity.audit.display import readable_changes
from productivity.audit.models import AuditEntry


def latest(obj) -> AuditEntry:
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                                     object_id=str(obj.pk)).first()


def test_dates_money_and_yes_no_read_in_plain_english(world):
    funding = apps.get_model("programme.FundingAward").objects.create(
        project=world.published, funder=world.dh, amount=Decimal("1500"), awarded_on=dt.date(2012, 1, 15),
        is_match_funding=True)
    rows = {label: new for label, _, new in readable_changes(latest(funding), public=False)}
    assert rows["Amount"] == "£1,500.00"
    assert rows["Awarded on"] == "15 January 2012"
    assert rows["Match funding"] == "Yes"  # the field's own words, not "is_match_funding"
    assert rows["Funder"] == "Department of Health"


def test_a_change_shows_old_and_new_side_by_side(world):
    amount = world.realised
    amount.amount = Decimal("450000.5")
    amount.save()
    rows = readable_changes(latest(amount), public=False)
    assert ("Amount", "£420,000.00", "£450,000.50") in rows


def test_a_financial_year_reads_as_its_label(world):
    amount = world.realised
    amount.financial_year = 2013
    amount.save()
    assert ("Financial year", "2012/13", "2013/14") in readable_changes(latest(amount), public=False)


def test_a_change_of_role_reads_as_the_roles_names(world):
    membership = world.viewer_a.memberships.get()
    membership.role = "admin"
    membership.save()
    assert readable_changes(latest(membership), public=False) == [("Role", "Viewer", "Organisation admin")]


def test_a_removed_membership_names_the_role_it_had(world):
    membership = world.editor_b.memberships.get()
    pk = membership.pk
    membership.delete()
    entry = AuditEntry.objects.get(action="delete", object_id=str(pk),
                                   content_type=ContentType.objects.get_for_model(membership))
    assert readable_changes(entry, public=False) == [("Role", "Editor", None)]


def test_a_date_time_reads_as_a_day_and_a_time(world):
    amount = world.realised
    with acting_as(world.programme):
        amount.verification = "verified"
        amount.verified_by = world.programme
        amount.verified_at = dt.datetime(2013, 5, 2, 14, 5, tzinfo=dt.UTC)
        amount.save()
    rows = {label: new for label, _, new in readable_changes(latest(amount), public=False)}
    assert rows["Verified at"] == "2 May 2013, 2:05pm"
    assert rows["Verification"] == "Verified"
    assert rows["Verified by"] == "Programme"


def test_public_history_names_no_person_only_their_organisation(world):
    amount = world.realised
    with acting_as(world.programme):
        amount.verified_by = world.programme
        amount.evidence_notes = "Placement records, audited"
        amount.save()
    entry = latest(amount)
    public = {label: new for label, _, new in readable_changes(entry, public=True)}
    assert public["Verified by"] == "a person"
    assert public["Evidence notes"] == "Placement records, audited"
    assert entry.actor == "Programme"
    assert entry.public_actor == "Someone at Local Government Association"


def test_a_stored_value_that_is_not_what_its_field_expects_is_shown_as_stored(world):
    entry = latest(world.realised)
    entry.changes = {"amount": [None, "not a number"], "verified_at": ["yesterday", None], "gone": ["x", "y"]}
    rows = readable_changes(entry, public=False)
    assert ("Amount", None, "not a number") in rows
    assert ("Verified at", "yesterday", None) in rows
    assert ("Gone", "x", "y") in rows  # a field since removed from the model keeps its words


def test_labels_keep_acronyms_in_capitals(world):
    from productivity.audit.display import in_sentence, label_of

    project = world.published
    project.rag = "red" if project.rag != "red" else "amber"
    project.save()
    labels = [label for label, _, _ in readable_changes(latest(project), public=False)]
    assert "RAG rating" in labels and "Rag rating" not in labels
    assert label_of("UPRN") == "UPRN" and label_of("uprn") == "UPRN"  # a verbose name's capitals are kept
    assert label_of("DEC or EPC rating") == "DEC or EPC rating" and label_of("council_gss_code") == "Council GSS code"
    assert in_sentence("Funding award") == "funding award" and in_sentence("UPRN") == "UPRN"
