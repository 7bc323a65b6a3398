"""The platform loads nothing from another site: no page links a script, stylesheet, image or font
elsewhere, and /api/docs runs Swagger UI from the platform's own copy (it works with no internet)."""

import base64
import hashlib
import json
import re
from urllib.parse import urljoin, urlparse

import pytest

from productivity.reports.tests.support import draft, publish

pytestmark = pytest.mark.django_db

ATTRIBUTE = re.compile(r'\b(?:src|href|action|srcset|poster|data)="([^"]*)"')
START_PAGES = ["/", "/about/", "/programme/workstreams/", "/programme/projects/", "/programme/savings/",
               "/programme/figures/", "/programme/councils/", "/organisations/", "/reports/", "/accounts/login/",
               "/no-such-page/", "/api/docs"]
SKIP = ("/static/", "/api/", "/django-admin/", "/media/")


def foreign(url: str) -> bool:
    """An address on another site: with a scheme and host, or protocol-relative (//host)."""
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or parsed.scheme not in ("", "mailto", "tel", "data")


def visit(client, paths, limit=150):
    """The HTML of each page reached from ``paths`` by following links, up to ``limit`` pages."""
    queue, seen = list(paths), {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        response = seen[path] = client.get(path)
        if response.get("Content-Type", "").startswith("text/html"):
            for href in re.findall(r'<a [^>]*href="(/[^"#]*)"', response.content.decode()):
                if not href.startswith(SKIP) and "logout" not in href:
                    queue.append(href.replace("&amp;", "&"))
    return {path: r for path, r in seen.items() if r.get("Content-Type", "").startswith("text/html")}


@pytest.mark.parametrize("role", ["anonymous", "programme"])
def test_no_page_links_anything_on_another_site(world, client_for, role):
    pages = visit(client_for(world.users()[role]), START_PAGES + [f"/programme/projects/{world.published.reference}/"])
    assert len(pages) > 15, "the crawl should reach most of the pages"
    outside = {path: url for path, r in pages.items() for url in ATTRIBUTE.findall(r.content.decode()) if foreign(url)}
    assert outside == {}


def test_api_docs_use_only_the_platforms_own_swagger_ui_and_it_is_served(client):
    response = client.get("/api/docs")
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert response.status_code == 200
    assert {a for a in assets if foreign(a)} == set()
    assert "/static/ninja/swagger-ui-bundle.js" in assets and "/static/ninja/swagger-ui.css" in assets
    for asset in assets:
        assert client.get(urljoin("/api/docs", asset)).status_code == 200, asset


def test_the_api_document_has_no_key_twice_which_swagger_ui_refuses(client):
    repeated = []

    def keep(pairs):
        keys = [key for key, _ in pairs]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    document = json.loads(client.get("/api/openapi.json").content, object_pairs_hook=keep)
    assert document["paths"]
    assert repeated == []


def test_the_print_ready_paper_viewed_in_the_browser_lets_in_its_own_stylesheet_only(world, client_for):
    report = publish(draft(world), user=world.programme)  # through clearance, as papers are published
    response = client_for(None).get(f"/reports/{report.pk}/download/html/?view=1")
    style = re.search(r"<style>(.*?)</style>", response.content.decode(), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert style_sources(response) == ["'self'", f"'sha256-{digest}'"]
    assert style_sources(client_for(None).get("/")) == ["'self'"]


def style_sources(response) -> list[str]:
    directive = next(d for d in response["Content-Security-Policy"].split("; ") if d.startswith("style-src "))
    return directive.split()[1:]
