"""Every create, change and delete of a registered record is in the trail: who, what, old and new values.

The audit app sits below every domain, so these tests reach real registered models (the programme's
funding awards and projects, accounts' memberships) through the app registry and the shared ``world``
fixture rather than by importing the domains.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory

from productivity.audit.context import acting_as, current_actor
from productivity.audit.middleware import AuditUserMiddleware
from productivity.audit.models import AuditEntry
from productivity.audit.queries import history_for
from productivity.audit.registry import is_registered


def model(label: str):
    return apps.get_model(label)


def award(world, **fields):
    values = {"project": world.published, "funder": world.dh, "amount": Decimal("1500"),
              "awarded_on": dt.date(2012, 1, 15), **fields}
    return model("programme.FundingAward").objects.create(**values)


def entries_for(obj):
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


def test_a_new_record_is_recorded_with_every_value_it_was_given(world):
    funding = award(world, notes="First tranche")
    entry = entries_for(funding).get()
    assert entry.action == "create"
    assert entry.object_repr == "£1,500.00 from Department of Health"
    assert entry.changes == {
        "project": [None, "ASC-001: Reablement at home"],
        "funder": [None, "Department of Health"],
        "amount": [None, "1500"],
        "awarded_on": [None, "2012-01-15"],
        "is_match_funding": [None, "False"],
        "notes": [None, "First tranche"],
    }


def test_a_change_records_only_the_fields_that_changed_with_old_and_new_values(world):
    project = world.unpublished
    project.title = "Reablement everywhere"
    project.status = "funded"
    project.save()
    entry = entries_for(project).filter(action="update").get()
    assert entry.changes == {"title": ["Secret draft project", "Reablement everywhere"],
                             "status": ["Proposed", "Funded"]}  # choices as people read them


def test_saving_without_changing_anything_adds_nothing(world):
    before = AuditEntry.objects.count()
    world.published.save()
    assert AuditEntry.objects.count() == before


def test_timestamps_the_model_excludes_are_never_recorded(world):
    project = world.published
    project.summary = "Now with a summary"
    project.save()
    changes = entries_for(project).filter(action="update").get().changes
    assert set(changes) == {"summary"}
    created = entries_for(project).get(action="create").changes
    assert "created_at" not in created and "updated_at" not in created


def test_a_deleted_record_keeps_its_last_values_and_description(world):
    funding = award(world)
    pk = funding.pk
    funding.delete()
    entry = AuditEntry.objects.get(action="delete", object_id=str(pk),
                                   content_type=ContentType.objects.get_for_model(funding))
    assert entry.object_repr == "£1,500.00 from Department of Health"
    assert entry.changes["amount"] == ["1500", None]
    assert entry.changes["awarded_on"] == ["2012-01-15", None]
    assert str(entry) == "Deleted £1,500.00 from Department of Health"


def test_the_person_acting_is_recorded_and_shown(world):
    with acting_as(world.editor_a):
        funding = award(world)
    entry = entries_for(funding).get()
    assert entry.user == world.editor_a
    assert entry.actor == "Editor.A"


def test_a_command_without_a_person_is_named_by_its_label_and_nothing_at_all_is_the_system(world):
    with acting_as(None, "import_file command"):
        by_command = award(world, notes="from a file")
    by_nobody = award(world, notes="from a shell")
    assert entries_for(by_command).get().actor == "import_file command"
    assert entries_for(by_command).get().user is None
    assert entries_for(by_nobody).get().actor == "System"


def test_acting_as_restores_who_was_acting_before_even_after_an_error(world):
    with acting_as(world.programme, "outer"):
        with pytest.raises(RuntimeError), acting_as(world.editor_a, "inner"):
            raise RuntimeError("the import failed")
        assert current_actor() == (world.programme, "outer")
    assert current_actor() == (None, "")


def test_a_signed_out_visitor_is_not_recorded_as_a_user(world):
    with acting_as(AnonymousUser()):
        funding = award(world)
    assert entries_for(funding).get().user is None


def test_a_request_attributes_its_changes_to_the_signed_in_person_and_only_during_the_request(world):
    request = RequestFactory().post("/anything/")
    request.user = world.editor_a
    made = []
    AuditUserMiddleware(lambda req: made.append(award(world)) or "response")(request)
    assert entries_for(made[0]).get().user == world.editor_a
    assert current_actor() == (None, "")


def test_a_child_record_links_to_its_parent_so_the_parents_page_shows_it(world):
    funding = award(world)
    entry = entries_for(funding).get()
    assert entry.parent_type == ContentType.objects.get_for_model(world.published)
    assert entry.parent_id == str(world.published.pk)
    assert entry in history_for(world.published)
    assert entry not in history_for(world.published, include_children=False)
    assert entry not in history_for(world.unpublished)


def test_history_is_newest_first(world):
    project = world.published
    for title in ("First title", "Second title"):
        project.title = title
        project.save()
    updates = [entry.changes["title"][1] for entry in history_for(project, include_children=False)
               if entry.action == "update"]
    assert updates == ["Second title", "First title"]


def test_only_registered_models_are_audited():
    assert is_registered(model("programme.Project"))
    assert is_registered(model("accounts.Membership"))
    assert not is_registered(AuditEntry)
