"""The page cache never shows a figure older than the records: a change made through a page, the API or an
import is on the very next request for the same page, in this process and in every other; each visitor sees
only what they may see; and each cached page still carries its own request's CSP nonce."""

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from django.core.cache import caches
from django.urls import reverse

from productivity.core import data_version
from productivity.imports import bulk
from productivity.imports.registry import get as registered
from productivity.programme.models import Saving, SavingAmount, Workstream
from productivity.programme.tests.api_support import ApiClient

PROJECT = "/programme/projects/ASC-001/"
REGISTER = "/programme/savings/"
PAGES = ["/", "/programme/initiatives/{initiative}/", REGISTER, PROJECT, "/programme/figures/"]
FIXTURES = Path(__file__).resolve().parent.parent / "productivity" / "programme" / "tests" / "fixtures"
SAVINGS_FILE = FIXTURES / "imports" / "savings_messy.csv"


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def other_process(monkeypatch):
    """This process stops counting its own writes: only the shared version, as another process reads it,
    can tell that something changed (the tests using this commit their writes)."""
    monkeypatch.setattr(data_version, "_writes", itertools.repeat(0))
    monkeypatch.setattr(data_version, "_local", 0)


def pages(world) -> list[str]:
    return [page.format(initiative=world.initiative.slug) for page in PAGES]


def read_all(client, urls) -> dict[str, str]:
    found = {}
    for address in urls:
        response = client.get(address)
        assert response.status_code == 200, address
        found[address] = response.content.decode()
    return found


def add_expected_amount_by_page(world, client_for) -> None:
    response = client_for(world.editor_a).post(
        reverse("programme:amount-create", args=["ASC-001", world.saving.pk]),
        {"financial_year": "2014", "kind": "expected", "amount": "123,457", "delivery_cost": "", "evidence_notes": ""})
    assert response.status_code == 302


def add_expected_amount_by_api(world, client_for) -> None:
    response = ApiClient(world.editor_a).post(f"/api/programme/savings/{world.saving.pk}/amounts",
                                              {"financial_year": "2014/15", "kind": "expected", "amount": "123457"})
    assert response.status_code == 201, response.content


def add_saving_by_import(world, client_for) -> None:
    with SAVINGS_FILE.open("rb") as handle:
        result = registered("savings").importer(world.editor_a, filename=SAVINGS_FILE.name).run(handle)
    assert result.problems == []


WAYS = {"page": (add_expected_amount_by_page, "£623,457"), "api": (add_expected_amount_by_api, "£623,457"),
        "import": (add_saving_by_import, "Shared telecare contract")}


def _check_change_shows_at_once(world, client_for, way: str) -> None:
    change, shows = WAYS[way]
    public = client_for(None)
    urls = [PROJECT, REGISTER]
    for html in [*read_all(public, urls).values(), *read_all(public, urls).values()]:  # computed, then cached
        assert shows not in html
    before = read_all(public, pages(world))
    change(world, client_for)
    after = read_all(public, urls)
    assert all(shows in html for html in after.values()), way
    # Every figure page that was cached moved with it: none is served as it was before the change.
    now = read_all(public, pages(world))
    assert [url for url in pages(world) if url != "/programme/figures/" and now[url] == before[url]] == []


@pytest.mark.django_db
@pytest.mark.parametrize("way", WAYS)
def test_a_change_shows_on_the_next_request(world, client_for, way):
    _check_change_shows_at_once(world, client_for, way)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("way", WAYS)
def test_a_change_committed_by_another_process_shows_on_the_next_request(world, client_for, other_process, way):
    _check_change_shows_at_once(world, client_for, way)


@pytest.mark.django_db(transaction=True)
def test_every_kind_of_write_moves_the_shared_version(world, other_process):
    seen = [data_version.current()]

    def moved() -> bool:
        seen.append(data_version.current())
        return seen[-1] != seen[-2]

    amount = world.realised
    amount.evidence_notes = "Saved with save()"
    amount.save()
    assert moved()
    SavingAmount.objects.filter(pk=amount.pk).update(evidence_notes="Changed with update()")
    assert moved()
    Workstream.objects.bulk_create([Workstream(name="Bulk", slug="bulk", position=99)])
    assert moved()
    Saving.objects.filter(pk=world.secret_saving.pk).delete()
    assert moved()
    columns = ["name", "slug", "position", "description"]
    assert bulk.insert_rows(Workstream, columns, [("Copied", "copied", 100, "")]) == 1  # COPY on PostgreSQL
    assert moved()
    list(SavingAmount.objects.all())
    caches["pages"].get("anything")
    assert not moved()  # reads move nothing


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_is_not_counted_by_other_processes_but_a_committed_one_is(world, other_process):
    from django.db import transaction

    start = data_version.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Workstream.objects.create(name="Never", slug="never", position=98)
        raise RuntimeError
    assert data_version.current() == start
    with transaction.atomic():
        for number in range(3):
            Workstream.objects.create(name=f"W{number}", slug=f"w{number}", position=200 + number)
    assert data_version.current()[0] == start[0] + 1  # once per transaction, however many rows


@pytest.mark.django_db
def test_each_visitor_sees_only_their_own_view_of_a_cached_page(world, client_for):
    editor, public, outsider = client_for(world.editor_a), client_for(None), client_for(world.editor_b)
    for _ in range(2):
        assert "Secret saving" in editor.get(REGISTER).content.decode()
        assert "Secret saving" not in public.get(REGISTER).content.decode()
        assert "Secret saving" not in outsider.get(REGISTER).content.decode()
        assert "Sign out" in editor.get("/").content.decode()
        assert "Sign out" not in public.get("/").content.decode()


@pytest.mark.django_db
def test_a_cached_page_carries_its_own_requests_nonce(world, client_for):
    public = client_for(None)
    nonces = []
    for _ in range(3):
        response = public.get(PROJECT)
        header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        in_page = set(re.findall(r'nonce="([^"]+)"', response.content.decode()))
        assert in_page == {header}
        nonces.append(header)
    assert len(set(nonces)) == 3


@pytest.mark.django_db
def test_a_message_after_a_change_is_shown_once_on_a_cached_page(world, client_for):
    client = client_for(world.editor_a)
    client.get(PROJECT)  # cached
    response = client.post(reverse("programme:amount-create", args=["ASC-001", world.saving.pk]),
                           {"financial_year": "2015", "kind": "expected", "amount": "1,000", "delivery_cost": "",
                            "evidence_notes": ""}, follow=True)
    banner = 'class="govuk-notification-banner'
    assert banner in response.content.decode()
    assert banner not in client.get(response.redirect_chain[-1][0]).content.decode()


@pytest.mark.django_db
def test_a_cached_pages_form_carries_a_token_the_visitors_session_accepts(world):
    from django.test import Client

    from productivity.reports import services

    draft = services.create_report(user=world.programme, template="programme-update", scope="programme",
                                   target=None, as_at=dt.date(2012, 3, 1))
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.programme, backend="django.contrib.auth.backends.ModelBackend")
    client.get(f"/reports/{draft.pk}/")
    page = client.get(f"/reports/{draft.pk}/").content.decode()  # served from the cache
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(reverse("reports:submit", args=[draft.pk]), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted"


def _counting_view(calls):
    from django.http import HttpResponse

    from productivity.core.page_cache import cached_page

    @cached_page
    def view(request):
        calls.append(1)
        return HttpResponse(f"<p>page {len(calls)}</p>", content_type="text/html")

    return view


@pytest.mark.django_db
def test_a_page_is_computed_once_while_nothing_changes_and_again_after_a_write(rf, world):
    from django.contrib.auth.models import AnonymousUser

    calls = []
    view = _counting_view(calls)
    request = rf.get("/somewhere/")
    request.user = AnonymousUser()
    assert [view(request).content for _ in range(3)] == [b"<p>page 1</p>"] * 3
    Workstream.objects.filter(pk=world.initiative.workstream_id).update(name="Renamed")
    assert view(request).content == b"<p>page 2</p>"


def test_pages_are_not_cached_when_the_cache_is_off(settings, rf):
    settings.PAGE_CACHE_SECONDS = 0
    calls = []
    view = _counting_view(calls)
    for _ in range(2):
        view(rf.get("/"))
    assert len(calls) == 2


@pytest.mark.django_db
def test_a_download_is_never_served_from_the_page_cache(world, client_for):
    public = client_for(None)
    first = public.get(REGISTER + "?format=csv")
    assert first["Content-Type"].startswith("text/csv")
    assert public.get(REGISTER)["Content-Type"].startswith("text/html")
    assert public.get(REGISTER + "?format=csv")["Content-Type"].startswith("text/csv")


@pytest.mark.django_db
def test_a_draft_papers_figure_records_follow_the_records(world, client_for):
    from productivity.reports import services

    draft = services.create_report(user=world.programme, template="programme-update", scope="programme",
                                   target=None, as_at=dt.date.today())
    client = client_for(world.programme)
    figure = f"/reports/{draft.pk}/figures/headline.savings.expected/"
    assert "£123,457" not in client.get(figure).content.decode()
    assert "£123,457" not in client.get(figure + "?sort=amount").content.decode()
    add_expected_amount_by_api(world, client_for)
    assert "£123,457" in client.get(figure + "?sort=amount").content.decode()
    assert "£123,457" in client.get(figure + "?page=1").content.decode()
