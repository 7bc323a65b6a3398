"""The imports API: what can be imported (public), and your runs (yours, your publisher's, the programme team's)."""

import pytest

from productivity.imports.models import ImportRun
from productivity.programme.tests.api_support import ROLES, ApiClient, clients

pytestmark = pytest.mark.django_db


def _run(world) -> ImportRun:
    return ImportRun.objects.create(kind="projects", original_name="p.csv", uploaded_by=world.editor_a,
                                    status="done", rows_in_file=3, imported=2, unchanged=1,
                                    problems=[{"row": 2, "column": "Title", "message": "Enter the title"}],
                                    problems_total=1)


MATRIX = {
    ("GET", "/api/imports/kinds"): dict.fromkeys(ROLES, 200),
    ("GET", "/api/imports/runs"): {"anonymous": 401, "viewer_a": 200, "editor_a": 200, "editor_b": 200,
                                   "programme": 200},
    ("GET", "/api/imports/runs/{run_id}"): {"anonymous": 404, "viewer_a": 404, "editor_a": 200, "editor_b": 404,
                                            "programme": 200},
}


@pytest.mark.parametrize("operation", sorted(MATRIX), ids=" ".join)
def test_permission_matrix(world, operation):
    run = _run(world)
    url = operation[1].replace("{run_id}", str(run.pk))
    statuses = {role: client.call(operation[0], url).status_code for role, client in clients(world).items()}
    assert statuses == MATRIX[operation]


def test_the_matrix_covers_every_imports_operation():
    schema = ApiClient().get("/api/openapi.json").json()
    documented = {(method.upper(), path) for path, operations in schema["paths"].items()
                  if path.startswith("/api/imports/") for method in operations}
    assert documented == set(MATRIX)


def test_the_kinds_list_every_registered_importer_with_its_columns(world):
    kinds = {kind["kind"]: kind for kind in ApiClient().get("/api/imports/kinds").json()}
    assert {"projects", "savings", "sample-lines"} <= set(kinds)
    projects = kinds["projects"]
    assert (projects["accounted"], projects["template"]) == (False, "/imports/template/projects/")
    assert {"key": "reference", "header": "Reference", "required": True}.items() <= projects["fields"][0].items()
    assert kinds["sample-lines"]["accounted"] is True


def test_a_run_says_where_it_has_got(world):
    run = _run(world)
    body = clients(world)["editor_a"].get(f"/api/imports/runs/{run.pk}").json()
    assert body["status"] == "done"
    assert body["tally"] == {"rows_in_file": 3, "imported": 2, "unchanged": 1, "duplicates": 0, "rejected": 0,
                             "flagged": 0}
    assert body["problems"] == [{"row": 2, "column": "Title", "message": "Enter the title"}]
    assert body["page"] == f"/imports/{run.pk}/"
    listed = clients(world)["editor_a"].get("/api/imports/runs").json()
    assert [item["id"] for item in listed["items"]] == [str(run.pk)]
    assert clients(world)["editor_b"].get("/api/imports/runs").json()["items"] == []
