"""The charts' figures: savings by year, funding against savings, forecast accuracy and the optimism adjustment.

Every chart refers to figures by key and names the table that follows it with the same numbers.
"""

from productivity.core.fiscal import financial_year_label
from productivity.organisations.models import Organisation
from productivity.programme import rollups, rollups_as_at
from productivity.reports.figures.book import as_text, cell, column, records


def savings_by_year(ctx) -> None:
    """Savings by workstream (or initiative) and financial year: chart of expected savings, table of all three."""
    book, level = ctx.book, ctx.group
    data = rollups_as_at.savings_by_groups(ctx.amounts, (level, "financial_year"))
    years = sorted({year for _, year in data})
    note = book.note(f"savings_by_{level}_and_year", "rollups_as_at.savings_by_groups",
                     f"Gross expected, forecast and realised savings per {level} and financial year (April to March).")
    rows, series = [], []
    for item in ctx.groups:
        values = []
        for year in years:
            figures = data.get((item.pk, year))
            where = {f"{level}_id": item.pk, "financial_year": year}
            keys = {
                kind: book.money(f"year.{item.pk}.{year}.{kind}", figures.get(kind) if figures else rollups.ZERO,
                                 f"{kind.capitalize()} savings of {item.name} in {financial_year_label(year)}", note,
                                 records("amounts", kind=kind, **where))
                for kind in rollups.KINDS
            }
            values.append(keys["expected"])
            if figures is not None:
                rows.append([cell(text=item.name), cell(text=financial_year_label(year)),
                             *(cell(keys[kind]) for kind in rollups.KINDS)])
        series.append({"name": item.name, "values": values})
    heading = level.capitalize()
    ctx.tables["savings_by_year"] = {
        "caption": f"Savings by {level} and financial year",
        "columns": [column(heading), column("Financial year"), column("Expected", True), column("Forecast", True),
                    column("Realised", True)],
        "rows": rows,
        "empty": "No savings had been recorded by the reporting date.",
    }
    ctx.charts["savings_by_year"] = {
        "title": f"Expected savings by {level} and financial year",
        "kind": "columns",
        "unit": "money",
        "categories": [financial_year_label(year) for year in years],
        "series": series,
        "table": "savings_by_year",
    }


def funding_against_savings(ctx) -> None:
    """Funding beside expected and realised savings, per workstream (or initiative)."""
    prefix = "ws" if ctx.group == "workstream" else "init"
    groups = ctx.groups
    kinds = [("funding", "Funding"), ("expected", "Expected savings"), ("realised", "Realised savings")]
    ctx.tables["funding_against_savings"] = {
        "caption": f"Funding against expected and realised savings, by {ctx.group}",
        "columns": [column(ctx.group.capitalize()), *(column(label, True) for _, label in kinds)],
        "rows": [[cell(text=item.name), *(cell(f"{prefix}.{item.pk}.{kind}") for kind, _ in kinds)]
                 for item in groups],
        "empty": "Nothing to compare.",
    }
    ctx.charts["funding_against_savings"] = {
        "title": f"Funding against expected and realised savings, by {ctx.group}",
        "kind": "columns",
        "unit": "money",
        "categories": [item.name for item in groups],
        "series": [{"name": label, "values": [f"{prefix}.{item.pk}.{kind}" for item in groups]}
                   for kind, label in kinds],
        "table": "funding_against_savings",
    }


def _accuracy_rows(ctx, key_prefix: str, groups: list[tuple], by: dict, counts: dict | None, note: int,
                   where_key: str) -> tuple[list, list]:
    book, rows, bars = ctx.book, [], []
    for key, name in groups:
        figures = by.get(key)
        if figures is None or not figures.forecast:
            continue
        where = {where_key: key, "open": False, "year_ended": True}
        prefix = f"{key_prefix}.{key}"
        forecast = book.money(f"{prefix}.forecast", figures.forecast, f"Forecast savings of closed projects, {name}",
                              note, records("amounts", kind="forecast", **where))
        realised = book.money(f"{prefix}.realised", figures.realised, f"Realised savings of closed projects, {name}",
                              note, records("amounts", kind="realised", **where))
        ratio = book.ratio(f"{prefix}.ratio", figures.realised_share_of_forecast,
                           f"Realised as a share of forecast, {name}", note,
                           records("amounts", "none", kind=["forecast", "realised"], **where))
        first = [cell(text=name)]
        if counts is not None:
            first.append(cell(book.count(f"{prefix}.closed", counts.get(key, 0), f"Closed projects, {name}", note,
                                         records("projects", "count", open=False, **{where_key: key}))))
        rows.append([*first, cell(forecast), cell(realised), cell(ratio)])
        bars.append((name, ratio))
    return rows, bars


def forecast_accuracy(ctx) -> None:
    """Realised savings as a share of forecast for projects closed by the reporting date."""
    closed = ctx.closed()
    # Like the track record, only years that had ended: a year under way has not had time to realise anything.
    amounts = rollups_as_at.amounts_in_ended_years(ctx.selection.amounts(closed), ctx.as_at)
    note = ctx.book.note("forecast_accuracy", "rollups.savings_by (closed projects)",
                         "Realised savings as a share of forecast savings, for projects complete or closed by the "
                         "reporting date (status read back from the audit trail), in financial years that had "
                         "ended by then.")
    by_initiative = rollups.savings_by(amounts, "initiative")
    counts = rollups.project_counts_by(closed, "initiative")
    rows, bars = _accuracy_rows(ctx, "acc.init", [(i.pk, i.name) for i in ctx.initiatives], by_initiative, counts,
                                note, "initiative_id")
    _accuracy_outputs(ctx, "accuracy_by_initiative", "initiative", rows, bars,
                      [column("Initiative"), column("Closed projects", True)])
    by_type = rollups.savings_by(amounts, "council_type")
    names = dict(Organisation.objects.councils().exclude(authority_type="").values_list(
        "authority_type", "authority_type_name").distinct())
    types = sorted(((code, names.get(code) or code or "Other organisations") for code in by_type), key=lambda t: t[1])
    rows, bars = _accuracy_rows(ctx, "acc.type", types, by_type, None, note, "council_type")
    _accuracy_outputs(ctx, "accuracy_by_council_type", "council type", rows, bars, [column("Council type")])


def _accuracy_outputs(ctx, name: str, level: str, rows: list, bars: list, first_columns: list) -> None:
    ctx.tables[name] = {
        "caption": f"Forecast accuracy by {level}: realised as a share of forecast, closed projects",
        "columns": [*first_columns, column("Forecast", True), column("Realised", True),
                    column("Realised as share of forecast", True)],
        "rows": rows,
        "empty": "No project with a forecast had closed by the reporting date, so there is no track record yet.",
    }
    ctx.charts[name] = {
        "title": f"Forecast accuracy by {level}",
        "kind": "bars",
        "unit": "ratio",
        "categories": [label for label, _ in bars],
        "series": [{"name": "Realised as a share of forecast", "values": [key for _, key in bars]}],
        "table": name,
    }


def optimism(ctx, per: str) -> None:
    """Each open forecast beside itself adjusted by the programme's track record on comparable closed projects."""
    book = ctx.book
    closed_pool = ctx.pool.filter(pk__in=ctx.closed_ids)
    track = rollups_as_at.track_records(closed_pool, as_at=ctx.as_at)
    open_amounts = ctx.selection.amounts(ctx.open())
    level = "initiative" if per == "initiative" else "project"
    forecasts = rollups.savings_by(open_amounts, level)
    note_forecast = book.note("open_forecasts", "rollups.savings_by (open projects)",
                              "Forecast savings of projects still open on the reporting date.")
    note_track = book.note("optimism", "rollups_as_at.track_records, rollups_as_at.optimism_adjusted",
                           "Optimism adjustment: the forecast multiplied by realised/forecast savings of comparable "
                           "closed projects (the same initiative if at least three have closed, else the same "
                           "workstream, else the programme). It is shown beside the forecast and never replaces it.")
    if per == "initiative":
        items = [(i.pk, i.name, i.pk, i.workstream_id) for i in ctx.initiatives]
    else:
        workstream_of = {i.pk: i.workstream_id for i in ctx.initiatives}
        items = [(pk, f"{ref}: {title}", initiative_id, workstream_of.get(initiative_id))
                 for pk, ref, title, initiative_id in ctx.open().order_by("reference").values_list(
                     "pk", "reference", "title", "initiative_id")]
    rows, adjusted_total, unadjusted_total, open_total = [], rollups.ZERO, rollups.ZERO, rollups.ZERO
    adjustable_total, adjustable, unadjustable = rollups.ZERO, [], []
    for pk, name, initiative_id, workstream_id in items:
        figures = forecasts.get(pk)
        if figures is None or not figures.forecast:
            continue
        open_total += figures.forecast
        record = track.comparable(initiative_id, workstream_id)
        forecast_key = book.money(f"opt.{level}.{pk}.forecast", figures.forecast, f"Open forecast, {name}",
                                  note_forecast, records("amounts", kind="forecast", open=True,
                                                         **{f"{level}_id": pk}))
        adjusted = rollups_as_at.optimism_adjusted(figures.forecast, record)
        if adjusted is None:
            unadjusted_total += figures.forecast
            # Left out of the table: the paper says in one sentence how much could not be adjusted.
            unadjustable.append(pk)
            continue
        adjusted_total += adjusted
        adjustable_total += figures.forecast
        adjustable.append(pk)
        ratio_key = _track_figure(ctx, record, note_track)
        # The records behind an adjusted forecast are its adjustment: the forecast, the ratio and the product.
        track_figure = book.figures[ratio_key]
        ctx.adjustments.append({"item_id": pk, "name": name, "forecast": as_text(figures.forecast),
                                "track": track_figure["label"], "ratio": track_figure["value"],
                                "amount": as_text(adjusted)})
        adjusted_key = book.money(f"opt.{level}.{pk}.adjusted", adjusted, f"Forecast adjusted for optimism, {name}",
                                  note_track, records("adjustments", item_id=pk))
        rows.append([cell(text=name), cell(forecast_key), cell(ratio_key), cell(adjusted_key)])
    book.money("headline.open_forecast", open_total, "Forecast savings of open projects", note_forecast,
               records("amounts", kind="forecast", open=True))
    by = f"{level}_id"
    book.money("headline.adjustable_forecast", adjustable_total,
               "Open forecasts with a track record of comparable closed projects", note_forecast,
               records("amounts", kind="forecast", open=True, **{by: adjustable}))
    book.money("headline.adjusted_forecast", adjusted_total, "Open forecasts adjusted for optimism", note_track,
               records("adjustments"))
    book.money("headline.unadjusted_forecast", unadjusted_total,
               "Open forecasts with no comparable track record (not adjusted)", note_track,
               records("amounts", kind="forecast", open=True, **{by: unadjustable}))
    ctx.tables["optimism"] = {
        "caption": f"Open forecasts and the optimism adjustment, by {level}",
        "columns": [column(level.capitalize()), column("Forecast", True),
                    column("Track record: realised/forecast", True),
                    column("Adjusted for optimism (not a forecast)", True)],
        "rows": rows,
        "empty": "No open project had a forecast on the reporting date.",
    }


def _track_figure(ctx, record, note: int) -> str:
    key = f"track.{record.level}.{record.key if record.key is not None else 'all'}"
    if key not in ctx.book.figures:
        where = {f"{record.level}_id": record.key} if record.key is not None else {}
        names = {"initiative": {i.pk: i.name for i in ctx.initiatives},
                 "workstream": {w.pk: w.name for w in ctx.workstreams}}.get(record.level, {})
        place = names.get(record.key, "the programme")
        label = f"Realised/forecast of {record.projects} closed projects in {place}"
        ctx.book.ratio(key, record.ratio, label, note, records("track_record", "none", **where))
    return key
