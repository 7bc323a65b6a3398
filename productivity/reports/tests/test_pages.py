"""The report pages as people use them: start, write, preview, publish, download, follow a figure."""

import pytest
from django.urls import reverse

from productivity.reports import services
from productivity.reports.models import Report
from productivity.reports.tests.support import clearer, docx_text, draft, html_text, pdf_text, publish, today


def _date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def test_programme_team_starts_writes_and_publishes_a_report(world, client_for):
    client = client_for(world.programme)
    response = client.post(reverse("reports:start"), {
        "template": "programme-update", "scope": "programme", **_date_fields("as_at", today()), "title": "",
    })
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[report.pk])
    assert report.title.startswith("Programme update: Whole programme")

    edit = {"title": "Productivity programme update", **_date_fields("as_at", today()),
            **{f"section_{key}": text for key, text in report.narrative().items()},
            "section_recommendations": "The Board is asked to:\n1. note the progress\n2. agree the next steps",
            "meeting": "Improvement Programme Board", **_date_fields("meeting_date", today()), "agenda_item": "4",
            "paper_status": "decision", "marking": "OFFICIAL", "contact_name": "Pat Officer",
            "contact_position": "Programme Manager", "contact_phone": "020 7664 3000",
            "contact_email": "pat.officer@example.org"}
    assert client.post(reverse("reports:edit", args=[report.pk]), edit).status_code == 302
    page = client.get(reverse("reports:detail", args=[report.pk]))
    text = html_text(page.content)
    assert "Productivity programme update" in text and "agree the next steps" in text
    assert "The programme had 1 project" in text and "1 projects" not in text
    assert "Agenda item 4 · For decision" in text and "Pat Officer Programme Manager 020 7664 3000" in text

    # Not cleared, so not yet published: the author submits, and cannot clear their own paper.
    assert client.post(reverse("reports:publish", args=[report.pk])).status_code == 302
    assert Report.objects.get(pk=report.pk).status == "draft"
    assert client.post(reverse("reports:submit", args=[report.pk])).status_code == 302
    page = html_text(client.get(reverse("reports:detail", args=[report.pk])).content)
    assert "Clear for publication" not in page and "never cleared by its author" in page
    assert client.post(reverse("reports:clear", args=[report.pk])).status_code == 403
    second = client_for(clearer())
    assert "Clear for publication" in html_text(second.get(reverse("reports:detail", args=[report.pk])).content)
    assert second.post(reverse("reports:clear", args=[report.pk])).status_code == 302
    assert client.post(reverse("reports:publish", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.is_published and report.snapshot["narrative"]["recommendations"].endswith("agree the next steps")
    assert report.cleared_by != report.author
    listing = html_text(client_for(None).get(reverse("reports:list")).content)
    assert "Productivity programme update" in listing


def test_starting_a_report_without_its_subject_says_what_is_missing(world, client_for):
    response = client_for(world.programme).post(reverse("reports:start"), {
        "template": "initiative-progress", "scope": "programme", **_date_fields("as_at", today())})
    text = html_text(response.content)
    assert response.status_code == 200 and "There is a problem" in text
    assert "covers one initiative" in text
    assert not Report.objects.exists()


def test_council_editor_can_only_write_about_their_council(world, client_for):
    client = client_for(world.editor_a)
    response = client.post(reverse("reports:start"), {
        "template": "programme-update", "scope": "council", "council": world.council_b.slug,
        **_date_fields("as_at", today())})
    assert response.status_code == 200 and not Report.objects.exists()
    response = client.post(reverse("reports:start"), {
        "template": "programme-update", "scope": "programme", **_date_fields("as_at", today())})
    assert response.status_code == 200 and not Report.objects.exists()
    response = client.post(reverse("reports:start"), {
        "template": "programme-update", "scope": "council", "council": world.council_a.slug,
        **_date_fields("as_at", today())})
    assert response.status_code == 302
    assert Report.objects.get().organisation == world.council_a


def test_every_figure_links_to_the_records_it_adds_up(world, client_for):
    report = draft(world)
    client = client_for(world.programme)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    url = reverse("reports:figure", args=[report.pk, "headline.savings.realised"])
    assert f'href="{url}"' in page
    records = client.get(url)
    text = html_text(records.content)
    assert "Realised savings: £420,000" in text
    assert "add up to £420,000" in text
    assert "Placement records Q1-Q4" in text and "Unverified" in text
    download = client.get(url, {"format": "csv"})
    assert download["Content-Type"].startswith("text/csv") and "ASC-001" in b"".join(download).decode()


def test_published_report_downloads_in_three_formats_with_notes(world, client_for):
    report = publish(draft(world), user=world.programme)
    client = client_for(None)
    html = client.get(reverse("reports:download", args=[report.pk, "html"]))
    pdf = client.get(reverse("reports:download", args=[report.pk, "pdf"]))
    word = client.get(reverse("reports:download", args=[report.pk, "docx"]))
    assert html["Content-Type"].startswith("text/html")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert word["Content-Type"].endswith("wordprocessingml.document")
    for text in (html_text(html.content), pdf_text(pdf.content), docx_text(word.content)):
        assert "£500,000 expected savings" in text
        assert "Gross savings of those projects: benefits only" in text
        assert "rollups." not in text and "productivity.programme" not in text
        assert text.count("as the platform's records stood at the end of") == 1
        assert "OFFICIAL" in text and "Improvement Programme Board" in text


def test_a_published_report_cannot_be_edited_but_a_new_draft_can_start_from_it(world, client_for):
    report = publish(draft(world), user=world.programme)
    client = client_for(world.programme)
    response = client.get(reverse("reports:edit", args=[report.pk]))
    assert response.status_code == 302
    response = client.post(reverse("reports:new_draft", args=[report.pk]))
    new = Report.objects.exclude(pk=report.pk).get()
    assert response["Location"] == reverse("reports:detail", args=[new.pk])
    assert new.status == "draft" and new.narrative() == report.narrative()


def test_unknown_figures_and_formats_are_not_found(world, client_for):
    report = draft(world)
    client = client_for(world.programme)
    assert client.get(reverse("reports:figure", args=[report.pk, "headline.nothing"])).status_code == 404
    assert client.get(reverse("reports:download", args=[report.pk, "odt"])).status_code == 404
    assert client.get("/reports/999999/").status_code == 404


ROLES = ["anonymous", "viewer_a", "editor_a", "editor_b", "programme"]


def _reports(world):
    programme_draft = draft(world, restricted=True)
    council_draft = draft(world, user=world.editor_a, scope="council", target=world.council_a)
    council_cleared = services.clear_report(services.submit_report(
        draft(world, user=world.editor_a, scope="council", target=world.council_a, title="Cleared council paper"),
        user=world.editor_a), user=clearer())
    public = publish(draft(world, title="Public paper"), user=world.programme)
    restricted = publish(
        draft(world, user=world.editor_a, scope="council", target=world.council_a, restricted=True),
        user=world.editor_a)
    return {"programme_draft": programme_draft, "council_draft": council_draft, "council_cleared": council_cleared,
            "public": public, "restricted": restricted}


# Who sees each report (200), and who gets 404.
READ = {
    "programme_draft": {"programme"},
    "council_draft": {"viewer_a", "editor_a", "programme"},
    "council_cleared": {"viewer_a", "editor_a", "programme"},
    "public": set(ROLES),
    "restricted": {"viewer_a", "editor_a", "programme"},
}
# Who may change each draft (200 on its edit page), who may look but not change (403), the rest 404 or sign in.
WRITE = {"programme_draft": {"programme"}, "council_draft": {"editor_a", "programme"}}
# The page each writer may open on each unpublished paper: a draft is edited, a cleared paper published.
WRITE_PAGES = {"programme_draft": "reports:edit", "council_draft": "reports:edit", "council_cleared": "reports:publish"}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, client_for, role):
    reports = _reports(world)
    client = client_for(world.users()[role])
    for name, report in reports.items():
        for url in (reverse("reports:detail", args=[report.pk]),
                    reverse("reports:figure", args=[report.pk, "headline.projects"]),
                    reverse("reports:download", args=[report.pk, "html"])):
            expected = 200 if role in READ[name] else 404
            assert client.get(url).status_code == expected, (name, url)
    for name, page in WRITE_PAGES.items():
        report, writers = reports[name], WRITE.get(name, WRITE["council_draft"])
        for url in (reverse(page, args=[report.pk]),):
            status = client.get(url).status_code
            if role == "anonymous":
                assert status == 302, (name, url)
            elif role in writers:
                assert status == 200, (name, url)
            elif role in READ[name]:
                assert status == 403, (name, url)
            else:
                assert status == 404, (name, url)
    start = client.get(reverse("reports:start")).status_code
    assert start == {"anonymous": 302, "viewer_a": 403}.get(role, 200)
    listing = html_text(client.get(reverse("reports:list")).content)
    assert ("Public paper" in listing) is True
    assert (reports["programme_draft"].title in listing) == (role == "programme")


def test_the_public_sees_organisations_not_people(world, client_for):
    from productivity.audit.context import acting_as

    with acting_as(world.programme):
        report = publish(draft(world), user=world.programme)
    public = client_for(None).get(reverse("reports:detail", args=[report.pk])).content.decode()
    # The paper names its contact officer, as committee papers do (the author, unless changed before publishing);
    # the author, publisher and history rows name the organisation instead.
    contact = "<p class=\"govuk-body pp-contact\">Programme<br>programme@example.org</p>"
    assert contact in public
    public = public.replace(contact, "")
    # The author row, the publisher and each line of the history name the organisation instead.
    assert public.count("Someone at Local Government Association") >= 3
    assert ">Programme<" not in public
    signed_in = client_for(world.viewer_a).get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert str(world.programme) in signed_in


@pytest.mark.django_db
def test_signed_in_readers_are_offered_to_follow_a_paper(world, client_for):
    from productivity.reports.tests.support import draft, publish

    report = publish(draft(world), user=world.programme)
    follow = f"/papers/{report.pk}/follow/"
    assert follow in client_for(world.viewer_a).get(f"/reports/{report.pk}/").content.decode()
    assert follow not in client_for(None).get(f"/reports/{report.pk}/").content.decode()
