"""A business case as a document under the Five Case Model headings, in HTML, PDF and Word, for its readers."""

import io
from decimal import Decimal as D

import pytest
from docx import Document

from productivity.estate import cases
from productivity.estate.models import Action, Scenario
from productivity.estate.tests.factories import make_asset

HEADINGS = ["1. Strategic case", "2. Economic case", "3. Commercial case", "4. Financial case",
            "5. Management case"]


@pytest.fixture
def case(roles):
    library = make_asset(roles.council_a, "A1", name="Town library", gross_internal_area=D(1000), rent=D(40000),
                         carbon_tco2e=D(20), market_value=D(250000))
    draft = cases.start_case(organisation=roles.council_a, user=roles.editor_a, title="Secret library case",
                             kind="business_case", assets=[library], start_year=2012)
    draft.strategic = "The library is half empty.\n\n- it costs too much\n- it is cold"
    draft.save()
    scenario = Scenario.objects.create(case=draft, name="Dispose")
    Action.objects.create(scenario=scenario, kind="dispose", asset=library, year=1, capital_receipt=D(250000),
                          running_cost_change=D(-40000))
    return draft


def test_the_html_document_has_the_five_cases_and_the_figures_of_the_pages(roles, case, client_for):
    response = client_for(roles.editor_a).get(f"/reports/business-cases/{case.pk}/html/")
    text = response.content.decode()
    assert response.status_code == 200
    for heading in HEADINGS:
        assert heading in text
    dispose = next(i for i in cases.appraise_case(case) if i.scenario.name == "Dispose")
    from productivity.core.formatting import money

    assert money(dispose.figures.npv, pence=True) in text
    assert "The library is half empty." in text and "<li>it is cold</li>" in text
    assert "Not yet written." in text  # the commercial case has no text yet
    assert "Timetable of actions" in text and "illustrative" in text
    # Started in 2012: most years before the published series, so the carbon figures are called illustrative.
    assert cases.carbon_note(case).replace("'", "&#39;") in text and "£ per tonne CO2e at 2020 prices" in text


def test_the_word_document_has_the_same_headings_and_tables(roles, case, client_for):
    response = client_for(roles.editor_a).get(f"/reports/business-cases/{case.pk}/docx/")
    document = Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    for heading in HEADINGS:
        assert heading in texts
    assert document.core_properties.title == "Secret library case"
    assert any(table.rows[0].cells[0].text == "Measure" for table in document.tables)


def test_the_pdf_is_a_pdf(roles, case, client_for):
    response = client_for(roles.editor_a).get(f"/reports/business-cases/{case.pk}/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.parametrize("role, status", [("anonymous", 404), ("editor_b", 404), ("viewer_a", 200),
                                          ("programme", 200)])
def test_only_the_cases_readers_get_its_document(roles, case, client_for, role, status):
    response = client_for(roles.users()[role]).get(f"/reports/business-cases/{case.pk}/html/")
    assert response.status_code == status
    if status == 404:
        assert "Secret" not in response.content.decode()


def test_an_unknown_format_or_case_is_not_found(roles, case, client_for):
    client = client_for(roles.programme)
    assert client.get(f"/reports/business-cases/{case.pk}/exe/").status_code == 404
    assert client.get("/reports/business-cases/999999/html/").status_code == 404


@pytest.fixture
def costly(case):
    scenario = Scenario.objects.create(case=case, name="Build a hub")
    Action.objects.create(scenario=scenario, kind="new_build", year=0, project_type="non_standard_buildings",
                          capital_cost=D("4750000"), running_cost_change=D("-385000.55"))
    return case


def test_negative_amounts_stay_on_one_line_in_the_html_and_pdf(roles, costly, client_for):
    from pypdf import PdfReader

    client = client_for(roles.editor_a)
    html = client.get(f"/reports/business-cases/{costly.pk}/html/").content.decode()
    assert '<td class="govuk-table__cell govuk-table__cell--numeric pp-amount">-£385,000.55</td>' in html
    assert ".pp-amount { white-space: nowrap; }" in html  # the print stylesheet, inlined
    pdf = PdfReader(io.BytesIO(client.get(f"/reports/business-cases/{costly.pk}/pdf/").content))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert text.count("-£385,000.55") >= 10  # every year's change in running costs, each on one line
    assert "-\n£" not in text


def test_negative_amounts_in_word_tables_do_not_wrap(roles, costly, client_for):
    from docx.oxml.ns import qn

    response = client_for(roles.editor_a).get(f"/reports/business-cases/{costly.pk}/docx/")
    document = Document(io.BytesIO(response.content))
    cash = next(t for t in document.tables if t.rows[0].cells[0].text == "Year" and
                any(c.text == "-£385,000.55" for row in t.rows for c in row.cells))
    header, first = cash.rows[0], cash.rows[1]
    amount = next(cell for cell in first.cells if cell.text == "-£385,000.55")
    assert amount._tc.tcPr.find(qn("w:noWrap")) is not None
    assert all(cell._tc.tcPr.find(qn("w:noWrap")) is None for cell in header.cells)  # headings may wrap
    assert header.cells[0].paragraphs[0].runs[0].bold
