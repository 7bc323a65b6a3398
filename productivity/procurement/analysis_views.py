"""The spend analysis pages: councils' shares, one council's spend by period and category, its suppliers, and
councils side by side. Every figure comes from rollups.rollup; every table has its chart and its downloads."""

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.http import HttpRequest
from django.shortcuts import get_object_or_404, render
from markupsafe import Markup

from productivity.core.charts import layout, svg
from productivity.core.exports import download_format, download_response
from productivity.core.fiscal import financial_year_label
from productivity.core.tables import Column
from productivity.organisations.models import Organisation
from productivity.procurement import analysis_tables as tables
from productivity.procurement import pilots, proclass, rollups
from productivity.procurement.models import CategoryPilot
from productivity.procurement.rollups import Scope

HOME = {"text": "Home", "href": "/"}
PROCUREMENT = {"text": "Procurement", "href": "/procurement/"}
PERIOD_NAMES = {"financial_year": "financial year", "quarter": "quarter", "month": "month"}
TOP_CHOICES = (10, 25, 100)
CHART_ROWS = 40  # bars beyond this make a chart no one can read; the table has every row


@dataclass
class Table:
    """A table on an analysis page: its rows, columns and chart, downloadable by its name."""

    name: str
    caption: str
    rows: list
    columns: list[Column]
    chart: Markup | None = None
    note: str = ""
    query: dict = field(default_factory=dict)

    def download_url(self, fmt: str) -> str:
        return "?" + urlencode({**self.query, "table": self.name, "format": fmt})


@dataclass(frozen=True)
class Options:
    """What the page was asked for: the SME definition, a financial year (None: all), a period and a level."""

    definition: str
    year: int | None
    period: str
    level: int

    @classmethod
    def of(cls, request: HttpRequest) -> "Options":
        raw_year = request.GET.get("year", "")
        year = int(raw_year) if raw_year.isdigit() and 2000 <= int(raw_year) <= 2100 else None
        period = request.GET.get("period")
        return cls(rollups.definition_of(request.GET.get("definition")), year,
                   period if period in rollups.PERIODS else "financial_year",
                   2 if request.GET.get("level") == "2" else 1)


def _query(request: HttpRequest) -> dict:
    return {key: value for key, value in request.GET.items() if key not in ("format", "table") and value}


def _respond(request, template: str, context: dict, named: list[Table]):
    """The page, or the download of the table ``?table=`` names."""
    fmt, wanted = download_format(request), request.GET.get("table")
    for table in named:
        if fmt and table.name == wanted:
            return download_response(fmt, f"{context['title']} {table.caption}", table.columns, table.rows)
    query = _query(request)
    for table in named:
        table.query = query
    return render(request, template, {**context, "tables": named, "definitions": rollups.definition_choices(),
                                      "aspiration": rollups.ASPIRATION, "query": query})


def _years(scope: Scope) -> list[tuple[int, str]]:
    return [(year, financial_year_label(year)) for year in rollups.years(scope)]


def _share_chart(title: str, rows: list, label, ident: str) -> Markup | None:
    shown = [row for row in rows if row[1].sme_share is not None][:CHART_ROWS]
    if not shown:
        return None
    drawing = layout.bars(title, f"{title}. The table that follows gives the same figures, with VCSE, local and "
                          "unclassified shares.", [label(row) for row in shown],
                          [row[1].sme_share for row in shown], "ratio",
                          reference=rollups.ASPIRATION, reference_label="25% aspiration")
    return svg.render(drawing, ident)


def _money_chart(title: str, rows: list, label, ident: str) -> Markup | None:
    shown = [row for row in rows if row[1].total > 0][:CHART_ROWS]
    if not shown:
        return None
    drawing = layout.bars(title, f"{title}. The table that follows gives the same figures.",
                          [label(row) for row in shown], [row[1].total for row in shown], "money")
    return svg.render(drawing, ident)


# ---- pages -------------------------------------------------------------------------------------------------


def councils(request):
    """Each council that has published spend: its net spend and its SME, VCSE and local shares."""
    options = Options.of(request)
    scope = Scope.for_year(options.year, definition=options.definition)
    by_council = rollups.rollup(scope, ("council",))
    organisations = Organisation.objects.in_bulk([key[0] for key in by_council])
    rows = sorted(((organisations[key[0]], figures) for key, figures in by_council.items()),
                  key=lambda row: row[0].name)
    table = Table("councils", "Spend by council", rows, tables.council_columns(tables.council_link),
                  _share_chart("SME share of spend by council", rows, lambda row: row[0].name, "chart-councils"))
    return _respond(request, "procurement/councils.html", {
        "title": "Council spend", "options": options, "years": _years(scope),
        "overall": rollups.combined(by_council, options.definition),
        "breadcrumbs": [HOME, {"text": "Procurement"}],
    }, [table])


def council(request, slug):
    """One council's spend: shares against the aspiration, by period and by ProClass category."""
    organisation = get_object_or_404(Organisation, slug=slug)
    options = Options.of(request)
    scope = Scope.for_year(options.year, councils=(organisation.pk,), definition=options.definition)
    figures = rollups.shares(scope)
    periods = [(key[0], shares) for key, shares in rollups.rollup(scope, (options.period,)).items()]
    by_category = rollups.rollup(scope, ("category" if options.level == 1 else "category2",))
    categories = [(key[0], shares) for key, shares in rollups.largest_first(by_category)]
    named = PERIOD_NAMES[options.period]
    label = lambda row: rollups.period_label(row[0], options.period)  # noqa: E731
    return _respond(request, "procurement/council.html", {
        "title": f"{organisation.name}: spend", "organisation": organisation, "options": options,
        "years": _years(scope), "shares": figures, "unclassified": by_category.get(
            (proclass.Heading(proclass.UNCLASSIFIED, proclass.UNCLASSIFIED_LABEL),)),
        "breadcrumbs": [HOME, PROCUREMENT, {"text": organisation.name}],
    }, [
        Table("periods", f"Spend by {named}", periods, tables.period_columns(options.period),
              _share_chart(f"{organisation.name}: SME share of spend by {named}", periods, label, "chart-periods")),
        Table("categories", f"Spend by ProClass level {options.level} category", categories,
              tables.category_columns(options.level, figures.total),
              _money_chart(f"{organisation.name}: net spend by ProClass level {options.level} category",
                           categories, lambda row: row[0].label, "chart-categories")),
    ])


def council_suppliers(request, slug):
    """One council's suppliers: how concentrated its spend is, its suppliers paid most, its expense areas."""
    organisation = get_object_or_404(Organisation, slug=slug)
    options = Options.of(request)
    raw_top = request.GET.get("top", "")
    top = int(raw_top) if raw_top.isdigit() and int(raw_top) in TOP_CHOICES else TOP_CHOICES[0]
    scope = Scope.for_year(options.year, councils=(organisation.pk,), definition=options.definition)
    concentration = rollups.top_suppliers(scope, top)
    ranked = [(key, shares, rank) for rank, (key, shares) in enumerate(concentration.suppliers, start=1)]
    services = [(key[0], shares) for key, shares in
                rollups.largest_first(rollups.rollup(scope, ("service_area",)))]
    return _respond(request, "procurement/council_suppliers.html", {
        "title": f"{organisation.name}: suppliers", "organisation": organisation, "options": options,
        "years": _years(scope), "concentration": concentration, "top": top, "top_choices": TOP_CHOICES,
        "breadcrumbs": [HOME, PROCUREMENT, {"text": organisation.name, "href": f"/procurement/councils/{slug}/"},
                        {"text": "Suppliers"}],
    }, [
        Table("suppliers", f"The {top} suppliers paid most", ranked, tables.supplier_columns(concentration.total),
              _part_chart(f"{organisation.name}: part of net spend with each of the {top} suppliers paid most",
                          ranked, concentration.total, "chart-suppliers")),
        Table("service_areas", "Spend by expense area", services, tables.service_columns(concentration.total)),
    ])


def _part_chart(title: str, rows: list, total: Decimal, ident: str) -> Markup | None:
    if not rows or total <= 0:
        return None
    drawing = layout.bars(title, f"{title}. The table that follows gives the same figures.",
                          [row[0][1] for row in rows], [max(row[1].total, Decimal(0)) / total for row in rows],
                          "ratio", reference=Decimal(0))
    return svg.render(drawing, ident)


def compare(request):
    """Councils side by side, in all their spend or in one ProClass category; ``?pilot=`` (a category management
    pilot's reference) the pilot's councils in the category they manage together."""
    options = Options.of(request)
    publishing = list(rollups.publishing(options.definition))
    pilot = _pilot(request.GET.get("pilot", ""))
    if pilot is not None:
        chosen = list(pilots.pilot_councils(pilot))
    else:
        chosen = [o for o in publishing if o.slug in request.GET.getlist("council")] or publishing
    category, what = pilots.compared_in(request.GET.get("category", ""), pilot)
    scope = Scope.for_year(options.year, councils=tuple(o.pk for o in chosen), definition=options.definition,
                           category=category)
    found = rollups.rollup(scope, ("council",))
    rows = [(o, found.get((o.pk,), rollups.Shares(options.definition))) for o in chosen]
    published = {o.pk for o in publishing}
    return _respond(request, "procurement/compare.html", {
        "unpublished": [o for o in chosen if o.pk not in published],  # a pilot's councils with no spend here
        "title": "Councils compared", "options": options, "years": _years(Scope(definition=options.definition)),
        "publishing": publishing, "chosen": {o.slug for o in chosen}, "category": proclass.heading_of(category),
        "category_choices": [(heading.key, heading.label) for heading in proclass.headings()], "what": what,
        "pilot": pilot, "pilot_choices": [(p.reference, f"{p.reference}: {p.name}")
                                          for p in CategoryPilot.objects.order_by("reference")],
        "breadcrumbs": [HOME, PROCUREMENT, {"text": "Councils compared"}],
    }, [Table("councils", f"Councils side by side: {what}", rows, tables.council_columns(tables.council_link),
              _share_chart(f"SME share of spend by council: {what}", rows, lambda row: row[0].name,
                           "chart-compare"))])


def _pilot(reference: str) -> CategoryPilot | None:
    """The pilot ``?pilot=`` names (none: None; one that does not exist: 404)."""
    if not reference:
        return None
    return get_object_or_404(CategoryPilot, reference=reference)
