"""The home and council pages are frames that each domain fills with its registered section."""

import pytest
from django.http import HttpResponse

from productivity.core import sections


@pytest.fixture
def extra_section():
    """A stand-in for the estate's council section, as a new domain would register it; the real one is put
    back afterwards (so that later tests in the same run see the real section)."""
    real = sections.registered("council").get("estate")

    def estate(request, organisation):
        if request.GET.get("table") == "assets" and request.GET.get("format"):
            return HttpResponse(f"assets of {organisation.name}", content_type="text/csv")
        return sections.Section("core/_facts.html", {})

    sections.register("council", "estate", estate)
    yield estate
    if real is None:
        sections._registered["council"].pop("estate")
    else:
        sections.register("council", "estate", real)


def test_the_home_page_shows_the_programmes_section(world, client_for):
    page = client_for(None).get("/").content.decode()
    assert "The programme in figures" in page
    assert "Adult Social Care Efficiency Programme" in page


def test_the_council_page_names_the_council_and_shows_the_programmes_section(world, client_for):
    page = client_for(None).get("/councils/E10000014/").content.decode()
    assert "<h1 class=\"govuk-heading-xl\">Hampshire</h1>" in page
    assert "Projects it takes part in" in page and "ASC-001" in page


def test_an_unknown_council_is_not_found(world, client_for):
    assert client_for(None).get("/councils/nowhere/").status_code == 404


def test_the_old_council_address_sends_people_on_with_their_query(world, client_for):
    response = client_for(None).get("/programme/councils/E10000014/?table=financial_year&format=csv")
    assert response.status_code == 301
    assert response["Location"] == "/councils/E10000014/?table=financial_year&format=csv"


def test_each_section_answers_only_its_own_tables_downloads(world, client_for, extra_section):
    client = client_for(None)
    assert client.get("/councils/E10000014/?table=assets&format=csv").content == b"assets of Hampshire"
    programme = client.get("/councils/E10000014/?table=financial_year&format=csv")
    assert b"".join(programme.streaming_content).decode("utf-8-sig").startswith("Financial year,Expected")
    assert "Projects it takes part in" in client.get("/councils/E10000014/").content.decode()


def test_a_page_that_takes_no_sections_is_refused():
    with pytest.raises(ValueError, match="home, council"):
        sections.register("footer", "estate", lambda request: None)
