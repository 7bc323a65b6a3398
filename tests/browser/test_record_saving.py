"""A council editor creates a project and records a saving through the forms, as she would in the browser.

Every form page is checked with axe twice: as it first appears and with its errors shown.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import axe, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit_empty_and_check(page: Page, button: str, first_error: str) -> None:
    """The blank form and its error page are both accessible, and the summary says what is missing."""
    assert axe(page) == []
    page.get_by_role("button", name=button).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(first_error)
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert axe(page) == []


def fill_date(page: Page, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_editor_creates_a_project_and_records_a_saving(page, world):
    signed_in(page, world.editor_a)

    # A project in the world's initiative; Hampshire, her only council, leads it.
    page.goto(f"/programme/initiatives/{world.initiative.slug}/")
    page.get_by_role("link", name="Add a project to this initiative").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a project")
    expect(page.get_by_label("Initiative")).to_have_value(str(world.initiative.pk))
    expect(page.locator(".govuk-summary-list")).to_contain_text("Hampshire")
    submit_empty_and_check(page, "Create project", "Enter a project title")
    # What she chose survives the error page.
    expect(page.get_by_label("Initiative")).to_have_value(str(world.initiative.pk))
    page.get_by_label("Reference").fill("ASC-050")
    page.get_by_label("Project title").fill("Digital front door for adult care")
    page.get_by_label("Status").select_option(label="Selected")
    fill_date(page, "Start date", "1", "4", "2013")
    page.get_by_role("button", name="Create project").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Digital front door for adult care")
    expect(page.get_by_text("Project ASC-050 created")).to_be_visible()
    expect(page.locator("#participants + ul")).to_contain_text("Hampshire (lead)")
    expect(page.locator(".govuk-summary-list__row", has_text="Start date")).to_contain_text("1 April 2013")

    # A saving with its baseline.
    page.get_by_role("link", name="Add a saving").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a saving")
    submit_empty_and_check(page, "Add saving", "Select a council")
    page.get_by_label("Council").select_option(label="Hampshire")
    page.get_by_label("Saving", exact=True).fill("Fewer agency social workers")
    page.get_by_label("Service", exact=True).select_option("Adult social care")
    page.get_by_label("Measure", exact=True).fill("Agency spend per quarter")
    page.get_by_label("Owner", exact=True).fill("Head of workforce")
    page.get_by_label("Cashable", exact=True).check()
    page.get_by_label("Recurring annual").check()
    page.get_by_label("Baseline value").fill("1,200,000")
    fill_date(page, "Baseline date", "31", "3", "2013")
    page.get_by_role("button", name="Add saving").click()

    expect(page.get_by_text("Saving added")).to_be_visible()
    card = page.locator(".govuk-summary-card", has=page.get_by_role("heading", name="Fewer agency social workers"))
    expect(card).to_contain_text("£1,200,000 on 31 March 2013")
    expect(card).to_contain_text("No amounts recorded yet.")

    # Its expected amount for 2013/14.
    card.get_by_role("link", name="Add an amount").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an amount")
    submit_empty_and_check(page, "Record amount", "Select a financial year")
    page.get_by_label("Financial year").select_option(label="2013/14")
    page.get_by_label("Expected", exact=True).check()
    page.get_by_label("Amount", exact=True).fill("250000")
    page.get_by_role("button", name="Record amount").click()

    expect(page.get_by_text("Expected amount for 2013/14 recorded")).to_be_visible()
    card = page.locator(".govuk-summary-card", has=page.get_by_role("heading", name="Fewer agency social workers"))
    amount_row = card.get_by_role("row").filter(has_text="2013/14")
    expect(amount_row).to_contain_text("Expected")
    expect(amount_row).to_contain_text("£250,000")
    expect(page.get_by_text("This project's savings")).to_contain_text("expected £250,000")

    # The project's full history says who did each of these.
    page.goto("/programme/projects/ASC-050/history/")
    history = page.get_by_role("main").locator("table")
    for what in ("Created project: ASC-050", "Created saving: Fewer agency social workers",
                 "Created saving amount: Expected 2013/14"):
        expect(history).to_contain_text(what)
    expect(history).to_contain_text(str(world.editor_a))
    assert axe(page) == []

    # And the benefits register lists it, with its expected total.
    page.goto("/programme/savings/")
    register = page.get_by_role("table", name="Savings")
    expect(register.get_by_role("row").filter(has_text="ASC-050")).to_contain_text("£250,000")
