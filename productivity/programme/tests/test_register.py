"""The benefits register as people use it: one row per saving, filters, search, totals that add up, and a
download that imports back changing nothing."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from productivity.audit.models import AuditEntry
from productivity.programme import services
from productivity.programme.models import AmountKind, Saving, SavingAmount
from productivity.programme.tests.factories import make_amount, make_saving

URL = "/programme/savings/"


@pytest.fixture
def register(world):
    """The sample portfolio plus savings of every shape: a dis-benefit, a one-off non-cashable saving recorded
    under another name for its service, verified and audited amounts, text with commas, quotes and accents."""
    disbenefit = make_saving(world.published, world.council_a, title="Double running of two sites",
                             service="Property and assets", is_disbenefit=True, recurrence="one_off",
                             description='Rent on the "old" depot, Winchester; café closed')
    make_amount(disbenefit, 2012, AmountKind.EXPECTED, "50000", delivery_cost="0")
    waste = make_saving(world.published, world.council_a, title="Food waste collections", service="Waste",
                        benefit_class="non_cashable", baseline_description="Tonnes collected, 2011/12",
                        baseline_value=Decimal("12500.75"), baseline_date=dt.date(2011, 4, 1))
    make_amount(waste, 2013, AmountKind.FORECAST, "7500.50", delivery_cost="250")
    audited = make_amount(waste, 2012, AmountKind.REALISED, "6000", evidence_notes="Weighbridge tickets",
                          entered_by=world.editor_a)
    services.verify_amount(audited, world.programme)
    services.audit_amount(audited, world.programme)
    return {"disbenefit": disbenefit, "waste": waste}


def page(client, query: str = "") -> str:
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.content.decode()


def download(client, query: str, fmt: str) -> bytes:
    response = client.get(URL + query + ("&" if "?" in query else "?") + f"format={fmt}")
    assert response.status_code == 200
    return b"".join(response.streaming_content) if fmt == "csv" else response.content


def csv_rows(client, query: str = "") -> list[dict]:
    return list(csv.DictReader(io.StringIO(download(client, query, "csv").decode("utf-8-sig"))))


@pytest.mark.django_db
def test_one_row_per_saving_with_its_totals_and_state(world, register, client_for):
    rows = {row["Saving title"]: row for row in csv_rows(client_for(world.programme))}
    assert set(rows) == {"Fewer residential placements", "Secret saving", "Double running of two sites",
                         "Food waste collections"}
    placements = rows["Fewer residential placements"]
    assert (placements["Expected"], placements["Realised"], placements["Verification state"]) == (
        "500000.00", "420000.00", "Awaiting verification")
    waste = rows["Food waste collections"]
    assert (waste["Forecast"], waste["Realised"], waste["Verification state"]) == ("7500.50", "6000.00", "Audited")
    assert rows["Secret saving"]["Verification state"] == "No realised amounts"
    # On the gross basis a dis-benefit adds nothing; on the net basis it is taken off.
    assert rows["Double running of two sites"]["Expected"] == "0.00"
    net = {row["Saving title"]: row for row in csv_rows(client_for(world.programme), "?basis=net")}
    assert net["Double running of two sites"]["Expected"] == "-50000.00"
    assert net["Food waste collections"]["Forecast"] == "7250.50"


@pytest.mark.django_db
def test_the_download_names_each_saving_project_and_council_by_a_stable_code(world, register, client_for):
    row = next(r for r in csv_rows(client_for(world.programme)) if r["Saving title"] == "Food waste collections")
    assert row["Saving reference"] == register["waste"].reference
    assert re.fullmatch(r"ASC-001-S\d\d", row["Saving reference"])
    assert (row["Project reference"], row["Council code"], row["Council name"]) == ("ASC-001", "E10000014",
                                                                                    "Hampshire")
    assert (row["Service"], row["Owner"], row["Measure"], row["Class"]) == (
        "Waste", "Head of service", register["waste"].measure, "Non-cashable")
    assert (row["Baseline value"], row["Baseline date"], row["Baseline description"]) == (
        "12500.75", "2011-04-01", "Tonnes collected, 2011/12")


@pytest.mark.django_db
def test_the_public_sees_only_published_projects_savings(world, register, client_for):
    titles = {row["Saving title"] for row in csv_rows(client_for(None))}
    assert "Secret saving" not in titles
    assert "Fewer residential placements" in titles
    assert "Secret saving" not in page(client_for(None))


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "titles"), [
    ("?council=E10000014", {"Fewer residential placements", "Double running of two sites",
                            "Food waste collections", "Secret saving"}),
    ("?initiative=adult-social-care-efficiency&class=non_cashable", {"Food waste collections"}),
    ("?workstream=children-adults-families&year=2013", {"Food waste collections", "Secret saving"}),
    ("?state=audited", {"Food waste collections"}),
    ("?state=awaiting", {"Fewer residential placements"}),
    ("?state=none", {"Double running of two sites", "Secret saving"}),
    ("?q=weighbridge", set()),  # evidence notes are not searched
    ("?q=depot+caf%C3%A9", {"Double running of two sites"}),
    ("?q=hampshire+residential", {"Fewer residential placements"}),
    ("?q=ASC-001&state=verified", set()),
])
def test_filters_and_search_narrow_the_rows(world, register, client_for, query, titles):
    rows = csv_rows(client_for(world.programme), query)
    assert {row["Saving title"] for row in rows} == titles


@pytest.mark.django_db
def test_the_totals_above_the_table_are_the_sum_of_its_rows(world, register, client_for):
    client = client_for(world.programme)
    html = page(client, "?initiative=adult-social-care-efficiency&basis=net")
    rows = csv_rows(client, "?initiative=adult-social-care-efficiency&basis=net")
    expected = sum(Decimal(row["Expected"]) for row in rows)
    assert expected == Decimal("500000") - Decimal("50000") + Decimal("999999")
    assert "The 4 savings below add up to\n  expected £1,449,999" in html


@pytest.mark.django_db
def test_the_page_shows_owner_measure_class_baseline_and_state(world, register, client_for):
    html = page(client_for(world.editor_a), "?q=food")
    assert "Head of service" in html and register["waste"].measure in html
    assert "Non-cashable, recurring" in html
    assert "£12,500.75" in html  # pence shown where there are pence
    assert '<strong class="govuk-tag govuk-tag--green">Audited</strong>' in html
    assert f'href="/programme/projects/ASC-001/#saving-{register["waste"].pk}"' in html
    assert "1 row · " in " ".join(html.split())


@pytest.mark.django_db
def test_an_unreadable_filter_or_search_is_ignored_not_an_error(world, register, client_for):
    client = client_for(None)
    for query in ("?year=abc", "?state=nonsense", "?council=E06000030", "?q=" + "x" * 5000,
                  "?sort=nonsense&page=999", "?q=%25_"):
        assert client.get(URL + query).status_code == 200
    assert client.get(URL + "?council=%00").status_code == 400  # the platform refuses NUL characters


def _import(path, *extra) -> str:
    out = StringIO()
    call_command("import_file", "--kind", "savings", str(path), *extra, stdout=out, stderr=StringIO())
    return out.getvalue()


def _state():
    savings = list(Saving.objects.order_by("pk").values())
    amounts = list(SavingAmount.objects.order_by("pk").values())
    return savings, amounts, AuditEntry.objects.count()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_register_downloaded_imports_back_changing_nothing(world, register, client_for, tmp_path, fmt):
    before = _state()
    path = tmp_path / f"benefits-register.{fmt}"
    path.write_bytes(download(client_for(world.programme), "", fmt))

    out = _import(path)

    assert "Savings unchanged: 4" in out
    assert "Savings updated: 0" in out and "Savings created: 0" in out
    assert out.strip().splitlines()[-1] == "imported=0 unchanged=4 duplicates=0 rejected=0 total=4"
    assert _state() == before  # nothing written, not even a history entry


@pytest.mark.django_db
def test_a_council_editor_reimports_its_own_filtered_download_changing_nothing(world, register, client_for,
                                                                              tmp_path):
    before = _state()
    path = tmp_path / "hampshire.csv"
    path.write_bytes(download(client_for(world.editor_a), "?council=E10000014&state=audited", "csv"))
    out = _import(path, "--as", "editor.a@example.org")
    assert out.strip().splitlines()[-1] == "imported=0 unchanged=1 duplicates=0 rejected=0 total=1"
    assert _state() == before


@pytest.mark.django_db
def test_an_edited_download_changes_just_what_was_edited(world, register, client_for, tmp_path):
    rows = csv_rows(client_for(world.programme))
    for row in rows:
        if row["Saving title"] == "Food waste collections":
            row["Saving title"] = "Food waste collected separately"
            row["Owner"] = "Head of waste"
    path = tmp_path / "edited.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = _import(path)
    assert "Savings updated: 1" in out and "Savings unchanged: 3" in out
    register["waste"].refresh_from_db()
    assert (register["waste"].title, register["waste"].owner) == ("Food waste collected separately", "Head of waste")
    assert SavingAmount.objects.get(saving=register["waste"], kind="realised").verification == "audited"


@pytest.mark.django_db
def test_the_excel_download_has_a_frozen_header_a_filter_and_sized_columns(world, register, client_for):
    sheet = load_workbook(io.BytesIO(download(client_for(world.programme), "", "xlsx"))).active
    assert sheet.freeze_panes == "A2"
    headings = [cell.value for cell in sheet[1]]
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(headings)).column_letter}5"
    widths = {cell.value: sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    assert widths["Saving reference"] < widths["Description"] <= 60
    assert widths["Expected"] >= 14
    assert all(cell.font.b for cell in sheet[1])
