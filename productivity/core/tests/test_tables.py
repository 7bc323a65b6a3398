"""One table definition drives the page and the download: columns, sorting, filters and pages as people use them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory

from productivity.core.tables import Column, Filter, all_rows, build_table, iter_export_rows

ROWS = [
    {"name": "Hampshire", "region": "South East", "amount": Decimal("1234.50"), "on": dt.date(2012, 4, 1)},
    {"name": "Swindon", "region": "South West", "amount": Decimal("99"), "on": dt.date(2013, 3, 31)},
    {"name": "Kent", "region": "South East", "amount": None, "on": None},
    {"name": "Dorset", "region": "South West", "amount": Decimal("5000"), "on": dt.date(2011, 5, 2)},
    {"name": "Surrey", "region": "South East", "amount": Decimal("-20"), "on": dt.date(2012, 6, 30)},
]

COLUMNS = [
    Column("name", "Council", lambda row: row["name"], order_by="name", link=lambda row: f"/c/{row['name']}/"),
    Column("amount", "Amount", lambda row: row["amount"], kind="money", order_by="amount"),
    Column("on", "Date", lambda row: row["on"], kind="date"),
]

REGION = Filter("region", "Region", [("South East", "South East"), ("South West", "South West")],
                lambda rows, value: [row for row in rows if row["region"] == value])


def table(query: str = "", rows=ROWS, **options):
    return build_table(RequestFactory().get("/list/" + query), rows, COLUMNS, **options)


def names(page) -> list[str]:
    return [row["name"] for row in page.rows]


def test_cells_show_money_and_dates_as_people_read_them():
    page = table("?sort=name")
    cells = {row["name"]: [column.cell_text(row) for column in COLUMNS] for row in page.rows}
    assert cells["Hampshire"] == ["Hampshire", "£1,234.50", "1 April 2012"]  # pence shown when there are pence
    assert cells["Surrey"] == ["Surrey", "-£20", "30 June 2012"]
    assert cells["Kent"] == ["Kent", "", ""]  # nothing recorded reads as blank, not "None"


def test_numbers_are_right_aligned_and_names_link_to_their_page():
    page = table("?sort=name")
    first = page.govuk_rows()[0]
    assert first[0]["html"] == '<a class="govuk-link" href="/c/Dorset/">Dorset</a>'
    assert [cell["format"] for cell in first] == ["", "numeric", ""]
    assert [head.get("classes") for head in page.govuk_head()] == ["", "govuk-table__header--numeric", ""]


def test_text_that_users_typed_is_escaped_on_the_page():
    rows = [{"name": '<script>alert("x")</script>', "region": "", "amount": None, "on": None}]
    html = str(table(rows=rows).govuk_rows()[0][0]["html"])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_sorting_by_a_column_both_ways_with_blanks_last_either_way():
    assert names(table("?sort=amount")) == ["Surrey", "Swindon", "Hampshire", "Dorset", "Kent"]
    assert names(table("?sort=amount&order=desc")) == ["Dorset", "Hampshire", "Swindon", "Surrey", "Kent"]


def test_the_sorted_heading_says_so_and_links_to_the_other_direction():
    page = table("?sort=name&order=asc&page=2", per_page=2)
    council, amount, date = page.govuk_head()
    assert council["attributes"] == {"aria-sort": "ascending"}
    assert 'href="?sort=name&amp;order=desc"' in str(council["html"])  # back to page 1 when the order changes
    assert amount["attributes"] == {"aria-sort": "none"}
    assert 'href="?sort=amount&amp;order=asc"' in str(amount["html"])
    assert date == {"text": "Date", "classes": ""}  # not sortable: no link


@pytest.mark.parametrize("query", ["?sort=region", "?sort=on", "?sort=nonsense", "?sort="])
def test_an_unsortable_or_unknown_column_falls_back_to_the_default_order(query):
    assert names(table(query, default_sort="name")) == ["Dorset", "Hampshire", "Kent", "Surrey", "Swindon"]


def test_a_filter_narrows_the_rows_and_stays_in_every_link():
    page = table("?region=South+West&sort=name", filters=[REGION])
    assert names(page) == ["Dorset", "Swindon"]
    assert page.selected == {"region": "South West"}
    assert page.total == 2
    assert "region=South+West" in page.download_url("csv")
    assert "region=South+West" in str(page.govuk_head()[1]["html"])


def test_a_filter_value_that_is_not_offered_is_ignored_and_dropped_from_links():
    page = table("?region=Narnia", filters=[REGION])
    assert len(page.rows) == 5
    assert page.selected == {}
    assert "region" not in page.download_url("csv")


def test_pages_of_rows_with_previous_and_next_links_that_keep_the_sort():
    page = table("?sort=name&page=2", per_page=2)
    assert names(page) == ["Kent", "Surrey"]
    assert page.total == 5
    links = page.pagination()
    assert links["previous"] == {"href": "?sort=name&page=1"}
    assert links["next"] == {"href": "?sort=name&page=3"}
    assert [(item["number"], item["current"]) for item in links["items"]] == [(1, False), (2, True), (3, False)]


@pytest.mark.parametrize(("asked", "shown"), [("999", ["Swindon"]), ("abc", ["Dorset", "Hampshire"]),
                                              ("0", ["Swindon"]), ("-1", ["Swindon"])])
def test_a_page_number_out_of_range_or_not_a_number_shows_a_real_page(asked, shown):
    assert names(table(f"?sort=name&page={asked}", per_page=2)) == shown


def test_one_page_of_rows_has_no_pagination():
    assert table(per_page=50).pagination() is None


def test_the_download_holds_every_row_shown_across_the_pages_in_the_same_order():
    query = "?region=South+East&sort=amount&order=desc&page=2&format=csv"
    request = RequestFactory().get("/list/" + query)
    shown = []
    for number in (1, 2):
        paged = build_table(RequestFactory().get(f"/list/?region=South+East&sort=amount&order=desc&page={number}"),
                            ROWS, COLUMNS, filters=[REGION], per_page=2)
        shown += names(paged)
    download = all_rows(request, ROWS, COLUMNS, filters=[REGION], per_page=2)
    lines = list(iter_export_rows(COLUMNS, download.rows))
    assert lines[0] == ["Council", "Amount", "Date"]  # the page's headings
    assert [line[0] for line in lines[1:]] == shown == ["Hampshire", "Surrey", "Kent"]


def test_the_download_link_keeps_filters_and_sort_but_not_the_page():
    page = table("?region=South+East&sort=name&page=2&format=xlsx", filters=[REGION], per_page=1)
    assert page.download_url("xlsx") == "?region=South+East&sort=name&format=xlsx"


def test_downloaded_cells_keep_numbers_and_dates_that_a_spreadsheet_can_add_up():
    hampshire, _, kent = list(iter_export_rows(COLUMNS, ROWS))[1:4]
    assert hampshire == ["Hampshire", Decimal("1234.50"), dt.date(2012, 4, 1)]
    assert kent == ["Kent", "", ""]


@pytest.mark.django_db
def test_a_queryset_is_sorted_and_paged_by_the_database():
    columns = [Column("app", "App", lambda ct: ct.app_label, order_by="app_label"),
               Column("model", "Model", lambda ct: ct.model, order_by="model")]
    request = RequestFactory().get("/list/?sort=model&order=desc")
    page = build_table(request, ContentType.objects.all(), columns, per_page=3)
    expected = list(ContentType.objects.order_by("-model", "pk").values_list("model", flat=True)[:3])
    assert [ct.model for ct in page.rows] == expected
    assert page.total == ContentType.objects.count() > 3


def test_a_page_of_a_queryset_counts_its_rows_once(db, django_assert_num_queries):
    # A count of every row (50,000 on a place's map) is asked once, not once for the total and again for the pages.
    columns = [Column("model", "Model", lambda ct: ct.model, order_by="model")]
    with django_assert_num_queries(2):  # the count, then the page
        page = build_table(RequestFactory().get("/list/?sort=model"), ContentType.objects.all(), columns, per_page=3)
    assert page.total == ContentType.objects.count() and len(page.rows) == 3



@pytest.mark.parametrize("order", ["", "desc"])
def test_a_queryset_puts_blanks_where_a_list_does_on_every_database(db, order):
    from django.db.models import Case, IntegerField, Value, When

    # Blanks last either way, however the database would place them.
    rows = ContentType.objects.annotate(rank=Case(When(model__startswith="p", then=Value(None)), default=Value(1),
                                                  output_field=IntegerField()))
    columns = [Column("rank", "Rank", lambda ct: ct.rank, kind="number", order_by="rank")]
    page = build_table(RequestFactory().get(f"/list/?sort=rank&order={order}"), rows, columns, per_page=None)
    as_a_list = build_table(RequestFactory().get(f"/list/?sort=rank&order={order}"), list(rows.order_by("pk")),
                            columns, per_page=None)
    ranks = [ct.rank for ct in page.rows]
    assert None in ranks and 1 in ranks
    assert ranks == [ct.rank for ct in as_a_list.rows]
    assert ranks[-1] is None and ranks[0] == 1


def test_fill_gives_only_the_rows_shown_what_they_read(db):
    filled = []
    columns = [Column("model", "Model", lambda ct: ct.model, order_by="model")]
    page = build_table(RequestFactory().get("/list/?sort=model&page=2"), ContentType.objects.all(), columns,
                       per_page=3, fill=filled.extend)
    assert filled == list(page.rows) and len(filled) == 3
    download = all_rows(RequestFactory().get("/list/?sort=model"), ContentType.objects.all(), columns,
                        fill=filled.extend)
    assert len(filled) == 3 + len(download.rows) == 3 + ContentType.objects.count()


@pytest.mark.parametrize("query", ["?sort=name", "?sort=amount&order=desc", ""])
def test_the_one_pass_table_is_govuk_frontends_table_markup(query):
    import re

    from django.template import engines

    page = table(query, rows=[*ROWS, {"name": 'Tom & "Jerry" <b>', "region": "", "amount": None, "on": None}])
    macro = engines["jinja2"].env.from_string(
        '{% from "govuk_frontend_jinja/components/table/macro.html" import govukTable %}'
        '{{ govukTable({"caption": caption, "captionClasses": "govuk-table__caption--m", "head": page.govuk_head(),'
        ' "rows": page.govuk_rows(), "classes": "govuk-!-margin-bottom-2 "}) }}')

    def tags(html: str) -> str:  # the same elements, attributes and text; whitespace between them aside
        return re.sub(r'\s+"', '"', re.sub(r"\s*(<[^>]+>)\s*", r"\1", re.sub(r"\s+", " ", html))).strip()

    drawn = str(page.govuk_table('Councils & "areas"', "govuk-!-margin-bottom-2 "))
    assert tags(drawn) == tags(macro.render(page=page, caption='Councils & "areas"'))
    assert "<b>" not in drawn  # what people typed is escaped
