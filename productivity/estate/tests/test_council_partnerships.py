"""The council page's partnerships: those the council leads or belongs to, as each reader may see them.

Hampshire (council A) leads a partnership with a police force and Dorset council; Swindon (council B, the
outsider) leads one of its own. Hampshire's has a submitted 2012/13 Q1 return (Amber/Green overall) with a verified
jobs figure, an unverified receipts figure, and a draft for Q2 (Red overall) whose figures are secret.
"""

from decimal import Decimal

import pytest

from productivity.accounts.models import Role
from productivity.accounts.tests.factories import make_user
from productivity.estate import returns
from productivity.estate.tests.factories import make_partnership, make_project, make_return
from productivity.organisations.tests.factories import make_council, make_organisation

PAGE = "/councils/{}/"


@pytest.fixture
def setup(roles):
    police = make_organisation("Hampshire police", kind="police", slug="hampshire-police")
    police_editor = make_user("police@example.org", police, Role.EDITOR)
    dorset = make_council("Dorset", gss_code="E06000059", authority_type="UA", region="South West")
    led = make_partnership(roles.council_a, police, dorset)
    project = make_project(led, "HAM-01")
    submitted = make_return(led, 2012, 1, overall_rag="amber_green")
    jobs = returns.set_figure(submitted, project, "jobs", forecast=Decimal(40), achieved=Decimal(12),
                              evidence_notes="Payroll", user=roles.editor_a)
    returns.set_figure(submitted, project, "receipts", forecast=Decimal(900000), achieved=Decimal(250000),
                       evidence_notes="Completion statement", user=roles.editor_a)
    returns.submit(submitted, user=roles.editor_a)
    returns.verify(jobs, police_editor)
    draft = make_return(led, 2012, 2, overall_rag="red", commentary="Secret draft")
    returns.set_figure(draft, project, "homes", forecast=Decimal(77), achieved=Decimal(5), evidence_notes="Site",
                       user=roles.editor_a)
    make_partnership(roles.council_b, name="Swindon estate", slug="swindon-estate")
    return {"led": led, "submitted": submitted, "draft": draft}


def _section(client_for, user, code="E10000014") -> str:
    page = client_for(user).get(PAGE.format(code))
    assert page.status_code == 200
    text = page.content.decode()
    return text[text.index('id="estate-partnerships"'):]


def _row(section: str, name: str) -> str:
    start = section.index(f">{name}</a>")
    return section[start:section.index("</tr>", start)]


@pytest.mark.parametrize("role", ["anonymous", "viewer_a", "editor_a", "editor_b", "programme"])
def test_every_reader_sees_the_partnership_its_role_latest_submitted_return_and_verified_outputs(
        roles, setup, client_for, role):
    section = _section(client_for, roles.users()[role])
    assert 'href="/estate/partnerships/hampshire-estate/"' in section
    row = _row(section, "Hampshire public estate")
    assert "Lead council" in row
    assert f'href="/estate/returns/{setup["submitted"].pk}/">2012/13 Q1</a>' in row
    assert "govuk-tag--turquoise\">Amber/Green" in row
    assert "Jobs created: 12 jobs" in row
    assert "250,000" not in row  # awaiting verification: not an achieved output
    assert "Homes built" not in row and "Red" not in row  # the draft's figures and rating never count here
    assert "Swindon estate" not in section  # Hampshire is not in it


@pytest.mark.parametrize("role, sees_draft, writes", [
    ("anonymous", False, False), ("viewer_a", True, False), ("editor_a", True, True),
    ("editor_b", False, False), ("programme", True, True)])
def test_a_draft_is_mentioned_to_the_partnerships_members_and_the_write_link_to_its_writers(
        roles, setup, client_for, role, sees_draft, writes):
    row = _row(_section(client_for, roles.users()[role]), "Hampshire public estate")
    assert ("Draft for 2012/13 Q2" in row) == sees_draft
    assert ('href="/estate/partnerships/hampshire-estate/returns/new/"' in row) == writes


def test_the_other_councils_editor_sees_no_more_than_the_public(roles, setup, client_for):
    public = _row(_section(client_for, None), "Hampshire public estate")
    assert _row(_section(client_for, roles.editor_b), "Hampshire public estate") == public
    assert "Secret" not in public


def test_a_partner_councils_page_names_it_a_partner_and_a_leads_page_its_lead(
        roles, setup, client_for):
    assert "Partner body" in _row(_section(client_for, None, "E06000059"), "Hampshire public estate")
    swindon = _row(_section(client_for, None, "E06000030"), "Swindon estate")
    assert "Lead council" in swindon and "No return submitted yet" in swindon and "None verified yet" in swindon


def test_a_withdrawn_return_gives_way_to_the_one_before_it(roles, setup, client_for):
    second = make_return(setup["led"], 2012, 3, overall_rag="green")
    returns.submit(second, user=roles.editor_a)
    assert "2012/13 Q3" in _row(_section(client_for, None), "Hampshire public estate")
    returns.withdraw(second, reason="Filed in error", user=roles.editor_a)
    row = _row(_section(client_for, None), "Hampshire public estate")
    assert "2012/13 Q3" not in row and "2012/13 Q1" in row


def test_a_council_in_no_partnership_says_so(roles, client_for):
    section = _section(client_for, None)
    assert "Hampshire is not in a public estate partnership on the platform" in section


@pytest.mark.parametrize("rating, label, colour", [
    ("red", "Red", "red"), ("amber_red", "Amber/Red", "orange"), ("amber", "Amber", "yellow"),
    ("amber_green", "Amber/Green", "turquoise"), ("green", "Green", "green")])
def test_each_of_the_five_ratings_is_written_out_in_its_own_colour(roles, setup, client_for, rating, label, colour):
    latest = make_return(setup["led"], 2012, 3, overall_rag=rating)
    returns.submit(latest, user=roles.editor_a)
    row = _row(_section(client_for, None), "Hampshire public estate")
    assert f'<strong class="govuk-tag govuk-tag--{colour}">{label}</strong>' in row
