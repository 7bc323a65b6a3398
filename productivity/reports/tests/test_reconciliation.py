"""Every figure of every paper adds up exactly to the records downloaded behind it.

The demo programme, every template × scope (the programme, each workstream and initiative, both
templates for an initiative, the councils with the most savings and those with dis-benefits), public
and restricted, as at several dates. For each money figure the records' CSV download is summed; for
each count its rows (or councils) are counted. One paper is also followed over HTTP, CSV and XLSX.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from productivity.accounts.models import Role
from productivity.accounts.tests.factories import make_member
from productivity.core.exports import table_download
from productivity.organisations.models import Organisation, OrganisationKind
from productivity.programme.models import Initiative, Workstream
from productivity.reports import services
from productivity.reports.downloads import record_columns
from productivity.reports.figures import ledger
from productivity.reports.services import build_report
from productivity.reports.snapshot import compute_snapshot

DATES = (dt.date(2012, 3, 1), dt.date(2013, 3, 31), dt.date(2014, 9, 30))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo programme, loaded once for the module (and removed after it)."""
    with django_db_blocker.unblock():
        call_command("import_organisations", verbosity=0)
        call_command("load_demo", verbosity=0)
        yield
        call_command("flush", verbosity=0, interactive=False)


def _papers():
    papers = [("programme-update", "programme", None, False), ("programme-update", "programme", None, True)]
    papers += [("programme-update", "workstream", w, False) for w in Workstream.objects.order_by("pk")]
    for initiative in Initiative.objects.order_by("pk"):
        papers += [("programme-update", "initiative", initiative, False),
                   ("initiative-progress", "initiative", initiative, True)]
    councils = Organisation.objects.councils().annotate(
        saving_count=Count("savings", distinct=True),
        disbenefit_count=Count("savings", filter=Q(savings__is_disbenefit=True), distinct=True))
    most = councils.order_by("-saving_count", "pk")[:2]
    chosen = [*most, *councils.filter(disbenefit_count__gt=0).order_by("pk")[:2]]
    papers += [("programme-update", "council", council, False) for council in chosen]
    return papers


def _downloaded(figure: dict, rows: list[dict]) -> list[dict]:
    """The records as the figure page's CSV download gives them, one dict per line."""
    response = table_download(RequestFactory().get("/", {"format": "csv"}), rows, record_columns(figure), "records")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


def _money_column(figure: dict) -> str:
    return next(c.heading for c in record_columns(figure) if c.key == "amount")


def _check_paper(snapshot: dict) -> tuple[int, list[str]]:
    checked, wrong = 0, []
    for key, figure in snapshot["figures"].items():
        spec = figure["records"]
        if figure["value"] is None or spec is None or spec["total"] == "none":
            continue
        lines = _downloaded(figure, ledger.select(snapshot["ledger"], spec))
        if spec["total"] == "sum":
            column = _money_column(figure)
            found = sum((Decimal(line[column]) for line in lines), Decimal("0"))
        elif spec["total"] == "count":
            found = len(lines)
        else:
            found = len({line["Organisation"] for line in lines})
        if found != Decimal(figure["value"]):
            wrong.append(f"{key} ({figure['label']}): figure {figure['value']}, records {found}")
        checked += 1
    return checked, wrong


@pytest.mark.django_db
def test_every_figure_adds_up_to_its_downloaded_records(demo):
    papers, checked, wrong = _papers(), 0, []
    assert len(papers) > 30
    for template, scope, target, restricted in papers:
        for as_at in DATES:
            report = build_report(template=template, scope=scope, target=target, as_at=as_at, restricted=restricted)
            count, problems = _check_paper(compute_snapshot(report, with_ledger=True))
            checked += count
            wrong += [f"{report.title}{' (restricted)' if restricted else ''}: {p}" for p in problems]
    assert not wrong, "\n".join(wrong)
    assert checked > 3000


@pytest.mark.django_db
def test_records_listed_are_only_those_that_count(demo):
    report = build_report(template="programme-update", scope="programme", target=None, as_at=DATES[0])
    snapshot = compute_snapshot(report, with_ledger=True)
    figure = snapshot["figures"]["headline.savings.expected"]
    assert Decimal(figure["value"]) == Decimal("90000000")
    lines = _downloaded(figure, ledger.select(snapshot["ledger"], figure["records"]))
    # The demo's dis-benefits would add £250,000 if they were listed; they are not counted, so not listed.
    assert sum(Decimal(line["Amount"]) for line in lines) == Decimal("90000000")
    assert "Dis-benefit" not in lines[0]


@pytest.mark.django_db
def test_a_published_figures_page_and_downloads_add_up(demo, client):
    team = Organisation.objects.get(kind=OrganisationKind.PROGRAMME_TEAM)
    author, clearer = make_member(team, Role.EDITOR), make_member(team, Role.EDITOR)
    report = services.create_report(user=author, template="programme-update", scope="programme", target=None,
                                    as_at=DATES[0])
    services.submit_report(report, user=author)
    services.clear_report(report, user=clearer)
    report = services.publish_report(report, user=author)
    for key in ("headline.savings.expected", "headline.funding", "headline.adjusted_forecast"):
        figure = report.snapshot["figures"][key]
        url = reverse("reports:figure", args=[report.pk, key])
        page = client.get(url).content.decode()
        assert "add up to" in page and "dis-benefits" in page.lower() or key != "headline.savings.expected"
        column = _money_column(figure)
        lines = list(csv.DictReader(io.StringIO(b"".join(client.get(url, {"format": "csv"})).decode("utf-8-sig"))))
        assert sum((Decimal(line[column]) for line in lines), Decimal(0)) == Decimal(figure["value"]), key
        sheet = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content)).active
        headings = [c.value for c in sheet[1]]
        index = headings.index(column)
        amounts = [row[index] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert sum(Decimal(str(a)) for a in amounts) == Decimal(figure["value"]), key
