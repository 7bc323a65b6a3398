"""In a real browser: a council's editor adds a plan to its pipeline, publishes it and the public downloads it
as an OCDS release package that validates; every page passes axe-core under the Content-Security-Policy."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from productivity.accounts.tests.factories import make_user
from productivity.procurement import ocds, pipelines
from productivity.procurement.tests.factories import make_devon
from tests.browser.support import axe, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_adds_a_plan_publishes_and_the_public_exports_it(page, browser, live_server):
    devon = make_devon()
    editor = make_user("editor@devon.example", devon, "editor")
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content-Security-Policy" in message.text
            else None)
    signed_in(page, editor)
    page.goto("/procurement/pipelines/E10000008/")
    found = {"empty": axe(page)}
    page.get_by_role("button", name="Add a planned procurement").click()
    page.get_by_label("Reference").fill("DCC-9")
    page.get_by_label("Title").fill("Bridge strengthening")
    page.get_by_label("Estimated value", exact=True).fill("2,500,000")
    page.get_by_label("Medium", exact=True).check()
    page.get_by_label("Suitable for small and medium enterprises (SMEs)").check()
    year = pipelines.this_financial_year()
    page.get_by_label(f"Planned spend in {pipelines.year_label(year)}").fill("1,000,000")
    found["form"] = axe(page)
    page.get_by_role("button", name="Add plan").click()
    expect(page.get_by_text("Plan DCC-9 added to the pipeline")).to_be_visible()
    found["pipeline"] = axe(page)
    page.get_by_role("button", name="Publish and review").click()
    page.get_by_label("Publish the pipeline (anyone may see it and download it)").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Published", exact=True)).to_be_visible()

    public = browser.new_context(base_url=live_server.url, accept_downloads=True).new_page()
    public.goto("/procurement/pipelines/")
    public.get_by_role("link", name="Devon").click()
    expect(public.get_by_role("heading", level=1)).to_have_text("Devon")
    found["public"] = axe(public)
    with public.expect_download() as download:
        public.get_by_role("link", name="Download as an OCDS 1.1 release package (JSON)").click()
    package = json.loads(Path(download.value.path()).read_text())
    assert ocds.problems(package) == []
    assert package["releases"][0]["tender"]["title"] == "Bridge strengthening"
    assert package["releases"][0]["tender"]["suitability"]["sme"] is True
    public.context.close()
    assert {name: v for name, v in found.items() if v} == {}
    assert refused == []
