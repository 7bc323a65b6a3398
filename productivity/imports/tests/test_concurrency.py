"""While a background import saves, other people's reads and writes succeed (SQLite in WAL mode, PostgreSQL)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from productivity.accounts.tests.factories import PASSWORD
from productivity.imports import runs, tasks
from productivity.imports.models import ImportRun
from productivity.imports.tests.worker import Worker, wait_until
from productivity.programme.models import Project

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_INLINE_MAX_ROWS = 10


def test_people_read_sign_in_and_save_while_a_background_import_saves(world):
    rows = ["Reference,Title,Initiative,Lead organisation code"]
    rows += [f"BUSY-{n:05d},Project {n},adult-social-care-efficiency,E10000014" for n in range(1500)]
    run = runs.create_run(world.programme, "projects", SimpleUploadedFile("busy.csv", "\n".join(rows).encode()))
    runs.check_run(run.pk)
    run.refresh_from_db()
    assert tasks.start_import(run)
    worker = Worker(batch=True)
    wait_until(lambda: ImportRun.objects.get(pk=run.pk).phase == "Saving", timeout=120,
               what="the worker to start saving")

    reader = Client()
    assert reader.get("/programme/projects/").status_code == 200
    assert reader.get(f"/programme/projects/{world.published.reference}/").status_code == 200
    assert ImportRun.objects.get(pk=run.pk).status == "importing"  # read while the import was saving
    # Writes succeed too: on SQLite they wait for the import's one short transaction, on PostgreSQL not at all.
    signing_in = Client()
    response = signing_in.post("/accounts/login/", {"username": world.editor_a.email, "password": PASSWORD})
    assert response.status_code == 302  # signed in: the session and the sign-in record were written
    project = Project.objects.get(pk=world.unpublished.pk)
    project.title = "Changed while an import ran"
    project.save()

    worker.wait(timeout=300)
    assert ImportRun.objects.get(pk=run.pk).status == "done"
    assert Project.objects.filter(reference__startswith="BUSY-").count() == 1500
    assert Project.objects.get(pk=world.unpublished.pk).title == "Changed while an import ran"
