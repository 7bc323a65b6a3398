import csv
import io

from openpyxl import load_workbook


def _csv(response):
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_figures_page_shows_each_rollup_from_the_records(world, client_for):
    page = client_for(None).get("/programme/figures/").content.decode()
    for caption in ["By workstream", "By initiative", "By council", "Funding by funder", "By financial year"]:
        assert caption in page
    assert "£500,000" in page  # the published project's expected saving
    assert "£999,999" not in page  # the unpublished project's saving is not public


def test_council_rollup_downloads_as_csv_with_the_same_figures(world, client_for):
    rows = _csv(client_for(world.programme).get("/programme/figures/?table=council&format=csv"))
    assert rows[0][:4] == ["Council", "Expected savings", "Forecast savings", "Realised savings"]
    assert rows[1][0] == "Hampshire"
    assert rows[1][1] == "1499999.00"  # programme team sees published and unpublished


def test_net_and_verified_only_change_the_figures(world, client_for):
    world.realised.delivery_cost = 20000
    world.realised.save()
    def realised(query):
        rows = _csv(client_for(None).get(f"/programme/figures/?table=workstream&format=csv&{query}"))
        header = rows[0]
        return rows[1][header.index("Realised savings")]

    assert realised("basis=gross") == "420000.00"
    assert realised("basis=net") == "400000.00"
    assert realised("verification=verified") == "0.00"


def test_funder_rollup_downloads_as_xlsx(world, client_for):
    response = client_for(None).get("/programme/figures/?table=funder&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0] == ("Funder", "Funding")
    assert ("Department of Health", 300000) in values


def test_unknown_rollup_download_is_not_found(world, client_for):
    assert client_for(None).get("/programme/figures/?table=nope&format=csv").status_code == 404


def test_council_page_lists_its_projects_and_savings(world, client_for):
    public = client_for(None).get("/councils/E10000014/").content.decode()
    assert "ASC-001" in public and "ASC-002" not in public
    member = client_for(world.viewer_a).get("/councils/E10000014/").content.decode()
    assert "ASC-002" in member


def test_council_pages_projects_fit_the_page_and_their_download_keeps_every_column(world, client_for):
    import re

    page = client_for(None).get("/councils/E10000014/").content.decode()
    table = page.split("Projects Hampshire takes part in</caption>")[1].split("</thead>")[0]
    headings = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)]
    # The lead organisation and the demo flag leave the page so that it fits 1280 pixels wide.
    assert headings == ["Reference", "Title", "Initiative", "Status", "RAG", "Start"]
    rows = _csv(client_for(None).get("/councils/E10000014/?format=csv"))
    assert rows[0] == ["Reference", "Title", "Initiative", "Lead organisation", "Status", "RAG", "Start",
                       "Illustrative"]
    assert [row[0] for row in rows[1:]] == ["ASC-001"]


def test_council_savings_by_year_download_holds_what_the_page_shows(world, client_for):
    import html
    import re

    client = client_for(world.viewer_a)
    page = client.get("/councils/E10000014/?basis=net").content.decode()
    assert "£1,499,999" in page  # 2012/13 £500,000 expected and 2013/14 £999,999 (unpublished, a member sees it)
    link = re.search(r'href="(\?[^"]*table=financial_year[^"]*format=csv)"', page).group(1)
    rows = _csv(client.get("/councils/E10000014/" + html.unescape(link)))
    assert rows == [["Financial year", "Expected", "Forecast", "Realised"],
                    ["2012/13", "500000.00", "0.00", "420000.00"],
                    ["2013/14", "999999.00", "0.00", "0.00"]]
    public = _csv(client_for(None).get("/councils/E10000014/?table=financial_year&format=csv"))
    assert [r[0] for r in public[1:]] == ["2012/13"]  # the unpublished project's saving stays hidden


def test_participating_councils_list_and_download(world, client_for):
    page = client_for(None).get("/programme/councils/").content.decode()
    assert "Hampshire" in page
    assert "Swindon" not in page  # its only project is unpublished
    rows = _csv(client_for(world.programme).get("/programme/councils/?format=csv&sort=name"))
    assert [r[0] for r in rows[1:]] == ["Hampshire", "Swindon"]


def test_summary_tables_on_each_page_link_to_their_download(world, client_for):
    import html
    import re

    client = client_for(None)
    for page in ["/", "/programme/workstreams/", "/programme/workstreams/children-adults-families/",
                 "/programme/initiatives/adult-social-care-efficiency/"]:
        links = re.findall(r'href="(/programme/figures/\?[^"]*format=csv)"', client.get(page).content.decode())
        assert links, page
        for link in links:
            rows = _csv(client.get(html.unescape(link)))
            assert len(rows) >= 2, link


def test_initiative_scoped_figures_count_only_that_initiative(world, client_for):
    rows = _csv(client_for(world.programme).get(
        "/programme/figures/?initiative=adult-social-care-efficiency&table=financial_year&format=csv"))
    assert rows[0][0] == "Financial year"
    # Funding by award date (January 2012: 2011/12), savings by the year they fall in.
    assert {r[0] for r in rows[1:]} == {"2011/12", "2012/13", "2013/14"}
    assert client_for(None).get("/programme/figures/?initiative=nope").status_code == 404


def test_shares_download_as_numbers_rounded_to_a_hundredth_of_a_per_cent(world, client_for):
    from decimal import Decimal

    from productivity.programme.models import SavingAmount

    SavingAmount.objects.create(saving=world.saving, financial_year=2012, kind="forecast", amount=Decimal("1260000"))
    rows = _csv(client_for(None).get("/programme/figures/?table=initiative&format=csv"))
    share = rows[1][rows[0].index("Realised as share of forecast")]
    assert share == "0.3333"
