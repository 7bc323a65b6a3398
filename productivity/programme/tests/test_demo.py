"""Golden tests: after import_organisations and load_demo the platform shows the board papers' figures.

The expected values are written out here from the papers, not read from the demo data, so that a
change to the data that breaks a paper's figure fails a test.
"""

import datetime as dt
import html
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from productivity.accounts.models import User
from productivity.audit.models import AuditEntry
from productivity.core.fiscal import financial_year_bounds
from productivity.core.formatting import money_short
from productivity.programme import rollups, rollups_as_at
from productivity.programme.models import (
    FundingAward,
    Initiative,
    Milestone,
    Participant,
    Project,
    Risk,
    Saving,
    SavingAmount,
    Workstream,
)

MILLION = Decimal("1000000")

# The 11 pathfinder areas of the 2011 paper (paragraph 16): lead council and every council taking part.
PATHFINDERS = {
    "Cambridgeshire": ("E10000003", {"E10000003"}),
    "Durham": ("E06000047", {"E06000047"}),  # County Durham
    "Hackney": ("E09000012", {"E09000012"}),
    "Hampshire": ("E10000014", {"E10000014"}),
    "Hull": ("E06000010", {"E06000010"}),  # Kingston upon Hull
    "Leeds City Region": ("E08000035", {
        "E08000035", "E08000032", "E08000033", "E08000034",  # Leeds, Bradford, Calderdale, Kirklees
        "E08000036", "E06000014", "E08000016", "E07000163",  # Wakefield, York, Barnsley, Craven
        "E07000165", "E07000169", "E10000023",  # Harrogate, Selby, North Yorkshire
    }),
    "Leicester/shire": ("E06000016", {"E06000016", "E10000018"}),  # Leicester leads, Leicestershire partners
    "Solihull": ("E08000029", {"E08000029"}),
    "Swindon": ("E06000030", {"E06000030"}),
    "Wigan": ("E08000010", {"E08000010"}),
    "Worcestershire": ("E10000034", {"E10000034"}),
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The register and the demo programme (in demo mode), loaded once for this module and rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEMO_MODE=True):
            call_command("import_organisations", stdout=StringIO())
            call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    """Each test runs in its own savepoint inside the module's loaded database."""


def initiative_projects(slug: str):
    return Project.objects.filter(initiative=Initiative.objects.get(slug=slug))


def test_programme_wide_expected_savings_are_90m(loaded):
    figures = rollups.headline(Project.objects.all())
    assert figures.savings.expected == 90 * MILLION
    assert money_short(figures.savings.expected) == "£90m"


def test_as_at_the_2012_papers_date_the_programme_already_holds_its_figures(loaded):
    # Board reports read figures "as at" a date: the paper's figures must be there by early 2012.
    projects = rollups_as_at.projects_as_at(Project.objects.all(), dt.date(2012, 3, 1))
    assert rollups.headline(projects).savings.expected == 90 * MILLION
    care = projects.filter(initiative__slug="adult-social-care-efficiency")
    assert care.count() == 45
    assert FundingAward.objects.filter(project__in=care, awarded_on__lte=dt.date(2012, 3, 1)).count() == 45


def test_home_page_shows_90m_expected_savings_to_the_public(loaded, client):
    page = client.get("/").content.decode()
    # The figure may sit in nested markup, but it must be the one labelled as expected savings.
    assert re.search(r'data-figure="expected[^"]*"[^>]*>(?:\s*<[^>]+>)*\s*£90m\s*<', page), page[:3000]


def test_home_page_names_the_three_big_win_workstreams(loaded, client):
    page = html.unescape(client.get("/").content.decode())
    names = list(Workstream.objects.values_list("name", flat=True))
    assert names == ["Procurement, Capital and Assets", "Children, Adults and Families", "Future Ways of Working"]
    for name in names:
        assert name in page


def test_every_initiative_and_a_project_of_each_render_for_the_public(loaded, client):
    for initiative in Initiative.objects.all():
        assert client.get(reverse("programme:initiative", args=[initiative.slug])).status_code == 200
        project = Project.objects.published().filter(initiative=initiative).first()
        if project is not None:
            response = client.get(reverse("programme:project", args=[project.reference]))
            assert response.status_code == 200
            assert project.title in html.unescape(response.content.decode())
    unpublished = Project.objects.get(reference="CAPG-01")
    assert client.get(reverse("programme:project", args=[unpublished.reference])).status_code == 404


def test_adult_social_care_programme_matches_the_paper(loaded):
    projects = initiative_projects("adult-social-care-efficiency")
    figures = rollups.headline(projects)
    assert figures.projects == 45
    assert figures.councils == 45
    assert figures.funding["all"] > MILLION
    by_funder = {funder.funder_slug: funder.total for funder in figures.funders}
    assert by_funder["dh"] == Decimal("300000")
    assert set(by_funder) == {"dh", "lga"}
    assert figures.savings.expected >= 50 * MILLION


def test_procurement_pilots_are_eight_involving_72_councils(loaded):
    projects = initiative_projects("procurement-category-management")
    assert projects.count() == 8
    assert rollups.participating_councils(projects).count() == 72
    assert all(project.participants.count() >= 2 for project in projects)


def test_capital_and_assets_pathfinders_name_the_papers_councils(loaded):
    projects = initiative_projects("capital-assets-pathfinders").prefetch_related("participants__organisation")
    found = {}
    for project in projects:
        area = project.title.removeprefix("Capital & Assets pathfinder: ")
        found[area] = (project.lead.slug, {p.organisation.slug for p in project.participants.all()})
    assert found == PATHFINDERS


def test_records_with_chosen_councils_or_figures_are_marked_illustrative(loaded):
    for slug in ("adult-social-care-efficiency", "procurement-category-management", "capital-assets-pathfinders"):
        for project in initiative_projects(slug):
            assert project.is_illustrative, project
            assert "illustrative" in project.summary.lower(), project
    # A project not marked illustrative holds only what the papers say: no invented money.
    for project in Project.objects.filter(is_illustrative=False):
        assert not project.funding_awards.exists(), project
        assert not project.savings.exists(), project


def test_hampshire_people_see_their_unpublished_project_and_the_public_does_not(loaded):
    viewer = User.objects.get(email="viewer@demo.local")
    public = Project.objects.visible_to(AnonymousUser())
    hampshire = Project.objects.visible_to(viewer)
    hidden = hampshire.exclude(pk__in=public)
    assert hidden.exists()
    assert all(project.participants.filter(organisation__slug="E10000014").exists() for project in hidden)
    assert rollups.headline(hampshire).projects > rollups.headline(public).projects
    # Another cluster's unpublished project stays hidden from Hampshire too.
    assert Project.objects.filter(is_published=False).exclude(pk__in=hampshire).exists()


def test_public_and_programme_team_see_the_same_expected_savings(loaded):
    public = rollups.headline(Project.objects.visible_to(AnonymousUser()))
    assert public.savings.expected == 90 * MILLION
    assert public.projects < Project.objects.count()


def test_realised_amounts_follow_the_benefits_register(loaded):
    realised = SavingAmount.objects.filter(kind="realised").select_related("saving", "entered_by", "verified_by")
    states = set()
    for amount in realised:
        year_start, _ = financial_year_bounds(amount.financial_year)
        assert amount.saving.baseline_date is not None and amount.saving.baseline_date < year_start, amount
        assert amount.evidence_notes.strip(), amount
        states.add(amount.verification)
        if amount.verification in ("verified", "audited"):
            assert amount.verified_by is not None and amount.verified_by != amount.entered_by, amount
        if amount.verification == "audited":
            assert amount.audited_by.is_programme_team, amount
    assert states == {"unverified", "verified", "audited"}
    hampshire = realised.filter(saving__organisation__slug="E10000014", verification="unverified")
    assert hampshire.exists(), "Hampshire's demo editor should have a realised amount to verify"


def test_demo_record_keepers_cannot_sign_in(loaded):
    keepers = User.objects.filter(pk__in=SavingAmount.objects.values("entered_by"))
    assert keepers.exists()
    assert not any(user.has_usable_password() for user in keepers)


def test_double_counting_flag_shows_for_the_deliberate_pair_and_shared_service_headings(loaded):
    flagged = rollups.possible_double_counts()
    savings = Saving.objects.filter(pk__in=flagged).select_related("project", "organisation")
    # Stockport's pair is deliberate. County Durham's ICT contracts (PCM-05) and its property (CAP-02) are
    # both claimed against its central services in the same years, so they are flagged to be checked too.
    assert {(s.project.reference, s.organisation.name) for s in savings} == {
        ("ASC-021", "Stockport"), ("PCM-01", "Stockport"),
        ("PCM-05", "County Durham"), ("CAP-02", "County Durham"),
    }


def test_dis_benefits_and_delivery_costs_make_net_lower_than_gross(loaded):
    amounts = rollups.amounts_for(Project.objects.all())
    gross = rollups.savings_totals(amounts)
    net = rollups.savings_totals(amounts, rollups.Basis(net=True))
    assert Saving.objects.filter(is_disbenefit=True).exists()
    assert SavingAmount.objects.filter(delivery_cost__gt=0).exists()
    assert net.expected < gross.expected == 90 * MILLION
    assert Saving.objects.filter(benefit_class="non_cashable").exists()
    assert Saving.objects.filter(recurrence="one_off", is_disbenefit=False).exists()


def test_project_dates_fall_in_the_papers_years(loaded):
    for project in Project.objects.all():
        assert dt.date(2011, 1, 1) <= project.start_date <= project.end_date <= dt.date(2013, 12, 31), project
    assert Milestone.objects.exists() and Risk.objects.exists()


def test_load_is_recorded_in_the_audit_trail_as_load_demo(loaded):
    entries = AuditEntry.objects.filter(content_type__app_label="programme", content_type__model="project")
    assert entries.count() == Project.objects.count()
    assert set(entries.values_list("actor_label", flat=True)) == {"load_demo"}
    assert not entries.filter(user__isnull=False).exists()


def _snapshot() -> dict:
    projects = Project.objects.all()
    by_initiative = rollups.savings_by(rollups.amounts_for(projects), "initiative")
    return {
        "counts": {model.__name__: model.objects.count() for model in (
            Workstream, Initiative, Project, Participant, FundingAward, Milestone, Risk, Saving, SavingAmount, User)},
        "audit": AuditEntry.objects.count(),
        "headline": rollups.headline(projects),
        "by_initiative": by_initiative,
        "funding": rollups.funding_by(projects, "initiative"),
    }


def test_loading_again_changes_nothing(loaded):
    before = _snapshot()
    out = StringIO()
    with override_settings(DEMO_MODE=True):
        call_command("load_demo", stdout=out)
    assert _snapshot() == before
    assert "nothing to do" in out.getvalue()
