"""Other agencies' buildings in Trafford come in as assets of the bodies that hold them, idempotently."""

import pytest
from django.core.management import call_command

from productivity.estate.models import Asset
from productivity.organisations.models import Organisation


@pytest.fixture
def organisations(db):
    call_command("import_organisations")


def test_each_agencys_buildings_become_its_assets_and_loading_again_changes_nothing(organisations, capsys):
    call_command("load_public_buildings")
    first = capsys.readouterr().out
    assert "rejected=0" in first and "rejected=1" not in first
    owners = {a.owner.slug for a in Asset.objects.select_related("owner")}
    assert {"dwp", "moj", "dfe", "nhs-trafford-ccg", "manchester-university-nhs-ft", "E31000040",
            "E08000009"} <= owners
    jobcentre = Asset.objects.get(asset_code="JCP-ALTRINCHAM")
    assert jobcentre.owner.slug == "dwp" and jobcentre.postcode == "WA14 4PU" and jobcentre.easting is not None
    assert jobcentre.use == "customer_service_centre" and "Jobcentre Plus" in jobcentre.tenure_detail
    # Building footprints close together are one site: Trafford General's 13 buildings are one hospital.
    hospitals = Asset.objects.filter(owner__slug="manchester-university-nhs-ft")
    assert hospitals.filter(name="Trafford General Hospital").count() == 1
    assert not Asset.objects.filter(name__icontains="Priory").exists()  # private: not public land
    count = Asset.objects.count()
    call_command("load_public_buildings")
    again = capsys.readouterr().out
    assert "imported=0" in again and "imported=1" not in again.replace("imported=0", "")
    assert Asset.objects.count() == count
    trafford = Organisation.objects.get(gss_code="E08000009")
    assert Asset.objects.filter(owner=trafford, use="school").count() > 50
