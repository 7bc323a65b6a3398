"""Clearance and corrections: draft → submitted → cleared by a second programme-team member → published, and
a published paper superseded by a corrected version that says what it corrects, the original kept."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from productivity.programme.models import SavingAmount
from productivity.reports import services, signals
from productivity.reports.models import PublishedReportError, Report
from productivity.reports.queries import paper_followers, papers_awaiting_clearance
from productivity.reports.snapshot import snapshot_for
from productivity.reports.tests.support import clearer, draft, html_text, pdf_text, publish

ROLES = ["anonymous", "viewer_a", "editor_a", "editor_b", "programme"]


def test_the_author_cannot_clear_their_own_paper_and_a_second_member_can(world):
    report = services.submit_report(draft(world), user=world.programme)
    with pytest.raises(PermissionDenied, match="never cleared by its author"):
        services.clear_report(report, user=world.programme)
    with pytest.raises(services.ClearanceError, match="cleared"):
        services.publish_report(report, user=world.programme)
    second = clearer()
    report = services.clear_report(report, user=second)
    assert (report.status, report.cleared_by) == ("cleared", second)
    report = services.publish_report(report, user=world.programme)
    assert report.is_published and report.published_by == world.programme


def test_council_editors_submit_but_only_the_programme_team_clears(world):
    report = services.submit_report(draft(world, user=world.editor_a, scope="council", target=world.council_a),
                                    user=world.editor_a)
    for person in (world.editor_a, world.viewer_a, world.editor_b):
        with pytest.raises(PermissionDenied):
            services.clear_report(report, user=person)
    services.clear_report(report, user=world.programme)
    assert services.publish_report(report, user=world.editor_a).is_published


def test_a_paper_with_the_clearer_cannot_change_until_returned_to_draft(world):
    report = services.submit_report(draft(world), user=world.programme)
    with pytest.raises(services.ClearanceError, match="Return it to draft"):
        services.update_report(report, title="Changed")
    report = services.return_to_draft(report, user=clearer(), reason="Check the funding table")
    assert (report.status, report.submitted_at, report.cleared_by) == ("draft", None, None)
    assert services.update_report(report, title="Changed").title == "Changed"


def test_papers_awaiting_clearance_are_others_papers_for_the_programme_team(world):
    mine = services.submit_report(draft(world), user=world.programme)
    council = services.submit_report(draft(world, user=world.editor_a, scope="council", target=world.council_a),
                                     user=world.editor_a)
    draft(world, title="Not yet submitted")
    assert list(papers_awaiting_clearance(world.programme)) == [council]
    assert set(papers_awaiting_clearance(clearer())) == {mine, council}
    assert not papers_awaiting_clearance(world.editor_a).exists()
    assert not papers_awaiting_clearance(None).exists()


def test_each_step_sends_its_signal_after_commit(world, django_capture_on_commit_callbacks):
    heard = []

    def listen(signal):
        def receiver(sender, report, by, **details):
            heard.append((signal, report.status, by, details.get("supersedes")))
        return receiver

    receivers = {name: listen(name) for name in ("paper_submitted", "paper_cleared", "paper_published")}
    for name, receiver in receivers.items():
        getattr(signals, name).connect(receiver)
    try:
        second = clearer()
        with django_capture_on_commit_callbacks(execute=True):
            report = services.submit_report(draft(world), user=world.programme)
            services.clear_report(report, user=second)
            services.publish_report(report, user=world.programme)
    finally:
        for name, receiver in receivers.items():
            getattr(signals, name).disconnect(receiver)
    assert heard == [("paper_submitted", "submitted", world.programme, None),
                     ("paper_cleared", "cleared", second, None),
                     ("paper_published", "published", world.programme, None)]
    assert set(paper_followers(Report.objects.get(pk=report.pk))) == {world.programme, second}


def test_a_correction_supersedes_the_original_which_is_kept_and_both_link(world, client_for):
    original = publish(draft(world), user=world.programme)
    frozen = dict(original.snapshot)
    with pytest.raises(Exception, match="Say what"):
        services.start_correction(original, user=world.programme, correction="  ")
    SavingAmount.objects.filter(saving=world.saving, kind="expected").update(amount=Decimal("450000"))
    correction = services.start_correction(original, user=world.programme,
                                           correction="The expected savings of ASC-001 counted a year twice.")
    with pytest.raises(services.ClearanceError, match="already being prepared"):
        services.start_correction(original, user=world.programme, correction="Again")
    assert correction.as_at == original.as_at and correction.corrects == original
    assert original.superseded_by is None  # not until the correction is published
    correction = publish(correction, user=world.programme)

    original = Report.objects.get(pk=original.pk)
    assert original.is_published and original.snapshot == frozen  # kept exactly as published
    assert original.superseded_by == correction
    with pytest.raises(PublishedReportError):
        original.delete()
    with pytest.raises(services.ClearanceError, match="already been superseded"):
        services.start_correction(original, user=world.programme, correction="Once more")
    assert list(Report.objects.current()) == [correction]
    # The next paper compares with the correction, not the superseded original.
    assert snapshot_for(services.new_draft_from(correction, user=world.programme))["changes"]["previous"]["id"] == \
        correction.pk

    client = client_for(None)
    old_page = html_text(client.get(reverse("reports:detail", args=[original.pk])).content)
    assert "Superseded" in old_page and "superseded by a corrected version" in old_page
    assert correction.title in old_page
    new_page = client.get(reverse("reports:detail", args=[correction.pk])).content.decode()
    assert reverse("reports:detail", args=[original.pk]) in new_page
    assert "counted a year twice" in html_text(new_page)
    new_pdf = pdf_text(client.get(reverse("reports:download", args=[correction.pk, "pdf"])).content)
    assert "Corrected version. This paper corrects and replaces" in new_pdf and "counted a year twice" in new_pdf
    old_pdf = pdf_text(client.get(reverse("reports:download", args=[original.pk, "pdf"])).content)
    assert "Superseded. This paper was replaced" in old_pdf
    listing = html_text(client.get(reverse("reports:list")).content)
    assert "Superseded" in listing


def _papers(world):
    """One paper at each step, council A's (so its editors write it and its viewers read it)."""
    def council_draft(title):
        return draft(world, user=world.editor_a, scope="council", target=world.council_a, title=title)

    submitted = services.submit_report(council_draft("Submitted"), user=world.editor_a)
    cleared = services.clear_report(services.submit_report(council_draft("Cleared"), user=world.editor_a),
                                    user=clearer())
    published = publish(council_draft("Published"), user=world.editor_a)
    return {"draft": council_draft("Draft"), "submitted": submitted, "cleared": cleared, "published": published}


# What each role gets from each step on council A's papers: 302 done (back to the paper), 403 refused, 404 unseen,
# "sign-in" for anonymous. Every paper here is unpublished except the one to correct, so the outsider sees none.
STEPS = {
    ("submit", "draft"): {"viewer_a": 403, "editor_a": 302, "editor_b": 404, "programme": 302},
    ("clear", "submitted"): {"viewer_a": 403, "editor_a": 403, "editor_b": 404, "programme": 302},
    ("return", "cleared"): {"viewer_a": 403, "editor_a": 302, "editor_b": 404, "programme": 302},
    ("correct", "published"): {"viewer_a": 403, "editor_a": 200, "editor_b": 403, "programme": 200},
}


@pytest.mark.parametrize("role", ROLES)
def test_clearance_pages_by_role(world, client_for, role):
    papers = _papers(world)
    client = client_for(world.users()[role])
    for (step, which), table in STEPS.items():
        url = reverse(f"reports:{step}", args=[papers[which].pk])
        response = client.get(url) if step == "correct" else client.post(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/" in response["Location"], (step, role)
        else:
            assert response.status_code == table[role], (step, role, response.status_code)
    if role == "editor_a":
        # The published paper is public, but only the scope's writers may correct it: the outsider got 403 above.
        assert Report.objects.get(pk=papers["draft"].pk).status == "submitted"
        assert Report.objects.get(pk=papers["cleared"].pk).status == "draft"
    # GET on a step that changes something is refused.
    if role != "anonymous":
        assert client.get(reverse("reports:submit", args=[papers["draft"].pk])).status_code == 405
