"""Public pages for the public: a project's page reads as a summary, not an audit trail, and names
people only to signed-in readers."""

import re

import pytest

from productivity.audit.context import acting_as
from productivity.programme import services
from productivity.programme.tests.factories import make_evidence

PROJECT = "/programme/projects/ASC-001/"


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" :", ":")


@pytest.fixture
def busy(world):
    """ASC-001 with a long history: changes by a command, by people, a verified amount and an evidence file."""
    with acting_as(None, "load_demo"):
        for status in ("selected", "funded", "implementing", "funded"):
            world.published.status = status
            services.save(world.published)
    world.published.rag = "amber"
    services.save(world.published)
    make_evidence(world.realised)
    services.verify_amount(world.realised, world.programme)
    return world


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "signed_in"])
def test_project_history_is_summarised_with_a_link_to_the_rest(busy, client_for, who):
    user = None if who == "anonymous" else busy.editor_a
    html = client_for(user).get(PROJECT).content.decode()
    history = html[html.index('id="history"'):]
    rows = history[:history.index("</table>")].count('<tr class="govuk-table__row">') - 1
    assert rows == 5
    assert 'href="/programme/projects/ASC-001/history/"' in history
    full = client_for(user).get(PROJECT + "history/").content.decode()
    assert full.count('<tr class="govuk-table__row">') - 1 > 5


@pytest.mark.django_db
def test_internal_names_paths_and_commands_are_never_shown(busy, client_for):
    for user in (None, busy.editor_a):
        for url in (PROJECT, PROJECT + "history/", "/programme/initiatives/adult-social-care-efficiency/"):
            page = text_of(client_for(user).get(url).content.decode())
            for internal in ("Slug", "Rag rating", "Is illustrative", "load_demo", "evidence/", "Position"):
                assert internal not in page, (url, internal)
    page = text_of(client_for(None).get(PROJECT + "history/").content.decode())
    assert "The platform" in page  # what a command did, without its name
    assert "RAG rating: Green → Amber" in page


@pytest.mark.django_db
def test_verified_by_names_the_person_only_to_signed_in_readers(busy, client_for):
    public = text_of(client_for(None).get(PROJECT).content.decode())
    assert "Verified by The programme team (Local Government Association)" in public
    assert "programme@example.org" not in public and "a person" not in public
    signed_in = text_of(client_for(busy.viewer_a).get(PROJECT).content.decode())
    assert f"Verified by {busy.programme}" in signed_in
    history = text_of(client_for(None).get(PROJECT + "history/").content.decode())
    assert "Entered by: An editor at Hampshire" in history
    assert "editor.a@example.org" not in history


@pytest.mark.django_db
def test_status_and_rag_are_coloured_tags_and_money_has_no_empty_pence(busy, client_for):
    html = client_for(None).get(PROJECT).content.decode()
    assert '<strong class="govuk-tag govuk-tag--blue">Funded</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--orange">Amber</strong>' in html
    assert "£300,000" in html and "£300,000.00" not in html
    projects = client_for(None).get("/programme/projects/").content.decode()
    assert '<strong class="govuk-tag govuk-tag--orange">Amber</strong>' in projects


@pytest.mark.django_db
def test_breadcrumbs_lead_from_home_through_the_workstream_and_initiative(busy, client_for):
    html = client_for(None).get(PROJECT).content.decode()
    crumbs = re.search(r'<nav class="govuk-breadcrumbs.*?</nav>', html, re.S).group(0)
    assert [text_of(item) for item in re.findall(r"<li.*?</li>", crumbs, re.S)] == [
        "Home", "Workstreams", "Children, Adults and Families", "Adult Social Care Efficiency Programme", "ASC-001"]
    assert 'href="/programme/initiatives/adult-social-care-efficiency/"' in crumbs
    initiative = client_for(None).get("/programme/initiatives/adult-social-care-efficiency/").content.decode()
    assert 'href="/programme/workstreams/children-adults-families/"' in initiative


@pytest.mark.django_db
def test_the_initiative_page_shows_funding_by_funder(busy, client_for):
    page = text_of(client_for(None).get("/programme/initiatives/adult-social-care-efficiency/").content.decode())
    assert "Funding by funder" in page
    assert "Department of Health £300,000 £0 £300,000" in page
    assert "Total £325,000 £0 £325,000" in page


def test_long_lists_paginate_with_ellipses(rf):
    from productivity.core.tables import Column, build_table

    rows = [{"n": n} for n in range(1, 1001)]
    request = rf.get("/list/?page=10")
    request.user = None
    table = build_table(request, rows, [Column("n", "Number", lambda r: r["n"], kind="number")])
    items = table.pagination()["items"]
    assert [item.get("number", "…") for item in items] == [1, "…", 8, 9, 10, 11, 12, "…", 20]


@pytest.mark.django_db
def test_the_row_count_and_downloads_sit_under_their_own_table(world, client_for):
    html = client_for(None).get("/programme/figures/").content.decode()
    for caption in ("By workstream", "By initiative", "Funding by funder"):
        table = html.index(f">{caption}")
        meta = html.index("pp-table-meta", table)
        next_table = html.find("<table", table + 1)
        assert html.index("</table>", table) < meta and (next_table == -1 or meta < next_table)
        assert f"Download as CSV<span class=\"govuk-visually-hidden\"> ({caption}" in html[meta:meta + 600]
