from decimal import Decimal

from productivity.programme import rollups
from productivity.programme.models import FundingAward, Project, Saving, SavingAmount


def test_anonymous_figures_count_only_published_projects(world):
    from django.contrib.auth.models import AnonymousUser

    projects = Project.objects.visible_to(AnonymousUser())
    figures = rollups.headline(projects)
    assert figures.projects == 1
    assert figures.savings.expected == Decimal("500000")
    assert figures.funding["programme"] == Decimal("325000")


def test_council_member_sees_own_unpublished_project_in_figures(world):
    projects = Project.objects.visible_to(world.viewer_a)
    assert set(projects.values_list("reference", flat=True)) == {"ASC-001", "ASC-002"}
    assert rollups.headline(projects).savings.expected == Decimal("1499999")


def test_outsider_does_not_see_other_councils_unpublished_projects(world):
    projects = Project.objects.visible_to(world.editor_b)
    assert set(projects.values_list("reference", flat=True)) == {"ASC-001", "ASC-003"}


def test_net_takes_off_disbenefits_and_delivery_costs(world):
    world.realised.delivery_cost = Decimal("20000")
    world.realised.save()
    dis = Saving.objects.create(project=world.published, organisation=world.council_a, title="Extra travel",
                                service="Transport", measure="Mileage", owner="Officer", is_disbenefit=True,
                                baseline_value=Decimal("1"), baseline_date=world.saving.baseline_date)
    SavingAmount.objects.create(saving=dis, financial_year=2012, kind="realised", amount=Decimal("5000"),
                                verification="unverified", evidence_notes="Mileage claims")
    amounts = rollups.amounts_for(Project.objects.filter(pk=world.published.pk))
    assert rollups.savings_totals(amounts).realised == Decimal("420000")
    assert rollups.savings_totals(amounts, rollups.Basis(net=True)).realised == Decimal("395000")


def test_verified_only_leaves_out_unverified_realised_amounts(world):
    amounts = rollups.amounts_for(Project.objects.all())
    assert rollups.savings_totals(amounts, rollups.Basis(verified_only=True)).realised == Decimal("0")
    world.realised.verification = "verified"
    world.realised.save()
    assert rollups.savings_totals(amounts, rollups.Basis(verified_only=True)).realised == Decimal("420000")


def test_two_projects_claiming_same_council_service_and_year_are_flagged(world):
    other = Saving.objects.create(project=world.unpublished, organisation=world.council_a, title="Same thing",
                                  service="adult social care ", measure="m", owner="o")
    SavingAmount.objects.create(saving=other, financial_year=2012, kind="expected", amount=Decimal("1"))
    flagged = rollups.possible_double_counts()
    assert world.saving.pk in flagged
    assert other.pk in flagged
    assert world.secret_saving.pk not in flagged  # its only amount is in 2013/14


def test_funding_by_funder_splits_programme_and_match(world):
    FundingAward.objects.create(project=world.published, funder=world.council_a, amount=Decimal("10000"),
                                awarded_on=world.published.created_at.date(), is_match_funding=True)
    by_funder = {f.funder_slug: f for f in rollups.funding_by_funder(Project.objects.all())}
    assert by_funder["dh"].programme == Decimal("300000")
    assert by_funder["E10000014"].match == Decimal("10000")
