"""In a real browser: a council editor uploads a spend file, watches it check and import in the background,
and sees the council's SME share; the analysis pages pass axe-core."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from productivity.procurement.models import Size, SpendLine
from productivity.procurement.tests.factories import make_supplier
from tests.browser.support import axe, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SPEND = ("Body,Date,Transaction number,Amount,Supplier name,Expense area,Expense type,ProClass code\n"
         "Hampshire,02/03/2026,H1,300.00,Small Firm Ltd,Care,Fees,321014\n"
         "Hampshire,02/03/2026,H1,300.00,Small Firm Ltd,Care,Fees,321014\n"  # a second, identical payment
         "Hampshire,09/03/2026,H2,\"1,400.00\",Big Firm PLC,Buildings,Works,191400\n"
         "Hampshire,10/03/2026,H3,-100.00,Big Firm PLC,Buildings,Works,191400\n"
         "Hampshire,31/02/2026,H4,50.00,Big Firm PLC,Buildings,Works,\n")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_INLINE_MAX_ROWS = 1  # every file goes to the background worker, with its progress bar


def test_editor_uploads_spend_watches_the_progress_and_sees_the_sme_share(page, world, tmp_path):
    make_supplier("Small Firm Ltd", size=Size.SME, region="South East")
    make_supplier("Big Firm PLC", size=Size.LARGE)
    path = tmp_path / "hampshire-spend.csv"
    path.write_text(SPEND, encoding="utf-8")
    signed_in(page, world.editor_a)
    page.goto("/imports/?kind=spend")
    page.get_by_label("Whose file is it?").fill("E10000014")
    page.get_by_label("Upload a file").set_input_files(str(path))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Checking your file")
    expect(page.get_by_label("Rows done")).to_be_attached()  # the progress bar
    found = {"checking": axe(page)}

    call_command("db_worker", "--batch", "--no-startup-delay")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what will be imported", timeout=15_000)
    page.get_by_role("button", name="Import 4 rows").click()
    expect(page.get_by_label("Rows done")).to_be_attached()
    found["importing"] = axe(page)
    call_command("db_worker", "--batch", "--no-startup-delay")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import complete", timeout=15_000)
    assert SpendLine.objects.filter(transaction_reference="H1").count() == 2

    page.goto("/procurement/councils/E10000014/")
    shares = page.locator("#shares")
    # Net £1,900: SME £600, the credit taking £100 off the large supplier's £1,400.
    expect(shares).to_contain_text("£1,900")
    expect(shares).to_contain_text("31.6%")
    expect(page.get_by_role("main")).to_contain_text("The SME share meets the 25% aspiration")
    expect(page.get_by_role("main")).to_contain_text("250 employees or fewer")
    expect(page.get_by_role("table", name="Spend by financial year")).to_contain_text("2025/26")
    found["council"] = axe(page)
    page.get_by_label("Period", exact=True).select_option("month")
    page.get_by_label("ProClass level", exact=True).select_option("2")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("table", name="Spend by ProClass level 2 category")).to_contain_text(
        "Social care: Adult")
    found["council by month and level 2"] = axe(page)
    for name, path, heading in (("councils", "/procurement/", "Council spend"),
                                ("suppliers", "/procurement/councils/E10000014/suppliers/", "Hampshire: suppliers"),
                                ("compare", "/procurement/compare/?category=32", "Councils compared")):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        found[name] = axe(page)
    expect(page.get_by_role("table", name="Councils side by side: Social care")).to_contain_text("100.0%")
    assert {name: v for name, v in found.items() if v} == {}
