"""Tables that pages show and users download: one definition drives the HTML, CSV and XLSX."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest
from markupsafe import Markup, escape

from productivity.core import formatting


@dataclass(frozen=True)
class Column:
    """One column. ``on_page`` False: only in downloads (identifiers a re-import needs); ``in_download`` False:
    only on the page (a cell that gathers several downloaded columns). ``html`` draws the page's cell itself.
    ``sort_key`` is what a list of rows is sorted by in this column (its value unless given): for a QuerySet,
    ``order_by`` names the field, and a list should come out in the same order."""

    key: str
    heading: str
    value: Callable[[Any], Any]
    kind: str = "text"  # text | money | number | date | percent
    order_by: str | None = None
    link: Callable[[Any], str | None] | None = None
    on_page: bool = True
    in_download: bool = True
    html: Callable[[Any], Markup] | None = None
    sort_key: Callable[[Any], Any] | None = None

    @property
    def numeric(self) -> bool:
        return self.kind in {"money", "number", "percent"}

    def cell_text(self, row: Any) -> str:
        raw = self.value(row)
        if raw is None:
            return ""
        if self.kind == "money":
            return formatting.money(raw)
        if self.kind == "number":
            return formatting.number(raw)
        if self.kind == "percent":
            return formatting.percent(raw)
        if self.kind == "date":
            return formatting.govuk_date(raw)
        return str(raw)

    def cell_html(self, row: Any) -> Markup:
        if self.html is not None:
            return self.html(row)
        text = escape(self.cell_text(row))
        href = self.link(row) if self.link else None
        if href:
            return Markup('<a class="govuk-link" href="{}">{}</a>').format(href, text)
        return Markup(text)


@dataclass(frozen=True)
class Filter:
    """A query-string filter shown as a select: ``choices`` are (value, label) pairs."""

    key: str
    label: str
    choices: Sequence[tuple[str, str]]
    apply: Callable[[Any, str], Any]


@dataclass
class TablePage:
    columns: Sequence[Column]
    rows: Sequence[Any]
    page: Any
    sort: str
    descending: bool
    filters: Sequence[Filter]
    selected: dict[str, str]
    query: dict[str, str] = field(default_factory=dict)
    total: int = 0
    searchable: bool = False
    search: str = ""

    @property
    def page_columns(self) -> list[Column]:
        return [column for column in self.columns if column.on_page]

    @property
    def shown_from(self) -> int:
        """The number of the first row on this page (1 for an unpaginated table)."""
        return self.page.start_index() if self.page is not None else (1 if self.rows else 0)

    def header(self, column: Column) -> dict:
        """GOV.UK table head cell; sortable columns link to themselves with the direction flipped."""
        classes = "govuk-table__header--numeric" if column.numeric else ""
        if not column.order_by:
            return {"text": column.heading, "classes": classes}
        descending = not self.descending if self.sort == column.key else False
        params = {**self.query, "sort": column.key, "order": "desc" if descending else "asc"}
        params.pop("page", None)
        aria = "none"
        if self.sort == column.key:
            aria = "descending" if self.descending else "ascending"
        html = Markup('<a class="govuk-link" href="?{}">{}</a>').format(urlencode(params), column.heading)
        return {"html": html, "classes": classes, "attributes": {"aria-sort": aria}}

    def govuk_head(self) -> list[dict]:
        return [self.header(column) for column in self.page_columns]

    def govuk_rows(self) -> list[list[dict]]:
        return [
            [
                {
                    "html": column.cell_html(row),
                    "format": "numeric" if column.numeric else "",
                }
                for column in self.page_columns
            ]
            for row in self.rows
        ]

    def govuk_table(self, caption: str, classes: str = "", caption_classes: str = "govuk-table__caption--m") -> Markup:
        """The table as GOV.UK Frontend's govukTable macro draws it, in one pass: called for every cell, the
        macro took longer than computing the figures in it."""
        head = []
        for item in self.govuk_head():
            extra = f" {item['classes']}" if item.get("classes") else ""
            attributes = "".join(f' {name}="{escape(value)}"' for name, value in item.get("attributes", {}).items())
            content = item["html"] if "html" in item else escape(item["text"])
            head.append(f'<th scope="col" class="govuk-table__header{extra}"{attributes}>{content}</th>')
        columns = [(column, ' class="govuk-table__cell govuk-table__cell--numeric">' if column.numeric
                    else ' class="govuk-table__cell">') for column in self.page_columns]
        body = ["".join(f"<td{opening}{column.cell_html(row)}</td>" for column, opening in columns)
                for row in self.rows]
        return Markup(
            f'<table class="govuk-table {escape(classes)}">\n'
            f'<caption class="govuk-table__caption {escape(caption_classes)}">{escape(caption)}</caption>\n'
            f'<thead class="govuk-table__head"><tr class="govuk-table__row">{"".join(head)}</tr></thead>\n'
            '<tbody class="govuk-table__body">\n'
            + "".join(f'<tr class="govuk-table__row">{cells}</tr>\n' for cells in body)
            + "</tbody>\n</table>"
        )

    def download_url(self, fmt: str) -> str:
        params = {key: value for key, value in self.query.items() if key != "page"}
        params["format"] = fmt
        return "?" + urlencode(params)

    def pagination(self) -> dict | None:
        """Arguments for govukPagination, or None for a single page: the first, last and nearby pages, and an
        ellipsis for each run of pages left out."""
        if self.page is None or self.page.paginator.num_pages <= 1:
            return None

        def href(number: int) -> str:
            return "?" + urlencode({**self.query, "page": number})

        items = [
            {"number": number, "href": href(number), "current": number == self.page.number}
            if isinstance(number, int) else {"ellipsis": True}
            for number in self.page.paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1)
        ]
        result: dict = {"items": items}
        if self.page.has_previous():
            result["previous"] = {"href": href(self.page.previous_page_number())}
        if self.page.has_next():
            result["next"] = {"href": href(self.page.next_page_number())}
        return result


def build_table(
    request: HttpRequest,
    rows: Any,
    columns: Sequence[Column],
    *,
    filters: Sequence[Filter] = (),
    default_sort: str | None = None,
    per_page: int | None = 50,
    search: Callable[[Any, str], Any] | None = None,
    prepare: Callable[[Any], list] | None = None,
    fill: Callable[[list], Any] | None = None,
) -> TablePage:
    """Apply the request's filters, search (``?q=``) and sort to ``rows`` (a QuerySet or a list) and paginate them.

    ``search(rows, text)`` narrows the rows to those matching the text; ``prepare(rows)`` turns the narrowed
    rows into the list the columns read (rows with figures computed for exactly those rows), before sorting;
    ``fill(shown)`` gives the rows shown (one page; every row, for a download) what the columns read, after
    sorting and paging, so that rows on other pages are not worked out.
    """
    query = {key: value for key, value in request.GET.items() if key != "format" and value != ""}
    selected: dict[str, str] = {}
    for flt in filters:
        value = request.GET.get(flt.key, "")
        if value and value in {choice for choice, _ in flt.choices}:
            rows = flt.apply(rows, value)
            selected[flt.key] = value
        else:
            query.pop(flt.key, None)
    text = " ".join(request.GET.get("q", "").split())[:200] if search else ""
    if text:
        rows = search(rows, text)
        query["q"] = text
    else:
        query.pop("q", None)
    if prepare is not None:
        rows = prepare(rows)
    by_key = {column.key: column for column in columns if column.order_by}
    sort = request.GET.get("sort", default_sort or "")
    if sort not in by_key:
        sort = default_sort if default_sort in by_key else ""
    descending = request.GET.get("order") == "desc"
    if sort:
        rows = _sorted(rows, by_key[sort], descending)
    page = None
    if per_page:
        paginator = Paginator(rows, per_page)
        page = paginator.get_page(request.GET.get("page"))
        shown = list(page.object_list)
        total = paginator.count  # counted once, by the paginator (a count of 50,000 map assets is not free)
    else:
        shown = list(rows)
        total = len(shown)
    if fill is not None:
        fill(shown)
    return TablePage(columns, shown, page, sort, descending, filters, selected, query, total,
                     searchable=search is not None, search=text)


def all_rows(request: HttpRequest, rows: Any, columns: Sequence[Column], **kwargs) -> TablePage:
    """The same table without pagination: what a download contains."""
    kwargs["per_page"] = None
    return build_table(request, rows, columns, **kwargs)


def _sorted(rows: Any, column: Column, descending: bool) -> Any:
    """Rows sorted on ``column``, blanks last whichever way (as a spreadsheet sorts them: a register sorted by
    net spend, largest first, opens on the largest, not on the suppliers never paid)."""
    if hasattr(rows, "order_by"):
        field = F(column.order_by)
        return rows.order_by(field.desc(nulls_last=True) if descending else field.asc(nulls_last=True), "pk")

    valued = [((column.sort_key or column.value)(row), row) for row in rows]
    filled = sorted((pair for pair in valued if pair[0] is not None), key=itemgetter(0), reverse=descending)
    return [row for _, row in filled] + [row for value, row in valued if value is None]


def export_cell(column: Column, row: Any) -> Any:
    """The raw value for a spreadsheet cell: numbers stay numbers, dates stay dates."""
    value = column.value(row)
    if value is None:
        return ""
    if column.kind == "money":
        # Pounds and pence, the same on every database.
        return Decimal(value).quantize(Decimal("0.01"))
    if column.kind == "percent":
        return Decimal(value).quantize(Decimal("0.0001")) + 0  # a share, to a hundredth of a per cent (+ 0: no -0)
    if column.kind in {"number", "date"}:
        return value
    return str(value)


def download_columns(columns: Sequence[Column]) -> list[Column]:
    return [column for column in columns if column.in_download]


def iter_export_rows(columns: Sequence[Column], rows: Iterable[Any]):
    columns = download_columns(columns)
    yield [column.heading for column in columns]
    for row in rows:
        yield [export_cell(column, row) for column in columns]
