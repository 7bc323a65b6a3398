"""No request may cause a 500: follow every link from the home page, as the public and as the programme
team, and try the query strings people type by hand."""

import re
from urllib.parse import urljoin, urlparse

import pytest

LINK = re.compile(r'href="([^"#]+)"')
SKIP = ("/static/", "/assets/", "/django-admin/", "/api/", "/media/")


def crawl(client, start="/", limit=400):
    seen, queue, statuses = set(), [start], {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        for href in LINK.findall(response.content.decode()):
            href = href.replace("&amp;", "&")
            target = urljoin(url, href)
            parsed = urlparse(target)
            if parsed.netloc or not parsed.path.startswith("/") or parsed.path.startswith(SKIP):
                continue
            if "logout" in parsed.path:
                continue
            queue.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return statuses


@pytest.mark.parametrize("role", ["anonymous", "editor_a", "programme"])
def test_every_page_reachable_from_home_answers_without_error(world, client_for, role):
    statuses = crawl(client_for(world.users()[role]))
    assert len(statuses) > 30, "the crawl should reach most of the site"
    errors = {url: status for url, status in statuses.items() if status >= 500}
    assert errors == {}


@pytest.mark.parametrize("path", [
    "/programme/projects/?page=abc", "/programme/projects/?page=99999", "/programme/projects/?sort=nope&order=up",
    "/programme/projects/?status=nope", "/programme/projects/?format=pdf", "/programme/savings/?year=abc",
    "/programme/figures/?basis=sideways&verification=maybe", "/programme/figures/?table=council&format=xml",
    "/programme/projects/%00/", "/organisations/?q=%00", "/programme/projects/?status=a%00b", "/reports/?x%00=1",
    "/programme/initiatives/a%00b/", "/programme/projects/ASC-001/?basis=net", "/organisations/?q=%27%22%3C",
    "/councils/nowhere/", "/programme/initiatives/nope/", "/reports/999999/",
    "/imports/template/nope/", "/accounts/login/?next=//evil.example.com",
])
def test_hand_typed_addresses_never_cause_a_server_error(world, client_for, path):
    for user in (None, world.programme):
        response = client_for(user).get(path)
        assert response.status_code < 500, (path, response.status_code)
