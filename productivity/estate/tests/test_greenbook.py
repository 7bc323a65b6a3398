"""The Green Book arithmetic against examples worked by hand (3.5% real, year 0 undiscounted)."""

from decimal import Decimal as D

import numpy as np
import pytest

from productivity.estate import greenbook
from productivity.estate.greenbook import Action, Baseline, Settings

BASE = Baseline(floor_area=D(1000), running_cost=D(5000), carbon=D(10))


def one(*actions, settings=None, baseline=BASE):
    return greenbook.appraise_all(list(actions), [baseline], settings or Settings(start_year=2012))[0]


def test_discount_factors_are_one_over_one_point_oh_three_five_to_the_year():
    factors = Settings(start_year=2012).discount_factors()
    assert [round(f, 6) for f in factors] == [1.0, 0.966184, 0.933511, 0.901943, 0.871442, 0.841973,
                                              0.813501, 0.785991, 0.759412, 0.733731]


def test_npv_leaves_year_0_undiscounted_and_adds_each_years_present_value_to_the_penny():
    # £10,000 received now; £1,000 a year saved from year 1: 10,000 + 966.18 + 933.51 + 901.94 + 871.44
    # + 841.97 + 813.50 + 785.99 + 759.41 + 733.73.
    figures = one(Action(0, 0, capital_receipt=D(10000)), Action(0, 1, running_cost_change=D(-1000)))
    assert [row.present_value for row in figures.years] == [
        D("10000.00"), D("966.18"), D("933.51"), D("901.94"), D("871.44"), D("841.97"), D("813.50"),
        D("785.99"), D("759.41"), D("733.73")]
    assert figures.npv == D("17607.67")
    assert figures.npv == sum(row.present_value for row in figures.years)
    assert figures.capital_receipts == D("10000.00")


def test_the_discount_rate_is_configurable():
    figures = one(Action(0, 1, capital_receipt=D(1000)), settings=Settings(start_year=2012, discount_rate=D("0.05")))
    assert figures.npv == D("952.38")  # 1,000 / 1.05


@pytest.mark.parametrize("project_type, uplifted", [("standard_buildings", D("124000.00")),
                                                    ("non_standard_buildings", D("151000.00")),
                                                    ("equipment_development", D("300000.00")),
                                                    ("none", D("100000.00"))])
def test_optimism_bias_uplifts_capital_costs_by_the_guidance_upper_bound(project_type, uplifted):
    uplift = greenbook.uplift_percent(project_type)
    figures = one(Action(0, 0, capital_cost=D(100000), uplift=uplift))
    assert figures.capital_costs == uplifted
    assert figures.optimism_uplift == uplifted - D(100000)
    assert figures.npv == -uplifted  # year 0 is not discounted


def test_the_uplift_is_rounded_half_up_to_a_penny():
    figures = one(Action(0, 0, capital_cost=D("0.05"), uplift=D(10)))  # 0.5p of uplift rounds up to 1p
    assert figures.optimism_uplift == D("0.01")


def test_payback_is_the_first_year_from_which_the_cumulative_discounted_cash_flow_stays_positive():
    # -1,240.00 (1,000 + 24%); then +483.09, +466.76, +450.97: cumulative -1,240.00, -756.91, -290.15, +160.82.
    figures = one(Action(0, 0, capital_cost=D(1000), uplift=D(24)), Action(0, 1, running_cost_change=D(-500)))
    assert [row.cumulative for row in figures.years[:4]] == [D("-1240.00"), D("-756.91"), D("-290.15"),
                                                              D("160.82")]
    assert figures.payback_year == 3


def test_no_payback_within_ten_years_and_immediate_payback():
    assert one(Action(0, 0, capital_cost=D(100000)), Action(0, 1, running_cost_change=D(-10))).payback_year is None
    assert one(Action(0, 0, capital_receipt=D(5))).payback_year == 0


def test_carbon_is_valued_at_its_years_price_and_kept_apart_from_the_cash_npv():
    prices = {2012: D(100), 2013: D(200)}  # after the series ends, its last price
    figures = one(Action(0, 0, carbon_change=D("-1.5")), settings=Settings(start_year=2012, prices=prices))
    assert [row.carbon_value for row in figures.years[:3]] == [D("150.00"), D("300.00"), D("300.00")]
    assert [row.carbon_present_value for row in figures.years[:3]] == [D("150.00"), D("289.86"), D("280.05")]
    assert figures.npv == D(0)
    assert figures.npv_with_carbon == figures.carbon_npv == sum(r.carbon_present_value for r in figures.years)


def test_the_shipped_carbon_series_gives_the_published_values_and_says_where_each_year_comes_from(settings):
    from pathlib import Path

    series = greenbook.carbon_series()
    assert [series[year].central for year in (2020, 2021, 2050)] == [D("241.00"), D("245.00"), D("378.00")]
    assert {year for year, value in series.items() if value.basis == "published"} == {2020, 2021, 2050}
    assert series[2030].central == D("280.00") and series[2030].basis == "interpolated"
    assert (series[2020].low, series[2020].high) == (D("120.50"), D("361.50"))  # the guidance's ±50% range
    assert all(series[year].central == D("241.00") and series[year].basis == "held" for year in range(2010, 2020))
    assert greenbook.carbon_prices()[2025] == series[2025].central
    text = (Path(settings.DATA_DIR) / "estate" / "SOURCE.md").read_text()
    assert "2020 prices" in text and "carbon_values.csv" in text and "interpolated" in text


def test_the_carbon_label_names_the_source_and_price_base_and_calls_unpublished_years_illustrative():
    note = greenbook.carbon_note(2012)
    assert "DESNZ" in note and "£ per tonne CO2e at 2020 prices" in note
    assert "published values for 2020 and 2021" in note
    assert "the nearest year's value for 2012 to 2019, which the series (2020 to 2050) does not cover" in note
    assert "illustrative" in note
    assert "interpolated values for 2022 to 2029" in greenbook.carbon_note(2020)


def test_a_series_of_published_values_only_is_not_called_illustrative(settings, tmp_path):
    path = tmp_path / "carbon.csv"
    path.write_text("year,central_gbp_per_tco2e,basis\n" + "".join(f"{y},300,published\n" for y in range(2030, 2040)))
    settings.ESTATE_CARBON_VALUES_FILE = str(path)
    greenbook.carbon_series.cache_clear()
    greenbook.carbon_prices.cache_clear()
    try:
        note = greenbook.carbon_note(2030)
        assert "published values for 2030 to 2039" in note and "illustrative" not in note
    finally:
        greenbook.carbon_series.cache_clear()
        greenbook.carbon_prices.cache_clear()


def test_the_optimism_bias_table_is_the_guidances():
    table = greenbook.optimism_bias_table()
    bounds = {key: (row["cost_upper"], row["duration_upper"], row["cost_lower"], row["duration_lower"])
              for key, row in table.items()}
    assert bounds == {
        "standard_buildings": (D(24), D(4), D(2), D(1)),
        "non_standard_buildings": (D(51), D(39), D(4), D(2)),
        "standard_civil_engineering": (D(44), D(20), D(3), D(1)),
        "non_standard_civil_engineering": (D(66), D(25), D(6), D(3)),
        "equipment_development": (D(200), D(54), D(10), D(10)),
        "outsourcing": (D(41), None, D(0), None),
        "none": (D(0), D(0), D(0), D(0)),
    }
    assert table["outsourcing"]["cost_measured_on"] == "operating"
    # Outsourcing's 41% is on operating costs: it never uplifts a capital cost.
    assert greenbook.uplift_percent("outsourcing") == D(0)
    assert greenbook.uplift_percent("standard_civil_engineering") == D(44)
    assert greenbook.uplift_percent("non_standard_civil_engineering", "lower") == D(6)


def test_outcomes_are_percentages_of_the_baseline_rated_against_the_targets():
    figures = one(Action(0, 2, floor_area_change=D(-250), running_cost_change=D(-400), carbon_change=D("-1")))
    floor, running, carbon = (figures.outcome(key) for key in ("floor_area", "running_cost", "carbon"))
    assert (floor.percent, floor.reduction, floor.rag) == (D("-25.0"), D("25.0"), "green")
    assert (running.percent, running.rag) == (D("-8.0"), "amber")  # 8% off running costs: half-way to 10%
    assert (carbon.percent, carbon.rag) == (D("-10.0"), "amber")
    assert one().outcome("carbon").rag == "red"
    assert one(baseline=Baseline(D(0), D(0), D(0))).outcome("floor_area").rag == "grey"  # no baseline to compare


def test_scenarios_are_computed_together_without_mixing():
    actions = [Action(0, 0, capital_receipt=D(100)), Action(2, 1, capital_receipt=D("103.50"))]
    results = greenbook.appraise_all(actions, [BASE] * 3, Settings(start_year=2012))
    assert [r.npv for r in results] == [D("100.00"), D("0.00"), D("100.00")]


def test_actions_beyond_the_horizon_do_not_count():
    appraisal = greenbook.appraise(greenbook.ActionArrays.of([Action(0, 10, capital_receipt=D(1))]),
                                   greenbook.BaselineArrays.of([BASE]), Settings(start_year=2012))
    assert appraisal.npv.tolist() == [0]


def test_exact_half_up_division():
    assert greenbook.divide_half_up(np.array([5, -5, 4, 15]), 10).tolist() == [1, -1, 0, 2]
