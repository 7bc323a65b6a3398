"""The emails people get: an amount awaits your verification, a paper awaits your clearance, a paper you follow
was published. Each goes to those who may act (never the author), once per change, with links on SITE_URL."""

from decimal import Decimal

import pytest
from django.core import mail
from django.db import transaction

from productivity.accounts.models import Role
from productivity.accounts.tests.factories import make_member
from productivity.accounts.tests.outbox import send_queued
from productivity.overview.models import PaperFollow
from productivity.programme import services
from productivity.reports import services as report_services
from productivity.reports.tests.support import clearer, draft

SITE = "https://productivity.example.org"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


@pytest.fixture(autouse=True)
def _world_saved_before(world):
    """The sample records were there before each test: what they would have sent is not this test's to count.
    (The test's transaction never commits, so their batch of notifications would otherwise stay open.)"""
    transaction.get_connection().__dict__.pop("_notification_batches", None)


def _to(message) -> list[str]:
    return message.to


def _record_realised(saving, user, year=2013, amount="120000"):
    return services.record_amount(saving, financial_year=year, kind="realised", amount=Decimal(amount),
                                  evidence_notes="Finance system report", user=user)


def test_a_recorded_realised_amount_is_sent_to_the_councils_other_editors(world, django_capture_on_commit_callbacks):
    colleague = make_member(world.council_a, Role.EDITOR, full_name="Colin Colleague")
    admin = make_member(world.council_a, Role.ADMIN)
    make_member(world.council_a, Role.VIEWER)
    with django_capture_on_commit_callbacks(execute=True):
        amount = _record_realised(world.saving, world.editor_a)
    send_queued()
    assert sorted(_to(message)[0] for message in mail.outbox) == sorted([colleague.email, admin.email])
    message = next(m for m in mail.outbox if m.to == [colleague.email])
    assert message.subject == "A realised amount awaits your verification"
    assert "Hello Colin Colleague" in message.body
    assert "ASC-001: Fewer residential placements (Hampshire)" in message.body
    assert "2013/14, £120,000, entered by Editor.A" in message.body
    assert f"{SITE}/programme/projects/ASC-001/amounts/{amount.pk}/verify/" in message.body
    assert f"{SITE}/your-work/#to-verify" in message.body
    # The author, the outsider and the programme team (a council editor may verify it) are not told.
    told = {m.to[0] for m in mail.outbox}
    assert not told & {world.editor_a.email, world.editor_b.email, world.programme.email, world.viewer_a.email}


def test_when_only_the_author_edits_for_the_council_the_programme_team_is_told(world,
                                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _record_realised(world.saving, world.editor_a)
    send_queued()
    assert [message.to for message in mail.outbox] == [[world.programme.email]]


def test_many_amounts_in_one_change_make_one_email_each(world, django_capture_on_commit_callbacks):
    colleague = make_member(world.council_a, Role.EDITOR)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for year in (2013, 2014, 2015):
            _record_realised(world.saving, world.editor_a, year=year)
    send_queued()
    assert [message.to for message in mail.outbox] == [[colleague.email]]
    assert mail.outbox[0].subject == "3 realised amounts await your verification"
    assert mail.outbox[0].body.count("/verify/") == 3


def test_nothing_is_sent_for_a_change_rolled_back_or_for_planned_or_verified_amounts(
        world, django_capture_on_commit_callbacks):
    colleague = make_member(world.council_a, Role.EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            _record_realised(world.saving, world.editor_a)
            raise RuntimeError("the import failed")
        services.record_amount(world.saving, financial_year=2014, kind="forecast", amount=Decimal("1"),
                               user=world.editor_a)
        services.verify_amount(world.realised, colleague)
    send_queued()
    assert mail.outbox == []


def test_an_amount_sent_back_to_unverified_is_sent_again(world, django_capture_on_commit_callbacks):
    colleague = make_member(world.council_a, Role.EDITOR)
    services.verify_amount(world.realised, colleague)
    with django_capture_on_commit_callbacks(execute=True):
        # Only the programme team changes a verified amount; the change sends it back to be verified again.
        services.record_amount(world.saving, financial_year=2012, kind="realised", amount=Decimal("400000"),
                               evidence_notes="Corrected placement records", user=world.programme,
                               instance=world.realised)
    send_queued()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([colleague.email, world.editor_a.email])


def test_a_submitted_paper_is_sent_to_the_programme_team_members_who_may_clear_it(
        world, django_capture_on_commit_callbacks):
    second = clearer()
    report = draft(world)
    with django_capture_on_commit_callbacks(execute=True):
        report_services.submit_report(report, user=world.programme)
    send_queued()
    assert [message.to for message in mail.outbox] == [[second.email]]
    message = mail.outbox[0]
    assert message.subject == f"A board paper awaits your clearance: {report.title}"
    assert f"{SITE}/reports/{report.pk}/" in message.body and "Programme" in message.body


def test_a_published_paper_is_sent_to_those_who_follow_it_but_not_to_who_published_it(
        world, client_for, django_capture_on_commit_callbacks):
    second = clearer()
    colleague = make_member(world.lga, Role.EDITOR, full_name="Fran Follower")
    report = draft(world)
    client = client_for(colleague)
    assert client.post(f"/papers/{report.pk}/follow/").status_code == 302
    assert PaperFollow.objects.filter(user=colleague, report=report).exists()
    report = report_services.submit_report(report, user=world.programme)
    report = report_services.clear_report(report, user=second)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_services.publish_report(report, user=world.programme)
    send_queued()
    told = sorted(message.to[0] for message in mail.outbox)
    assert colleague.email in told and second.email in told  # the follower and the clearer
    assert world.programme.email not in told
    message = next(m for m in mail.outbox if m.to == [colleague.email])
    assert message.subject == f"Published: {report.title}"
    assert "a board paper you follow, has been published" in message.body
    assert f"{SITE}/reports/{report.pk}/" in message.body


def test_following_a_published_paper_tells_you_of_its_correction(world, client_for,
                                                                 django_capture_on_commit_callbacks):
    from productivity.reports.tests.support import publish

    original = publish(draft(world), user=world.programme)
    assert client_for(world.editor_b).post(f"/papers/{original.pk}/follow/").status_code == 302
    correction = report_services.start_correction(original, user=world.programme,
                                                  correction="The savings total left out two councils")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(correction, user=world.programme)
    send_queued()
    message = next(m for m in mail.outbox if m.to == [world.editor_b.email])
    assert f'It corrects "{original.title}"' in message.body
    assert "The savings total left out two councils" in message.body


def test_nobody_follows_a_paper_they_may_not_see(world, client_for):
    report = draft(world)
    assert client_for(world.viewer_a).get(f"/papers/{report.pk}/follow/").status_code == 404
    assert client_for(world.viewer_a).post(f"/papers/{report.pk}/follow/").status_code == 404
    assert not PaperFollow.objects.exists()


def test_papers_you_follow_are_listed_on_your_work_and_can_be_left(world, client_for):
    report = draft(world)
    client = client_for(world.programme)
    page = client.get(f"/papers/{report.pk}/follow/").content.decode()
    assert "Follow this paper" in page
    client.post(f"/papers/{report.pk}/follow/")
    work = client.get("/your-work/").content.decode()
    assert f'href="/reports/{report.pk}/"' in work.split('id="following"')[1]
    assert "Stop following this paper" in client.get(f"/papers/{report.pk}/follow/").content.decode()
    client.post(f"/papers/{report.pk}/follow/")
    assert not PaperFollow.objects.exists()


@pytest.mark.parametrize("role, want", [("anonymous", 302), ("viewer_a", 404), ("editor_a", 404),
                                        ("editor_b", 404), ("programme", 200)])
def test_the_follow_page_is_for_those_who_may_see_the_paper(world, client_for, role, want):
    report = draft(world)  # the programme team's draft of the whole programme
    response = client_for(world.users()[role]).get(f"/papers/{report.pk}/follow/")
    assert response.status_code == want
    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


def test_the_change_only_queues_the_email_for_the_background_worker(world, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    colleague = make_member(world.council_a, Role.EDITOR)
    with django_capture_on_commit_callbacks(execute=True):
        amount = _record_realised(world.saving, world.editor_a)
    # Committed: the task waits for the worker, holding the amount's id; nothing has been sent yet.
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert (queued.task_path, queued.args_kwargs["args"]) == (
        "productivity.overview.tasks.amounts_to_verify", [[amount.pk]])
    assert [message.to for message in send_queued()] == [[colleague.email]]
