"""Asset files through the import pages: check then confirm, columns matched once per owner, and a council
importing only its own assets."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from productivity.estate.importers import AssetImporter
from productivity.estate.models import Asset
from productivity.imports.forms import NOT_IN_FILE
from productivity.imports.models import ColumnMapping, ImportRun

EPIMS = ("Site,Ref,Grid E,Grid N,Tenure\n"
         "Winchester depot,HCC-D1,448000,129500,Freehold\n"
         "Basingstoke offices,HCC-O2,463500,152000,Leasehold\n")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, content: str, *, publisher: str = "E10000014", name: str = "assets.csv"):
    return client.post("/imports/", {"kind": "assets", "publisher": publisher,
                                     "file": SimpleUploadedFile(name, content.encode())}, follow=True)


def test_an_unknown_layout_is_matched_once_then_imports_and_is_remembered(roles, client_for):
    client = client_for(roles.editor_a)
    upload(client, EPIMS)
    run = ImportRun.objects.get()
    assert run.status == "needs_mapping"
    chosen = {"name": "Site", "asset_code": "Ref", "x": "Grid E", "y": "Grid N", "tenure": "Tenure"}
    mapping = {f"field_{field.key}": chosen.get(field.key, NOT_IN_FILE) for field in AssetImporter.fields}
    page = client.post(f"/imports/{run.pk}/columns/", mapping, follow=True).content.decode()
    assert "Import 2 rows" in page
    page = client.post(f"/imports/{run.pk}/confirm/", follow=True).content.decode()
    assert "Import complete" in page
    depot = Asset.objects.get(asset_code="HCC-D1")
    assert depot.owner == roles.council_a and depot.flags == [] and -1.4 < depot.longitude < -1.2
    assert ColumnMapping.objects.get().publisher == roles.council_a

    page = upload(client, EPIMS.replace("Winchester depot", "Winchester highways depot"), name="next.csv")
    assert "Import 1 row" in page.content.decode()  # the same layout needs no matching; one row changed


def test_a_council_cannot_import_another_councils_assets(roles, client_for):
    page = upload(client_for(roles.editor_b), EPIMS).content.decode()
    assert "You can import files only for organisations you edit for, not Hampshire" in page
    assert not ImportRun.objects.exists() and not Asset.objects.exists()


def test_the_import_pages_offer_asset_files(roles, client_for):
    page = client_for(roles.editor_a).get("/imports/").content.decode()
    assert "Land and building assets" in page
