"""The import pages: upload, check, confirm, result (now or from the background worker), templates, permissions.

They are driven here with the programme's importers, the ones every instance has.
"""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from productivity.imports import runs
from productivity.imports.models import ImportRun
from productivity.imports.tasks import start_check, start_import
from productivity.programme.models import Project, Saving

FIXTURES = Path(__file__).parents[2] / "programme" / "tests" / "fixtures" / "imports"
IMPORT_URL = "/imports/"
# The worker closes its database connection between tasks, as it does in production, which would end a
# test's wrapping transaction on PostgreSQL: tests that run the worker commit for real instead.
BACKGROUND = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, name: str, kind: str = "projects", *, content: bytes | None = None, follow: bool = True,
           publisher: str = ""):
    data = content if content is not None else (FIXTURES / name).read_bytes()
    return client.post(IMPORT_URL, {"kind": kind, "publisher": publisher, "file": SimpleUploadedFile(name, data)},
                       follow=follow)


def confirm(client, response):
    run_url = response.redirect_chain[-1][0]
    return client.post(run_url + "confirm/", follow=True)


def work_the_queue() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay")


@pytest.mark.django_db
def test_anonymous_people_are_asked_to_sign_in(client_for):
    response = client_for(None).get(IMPORT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_viewers_cannot_import(world, client_for):
    client = client_for(world.viewer_a)
    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, "projects_excel_utf8_bom.csv", follow=False).status_code == 403
    assert not Project.objects.filter(reference="ASC-101").exists()


@pytest.mark.django_db
def test_upload_page_offers_every_registered_import_and_its_template(world, client_for):
    page = client_for(world.editor_a).get(IMPORT_URL).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert "/imports/template/projects/" in page
    assert "/imports/template/savings/" in page
    assert "Upload and check" in page
    assert "existing ones are matched by reference" in page  # the registered hint


@pytest.mark.django_db
def test_missing_choices_are_shown_in_a_govuk_error_summary(world, client_for):
    response = client_for(world.editor_a).post(IMPORT_URL, {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Select what the file contains" in page
    assert "Select a CSV or Excel file" in page
    assert "<title>Error:" in page


@pytest.mark.django_db
def test_an_empty_upload_is_refused_on_the_form(world, client_for):
    page = upload(client_for(world.editor_a), "empty.csv").content.decode()
    assert "The selected file is empty" in page
    assert ImportRun.objects.count() == 0


@pytest.mark.django_db
def test_an_upload_over_the_size_limit_is_refused_naming_the_limit(world, client_for, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    page = upload(client_for(world.editor_a), "projects_excel_utf8_bom.csv").content.decode()
    assert "must be smaller than" in page and "IMPORT_MAX_UPLOAD_BYTES" in page
    assert ImportRun.objects.count() == 0


@pytest.mark.django_db
def test_a_good_file_is_checked_then_imported_when_confirmed(world, client_for):
    client = client_for(world.editor_a)
    response = upload(client, "projects_excel_utf8_bom.csv")
    page = response.content.decode()

    assert response.redirect_chain[0][0].startswith(IMPORT_URL)
    assert "Check what will be imported" in page
    assert "Import 3 rows" in page
    assert "The first rows as they will be saved" in page
    assert "Telecare for people leaving hospital" in page  # a title in the preview
    assert "byte-order mark" in page  # how the file was read
    assert not Project.objects.filter(reference="ASC-101").exists()  # nothing saved until confirmed

    page = confirm(client, response).content.decode()
    assert "Import complete" in page
    assert "Projects created" in page and "Projects updated" in page
    assert 'href="/programme/projects/ASC-101/"' in page
    assert Project.objects.filter(reference="ASC-101").exists()
    run = ImportRun.objects.get()
    assert (run.status, run.in_background, run.uploaded_by) == ("done", False, world.editor_a)
    assert (run.imported, run.unchanged, run.rejected, run.rows_in_file) == (3, 0, 0, 3)
    assert not run.file  # the uploaded file is not kept once the run has ended


@pytest.mark.django_db
def test_confirming_twice_imports_once(world, client_for):
    client = client_for(world.programme)
    response = upload(client, "projects_excel_utf8_bom.csv")
    confirm(client, response)
    page = confirm(client, response).content.decode()
    assert "Import complete" in page
    assert Project.objects.filter(reference__in=["ASC-101", "ASC-102"]).count() == 2


@pytest.mark.django_db
def test_a_cancelled_check_imports_nothing_and_drops_the_file(world, client_for):
    client = client_for(world.programme)
    response = upload(client, "projects_excel_utf8_bom.csv")
    run_url = response.redirect_chain[-1][0]
    page = client.post(run_url + "cancel/", follow=True).content.decode()
    assert "Import cancelled" in page
    assert client.post(run_url + "confirm/", follow=True).status_code == 200
    assert not Project.objects.filter(reference="ASC-101").exists()
    assert not ImportRun.objects.get().file


@pytest.mark.django_db
def test_a_bad_file_lists_every_problem_and_saves_nothing(world, client_for):
    page = upload(client_for(world.programme), "projects_bad_rows.csv").content.decode()

    assert "Your file has 10 problems: nothing was imported" in page
    assert "Nothing was saved" in page
    assert "No organisation has the code" in page and "E99999999" in page
    assert "Lead organisation code (column D)" in page
    assert "govuk-table" in page
    # One visible heading says what the table holds; its caption is for screen readers only.
    assert '<h2 class="govuk-heading-m">Problems</h2>' in page
    assert 'class="govuk-table__caption govuk-visually-hidden">Problems in projects_bad_rows.csv' in page
    assert "confirm/" not in page  # nothing to import
    assert not Project.objects.filter(reference="ASC-144").exists()


@pytest.mark.django_db
def test_problems_download_as_csv(world, client_for):
    client = client_for(world.programme)
    result_url = upload(client, "projects_bad_rows.csv").redirect_chain[-1][0]
    response = client.get(result_url + "?format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Row", "Column", "Problem"]
    assert len(rows) == 11
    assert rows[1][:2] == ["2", "Lead organisation code (column D)"]


@pytest.mark.django_db
def test_an_xlsx_named_csv_is_handled_and_explained(world, client_for):
    client = client_for(world.programme)
    response = upload(client, "projects_xlsx_renamed.csv")
    assert "is an Excel workbook, so it was read as XLSX" in response.content.decode()
    assert "Import complete" in confirm(client, response).content.decode()


@pytest.mark.django_db
def test_a_wrongly_encoded_file_is_explained(world, client_for):
    page = upload(client_for(world.programme), "projects_shift_jis.csv").content.decode()
    assert "nothing was imported" in page
    assert "not text in UTF-8 or Windows-1252" in page


@pytest.mark.django_db
def test_runs_are_private_to_the_uploader_and_the_programme_team(world, client_for):
    upload(client_for(world.editor_a), "projects_excel_utf8_bom.csv")
    run = ImportRun.objects.get()
    for suffix in ("", "status/", "rejected.csv"):
        url = f"{IMPORT_URL}{run.pk}/{suffix}"
        assert client_for(world.editor_a).get(url).status_code == 200
        assert client_for(world.programme).get(url).status_code == 200
        assert client_for(world.editor_b).get(url).status_code == 404
        assert client_for(world.viewer_a).get(url).status_code == 404
        assert client_for(None).get(url).status_code == 302
    for action in ("confirm/", "cancel/", "retry/", "columns/"):
        assert client_for(world.editor_b).post(f"{IMPORT_URL}{run.pk}/{action}").status_code == 404
    assert not Project.objects.filter(reference="ASC-101").exists()
    assert client_for(world.editor_a).get(f"{IMPORT_URL}00000000-0000-0000-0000-000000000000/").status_code == 404


@pytest.mark.django_db
def test_templates_download_with_example_rows(world, client_for):
    response = client_for(None).get("/imports/template/savings/")
    assert response["Content-Type"].startswith("text/csv")
    assert "savings-import-template.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # a byte-order mark, so that Excel shows £ signs
    assert "Project reference,Council code,Saving title" in text.splitlines()[0]
    assert "£500,000.00" in text
    assert client_for(None).get("/imports/template/budgets/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["projects", "savings"])
def test_each_template_imports_as_it_is(world, client_for, kind):
    client = client_for(world.programme)
    template = client.get(f"/imports/template/{kind}/").content
    response = upload(client, f"{kind}-template.csv", kind, content=template)
    page = confirm(client, response).content.decode()
    assert "Import complete" in page, page


@pytest.mark.django_db
def test_projects_page_links_to_import_for_people_who_can_write(world, client_for):
    assert IMPORT_URL in client_for(world.editor_a).get("/programme/projects/").content.decode()
    assert IMPORT_URL not in client_for(world.viewer_a).get("/programme/projects/").content.decode()


@pytest.mark.django_db
def test_the_list_of_imports_shows_your_own_and_the_programme_team_sees_all(world, client_for):
    upload(client_for(world.editor_a), "projects_excel_utf8_bom.csv")
    assert "projects_excel_utf8_bom.csv" in client_for(world.editor_a).get("/imports/runs/").content.decode()
    assert "projects_excel_utf8_bom.csv" in client_for(world.programme).get("/imports/runs/").content.decode()
    assert "projects_excel_utf8_bom.csv" not in client_for(world.editor_b).get("/imports/runs/").content.decode()


# ---- large files in the background --------------------------------------------------------------


@BACKGROUND
def test_large_file_is_checked_and_imported_by_the_background_worker(world, client_for, settings):
    settings.IMPORT_INLINE_MAX_ROWS = 2
    client = client_for(world.editor_a)
    response = upload(client, "projects_excel_utf8_bom.csv")
    page = response.content.decode()
    run_url = response.redirect_chain[-1][0]

    assert "Checking your file" in page
    assert "Refresh this page" in page
    assert 'data-module="app-import-progress"' in page  # the progress bar refreshes itself
    assert not Project.objects.filter(reference="ASC-101").exists()

    work_the_queue()
    page = client.get(run_url).content.decode()
    assert "Import 3 rows" in page

    page = client.post(run_url + "confirm/", follow=True).content.decode()
    assert "Importing your file" in page
    work_the_queue()

    page = client.get(run_url).content.decode()
    assert "Import complete" in page
    assert "Refresh this page" not in page
    assert Project.objects.filter(reference="ASC-101").exists()
    assert ImportRun.objects.get().in_background


@BACKGROUND
def test_progress_is_given_as_json(world, client_for, settings):
    settings.IMPORT_INLINE_MAX_ROWS = 2
    client = client_for(world.editor_a)
    run_url = upload(client, "projects_excel_utf8_bom.csv").redirect_chain[-1][0]
    waiting = client.get(run_url + "status/").json()
    assert (waiting["status"], waiting["working"], waiting["rows_done"]) == ("queued", True, 0)
    assert waiting["phase"] == "Waiting for the background worker to check it"
    work_the_queue()
    checked = client.get(run_url + "status/").json()
    assert (checked["status"], checked["working"], checked["finished"]) == ("checked", False, False)
    assert (checked["rows_done"], checked["rows_total"], checked["percent"]) == (3, 3, 100)


@BACKGROUND
def test_background_problems_are_reported_the_same_way(world, client_for, settings):
    settings.IMPORT_INLINE_MAX_ROWS = 2
    client = client_for(world.programme)
    result_url = upload(client, "savings_bad_rows.csv", "savings").redirect_chain[-1][0]
    work_the_queue()
    page = client.get(result_url).content.decode()
    assert "nothing was imported" in page
    assert "Swindon does not take part in project ASC-001" in page
    assert not Saving.objects.filter(title="Negative saving").exists()


@BACKGROUND
def test_a_lost_upload_is_reported_as_a_failure_not_a_crash(world, client_for, settings):
    settings.IMPORT_INLINE_MAX_ROWS = 2
    client = client_for(world.editor_a)
    result_url = upload(client, "projects_excel_utf8_bom.csv").redirect_chain[-1][0]
    run = ImportRun.objects.get()
    run.file.storage.delete(run.file.name)

    work_the_queue()

    response = client.get(result_url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The import could not be completed" in page
    assert "Nothing was saved" in page
    assert ImportRun.objects.get().status == "failed"


@BACKGROUND
def test_a_run_is_imported_once_however_often_it_is_started(world, settings):
    settings.IMPORT_INLINE_MAX_ROWS = 2
    data = (FIXTURES / "projects_excel_utf8_bom.csv").read_bytes()
    run = runs.create_run(world.programme, "projects", SimpleUploadedFile("p.csv", data))
    start_check(run)
    assert run.status == "queued"
    assert runs.check_run(run.pk).status == "checked"
    assert runs.check_run(run.pk) is None  # already claimed: a repeated task does nothing
    run.refresh_from_db()
    assert start_import(run)
    assert not start_import(run)  # confirmed once
    assert runs.import_run(run.pk).status == "done"
    assert runs.import_run(run.pk) is None
    work_the_queue()  # the queued tasks find the run done and leave it alone
    run.refresh_from_db()
    assert dict(run.outcome["counts"])["Projects created"] == 2


@BACKGROUND
def test_a_thousand_row_file_goes_to_the_background_and_imports(world, client_for):
    lines = ["Reference,Title,Initiative,Lead organisation code,Start date"]
    lines += [f"BIG-{n:04d},Project {n},adult-social-care-efficiency,E10000014,01/04/2012" for n in range(1200)]
    client = client_for(world.programme)
    response = upload(client, "big.csv", content="\r\n".join(lines).encode())
    assert "Checking your file" in response.content.decode()
    work_the_queue()
    client.post(response.redirect_chain[-1][0] + "confirm/")
    work_the_queue()
    assert Project.objects.filter(reference__startswith="BIG-").count() == 1200
    run = ImportRun.objects.get()
    assert (run.rows_in_file, run.imported) == (1200, 1200)


@BACKGROUND
def test_an_import_whose_worker_stopped_beating_is_failed_and_can_be_tried_again(world, client_for, settings):
    settings.IMPORT_INLINE_MAX_ROWS = 2
    client = client_for(world.editor_a)
    run_url = upload(client, "projects_excel_utf8_bom.csv").redirect_chain[-1][0]
    run = ImportRun.objects.get()
    # The worker claimed it, then died: its last heartbeat was long ago.
    long_ago = timezone.now() - dt.timedelta(seconds=settings.IMPORT_STALE_SECONDS + 60)
    ImportRun.objects.filter(pk=run.pk).update(status="checking", started_at=long_ago, heartbeat_at=long_ago)

    page = client.get(run_url).content.decode()
    assert "The background worker stopped while checking this file" in page
    assert "Nothing was saved" in page and "Try again" in page
    run.refresh_from_db()
    assert run.status == "failed" and run.file  # the file is kept so it can be tried again

    page = client.post(run_url + "retry/", follow=True).content.decode()
    assert "Checking your file" in page
    work_the_queue()
    assert "Import 3 rows" in client.get(run_url).content.decode()


@pytest.mark.django_db
def test_files_left_waiting_are_removed_after_the_days_the_settings_keep_them(world, settings):
    data = (FIXTURES / "projects_excel_utf8_bom.csv").read_bytes()
    waiting = runs.create_run(world.programme, "projects", SimpleUploadedFile("p.csv", data))
    runs.check_run(waiting.pk)
    waiting.refresh_from_db()
    assert waiting.status == "checked" and waiting.file  # kept until confirmed or cancelled
    ImportRun.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - dt.timedelta(days=settings.IMPORT_KEEP_UPLOADS_DAYS + 1))
    fresh = runs.create_run(world.programme, "projects", SimpleUploadedFile("q.csv", data))
    assert runs.purge_old_uploads() == 1
    assert not ImportRun.objects.get(pk=waiting.pk).file
    assert ImportRun.objects.get(pk=fresh.pk).file


@pytest.mark.django_db
def test_the_double_counting_an_import_would_create_is_named_before_and_after(world, client_for):
    client = client_for(world.editor_a)
    response = upload(client, "savings_messy.csv", "savings")
    page = response.content.decode()
    assert "The import will create 1 possible case of double counting" in page
    assert "ASC-001 &#39;Fewer residential placements&#39; and ASC-002 &#39;Secret saving&#39;" in page
    page = confirm(client, response).content.decode()
    assert "The import created 1 possible case of double counting" in page
