"""Project references are unique ignoring case, and an outsider trying one learns only that it cannot be used."""

import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from productivity.imports.registry import get as registered
from productivity.programme.models import Project
from productivity.programme.tests.api_support import ApiClient
from productivity.programme.tests.test_edit_projects import page_text

P = "/api/programme"
REFUSED = "This reference cannot be used: choose another"


def _body(world, reference: str) -> dict:
    return {"reference": reference, "title": "Telecare", "initiative": world.initiative.slug,
            "lead_organisation": world.council_b.slug}


def test_the_database_refuses_a_case_variant(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.create(initiative=world.initiative, reference="asc-002", title="Squatter")


@pytest.mark.parametrize("reference", ["asc-002", "ASC-002", "Asc-002"])
def test_an_outsider_is_told_only_that_the_reference_cannot_be_used(world, reference):
    response = ApiClient(world.editor_b).post(f"{P}/projects", _body(world, reference))
    assert response.status_code == 400
    assert response.json()["errors"] == {"reference": [REFUSED]}
    assert "exists" not in response.content.decode()
    assert Project.objects.filter(reference__iexact="asc-002").count() == 1


def test_the_create_page_says_the_same(world, client_for):
    response = client_for(world.editor_b).post(reverse("programme:project-create"), {
        "initiative": str(world.initiative.pk), "reference": "asc-002", "title": "Telecare", "status": "proposed"})
    page = page_text(response)
    assert REFUSED in page and "already" not in page


def test_an_import_says_the_same(world):
    content = b"Reference,Title,Initiative,Lead organisation\nasc-002,Squat,adult-social-care-efficiency,E06000030\n"
    result = registered("projects").importer(world.editor_b, filename="p.csv").run(io.BytesIO(content))
    assert result.problems
    assert not any("exists" in p.message for p in result.problems)
    assert Project.objects.filter(reference__iexact="asc-002").count() == 1
