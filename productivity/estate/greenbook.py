"""Green Book appraisal of estate scenarios: 10-year cash flows, discounting, optimism bias, carbon value.

One computation, vectorised over scenarios with numpy; pages, downloads, the business case document and the
benchmark all call ``appraise``. The rules (HM Treasury, *The Green Book*, 2022, and its supplementary guidance
on optimism bias), as the platform applies them:

- Years are numbered 0 to ``horizon - 1`` (ten years by default). Year 0 is not discounted; year t is
  multiplied by the discount factor 1 / (1 + r)^t, r = 3.5% real unless the case says otherwise.
- An action happens in its year: its capital cost and capital receipt fall in that year; its change to running
  costs, floor area and carbon applies in that year and every later one.
- A capital cost is uplifted by the optimism bias of its project type: cost × (1 + uplift), the uplift from
  ``data/estate/optimism_bias.csv`` (the guidance's upper bounds for capital expenditure by default; its
  works-duration uplifts and outsourcing's operating-cost uplift are kept there for reference, not applied).
- Carbon is valued at the central value of its calendar year (``data/estate/carbon_values.csv``: DESNZ's
  carbon values for appraisal, £/tCO2e at 2020 prices, each year marked published, interpolated or held;
  ``carbon_note`` says which a case uses): a reduction is a benefit, reported beside the cash NPV, never mixed
  into it.
- Money is counted in whole pence inside: cash flows are exact; the optimism uplift and each year's carbon value
  are rounded half up to a penny; each year's present value is rounded half up to a penny, and a net present
  value is the sum of its years' present values, so the yearly table adds up to the NPV exactly.
- Payback year: the first year from which the cumulative discounted cash flow stays at or above zero to the
  end of the horizon; none if it never does.
- Outcomes: the change in floor area, running cost and carbon once every action has happened, as a percentage
  of the case's baseline estate (one decimal place), rated against the strategy targets (``TARGETS``).
"""

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import numpy as np
from django.conf import settings

HORIZON = 10
DISCOUNT_RATE = Decimal("0.035")  # The Green Book's social time preference rate, real, for years 0 to 30
PENNY = Decimal("0.01")


@dataclass(frozen=True)
class Target:
    """A strategy target: a reduction of ``green`` per cent or more is green, of ``amber`` or more amber."""

    label: str
    green: Decimal
    amber: Decimal

    def rag(self, reduction: Decimal | None) -> str:
        if reduction is None:
            return "grey"
        if reduction >= self.green:
            return "green"
        return "amber" if reduction >= self.amber else "red"


# The seed papers' predicted outcomes: about 20% off the operating footprint, 10-20% off running costs and 20%
# or more off carbon. Reaching the target is green; half of it (the bottom of the running-cost range) amber.
TARGETS = {
    "floor_area": Target("Operating footprint", Decimal(20), Decimal(10)),
    "running_cost": Target("Running costs", Decimal(10), Decimal(5)),
    "carbon": Target("Carbon", Decimal(20), Decimal(10)),
}


# Reference data ------------------------------------------------------------------------------------------------
def _data_file(setting: str, name: str) -> Path:
    return Path(getattr(settings, setting, None) or Path(settings.DATA_DIR) / "estate" / name)


OPTIMISM_BIAS_SOURCE = ("HM Treasury, Green Book supplementary guidance: optimism bias (Mott MacDonald, 2002), "
                        "upper bounds")
CARBON_SOURCE = ("DESNZ (formerly BEIS), Valuation of greenhouse gas emissions: for policy appraisal and "
                 "evaluation (2021), central series")
CARBON_PRICE_BASE = "£ per tonne CO2e at 2020 prices"


def _percent_or_none(value: str) -> Decimal | None:
    return Decimal(value) if value.strip() else None  # the guidance gives no duration uplift for outsourcing


@cache
def optimism_bias_table() -> dict[str, dict]:
    """Project type -> {"label", "cost_upper", "cost_lower", "duration_upper", "duration_lower" (per cent,
    Decimal; None where the guidance gives none), "cost_measured_on" ("capital" or "operating")}."""
    with _data_file("ESTATE_OPTIMISM_BIAS_FILE", "optimism_bias.csv").open(encoding="utf-8") as handle:
        return {row["project_type"]: {
            "label": row["label"], "cost_measured_on": row.get("cost_measured_on") or "capital",
            **{key: _percent_or_none(row[key]) for key in ("cost_upper", "cost_lower", "duration_upper",
                                                             "duration_lower") if key in row}}
            for row in csv.DictReader(handle)}


@dataclass(frozen=True)
class CarbonValue:
    low: Decimal | None
    central: Decimal
    high: Decimal | None
    basis: str  # of the central value: "published", "interpolated", "held" (before the series starts)


@cache
def carbon_series() -> dict[int, CarbonValue]:
    """Calendar year -> its carbon values (``CARBON_PRICE_BASE``; see data/estate/SOURCE.md)."""
    with _data_file("ESTATE_CARBON_VALUES_FILE", "carbon_values.csv").open(encoding="utf-8") as handle:
        return {int(row["year"]): CarbonValue(
            low=_percent_or_none(row.get("low_gbp_per_tco2e") or ""),
            central=Decimal(row["central_gbp_per_tco2e"]),
            high=_percent_or_none(row.get("high_gbp_per_tco2e") or ""),
            basis=row.get("basis") or "as given")
            for row in csv.DictReader(handle)}


@cache
def carbon_prices() -> dict[int, Decimal]:
    """Calendar year -> the central carbon value, £ per tonne CO2e at 2020 prices."""
    return {year: value.central for year, value in carbon_series().items()}


def _years(years: list[int]) -> str:
    if len(years) <= 2:
        return " and ".join(str(year) for year in years)
    return f"{years[0]} to {years[-1]}"


def carbon_note(start_year: int, horizon: int = HORIZON) -> str:
    """What the carbon values of a case's years are and how far to rely on them: the one label that pages,
    downloads and the document show."""
    series = carbon_series()
    known = sorted(series)
    by_basis: dict[str, list[int]] = {}
    for year in range(start_year, start_year + horizon):
        used = min(max(year, known[0]), known[-1])
        basis = series[used].basis if used == year else "held"
        by_basis.setdefault(basis, []).append(year)
    parts = []
    if by_basis.get("published"):
        parts.append(f"published values for {_years(by_basis['published'])}")
    if by_basis.get("interpolated"):
        parts.append(f"interpolated values for {_years(by_basis['interpolated'])}")
    covered = [year for year in known if series[year].basis != "held"] or known
    if by_basis.get("held"):
        parts.append(f"the nearest year's value for {_years(by_basis['held'])}, which the series "
                     f"({covered[0]} to {covered[-1]}) does not cover")
    if by_basis.get("as given"):
        parts.append(f"the values of the configured file for {_years(by_basis['as given'])}")
    honest = "" if set(by_basis) == {"published"} else (
        " Only published values are the guidance's own: treat the carbon figures as illustrative until every "
        "year used has been checked against the current published table.")
    return (f"Carbon is valued with {CARBON_SOURCE}, {CARBON_PRICE_BASE} (not re-based to the case's prices): "
            + "; ".join(parts) + "." + honest)


def uplift_percent(project_type: str, bound: str = "upper") -> Decimal:
    """The optimism-bias uplift to a capital cost of ``project_type`` (per cent); none for a type whose uplift
    the guidance measures on operating costs (outsourcing) or an unknown type."""
    table = optimism_bias_table()
    row = table.get(project_type)
    if row is None or row["cost_measured_on"] != "capital":
        row = table["none"]
    return row[f"cost_{bound}"] or Decimal(0)


@dataclass(frozen=True)
class Settings:
    start_year: int  # the calendar year of year 0, for the carbon prices
    discount_rate: Decimal = DISCOUNT_RATE
    horizon: int = HORIZON
    prices: Mapping[int, Decimal] | None = None  # £/tCO2e by calendar year; None: the shipped series

    def carbon_price_pence(self) -> np.ndarray:
        prices = self.prices if self.prices is not None else carbon_prices()
        known = sorted(prices)
        # Years past the series take its last price; years before it its first.
        years = [min(max(self.start_year + t, known[0]), known[-1]) for t in range(self.horizon)]
        return np.array([int(prices[year] * 100) for year in years], dtype=np.int64)

    def discount_factors(self) -> np.ndarray:
        return (1.0 + float(self.discount_rate)) ** -np.arange(self.horizon, dtype=np.float64)


# Inputs ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Action:
    """One action's figures as the appraisal reads them (money in pounds, Decimal)."""

    scenario: int  # index of its scenario, 0 .. scenarios - 1
    year: int
    capital_cost: Decimal = Decimal(0)
    capital_receipt: Decimal = Decimal(0)
    uplift: Decimal = Decimal(0)  # optimism bias, per cent of the capital cost
    running_cost_change: Decimal = Decimal(0)  # £ per year; negative is a saving
    floor_area_change: Decimal = Decimal(0)  # m²; negative is a reduction
    carbon_change: Decimal = Decimal(0)  # tCO2e per year; negative is a reduction


@dataclass(frozen=True)
class Baseline:
    floor_area: Decimal  # m²
    running_cost: Decimal  # £ per year
    carbon: Decimal  # tCO2e per year


def _scaled(values: Iterable[Decimal], scale: int) -> np.ndarray:
    """Whole numbers of 1/``scale`` (pence for money), rounded half up: exact for any Decimal."""
    places = len(str(scale)) - 1
    return np.fromiter((int(value.scaleb(places).to_integral_value(ROUND_HALF_UP)) for value in values),
                       dtype=np.int64)


def _pence(values: Iterable[Decimal]) -> np.ndarray:
    return _scaled(values, 100)


@dataclass
class ActionArrays:
    """The actions as columns: money in pence, uplift in hundredths of a per cent, carbon in kilograms, floor
    area in hundredths of a m² (all whole numbers, so that sums are exact)."""

    scenario: np.ndarray
    year: np.ndarray
    capital: np.ndarray
    receipt: np.ndarray
    uplift_bp: np.ndarray
    running: np.ndarray
    floor: np.ndarray
    carbon_kg: np.ndarray

    @classmethod
    def of(cls, actions: Sequence[Action]) -> "ActionArrays":
        return cls(
            scenario=np.array([a.scenario for a in actions], dtype=np.int64),
            year=np.array([a.year for a in actions], dtype=np.int64),
            capital=_pence(a.capital_cost for a in actions),
            receipt=_pence(a.capital_receipt for a in actions),
            uplift_bp=_scaled((a.uplift for a in actions), 100),
            running=_pence(a.running_cost_change for a in actions),
            floor=_scaled((a.floor_area_change for a in actions), 100),
            carbon_kg=_scaled((a.carbon_change for a in actions), 1000),
        )


@dataclass
class BaselineArrays:
    floor: np.ndarray  # hundredths of a m²
    running: np.ndarray  # pence per year
    carbon_kg: np.ndarray

    @classmethod
    def of(cls, baselines: Sequence[Baseline]) -> "BaselineArrays":
        return cls(floor=_scaled((b.floor_area for b in baselines), 100),
                   running=_pence(b.running_cost for b in baselines),
                   carbon_kg=_scaled((b.carbon for b in baselines), 1000))


# Arithmetic --------------------------------------------------------------------------------------------------
def divide_half_up(numerator: np.ndarray, denominator: int) -> np.ndarray:
    """Whole-number division rounded half away from zero, exactly (no floats)."""
    numerator = np.asarray(numerator, dtype=np.int64)
    magnitude = (2 * np.abs(numerator) + denominator) // (2 * denominator)
    return np.sign(numerator) * magnitude


def round_half_up(values: np.ndarray) -> np.ndarray:
    """Floats (pence) to whole pence, halves away from zero."""
    return (np.sign(values) * np.floor(np.abs(values) + 0.5)).astype(np.int64)


def _by_year(scenarios: int, horizon: int, scenario: np.ndarray, year: np.ndarray, values: np.ndarray,
             *, from_year_on: bool = False) -> np.ndarray:
    matrix = np.zeros((scenarios, horizon), dtype=np.int64)
    np.add.at(matrix, (scenario, year), values)
    return np.cumsum(matrix, axis=1) if from_year_on else matrix


@dataclass
class Appraisal:
    """Every figure of every scenario: rows are scenarios, columns years (pence, whole numbers)."""

    settings: Settings
    discount_factors: np.ndarray  # (H,)
    capital: np.ndarray  # (S, H) capital costs before optimism bias
    uplift: np.ndarray  # (S, H) optimism-bias uplift of those costs
    receipts: np.ndarray  # (S, H)
    running_change: np.ndarray  # (S, H) change in running costs that year (negative: a saving)
    net: np.ndarray  # (S, H) receipts - capital - uplift - running_change
    present_value: np.ndarray  # (S, H) net × discount factor, to the penny
    carbon_change_kg: np.ndarray  # (S, H) change in carbon that year
    carbon_value: np.ndarray  # (S, H) value of the carbon saved that year (a reduction is positive)
    carbon_present_value: np.ndarray  # (S, H)
    npv: np.ndarray  # (S,)
    carbon_npv: np.ndarray  # (S,)
    total_receipts: np.ndarray  # (S,)
    payback_year: np.ndarray  # (S,) year index, -1 for none within the horizon
    floor_change: np.ndarray  # (S,) hundredths of a m²
    running_cost_change: np.ndarray  # (S,) pence per year, once every action has happened
    carbon_change: np.ndarray  # (S,) kg per year
    baseline: BaselineArrays = field(repr=False)

    def change_percent(self, measure: str) -> np.ndarray:
        """Change as a percentage of the baseline, to one decimal place (NaN where the baseline is zero)."""
        change, base = {"floor_area": (self.floor_change, self.baseline.floor),
                        "running_cost": (self.running_cost_change, self.baseline.running),
                        "carbon": (self.carbon_change, self.baseline.carbon_kg)}[measure]
        with np.errstate(divide="ignore", invalid="ignore"):
            tenths = np.where(base > 0, round_half_up(change * 1000.0 / np.where(base > 0, base, 1)), 0)
        return np.where(base > 0, tenths / 10.0, np.nan)


def appraise(actions: ActionArrays, baselines: BaselineArrays, settings: Settings) -> Appraisal:
    """The Green Book figures of every scenario at once (see the module's docstring for the rules)."""
    scenarios, horizon = len(baselines.floor), settings.horizon
    inside = (actions.year >= 0) & (actions.year < horizon)
    s, y = actions.scenario[inside], actions.year[inside]
    uplift_each = divide_half_up(actions.capital[inside] * actions.uplift_bp[inside], 10_000)
    capital = _by_year(scenarios, horizon, s, y, actions.capital[inside])
    uplift = _by_year(scenarios, horizon, s, y, uplift_each)
    receipts = _by_year(scenarios, horizon, s, y, actions.receipt[inside])
    running = _by_year(scenarios, horizon, s, y, actions.running[inside], from_year_on=True)
    carbon_kg = _by_year(scenarios, horizon, s, y, actions.carbon_kg[inside], from_year_on=True)
    net = receipts - capital - uplift - running
    factors = settings.discount_factors()
    present = round_half_up(net * factors)
    # A tonne is 1,000 kg: kg × pence per tonne / 1,000, a reduction (negative change) valued positively.
    carbon_value = divide_half_up(-carbon_kg * settings.carbon_price_pence(), 1000)
    carbon_present = round_half_up(carbon_value * factors)
    cumulative = np.cumsum(present, axis=1)
    # The first year from which the cumulative stays >= 0: after the last year it is below zero.
    below = cumulative < 0
    last_below = np.where(below.any(axis=1), horizon - 1 - np.argmax(below[:, ::-1], axis=1), -1)
    payback = np.where(last_below + 1 < horizon, last_below + 1, -1)
    floor = _sum_by(scenarios, s, actions.floor[inside])
    return Appraisal(
        settings=settings, discount_factors=factors, capital=capital, uplift=uplift, receipts=receipts,
        running_change=running, net=net, present_value=present, carbon_change_kg=carbon_kg,
        carbon_value=carbon_value, carbon_present_value=carbon_present, npv=present.sum(axis=1),
        carbon_npv=carbon_present.sum(axis=1), total_receipts=receipts.sum(axis=1), payback_year=payback,
        floor_change=floor, running_cost_change=running[:, -1] if horizon else np.zeros(scenarios, np.int64),
        carbon_change=carbon_kg[:, -1] if horizon else np.zeros(scenarios, np.int64), baseline=baselines)


def _sum_by(scenarios: int, scenario: np.ndarray, values: np.ndarray) -> np.ndarray:
    totals = np.zeros(scenarios, dtype=np.int64)
    np.add.at(totals, scenario, values)
    return totals


# Results as people read them -----------------------------------------------------------------------------------
def pounds(pence) -> Decimal:
    return (Decimal(int(pence)) / 100).quantize(PENNY)


@dataclass(frozen=True)
class Outcome:
    key: str
    label: str
    baseline: Decimal
    change: Decimal
    percent: Decimal | None  # change as % of the baseline (negative: a reduction)
    unit: str

    @property
    def reduction(self) -> Decimal | None:
        return None if self.percent is None else -self.percent

    @property
    def target(self) -> Target:
        return TARGETS[self.key]

    @property
    def rag(self) -> str:
        return self.target.rag(self.reduction)


@dataclass(frozen=True)
class YearRow:
    year: int
    calendar_year: int
    capital: Decimal
    uplift: Decimal
    receipts: Decimal
    running_change: Decimal
    net: Decimal
    discount_factor: Decimal
    present_value: Decimal
    cumulative: Decimal
    carbon_change: Decimal  # tCO2e
    carbon_price: Decimal
    carbon_value: Decimal
    carbon_present_value: Decimal


@dataclass(frozen=True)
class ScenarioResult:
    npv: Decimal
    carbon_npv: Decimal
    npv_with_carbon: Decimal
    capital_receipts: Decimal
    capital_costs: Decimal  # including optimism bias
    optimism_uplift: Decimal
    payback_year: int | None
    outcomes: tuple[Outcome, ...]
    years: tuple[YearRow, ...]

    def outcome(self, key: str) -> Outcome:
        return next(outcome for outcome in self.outcomes if outcome.key == key)


def _percent(value: float) -> Decimal | None:
    return None if np.isnan(value) else Decimal(f"{value:.1f}")


def result(appraisal: Appraisal, index: int) -> ScenarioResult:
    """One scenario's figures in Decimal, from the arrays (nothing recomputed)."""
    a, start = appraisal, appraisal.settings.start_year
    prices = a.settings.carbon_price_pence()
    cumulative = np.cumsum(a.present_value[index])
    years = tuple(YearRow(
        year=t, calendar_year=start + t, capital=pounds(a.capital[index, t]), uplift=pounds(a.uplift[index, t]),
        receipts=pounds(a.receipts[index, t]), running_change=pounds(a.running_change[index, t]),
        net=pounds(a.net[index, t]), discount_factor=Decimal(f"{a.discount_factors[t]:.4f}"),
        present_value=pounds(a.present_value[index, t]), cumulative=pounds(cumulative[t]),
        carbon_change=Decimal(int(a.carbon_change_kg[index, t])) / 1000, carbon_price=pounds(prices[t]),
        carbon_value=pounds(a.carbon_value[index, t]),
        carbon_present_value=pounds(a.carbon_present_value[index, t]),
    ) for t in range(a.settings.horizon))
    base = a.baseline
    outcomes = (
        Outcome("floor_area", "Floor area", Decimal(int(base.floor[index])) / 100,
                Decimal(int(a.floor_change[index])) / 100, _percent(a.change_percent("floor_area")[index]), "m²"),
        Outcome("running_cost", "Running costs per year", pounds(base.running[index]),
                pounds(a.running_cost_change[index]), _percent(a.change_percent("running_cost")[index]), "£"),
        Outcome("carbon", "Carbon per year", Decimal(int(base.carbon_kg[index])) / 1000,
                Decimal(int(a.carbon_change[index])) / 1000, _percent(a.change_percent("carbon")[index]), "tCO2e"),
    )
    npv, carbon = pounds(a.npv[index]), pounds(a.carbon_npv[index])
    payback = int(a.payback_year[index])
    return ScenarioResult(
        npv=npv, carbon_npv=carbon, npv_with_carbon=npv + carbon, capital_receipts=pounds(a.total_receipts[index]),
        capital_costs=pounds(a.capital[index].sum() + a.uplift[index].sum()),
        optimism_uplift=pounds(a.uplift[index].sum()), payback_year=None if payback < 0 else payback,
        outcomes=outcomes, years=years)


def appraise_all(actions: Sequence[Action], baselines: Sequence[Baseline], settings: Settings
                 ) -> list[ScenarioResult]:
    """Decimal in, Decimal out: each scenario's figures."""
    appraisal = appraise(ActionArrays.of(actions), BaselineArrays.of(baselines), settings)
    return [result(appraisal, index) for index in range(len(baselines))]
