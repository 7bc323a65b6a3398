"""Files whose columns are not recognised: the user matches them once, and the next file of the layout is matched
the same way for the same publisher."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from productivity.imports.models import ColumnMapping, ImportRun
from productivity.imports.tests.sample.models import SampleLine

UNKNOWN = "Body,Posting date,Net value,Notes\nE10000014,01/04/2012,10.00,x\nE10000014,02/04/2012,-5.00,y\n"
MAPPING = {"field_organisation": "Body", "field_day": "Posting date", "field_amount": "Net value"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, content: str, *, publisher: str = "E10000014", name: str = "lines.csv"):
    return client.post("/imports/", {"kind": "sample-lines", "publisher": publisher,
                                     "file": SimpleUploadedFile(name, content.encode())}, follow=True)


@pytest.mark.django_db
def test_an_unknown_layout_asks_for_its_columns_then_remembers_them_for_the_publisher(world, client_for):
    client = client_for(world.editor_a)
    page = upload(client, UNKNOWN).content.decode()
    assert "Match the file&#39;s columns" in page or "Match the file's columns" in page
    run = ImportRun.objects.get()
    assert run.status == "needs_mapping"
    assert run.headings == ["Body", "Posting date", "Net value", "Notes"]

    form = client.get(f"/imports/{run.pk}/columns/").content.decode()
    assert "Not in this file" in form and "Posting date" in form
    page = client.post(f"/imports/{run.pk}/columns/", MAPPING, follow=True).content.decode()
    assert "Import 2 rows" in page
    assert "Matched as saved for this layout" in page
    mapping = ColumnMapping.objects.get()
    assert (mapping.publisher, mapping.kind) == (world.council_a, "sample-lines")
    assert mapping.columns == {"organisation": "Body", "day": "Posting date", "amount": "Net value"}

    # The next file of the same layout (other rows, headings spaced and cased differently) needs no matching.
    again = UNKNOWN.replace("Body,Posting date", "BODY , posting  date").replace("10.00", "11.00")
    page = upload(client, again, name="next.csv").content.decode()
    assert "Import 2 rows" in page
    assert ImportRun.objects.filter(status="checked").count() == 2


@pytest.mark.django_db
def test_a_mapping_is_the_publishers_not_everyones(world, client_for):
    client = client_for(world.editor_a)
    upload(client, UNKNOWN)
    run = ImportRun.objects.get()
    client.post(f"/imports/{run.pk}/columns/", MAPPING)
    # Swindon's editor uploads a file of the same layout for Swindon: it is not matched by Hampshire's mapping.
    upload(client_for(world.editor_b), UNKNOWN.replace("E10000014", "E06000030"), publisher="E06000030")
    assert ImportRun.objects.filter(publisher=world.council_b).get().status == "needs_mapping"
    assert client_for(world.editor_b).get(f"/imports/mappings/{ColumnMapping.objects.get().pk}/").status_code == 404


@pytest.mark.django_db
def test_the_mapping_form_refuses_a_required_field_left_out_and_a_column_used_twice(world, client_for):
    client = client_for(world.editor_a)
    upload(client, UNKNOWN)
    run = ImportRun.objects.get()
    bad = {**MAPPING, "field_day": "__none__", "field_amount": "Body"}
    page = client.post(f"/imports/{run.pk}/columns/", bad).content.decode()
    assert "The date is needed: choose the column that holds it" in page
    assert "The column &#39;Body&#39; is already chosen" in page or "The column 'Body' is already chosen" in page
    assert not ColumnMapping.objects.exists()


@pytest.mark.django_db
def test_a_remembered_mapping_can_be_reviewed_changed_and_forgotten(world, client_for):
    client = client_for(world.editor_a)
    upload(client, UNKNOWN)
    run = ImportRun.objects.get()
    client.post(f"/imports/{run.pk}/columns/", MAPPING)
    mapping = ColumnMapping.objects.get()
    listing = client.get("/imports/mappings/").content.decode()
    assert "Sample lines" in listing and "Body, Posting date, Net value, Notes" in listing

    client.post(f"/imports/mappings/{mapping.pk}/", {**MAPPING, "field_amount": "Notes"})
    mapping.refresh_from_db()
    assert mapping.columns["amount"] == "Notes"
    # Hampshire's viewer sees the mapping but cannot change it, and is not offered to.
    assert "Forget this mapping" not in client_for(world.viewer_a).get(f"/imports/mappings/{mapping.pk}/").content \
        .decode()
    assert client_for(world.viewer_a).post(f"/imports/mappings/{mapping.pk}/", {"action": "forget"}).status_code \
        == 403
    client.post(f"/imports/mappings/{mapping.pk}/", {"action": "forget"})
    assert not ColumnMapping.objects.exists()


@pytest.mark.django_db
def test_a_mapped_file_imports_its_rows(world, client_for):
    client = client_for(world.editor_a)
    upload(client, UNKNOWN)
    run = ImportRun.objects.get()
    client.post(f"/imports/{run.pk}/columns/", MAPPING)
    page = client.post(f"/imports/{run.pk}/confirm/", follow=True).content.decode()
    assert "Import complete" in page
    assert sorted(SampleLine.objects.values_list("amount", flat=True)) == [-5, 10]



@pytest.mark.django_db
def test_the_list_of_imports_says_a_files_columns_are_to_match_rather_than_counting_no_rows(world, client_for):
    client = client_for(world.editor_a)
    upload(client, UNKNOWN)
    page = client.get("/imports/runs/").content.decode()
    row = page.split("lines.csv")[1].split("</tr>")[0]
    cells = [cell.split(">", 1)[1].strip() for cell in row.split("<td")[1:]]
    assert cells[3:5] == ["Columns to match</td>", "columns to match</td>"]  # status, then rows
    assert 'class="govuk-table__caption govuk-visually-hidden">Imports</caption>' in page  # the h1 says it
    response = client.get("/imports/runs/?format=csv")
    download = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert download[1].split(",")[download[0].split(",").index("Rows")] == ""  # not counted yet, rather than 0
