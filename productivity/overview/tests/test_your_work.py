""""Your work": what waits for each person after signing in, each row linking to its record, and no action
offered that its page would refuse."""

import datetime as dt
import re

from django.utils import timezone

from productivity.accounts.models import Role
from productivity.accounts.tests.factories import make_member
from productivity.programme.models import AmountKind, Milestone, SavingAmount
from productivity.programme.tests.factories import make_amount, make_saving

YOUR_WORK = "/your-work/"


def _page(client_for, user) -> str:
    response = client_for(user).get(YOUR_WORK)
    assert response.status_code == 200
    return response.content.decode()


def _section(page: str, anchor: str) -> str:
    """The part of the page from the heading with id ``anchor`` to the next h2."""
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start)
    return page[start:end if end != -1 else None]


def _verify_links(page: str) -> list[str]:
    return re.findall(r'href="(/programme/projects/[^/]+/amounts/\d+/verify/)"', page)


def test_anonymous_visitors_are_sent_to_sign_in(db, client_for):
    response = client_for(None).get(YOUR_WORK)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_author_never_sees_their_own_amount_to_verify_and_is_told_why(world, client_for):
    page = _page(client_for, world.editor_a)
    to_verify = _section(page, "to-verify")
    assert _verify_links(page) == []
    assert "Nothing waits for you to verify" in to_verify
    assert "Amounts you entered, waiting for someone else (1)" in to_verify
    assert "Someone other than the person who entered an amount must verify it" in to_verify
    assert f'href="/programme/projects/ASC-001/#amount-{world.realised.pk}"' in to_verify


def test_another_editor_of_the_council_is_offered_the_verify_button(world, client_for):
    colleague = make_member(world.council_a, Role.EDITOR)
    page = _page(client_for, colleague)
    assert _verify_links(page) == [f"/programme/projects/ASC-001/amounts/{world.realised.pk}/verify/"]
    assert "Realised amounts to verify <span" in page and "(1)</span>" in _section(page, "to-verify")
    # The link leads to a page that lets them verify it.
    assert client_for(colleague).get(_verify_links(page)[0]).status_code == 200


def test_the_programme_team_verifies_councils_amounts(world, client_for):
    assert _verify_links(_page(client_for, world.programme)) == [
        f"/programme/projects/ASC-001/amounts/{world.realised.pk}/verify/"]


def test_the_outsider_sees_nothing_of_council_a(world, client_for):
    page = _page(client_for, world.editor_b)
    assert "ASC-001" not in page and "ASC-002" not in page and "Secret" not in page
    assert "ASC-003" in _section(page, "projects")


def test_a_viewer_is_offered_no_action_and_told_who_can_change_that(world, client_for):
    admin = make_member(world.council_a, Role.ADMIN, full_name="Alex Admin")
    page = _page(client_for, world.viewer_a)
    assert _verify_links(page) == []
    assert "You are a viewer" in page and "Alex Admin" in page and str(admin) in page
    assert "Waiting for your organisation's editors (1)" in page
    assert "Record the realised amount" not in page and "Record progress" not in page
    projects = _section(page, "projects")
    assert 'href="/programme/projects/ASC-001/"' in projects and 'href="/programme/projects/ASC-002/"' in projects


def test_realised_amounts_due_are_planned_amounts_of_ended_years_with_nothing_realised(world, client_for):
    later = make_amount(world.saving, 2013, AmountKind.FORECAST, "300000")
    make_amount(world.saving, 2013, AmountKind.EXPECTED, "280000")  # the forecast stands for the year
    make_amount(world.saving, 2040, AmountKind.FORECAST, "1")  # a year still to come
    page = _page(client_for, world.editor_a)
    due = _section(page, "evidence-due")
    assert "2013/14" in due and "£300,000" in due and "£280,000" not in due
    assert "2012/13" not in due  # realised already
    assert "2040" not in due
    assert f'href="/programme/projects/ASC-001/savings/{later.saving_id}/amounts/new/"' in due
    # The viewer sees the project but changes nothing, so nothing is due from them.
    assert "2013/14" not in _section(_page(client_for, world.viewer_a), "evidence-due")


def test_milestones_overdue_and_due_soon(world, client_for):
    today = timezone.localdate()
    Milestone.objects.create(project=world.published, title="Business case", due_on=today - dt.timedelta(days=3))
    Milestone.objects.create(project=world.published, title="Go live", due_on=today + dt.timedelta(days=10))
    Milestone.objects.create(project=world.published, title="Review", due_on=today + dt.timedelta(days=90))
    Milestone.objects.create(project=world.published, title="Kick-off", due_on=today - dt.timedelta(days=30),
                             completed_on=today - dt.timedelta(days=31))
    section = _section(_page(client_for, world.editor_a), "milestones")
    assert "Business case" in section and "Overdue" in section and "Go live" in section
    assert "Review" not in section and "Kick-off" not in section
    assert section.count("Overdue</strong>") == 1
    assert "/programme/projects/ASC-001/milestones/" in section


def test_forecasts_not_updated_for_six_months(world, client_for):
    stale = make_saving(world.published, world.council_a, title="Telecare roll-out")
    fresh = make_saving(world.published, world.council_a, title="Shared back office")
    old = make_amount(stale, 2040, AmountKind.FORECAST, "5000")
    make_amount(fresh, 2040, AmountKind.FORECAST, "5000")
    SavingAmount.objects.filter(pk=old.pk).update(updated_at=timezone.now() - dt.timedelta(days=200))
    section = _section(_page(client_for, world.editor_a), "stale-forecasts")
    assert "Telecare roll-out" in section and "Shared back office" not in section
    assert f'href="/programme/projects/ASC-001/#saving-{stale.pk}"' in section


def test_the_programme_team_has_no_projects_of_its_own_and_is_told_where_they_are(world, client_for):
    projects = _section(_page(client_for, world.programme), "projects")
    assert "sees and changes every project" in projects and 'href="/programme/projects/"' in projects


def test_withdrawn_records_wait_for_nobody(world, client_for):
    colleague = make_member(world.council_a, Role.EDITOR)
    SavingAmount.objects.filter(pk=world.realised.pk).update(withdrawn_at=timezone.now())
    page = _page(client_for, colleague)
    assert _verify_links(page) == []
