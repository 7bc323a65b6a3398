"""A saving's reference: its project's reference and a number, given once, never changed or given again, unique
ignoring case; shown on the register, the project page and in the API."""

import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from productivity.programme import services
from productivity.programme.models import Saving
from productivity.programme.tests.api_support import ApiClient
from productivity.programme.tests.factories import make_project, make_saving

P = "/api/programme"


def test_each_projects_savings_are_numbered_in_the_order_they_are_made(world):
    assert (world.saving.reference, world.secret_saving.reference) == ("ASC-001-S01", "ASC-002-S01")
    second = make_saving(world.published, title="Telecare")
    assert second.reference == "ASC-001-S02"
    second.title = "Telecare for everyone"
    second.save()
    second.refresh_from_db()
    assert second.reference == "ASC-001-S02"  # a change keeps it


def test_a_number_once_given_is_not_given_again_even_after_its_saving_is_deleted(world):
    draft = make_saving(world.published, title="Draft")
    assert draft.reference == "ASC-001-S02"
    services.delete(draft, user=world.editor_a)
    assert make_saving(world.published, title="Next").reference == "ASC-001-S03"


def test_a_reference_stays_when_the_project_is_renamed_and_is_not_given_to_the_next_project(world):
    world.published.reference = "ASC-101"
    world.published.save()
    world.saving.refresh_from_db()
    assert world.saving.reference == "ASC-001-S01"
    assert make_saving(world.published, title="After the rename").reference == "ASC-101-S01"
    # A new project taking the old reference carries on after the numbers its savings still hold.
    newcomer = make_project(world.initiative, lead=world.council_a, reference="asc-001")
    assert make_saving(newcomer, title="Newcomer").reference == "asc-001-S02"


def test_references_are_unique_ignoring_case(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Saving.objects.filter(pk=world.secret_saving.pk).update(reference="asc-001-s01")


def test_existing_savings_are_numbered_by_the_migration_per_project_in_the_order_made(world):
    later = make_saving(world.published, title="Later")
    for pk in Saving.objects.values_list("pk", flat=True):  # as before the migration: each saving unnumbered
        Saving.objects.filter(pk=pk).update(reference=f"unnumbered-{pk}")
    migration = importlib.import_module("productivity.programme.migrations.0005_gaps_saving_reference")
    migration.give_references(apps, None)
    references = dict(Saving.objects.values_list("pk", "reference"))
    assert references == {world.saving.pk: "ASC-001-S01", later.pk: "ASC-001-S02",
                          world.secret_saving.pk: "ASC-002-S01"}


def test_the_api_and_pages_show_the_reference(world, client_for):
    api = ApiClient(world.editor_a)
    listed = api.get(f"{P}/savings?reference=asc-001-s01").json()["items"]
    assert [(row["id"], row["reference"]) for row in listed] == [(world.saving.pk, "ASC-001-S01")]
    assert api.get(f"{P}/savings/{world.saving.pk}").json()["reference"] == "ASC-001-S01"
    made = api.post(f"{P}/projects/ASC-001/savings", {"organisation": world.council_a.slug, "title": "New",
                                                      "service": "Education", "measure": "Cost", "owner": "Officer"})
    assert made.json()["reference"] == "ASC-001-S02"
    register = client_for(None).get("/programme/savings/").content.decode()
    assert 'Fewer residential placements</a><span class="pp-cell-note">ASC-001-S01</span>' in register
    project = client_for(None).get("/programme/projects/ASC-001/").content.decode()
    assert "ASC-001-S01" in project.split('id="savings"')[1]
