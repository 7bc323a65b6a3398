"""What the paper says reads true and plain: evidence, optimism, changes, a council's part, accuracy."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from productivity.programme import rollups_as_at
from productivity.programme.models import Project, Saving, SavingAmount
from productivity.reports import services
from productivity.reports.figures import ledger
from productivity.reports.render.html import render_document
from productivity.reports.snapshot import compute_snapshot, snapshot_for
from productivity.reports.tests.support import draft, html_text, publish

MARCH_2012 = dt.date(2012, 3, 1)


def _value(snapshot, key):
    return Decimal(snapshot["figures"][key]["value"])


def _text(snapshot) -> str:
    """The document's text without its note marks, as a reader would say it."""
    text = html_text(re.sub(r"<sup class=\"pp-note\">.*?</sup>", "", render_document(snapshot, status="draft")))
    return re.sub(r" ([.,;:])", r"\1", text)


def test_the_evidence_split_and_its_records_agree_before_anything_was_realised(world):
    # The 2012/13 realised amount was recorded today, so on 1 March 2012 nothing had been realised.
    snapshot = compute_snapshot(draft(world, as_at=MARCH_2012), with_ledger=True)
    assert _value(snapshot, "headline.savings.realised") == 0
    assert _value(snapshot, "headline.split.expected.unverified") == 0
    assert _value(snapshot, "headline.split.expected.forecast") == Decimal("500000")
    for state in ("verified", "unverified", "forecast"):
        figure = snapshot["figures"][f"headline.split.expected.{state}"]
        rows = ledger.select(snapshot["ledger"], figure["records"])
        assert ledger.total(rows, figure["records"]) == Decimal(figure["value"]), state


def test_realised_savings_are_split_only_by_verification(world):
    text = _text(compute_snapshot(draft(world)))
    assert "£420,000 realised savings" in text
    assert "£420,000 realised savings. Of this, £0 has been verified and £420,000 is not yet verified." in text


def _closed_with_forecast(world, reference, forecast, realised, year=2012):
    project = Project.objects.create(initiative=world.initiative, reference=reference, title=reference,
                                     status="closed", is_published=True)
    saving = Saving.objects.create(project=project, organisation=world.council_b, title="t", service=reference,
                                   measure="m", owner="o", baseline_value=Decimal("1"),
                                   baseline_date=dt.date(2011, 3, 31))
    SavingAmount.objects.create(saving=saving, financial_year=year, kind="forecast", amount=Decimal(forecast))
    SavingAmount.objects.create(saving=saving, financial_year=year, kind="realised", amount=Decimal(realised),
                                verification="unverified", evidence_notes="Ledger")


def test_with_no_track_record_the_paper_says_nothing_was_adjusted(world):
    SavingAmount.objects.create(saving=world.saving, financial_year=2013, kind="forecast", amount=Decimal("300000"))
    snapshot = compute_snapshot(draft(world))
    assert _value(snapshot, "headline.open_forecast") == Decimal("300000")
    assert _value(snapshot, "headline.adjustable_forecast") == 0
    text = _text(snapshot)
    assert "None of them can yet be adjusted for optimism" in text
    assert "adjusted for optimism by the programme's track record: £0" not in text


def test_the_optimism_adjustment_names_the_forecast_it_adjusts(world):
    SavingAmount.objects.create(saving=world.saving, financial_year=2013, kind="forecast", amount=Decimal("300000"))
    for n in range(3):
        _closed_with_forecast(world, f"DONE-{n}", "100000", "50000")
    snapshot = compute_snapshot(draft(world), with_ledger=True)
    assert _value(snapshot, "headline.adjusted_forecast") == Decimal("150000")
    assert _value(snapshot, "headline.adjustable_forecast") == Decimal("300000")
    text = _text(snapshot)
    assert "Open forecasts total £300,000" in text
    assert "they would be £150,000 (an adjustment, not a forecast)" in text
    figure = snapshot["figures"]["headline.adjustable_forecast"]
    assert ledger.total(ledger.select(snapshot["ledger"], figure["records"]), figure["records"]) == Decimal("300000")


def test_forecast_accuracy_compares_only_years_that_had_ended(world):
    _closed_with_forecast(world, "DONE-1", "100000", "80000", year=2012)
    # A later year's forecast, not yet realised, is not a shortfall while that year is under way.
    _closed_with_forecast(world, "DONE-2", "100000", "0", year=rollups_as_at.last_ended_year() + 1)
    snapshot = compute_snapshot(draft(world), with_ledger=True)
    prefix = f"acc.init.{world.initiative.pk}"
    assert _value(snapshot, f"{prefix}.forecast") == Decimal("100000")
    assert _value(snapshot, f"{prefix}.ratio") == Decimal("0.8")
    figure = snapshot["figures"][f"{prefix}.forecast"]
    assert ledger.total(ledger.select(snapshot["ledger"], figure["records"]), figure["records"]) == Decimal("100000")


def test_changes_give_the_previous_value_and_the_difference(world):
    report = publish(draft(world, as_at=MARCH_2012), user=world.programme)
    SavingAmount.objects.filter(saving=world.saving, kind="expected").update(amount=Decimal("12500000"))
    text = _text(snapshot_for(services.new_draft_from(report, user=world.programme)))
    assert "£12.5m expected savings, up £12m since 1 March 2012" in text
    assert "Expected savings: £12.5m, up £12m from £500,000 on 1 March 2012" in text
    assert "Funding allocated: £325,000, unchanged since 1 March 2012" in text
    assert "Compared with the previous published report" in text


def test_a_council_report_says_what_the_council_takes_part_in(world):
    text = _text(compute_snapshot(draft(world, scope="council", target=world.council_a)))
    assert "Hampshire was taking part in 1 project on the reporting date, on its own." in text
    assert "involving 1 council" not in text and "0 councils" not in text


def test_unknown_narrative_sections_are_refused_when_a_report_is_started(world):
    with pytest.raises(ValidationError, match="has no section bogus"):
        draft(world, narrative={"bogus": "text"})


def test_the_records_behind_a_figure_download_as_excel(world, client_for):
    report = draft(world)  # its title has a colon, which Excel does not allow in a sheet name
    response = client_for(world.programme).get(
        reverse("reports:figure", args=[report.pk, "headline.projects"]) + "?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
