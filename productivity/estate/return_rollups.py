"""Every figure about partnerships' outputs, computed from the returns in one place (pages, API, downloads).

Definitions:
- only submitted returns that are not withdrawn count;
- achieved: the sum of VERIFIED achieved figures (each is what was achieved in its quarter); achieved figures
  still awaiting verification are shown beside it as ``awaiting``, never in it;
- forecast: each project's latest forecast of its whole-life total (from its latest counted return that gives
  one), summed over projects; as at a financial year, the latest forecast made by the end of that year;
- forecast accuracy (closed projects): achieved against the FIRST forecast the project made, and against its
  latest; a ratio under 1 shows an over-optimistic early forecast.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from productivity.estate.returns_models import (
    FED_TO_PROGRAMME,
    UNITS,
    EstateProject,
    FigureVerification,
    Measure,
    ReturnFigure,
)

ZERO = Decimal("0.00")
MEASURES = list(Measure)


@dataclass
class Output:
    forecast: Decimal = ZERO
    achieved: Decimal = ZERO
    awaiting: Decimal = ZERO

    @property
    def achieved_share(self) -> Decimal | None:
        return self.achieved / self.forecast if self.forecast else None


@dataclass
class Outputs:
    by_measure: dict = field(default_factory=lambda: {measure: Output() for measure in MEASURES})

    def __getitem__(self, measure) -> Output:
        return self.by_measure[Measure(measure)]


def _rows(figures):
    return (figures.counted().order_by()
            .values_list("project_id", "project__partnership_id", "measure", "forecast", "achieved", "verification",
                         "quarterly_return__financial_year", "quarterly_return__quarter"))


def _latest_forecasts(rows, up_to_year: int | None = None) -> dict[tuple[int, str], tuple[int, Decimal]]:
    latest: dict[tuple[int, str], tuple[tuple[int, int], Decimal, int]] = {}
    for project, partnership, measure, forecast, _a, _v, year, quarter in rows:
        if forecast is None or (up_to_year is not None and year > up_to_year):
            continue
        key = (project, measure)
        if key not in latest or (year, quarter) > latest[key][0]:
            latest[key] = ((year, quarter), forecast, partnership)
    return {key: (partnership, forecast) for key, (_when, forecast, partnership) in latest.items()}


def outputs(figures) -> Outputs:
    """Forecast, achieved (verified) and awaiting-verification totals of ``figures`` for each output."""
    rows = list(_rows(figures))
    result = Outputs()
    for (_project, measure), (_p, forecast) in _latest_forecasts(rows).items():
        result[measure].forecast += forecast
    for _project, _p, measure, _f, achieved, verification, _y, _q in rows:
        if achieved is None:
            continue
        if verification == FigureVerification.VERIFIED:
            result[measure].achieved += achieved
        else:
            result[measure].awaiting += achieved
    return result


def outputs_by_partnership(figures) -> dict[int, Outputs]:
    rows = list(_rows(figures))
    result: dict[int, Outputs] = defaultdict(Outputs)
    for (_project, measure), (partnership, forecast) in _latest_forecasts(rows).items():
        result[partnership][measure].forecast += forecast
    for _project, partnership, measure, _f, achieved, verification, _y, _q in rows:
        if achieved is not None:
            target = result[partnership][measure]
            if verification == FigureVerification.VERIFIED:
                target.achieved += achieved
            else:
                target.awaiting += achieved
    return dict(result)


def outputs_by_year(figures) -> dict[int, Outputs]:
    """Per financial year: achieved in that year, and the forecast as it stood at the year's end."""
    rows = list(_rows(figures))
    years = sorted({row[6] for row in rows})
    result: dict[int, Outputs] = {year: Outputs() for year in years}
    for year in years:
        for (_project, measure), (_p, forecast) in _latest_forecasts(rows, up_to_year=year).items():
            result[year][measure].forecast += forecast
    for _project, _p, measure, _f, achieved, verification, year, _q in rows:
        if achieved is not None:
            target = result[year][measure]
            if verification == FigureVerification.VERIFIED:
                target.achieved += achieved
            else:
                target.awaiting += achieved
    return result


@dataclass
class Accuracy:
    project: EstateProject
    measure: Measure
    first_forecast: Decimal
    first_period: str
    latest_forecast: Decimal
    achieved: Decimal

    @property
    def unit(self) -> str:
        return UNITS[self.measure]

    @property
    def against_first(self) -> Decimal | None:
        return self.achieved / self.first_forecast if self.first_forecast else None

    @property
    def against_latest(self) -> Decimal | None:
        return self.achieved / self.latest_forecast if self.latest_forecast else None

    @property
    def over_optimistic(self) -> bool:
        return self.first_forecast > self.achieved


def forecast_accuracy(figures) -> list[Accuracy]:
    """For each closed project and output it forecast: its first and latest forecasts beside what it achieved."""
    rows = list(_rows(figures.filter(project__status=EstateProject.Status.CLOSED)))
    first: dict[tuple[int, str], tuple[tuple[int, int], Decimal]] = {}
    achieved: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for project, _p, measure, forecast, value, verification, year, quarter in rows:
        key = (project, measure)
        if forecast is not None and (key not in first or (year, quarter) < first[key][0]):
            first[key] = ((year, quarter), forecast)
        if value is not None and verification == FigureVerification.VERIFIED:
            achieved[key] += value
    latest = _latest_forecasts(rows)
    projects = EstateProject.objects.in_bulk({project for project, _m in first})
    result = []
    for (project, measure), ((year, quarter), forecast) in first.items():
        result.append(Accuracy(projects[project], Measure(measure), forecast,
                               f"{year}/{(year + 1) % 100:02d} Q{quarter}", latest[(project, measure)][1],
                               achieved[(project, measure)]))
    return sorted(result, key=lambda item: (item.project.reference, MEASURES.index(item.measure)))


def programme_total(saving_id: int, financial_year: int) -> tuple[Decimal, list[ReturnFigure]]:
    """What the returns count towards one programme saving in one year: the verified achieved cash figures of
    the projects linked to it, in counted returns; (total, the figures behind it)."""
    found = []
    for measure, link in FED_TO_PROGRAMME.items():
        found += list(ReturnFigure.objects.counted().filter(
            measure=measure, verification=FigureVerification.VERIFIED, quarterly_return__financial_year=financial_year,
            **{f"project__{link}_id": saving_id}).select_related("quarterly_return__partnership", "project",
                                                                 "entered_by", "verified_by"))
    return sum((figure.achieved for figure in found), ZERO), found


def attribution(project: EstateProject, measure: str, financial_year: int | None = None) -> str:
    """Where a project's output is counted in the programme's savings, in words."""
    link = FED_TO_PROGRAMME.get(Measure(measure))
    if link is None:
        return "Not a programme saving: counted in the partnership's outputs only"
    saving = getattr(project, link)
    if saving is None:
        return "Not linked to a programme saving: counted in the partnership's outputs only"
    where = f"the saving “{saving.title}” ({saving.project.reference})"
    if financial_year is not None and saving.amounts.filter(kind="realised", financial_year=financial_year,
                                                            estate_feed__isnull=True).exists():
        return (f"Not added to the programme's savings: {where} already has a realised amount for "
                f"{financial_year}/{(financial_year + 1) % 100:02d} recorded in the programme, which counts once")
    return f"Counted in the programme's savings through {where}"
