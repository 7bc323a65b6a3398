"""Supplier size data (classes under both definitions, regions, hostile rows), paying on time, category pilots."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from productivity.procurement import payments, pilots, rollups, suppliers
from productivity.procurement.models import (
    CategoryPilot,
    CategoryPilotCouncil,
    Definition,
    Size,
    SupplierClassification,
    SupplierSize,
)
from productivity.procurement.tests.factories import make_devon, make_line, make_supplier

pytestmark = pytest.mark.django_db

SIZES = """Supplier name,Companies House number,Employees,Turnover,Balance sheet total,VCSE,Date,Source,Postcode,Region
Small Firm Ltd,,40,"£3,000,000",,No,31/03/2026,Companies House accounts,EX2 4QD,
Big Firm PLC,01234567,240,"50,000,000","40,000,000",No,31/03/2026,Companies House accounts,M1 1AA,
Local Charity,,12,,,Yes,31/03/2026,Charity Commission,,South West
Nobody We Pay Ltd,,5,,,No,31/03/2026,Companies House accounts,,
Bad Row Ltd,,lots,,,No,31/03/2026,Companies House accounts,,
"""


def _import_sizes(tmp_path, body=SIZES, **options) -> str:
    path = tmp_path / "sizes.csv"
    path.write_text(body, encoding="utf-8")
    out = io.StringIO()
    try:
        call_command("import_file", str(path), kind="supplier_size", stdout=out, stderr=out, **options)
    except Exception as error:  # noqa: BLE001 - a refused import still printed its counting line
        out.write(f"\n{error}")
    return out.getvalue()


@pytest.fixture
def paid(roles):
    devon = make_devon()
    found = {name: make_supplier(name, **extra) for name, extra in (
        ("Small Firm Ltd", {}), ("Big Firm PLC", {"companies_house_number": "01234567"}), ("Local Charity", {}),
        ("Bad Row Ltd", {}))}
    for supplier in found.values():
        make_line(devon, supplier, "100.00")
    return devon, found


def test_size_data_classes_suppliers_under_each_definition_with_source_and_date(paid, tmp_path):
    devon, found = paid
    output = _import_sizes(tmp_path)
    assert "imported=3" in output and "rejected=2" in output, output
    assert "No supplier in the register" in output and "not a number of employees" in output
    small = {c.definition: c.size for c in SupplierClassification.objects.filter(supplier=found["Small Firm Ltd"])}
    assert small == {Definition.SEEDS: Size.SME, Definition.PROCUREMENT_ACT: Size.SME}
    # 240 staff: an SME to the seeds, but large under the Act (turnover over £44m and balance sheet over £38m).
    big = {c.definition: c.size for c in SupplierClassification.objects.filter(supplier=found["Big Firm PLC"])}
    assert big == {Definition.SEEDS: Size.SME, Definition.PROCUREMENT_ACT: Size.LARGE}
    charity = SupplierClassification.objects.get(supplier=found["Local Charity"], size=Size.VCSE)
    assert charity.recorded_on == dt.date(2026, 3, 31) and "Charity Commission" in charity.detail
    for supplier in found.values():
        supplier.refresh_from_db()
    assert (found["Small Firm Ltd"].region, found["Big Firm PLC"].region, found["Local Charity"].region) == (
        "South West", "North West", "South West")
    seeds = rollups.shares(rollups.Scope(councils=(devon.pk,), definition=Definition.SEEDS))
    act = rollups.shares(rollups.Scope(councils=(devon.pk,), definition=Definition.PROCUREMENT_ACT))
    assert seeds.sme == Decimal("200.00") and act.sme == Decimal("100.00")
    assert seeds.local == Decimal("200.00")  # Devon is in the South West: the small firm and the charity
    again = _import_sizes(tmp_path)
    assert "imported=0" in again and "duplicates=3" in again
    assert SupplierSize.objects.count() == 3


def devon_lines(devon):
    from productivity.procurement.models import SpendLine

    return SpendLine.objects.for_council(devon)


def test_only_the_programme_team_imports_size_data(paid, tmp_path, roles):
    output = _import_sizes(tmp_path, email=roles.editor_b.email)
    assert "imported=0" in output and "Only the programme team" in output
    assert not SupplierSize.objects.exists()


def test_definitions_decide_at_their_edges():
    assert suppliers.size_under(Definition.SEEDS, 250, None, None) == Size.SME
    assert suppliers.size_under(Definition.PROCUREMENT_ACT, 250, None, None) == Size.LARGE
    assert suppliers.size_under(Definition.PROCUREMENT_ACT, 249, Decimal("44000000"), None) == Size.SME
    assert suppliers.size_under(Definition.PROCUREMENT_ACT, 249, Decimal("44000001"), Decimal("38000000")) == Size.SME
    assert suppliers.size_under(Definition.PROCUREMENT_ACT, 249, None, None) is None
    assert suppliers.region_of_postcode("ex2 4qd") == "South West" and suppliers.region_of_postcode("XX1") == ""
    assert suppliers.region_of_postcode("SW1A 1AA") == "London" and suppliers.region_of_postcode("S1 2HH") == (
        "Yorkshire and The Humber")


def test_days_to_pay_in_bands_per_period_smes_beside_large(roles, client_for):
    devon = make_devon()
    small = make_supplier("Small Firm Ltd", size=Size.SME)
    large = make_supplier("Large Firm PLC", size=Size.LARGE)
    paid = dt.date(2026, 5, 30)
    for supplier, days, amount in ((small, 10, "100.00"), (small, 30, "100.00"), (small, 31, "100.00"),
                                   (large, 60, "100.00"), (large, 61, "100.00"), (large, -2, "100.00"),
                                   (large, 5, "-50.00")):
        make_line(devon, supplier, amount, paid, invoice_date=paid - dt.timedelta(days=days))
    make_line(devon, small, "100.00", dt.date(2026, 10, 2), invoice_date=dt.date(2026, 9, 1))
    figures = payments.payment_times(devon_lines(devon), ("period", "size"))
    april, october = dt.date(2026, 4, 1), dt.date(2026, 10, 1)
    sme, big = figures[(april, Size.SME)], figures[(april, Size.LARGE)]
    assert (sme.invoices, sme.bands) == (3, {"within_30": 2, "31_to_60": 1, "61_plus": 0})
    assert (big.invoices, big.bands, big.out_of_order) == (3, {"within_30": 0, "31_to_60": 1, "61_plus": 1}, 1)
    assert figures[(october, Size.SME)].bands["31_to_60"] == 1
    assert sme.within_30 == Decimal(2) / 3 and sme.average_days == Decimal("23.7")
    everything = payments.payment_times(devon_lines(devon))[()]
    assert everything.invoices == sum(f.invoices for f in figures.values()) == 7
    page = client_for(None).get("/procurement/payments/?council=E10000008").content.decode()
    assert "April to September 2026" in page and "67%" in page and "250 employees or fewer" in page
    api = client_for(None).get("/api/procurement/payments?council=E10000008").json()
    first = next(row for row in api if row["suppliers"] == "SME" and row["period"] == "April to September 2026")
    assert first["within_30_days"] == "0.6667" and first["invoices"] == 3
    download = client_for(None).get("/procurement/payments/?council=E10000008&view=suppliers&format=csv")
    assert "Large Firm PLC" in b"".join(download.streaming_content).decode("utf-8-sig")
    assert client_for(None).get("/procurement/payments/?council=nowhere&view=x&definition=y").status_code == 200


def test_pilot_councils_lead_first(roles):
    pilot = CategoryPilot.objects.create(reference="PCM-01", name="North West pilot: care", category="care",
                                         is_illustrative=True)
    CategoryPilotCouncil.objects.create(pilot=pilot, organisation=roles.council_b)
    CategoryPilotCouncil.objects.create(pilot=pilot, organisation=roles.council_a, is_lead=False)
    devon = make_devon()
    CategoryPilotCouncil.objects.create(pilot=pilot, organisation=devon, is_lead=True)
    assert [o.name for o in pilots.pilot_councils("PCM-01")] == ["Devon", "Hampshire", "Swindon"]
    assert list(pilots.pilots_of(devon)) == [pilot]


def test_pilots_come_from_the_programmes_pilot_projects(world):
    from django.apps import apps

    participant = apps.get_model("programme", "Participant")  # a sibling domain: not imported
    project = world.published
    project.reference, project.is_illustrative = "PCM-09", True
    project.title = "North West category management pilot: care"
    project.save()
    made = pilots.from_programme()
    assert [(p.reference, p.category, p.region, p.is_illustrative) for p in made] == [
        ("PCM-09", "care", "North West", True)]
    expected = set(participant.objects.filter(project=project).values_list("organisation", flat=True))
    assert {o.pk for o in pilots.pilot_councils(made[0])} == expected and expected
    assert pilots.from_programme()[0].pk == made[0].pk  # again: brought up to date, not doubled


def test_a_spend_file_with_invoice_dates_feeds_the_payment_measures(roles, tmp_path):
    devon = make_devon()
    path = tmp_path / "with-invoices.csv"
    path.write_text(
        "Payment Date,Invoice Received Date,Transaction Number,Amount,Supplier Name\n"
        "15/05/2026,01/05/2026,A1,100.00,Quick Pay Ltd\n"
        "15/05/2026,NA,A2,100.00,Quick Pay Ltd\n"
        "15/05/2026,#REF!,A3,100.00,Quick Pay Ltd\n"
        "15/07/2026,01/05/2026,A4,100.00,Slow Pay Ltd\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_spend", str(path), publisher="E10000008", stdout=out, stderr=out)
    # A missing or broken invoice date leaves the payment in the spend, out of the payment measures.
    assert out.getvalue().strip().splitlines()[-1] == "imported=4 duplicates=0 rejected=0 total=4"
    figures = payments.payment_times(devon_lines(devon), ("supplier",))
    by_name = {key[0][1]: times for key, times in figures.items()}
    assert by_name["Quick Pay Ltd"].invoices == 1 and by_name["Quick Pay Ltd"].bands["within_30"] == 1
    assert by_name["Slow Pay Ltd"].bands["61_plus"] == 1 and by_name["Slow Pay Ltd"].average_days == 75
