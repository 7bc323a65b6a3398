"""A withdrawn asset is kept as it was: importing a file again neither changes it nor brings it back.

The row that names it counts as unchanged when it says what the asset said when it was withdrawn, and is
rejected otherwise, saying when it was withdrawn and what to do; the other rows import as usual.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from productivity.audit.queries import history_for
from productivity.estate import assets as asset_services
from productivity.estate.models import Asset
from productivity.imports.models import ImportRun

HEADER = "AssetCode,UPRN,PropertyName,StreetName,PostTown,PostCode,CoordinateReferenceSystem,GeoX,GeoY,TenureType\n"
DEPOT = "TMBC9,,Depot,Street,Sale,M33 7DZ,WGS84,-2.32,53.42,Freehold\n"
LIBRARY = "TMBC10,,Library,Street,Sale,M33 7DZ,WGS84,-2.33,53.42,Freehold\n"
BY_UPRN = ",000123,Old clinic,Street,Sale,M33 7DZ,WGS84,-2.31,53.42,Freehold\n"


def _withdraw(code: str = "TMBC9", **lookup) -> Asset:
    asset = Asset.objects.get(**(lookup or {"asset_code": code}))
    asset_services.withdraw(asset, reason="Sold to the health trust")
    asset.refresh_from_db()
    return asset


def _as_it_was(asset: Asset) -> dict:
    fields = [f.attname for f in Asset._meta.concrete_fields if not f.generated]
    return {name: getattr(asset, name) for name in fields}


def test_the_same_file_again_leaves_a_withdrawn_asset_as_it_was_and_counts_it_unchanged(trafford, import_assets):
    import_assets(HEADER + DEPOT + LIBRARY)
    withdrawn = _withdraw()
    kept = _as_it_was(withdrawn)
    line, _ = import_assets(HEADER + DEPOT + LIBRARY)
    assert line == "imported=0 unchanged=2 rejected=0 flagged=0 total=2"
    withdrawn.refresh_from_db()
    assert _as_it_was(withdrawn) == kept


def test_a_changed_row_for_a_withdrawn_asset_is_rejected_naming_when_and_what_to_do(trafford, import_assets):
    import_assets(HEADER + DEPOT + LIBRARY)
    withdrawn = _withdraw()
    kept, entries = _as_it_was(withdrawn), len(history_for(withdrawn))
    changed = DEPOT.replace("Depot", "Sale depot").replace("Freehold", "Leasehold")
    line, output = import_assets(HEADER + changed + LIBRARY.replace("Library", "Sale library"))
    assert line == "imported=1 unchanged=0 rejected=1 flagged=0 total=2"
    day = f"{timezone.localtime(withdrawn.withdrawn_at):%-d %B %Y}"
    assert (f"row 2, column 'AssetCode (column A)': The asset TMBC9 was withdrawn on {day} "
            "(Sold to the health trust), so it is kept as it was: restore it first") in output
    assert "this row would change its name and tenure" in output
    withdrawn.refresh_from_db()
    assert _as_it_was(withdrawn) == kept and len(history_for(withdrawn)) == entries
    assert withdrawn.withdrawn_at is not None and withdrawn.name == "Depot"
    assert Asset.objects.get(asset_code="TMBC10").name == "Sale library"  # the other rows import as usual


def test_an_asset_known_by_its_uprn_alone_is_protected_too_and_a_dry_run_says_the_same(trafford, import_assets):
    import_assets(HEADER + BY_UPRN)
    _withdraw(uprn="000123")
    body = HEADER + BY_UPRN.replace("Old clinic", "New clinic")
    dry, dry_output = import_assets(body, dry_run=True)
    line, output = import_assets(body)
    assert dry == line == "imported=0 unchanged=0 rejected=1 flagged=0 total=1"
    for text in (dry_output, output):
        assert "row 2, column 'UPRN (column B)': The asset with UPRN 000123 was withdrawn on" in text
    assert Asset.objects.get().name == "Old clinic"


def test_a_restored_asset_takes_the_files_changes_again(trafford, import_assets):
    import_assets(HEADER + DEPOT)
    asset_services.restore(_withdraw())
    line, _ = import_assets(HEADER + DEPOT.replace("Depot", "Sale depot"))
    assert line == "imported=1 unchanged=0 rejected=0 flagged=0 total=1"
    assert Asset.objects.get().name == "Sale depot"


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _upload(client, content: str, name: str):
    return client.post("/imports/", {"kind": "assets", "publisher": "E10000014",
                                     "file": SimpleUploadedFile(name, content.encode())}, follow=True)


def test_the_import_pages_check_and_confirm_the_same_answer(roles, client_for, _media):
    client = client_for(roles.editor_a)
    _upload(client, HEADER + DEPOT + LIBRARY, "first.csv")
    client.post(f"/imports/{ImportRun.objects.get().pk}/confirm/", follow=True)
    withdrawn = _withdraw()
    kept = _as_it_was(withdrawn)

    check = _upload(client, HEADER + DEPOT.replace("Depot", "Sale depot") + LIBRARY, "second.csv")
    page = check.content.decode()
    assert "The asset TMBC9 was withdrawn on" in page and "restore it first" in page
    run = ImportRun.objects.get(original_name="second.csv")
    page = client.post(f"/imports/{run.pk}/confirm/", follow=True).content.decode()
    assert "Import complete" in page
    run.refresh_from_db()
    assert (run.imported, run.unchanged, run.rejected) == (0, 1, 1)
    withdrawn.refresh_from_db()
    assert _as_it_was(withdrawn) == kept


def test_the_programme_team_restores_a_withdrawn_asset_from_its_page(roles, client_for):
    from productivity.estate.tests.factories import make_asset

    asset = make_asset(roles.council_a, "HCC1")
    asset_services.withdraw(asset, reason="Sold")
    editor_page = client_for(roles.editor_a).get(f"/estate/assets/{asset.pk}/").content.decode()
    assert "imports leave it alone until it is restored" in editor_page and "Restore the asset" not in editor_page
    assert client_for(roles.editor_a).post(f"/estate/assets/{asset.pk}/restore/").status_code == 403
    programme = client_for(roles.programme)
    assert "Restore the asset" in programme.get(f"/estate/assets/{asset.pk}/").content.decode()
    page = programme.post(f"/estate/assets/{asset.pk}/restore/", follow=True).content.decode()
    assert "HCC1" in page or asset.name in page
    asset.refresh_from_db()
    assert asset.withdrawn_at is None and asset.withdrawal_reason == ""
    again = programme.get(f"/estate/assets/{asset.pk}/restore/").content.decode()
    assert "This asset is not withdrawn." in again
